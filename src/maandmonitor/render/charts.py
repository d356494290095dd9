"""Chart layout: the width of text in a chart, and a month's bar chart, every position in whole
pixels so that the SVG template (grafiek.html.j2) only draws; charts over time: tijdgrafiek.py.

Text in an SVG cannot be measured where it is laid out (the HTML has no script; WeasyPrint draws
the PDF), so its width is estimated from the glyph widths of the fonts the charts name (Arial and
its metric twin Liberation Sans, and the wider DejaVu Sans where neither is installed): per
character the larger of the two, rounded up. A label laid out with that width never runs into
the next one in any of those fonts; one that does not fit the chart's width wraps onto lines of
its own.

Colours and dash patterns are presentation attributes, not CSS classes: WeasyPrint does not apply
the page's CSS inside an SVG, and a browser draws attributes the same.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from .env import aantal

LETTERS = "Arial, 'Helvetica Neue', 'DejaVu Sans', sans-serif"

# Advance widths in em, the larger of Liberation Sans and DejaVu Sans, rounded up to 0.05 em
# (read from the fonts with fontTools); a character not listed counts as wide as any glyph.
_BREEDTEN = {
    0.30: "'IijlÌÍÎÏìíîï",
    0.35: " ,./:;\\|\xa0¦·‘’",
    0.40: "()-[]ft\xad",
    0.45: "!r¡²³¹",
    0.50: '"*J`¨ª°´¸º',
    0.55: "cszç“”„",
    0.60: "?L_kvxy§¯ýÿ–",
    0.65: "$0123456789FTabdeghnopqu{}¢£¤¥«µ¶»¿ßàáâãäåèéêëðñòóôõöøùúûüþ€",
    0.70: "ABEKPSVXYZÀÁÂÃÄÅÈÉÊËÝÞ",
    0.75: "CNRUÇÑÙÚÛÜ",
    0.80: "&DGHOQÐÒÓÔÕÖØ",
    0.85: "#+<=>^w~¬±×÷",
    0.90: "M",
    1.00: "%Wm©®¼½¾Ææ—…",
    1.05: "@",
}
_EM = {teken: breedte for breedte, tekens in _BREEDTEN.items() for teken in tekens}
_ONBEKEND = 1.25


def tekstbreedte(tekst: str, grootte: float) -> int:
    """The width of `tekst` at font size `grootte` (px), rounded up: never less than it is drawn
    in the charts' fonts."""
    return math.ceil(sum(_EM.get(c, _ONBEKEND) for c in tekst) * grootte)


def afbreken(tekst: str, grootte: float, breedte: int) -> tuple[str, ...]:
    """`tekst` in lines no wider than `breedte`: at spaces where it can, inside a word that is
    wider than a line by itself."""
    regels: list[str] = []
    regel = ""
    for woord in tekst.split():
        kandidaat = f"{regel} {woord}" if regel else woord
        if tekstbreedte(kandidaat, grootte) <= breedte:
            regel = kandidaat
            continue
        if regel:
            regels.append(regel)
        regel = ""
        for teken in woord:
            if regel and tekstbreedte(regel + teken, grootte) > breedte:
                regels.append(regel)
                regel = ""
            regel += teken
    return (*regels, regel) if regel or not regels else tuple(regels)


# --- the month: horizontal bars ------------------------------------------------------------------


@dataclass(frozen=True)
class Reeks:
    """One bar in a chart."""

    waarde: int
    tekst: str  # the value as printed


@dataclass(frozen=True)
class Groep:
    label: str
    reeksen: tuple[Reeks, ...]


@dataclass(frozen=True)
class Grafiek:
    """A horizontal bar chart of one month; the label column as wide as its longest label."""

    id: str
    titel: str
    beschrijving: str
    series: tuple[str, ...]
    groepen: tuple[Groep, ...]
    maximum: int

    LETTERS = LETTERS
    GROOTTE = 13
    BALK_BREEDTE = 380
    BALK_HOOGTE = 16
    GROEP_MARGE = 10

    @functools.cached_property
    def label_breedte(self) -> int:
        langste = max((tekstbreedte(g.label, self.GROOTTE) for g in self.groepen), default=0)
        return max(120, langste + 14)

    @property
    def breedte(self) -> int:
        return self.label_breedte + self.BALK_BREEDTE + 60

    @property
    def groep_hoogte(self) -> int:
        return len(self.series) * self.BALK_HOOGTE + self.GROEP_MARGE

    @property
    def boven(self) -> int:
        return 28 if len(self.series) > 1 else 0

    @property
    def hoogte(self) -> int:
        return self.boven + len(self.groepen) * self.groep_hoogte + 6

    def legenda(self, index: int) -> int:
        """The x of series `index`'s swatch: each entry as wide as its name."""
        x = self.label_breedte
        for naam in self.series[:index]:
            x += 20 + tekstbreedte(naam, self.GROOTTE) + 16
        return x

    def lengte(self, waarde: int) -> int:
        return round(self.BALK_BREEDTE * waarde / self.maximum) if self.maximum else 0


def staafgrafiek(
    id: str, titel: str, series: Sequence[str], rijen: Sequence[tuple[str, Sequence[int]]]
) -> Grafiek:
    """A month's bar chart: a group of bars (one per series) for each row, and its text
    alternative with every figure."""
    groepen = tuple(
        Groep(label, tuple(Reeks(w, aantal(w)) for w in waarden)) for label, waarden in rijen
    )
    delen = []
    for label, waarden in rijen:
        if len(series) == 1:
            delen.append(f"{label}: {aantal(waarden[0])}")
        else:
            paren = ", ".join(f"{s} {aantal(w)}" for s, w in zip(series, waarden, strict=True))
            delen.append(f"{label}: {paren}")
    maximum = max((w for _, waarden in rijen for w in waarden), default=0)
    return Grafiek(
        id, titel, f"{titel}. " + "; ".join(delen) + ".", tuple(series), groepen, maximum
    )
