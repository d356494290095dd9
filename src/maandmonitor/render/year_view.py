"""The year view: the months of one year side by side, as tables and inline SVG charts.

Built from the month files present, each checked before (the build renders a year only when every
month of it is free of errors: a year drawn from a month that does not add up would mislead
silently). A month without a file is a gap: "—" and "geen bestand" in the table, a break in the
line, no bar; never a zero.

The year view holds only figures, never text from the data, so there is nothing to redact; it is
still rendered per edition, through the same Jinja environment and Markdown → HTML step as a month,
so that whatever the public edition adds later applies here too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from markupsafe import Markup

from ..model import Gelakt, Maand, NietBeschikbaar, Programma, UitsplitsingDef
from ..months import korte_maandnaam, maanden_van, maandnaam
from ..options import EDITIES, KANTOORFORMATEN, STANDAARD_FORMATEN, Editie, Formaat
from .env import aantal, make_env, render
from .markdown import markdown_to_html

GEEN_BESTAND = "geen bestand"


# --- the figures ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class JaarMaand:
    """One month of the year: its figures, each None where there is no figure (a gap)."""

    maand: str
    totaal: int | None = None
    on_hold: int | None = None
    instroom: int | None = None
    uitstroom: int | None = None
    meldingen: int | None = None
    opmerking: str = GEEN_BESTAND  # why the month's figures are missing, "" when they are there


@dataclass(frozen=True)
class UitsplitsingMaand:
    """One month of a breakdown: a figure per category (None: a gap), and why there are none."""

    maand: str
    waarden: tuple[int | None, ...]
    opmerking: str


@dataclass(frozen=True)
class JaarUitsplitsing:
    """A breakdown over the months of the year."""

    definitie: UitsplitsingDef
    rijen: tuple[UitsplitsingMaand, ...]


def _jaar_maand(maand: str, month: Maand | None) -> JaarMaand:
    if month is None:
        return JaarMaand(maand)
    inzet = month.inzet
    pir = inzet.personen_in_regie
    return JaarMaand(
        maand,
        totaal=pir.totaal,
        on_hold=pir.on_hold,
        instroom=pir.instroom,
        uitstroom=pir.uitstroom,
        # this month's meldingen as its own file states them
        meldingen=next((len(m.items) for m in inzet.meldingen if m.maand == maand), None),
        opmerking="",
    )


def _uitsplitsing_maand(
    maand: str, month: Maand | None, definitie: UitsplitsingDef
) -> UitsplitsingMaand:
    gaten: tuple[int | None, ...] = (None,) * len(definitie.categorieen)
    if month is None:
        return UitsplitsingMaand(maand, gaten, GEEN_BESTAND)
    cijfers = month.inzet.subjecten.get(definitie.id)
    if isinstance(cijfers, dict):
        return UitsplitsingMaand(
            maand, tuple(cijfers.get(c.id, 0) for c in definitie.categorieen), ""
        )
    # why a month with a file has no figures here: redacted, not available, not stated
    if isinstance(cijfers, Gelakt):
        return UitsplitsingMaand(maand, gaten, "gelakt")
    if isinstance(cijfers, NietBeschikbaar):
        return UitsplitsingMaand(maand, gaten, "niet beschikbaar")
    return UitsplitsingMaand(maand, gaten, "niet in het maandbestand")


def _onderdrukt(rij: UitsplitsingMaand) -> UitsplitsingMaand:
    """Fail closed until small-cell suppression is applied to the year view: where the programme
    suppresses small counts of a breakdown, the public year view shows none of them, so that it
    can never reveal what a month's public report suppressed."""
    gaten = (None,) * len(rij.waarden)
    return replace(
        rij, waarden=gaten, opmerking=rij.opmerking or "onderdrukt in de openbare editie"
    )


# --- the charts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lijn:
    """One series of a year chart: a value per month, None for a gap."""

    naam: str
    waarden: tuple[int | None, ...]


# Tick steps for a value axis of whole numbers: 1, 2, 5, 10, 20, 50, ...
_STAPPEN: list[int] = [m * 10**k for k in range(9) for m in (1, 2, 5)]


