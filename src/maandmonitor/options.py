"""What a build is asked to make: editions, formats and where; one frozen object for every build."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Editie = Literal["intern", "openbaar"]
Formaat = Literal["md", "html", "pdf", "docx", "odt", "data"]
# What makes a page's PDF: from the edition, its HTML and its charts (id, title, description).
PdfMaker = Callable[[Editie, str, Sequence[tuple[str, str, str]]], bytes]
EDITIES: tuple[Editie, ...] = ("intern", "openbaar")
FORMATEN: tuple[Formaat, ...] = ("md", "html", "pdf", "docx", "odt", "data")
STANDAARD_FORMATEN: tuple[Formaat, ...] = ("md", "html")  # a PDF needs the extra `pdf`
DATAMAP = "data"  # the data package's folder beside the report
DATAPAKKET = f"{DATAMAP}/datapackage.json"
# The data package's own tables, beside one per breakdown: the one list of the names a breakdown
# may not have (load/files.py refuses them in monitor.yaml): its CSV and resource would be the
# table's.
PERSONEN, PARTIJEN, MELDINGEN, INVENTARIS = (
    "personen_in_regie",
    "regiepartijen",
    "meldingen",
    "inventaris",
)
EIGEN_TABELLEN = (PERSONEN, PARTIJEN, MELDINGEN, INVENTARIS)
# The charts of the year view and the archive page that are not a breakdown's ("jaar-regie",
# "archief-stroom", …): a breakdown's chart is "jaar-<id>", so a breakdown may not have these ids.
EIGEN_GRAFIEKEN = ("regie", "stroom", MELDINGEN)
DIWOO = "diwoo.xml"  # maandmonitor-2018-06-openbaar.diwoo.xml: the DiWoo metadata
ARCHIEF = "archief"  # the target of the archive's data package (build --all --format data)
INDEX = "index"  # the target of the archive page, index.html in each edition's root (--all)
Kantoorformaat = Literal["docx", "odt"]  # made by pandoc (the extra `office`)
KANTOORFORMATEN: tuple[Kantoorformaat, ...] = ("docx", "odt")


@dataclass(frozen=True)
class BouwOpties:
    """The options of `build` (a month, a year or --all). Each edition has a root of its own under
    `out` (`build/openbaar/`, `build/intern/`), so that the public one can be published, or
    uploaded by CI, without the internal one ever going along."""

    out: Path = Path("build")
    edities: tuple[Editie, ...] = EDITIES
    formaten: tuple[Formaat, ...] = STANDAARD_FORMATEN
    definitief: bool = False  # the public edition only of months that are signed off
    diwoo: bool = True  # monitor.yaml has `woo`: a public month gets its DiWoo metadata

    def bestand(self, editie: Editie, doel: str, formaat: str) -> str:
        """Where a target's file goes, relative to `out`: openbaar/2018-06/…-openbaar.md; a file
        of the data package (`data/…`) in the folder `data` beside it."""
        if formaat.startswith(f"{DATAMAP}/"):
            return f"{editie}/{doel}/{formaat}"
        if doel == INDEX:
            return f"{editie}/index.{formaat}"
        return f"{editie}/{doel}/maandmonitor-{doel}-{editie}.{formaat}"

    def bestanden(self, doel: str) -> list[str]:
        """Every file this build makes of a target, relative to `out`; of the data package its
        datapackage.json. The public edition of a month has its DiWoo metadata beside it; the
        data package is of the public edition of a month, or (ARCHIEF) of every month; the
        archive page (INDEX) is HTML."""
        maand = len(doel) == 7
        openbaar = "openbaar" in self.edities
        if doel == ARCHIEF:
            return (
                [self.bestand("openbaar", doel, DATAPAKKET)]
                if openbaar and "data" in self.formaten
                else []
            )
        if doel == INDEX:
            return [self.bestand(e, doel, "html") for e in self.edities if "html" in self.formaten]
        uit = [self.bestand(e, doel, f) for e in self.edities for f in self.formaten if f != "data"]
        if maand and openbaar and self.diwoo:
            uit.append(self.bestand("openbaar", doel, DIWOO))
            if "data" in self.formaten:
                uit.append(self.bestand("openbaar", doel, DATAPAKKET))
        return uit
