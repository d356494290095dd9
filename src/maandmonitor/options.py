"""What a build is asked to make: editions, formats and where; one frozen object for every build."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Editie = Literal["intern", "openbaar"]
Formaat = Literal["md", "html", "pdf", "docx", "odt"]
EDITIES: tuple[Editie, ...] = ("intern", "openbaar")
FORMATEN: tuple[Formaat, ...] = ("md", "html", "pdf", "docx", "odt")
STANDAARD_FORMATEN: tuple[Formaat, ...] = ("md", "html")  # a PDF needs the extra `pdf`
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

    def bestand(self, editie: Editie, doel: str, formaat: str) -> str:
        """Where a target's file goes, relative to `out`: openbaar/2018-06/…-openbaar.md."""
        return f"{editie}/{doel}/maandmonitor-{doel}-{editie}.{formaat}"

    def bestanden(self, doel: str) -> list[str]:
        """Every file this build makes of a target, relative to `out`."""
        return [self.bestand(e, doel, f) for e in self.edities for f in self.formaten]