@dataclass(frozen=True)
class Jaargrafiek:
    """A chart over the twelve months, laid out here in whole pixels so the template only draws:
    lines (`lijn`, broken where a month has no figure) or grouped bars (`staaf`)."""

    id: str
    titel: str
    soort: Literal["lijn", "staaf"]
    maanden: tuple[str, ...]  # JJJJ-MM, twelve
    reeksen: tuple[Lijn, ...]

    LINKS = 44  # room for the value axis
    STAP = 48  # width of one month
    PLOT_HOOGTE = 180
    ONDER = 26  # room for the month names
    LEGENDA_PER_REGEL = 3
    LEGENDA_BREEDTE = 200
    REGEL = 20

    @property
    def breedte(self) -> int:
        return self.LINKS + len(self.maanden) * self.STAP + 12

    @property
    def boven(self) -> int:
        regels = -(-len(self.reeksen) // self.LEGENDA_PER_REGEL)
        return 8 + regels * self.REGEL

    @property
    def hoogte(self) -> int:
        return self.boven + self.PLOT_HOOGTE + self.ONDER

    @property
    def basis(self) -> int:
        return self.boven + self.PLOT_HOOGTE

    @property
    def stap(self) -> int:
        maximum = max((w for r in self.reeksen for w in r.waarden if w is not None), default=0)
        return next(s for s in _STAPPEN if s * 4 >= maximum)

    @property
    def top(self) -> int:
        return self.stap * 4

    def y(self, waarde: int) -> int:
        return self.basis - self.PLOT_HOOGTE * waarde // self.top

    def x(self, index: int) -> int:
        """The middle of month `index`."""
        return self.LINKS + index * self.STAP + self.STAP // 2

    def legenda(self, index: int) -> tuple[int, int]:
        regel, kolom = divmod(index, self.LEGENDA_PER_REGEL)
        return self.LINKS + kolom * self.LEGENDA_BREEDTE, 8 + regel * self.REGEL

    @property
    def raster(self) -> list[tuple[int, str]]:
        """The horizontal grid lines: (y, value as printed)."""
        return [(self.y(w), aantal(w)) for w in range(0, self.top + 1, self.stap)]

    @property
    def labels(self) -> list[tuple[int, str]]:
        return [(self.x(i), korte_maandnaam(m)) for i, m in enumerate(self.maanden)]

    @property
    def gaten(self) -> list[int]:
        """The x of every month without a figure in any series."""
        return [
            self.x(i)
            for i in range(len(self.maanden))
            if all(r.waarden[i] is None for r in self.reeksen)
        ]

    def segmenten(self, reeks: Lijn) -> list[str]:
        """The runs of consecutive months with a figure, as SVG points: a gap breaks the line."""
        runs: list[list[str]] = [[]]
        for i, waarde in enumerate(reeks.waarden):
            if waarde is None:
                runs.append([])
            else:
                runs[-1].append(f"{self.x(i)},{self.y(waarde)}")
        return [" ".join(run) for run in runs if run]

    def punten(self, reeks: Lijn) -> list[tuple[int, int]]:
        return [(self.x(i), self.y(w)) for i, w in enumerate(reeks.waarden) if w is not None]

    @property
    def staafbreedte(self) -> int:
        return max(3, (self.STAP - 12) // len(self.reeksen))

    def staven(self, index: int) -> list[tuple[int, int, int]]:
        """The bars of series `index`: (x, y, height) for every month with a figure."""
        links = index * self.staafbreedte - (self.STAP - 12) // 2
        return [
            (self.x(i) + links, self.y(w), self.basis - self.y(w))
            for i, w in enumerate(self.reeksen[index].waarden)
            if w is not None
        ]

    @property
    def beschrijving(self) -> str:
        """The text alternative: every figure, and every gap, in words."""
        delen = []
        for i, maand in enumerate(self.maanden):
            naam = maandnaam(maand, hoofdletter=True)
            waarden = [r.waarden[i] for r in self.reeksen]
            if all(w is None for w in waarden):
                delen.append(f"{naam}: geen cijfers")
            elif len(self.reeksen) == 1:
                delen.append(f"{naam}: {_woord(waarden[0])}")
            else:
                paren = ", ".join(
                    f"{r.naam} {_woord(w)}" for r, w in zip(self.reeksen, waarden, strict=True)
                )
                delen.append(f"{naam}: {paren}")
        return f"{self.titel}. " + "; ".join(delen) + "."


def _woord(waarde: int | None) -> str:
    return "geen cijfer" if waarde is None else aantal(waarde)


def _grafieken(
    programma: Programma, rijen: Sequence[JaarMaand], uitsplitsingen: Sequence[JaarUitsplitsing]
) -> list[Jaargrafiek]:
    """The core figures, and every breakdown as monitor.yaml says (lines by default); no chart
    without a single figure."""
    maanden = tuple(r.maand for r in rijen)
    titels = programma.bewoording.grafieken

    def lijn(naam: str, veld: str) -> Lijn:
        return Lijn(naam, tuple(getattr(r, veld) for r in rijen))

    grafieken = [
        Jaargrafiek(
            "jaar-regie",
            titels.personen_in_regie,
            "lijn",
            maanden,
            (lijn("Totaal in regie", "totaal"), lijn("On hold", "on_hold")),
        ),
        Jaargrafiek(
            "jaar-stroom",
            titels.stroom,
            "staaf",
            maanden,
            (lijn("Instroom", "instroom"), lijn("Uitstroom", "uitstroom")),
        ),
        Jaargrafiek(
            "jaar-meldingen", titels.meldingen, "staaf", maanden, (lijn("Meldingen", "meldingen"),)
        ),
    ]
    for u in uitsplitsingen:
        keuze = u.definitie.grafiek
        if keuze.jaar == "geen":
            continue
        reeksen = tuple(
            Lijn(_categorie(u.definitie, i), tuple(r.waarden[i] for r in u.rijen))
            for i in range(len(u.definitie.categorieen))
        )
        titel = keuze.titel or f"{u.definitie.titel} per maand"
        soort: Literal["lijn", "staaf"] = "lijn" if keuze.jaar == "lijnen" else "staaf"
        grafieken.append(Jaargrafiek(f"jaar-{u.definitie.id}", titel, soort, maanden, reeksen))
    return [g for g in grafieken if any(w is not None for r in g.reeksen for w in r.waarden)]


def _categorie(definitie: UitsplitsingDef, index: int) -> str:
    label = definitie.categorieen[index].label
    return f"{index + 1}. {label}" if definitie.genummerd else label


# --- rendering and building -----------------------------------------------------------------------


def render_year(
    programma: Programma,
    jaar: str,
    maanden: dict[str, Maand],
    *,
    edities: Sequence[Editie] = EDITIES,
    formaten: Sequence[Formaat] = STANDAARD_FORMATEN,
    templates: Path | None = None,
) -> dict[tuple[Editie, str], str | bytes]:
    """Every requested edition and format of the year view, in memory, and the forms they are
    made from (see render_month)."""
    rijen = [_jaar_maand(m, maanden.get(m)) for m in maanden_van(jaar)]
    alle = [
        JaarUitsplitsing(
            u, tuple(_uitsplitsing_maand(m, maanden.get(m), u) for m in maanden_van(jaar))
        )
        for u in programma.uitsplitsingen
    ]
    env = make_env(programma, templates)
    result: dict[tuple[Editie, str], str | bytes] = {}
    for editie in edities:
        uitsplitsingen = [
            replace(u, rijen=tuple(_onderdrukt(r) for r in u.rijen))
            if editie == "openbaar" and u.definitie.onderdrukking.aan
            else u
            for u in alle
        ]
        context: dict[str, Any] = {
            "programma": programma,
            "jaar": jaar,
            "editie": editie,
            "rijen": rijen,
            "uitsplitsingen": uitsplitsingen,
            "aanwezig": len(maanden),
        }
        markdown = render(env, "jaar.md.j2", context)
        result[(editie, "md")] = markdown
        if "html" in formaten or "pdf" in formaten:
            grafieken = _grafieken(programma, rijen, uitsplitsingen)
            page = render(
                env,
                "jaar.html.j2",
                {
                    **context,
                    "inhoud": Markup(markdown_to_html(markdown, pakket=templates is None)),
                    "grafieken": grafieken,
                },
            )
            result[(editie, "html")] = page
            if "pdf" in formaten:
                from .pdf import html_naar_pdf  # WeasyPrint is optional and slow to import

                result[(editie, "pdf")] = html_naar_pdf(
                    page, {g.titel: g.beschrijving for g in grafieken}
                )
        for formaat in KANTOORFORMATEN:
            if formaat in formaten:  # the tables; the charts repeat them (and are CSS-styled)
                from .docx import naar_document, voor_pandoc

                titel = f"{programma.titel} {jaar}: jaaroverzicht"
                label = "Openbare editie (Woo)" if editie == "openbaar" else "Interne editie"
                result[(editie, formaat)] = naar_document(
                    voor_pandoc(markdown),
                    formaat,
                    titel=titel,
                    ondertitel=label,
                    kop="",
                    voet=f"{titel} · {label}",
                    afbeeldingen=[],
                    datum=dt.date(int(jaar), 12, 31),
                )
    return result
