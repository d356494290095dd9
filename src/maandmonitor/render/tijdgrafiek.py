"""The layout of a chart over time (the months of a year, every month of the archive, its
years): lines broken where a point has no figure, or grouped bars; its legend, laid out from the
text widths of charts.py so that no entry runs into another; and the one line under it that says
what is missing and why.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from .charts import LETTERS, afbreken, tekstbreedte
from .env import aantal


@dataclass(frozen=True)
class Lijn:
    """One series of a chart over time: a value per point, None for a gap."""

    naam: str
    waarden: tuple[int | None, ...]


@dataclass(frozen=True)
class Legendaplek:
    """Where one legend entry goes: its swatch at (x, y), its name in lines to the right."""

    x: int
    y: int
    regels: tuple[str, ...]


# Ten series (more repeat them), told apart by colour and by dash pattern, not by colour alone;
# every colour has at least 3:1 contrast on white. The first is the programme's colour.
KLEUREN = (
    "", "#004699", "#595959", "#00778a", "#a35200",
    "#7a2c8f", "#8a6d00", "#c2185b", "#37474f", "#6d4c41",
)  # fmt: skip
STREEPJES = (
    "",
    "8 4",
    "2 3",
    "10 3 2 3",
    "4 2",
    "12 2 2 2 2 2",
    "6 2 1 2",
    "1 2",
    "14 4",
    "3 3 9 3",
)
# Tick steps for a value axis of whole numbers: 1, 2, 5, 10, 20, 50, ...
_STAPPEN: list[int] = [m * 10**k for k in range(12) for m in (1, 2, 5)]


@dataclass(frozen=True)
class Tijdgrafiek:
    """A chart over consecutive points in time (the months of a year, every month of the
    archive, its years): lines broken where a point has no figure, or grouped bars.

    `namen`: each point in words (the text alternative, the note under the chart); `as_labels`:
    (point, label) under the axis; `later`: the points whose figures a later month's report
    states (drawn open: a ring, an outlined bar)."""

    id: str
    titel: str
    soort: Literal["lijn", "staaf"]
    namen: tuple[str, ...]
    as_labels: tuple[tuple[int, str], ...]
    reeksen: tuple[Lijn, ...]
    accent: str
    later: frozenset[int] = frozenset()
    stap: int = 48  # the width of one point
    toelichting: str = ""  # why points have no figure, in one line under the chart

    LETTERS = LETTERS
    GROOTTE = 12
    PLOT_HOOGTE = 180
    ONDER = 26  # room for the labels under the axis
    RECHTS = 12
    REGEL = 15  # the line height of a legend entry
    TUSSEN = 18  # between legend entries in a row
    MARGE = 16  # between the legend and the plot

    def kleur(self, index: int) -> str:
        return KLEUREN[index % 10] or self.accent

    def streepjes(self, index: int) -> str:
        return STREEPJES[index % 10]

    @functools.cached_property
    def maximum(self) -> int:
        return max((w for r in self.reeksen for w in r.waarden if w is not None), default=0)

    @functools.cached_property
    def waardestap(self) -> int:
        return next(s for s in _STAPPEN if s * 4 >= self.maximum)

    @functools.cached_property
    def top(self) -> int:
        return self.waardestap * 4

    @functools.cached_property
    def links(self) -> int:
        """Room for the value axis: its widest label."""
        return tekstbreedte(aantal(self.top), self.GROOTTE) + 14

    @functools.cached_property
    def breedte(self) -> int:
        return self.links + len(self.namen) * self.stap + self.RECHTS

    @functools.cached_property
    def staal(self) -> int:
        """The width of a legend swatch (a line, or a square for bars) and the gap after it."""
        return 30 if self.soort == "lijn" else 20

    @functools.cached_property
    def legenda(self) -> tuple[Legendaplek, ...]:
        """Entries in rows, left to right, each as wide as its name; a name wider than the
        chart wraps onto lines of its own. No two entries overlap, whatever their names."""
        ruimte = self.breedte - self.links - self.RECHTS
        plekken = []
        x, y, hoogte = 0, 8, 0
        for reeks in self.reeksen:
            regels = afbreken(reeks.naam, self.GROOTTE, ruimte - self.staal)
            breed = self.staal + max(tekstbreedte(r, self.GROOTTE) for r in regels)
            if x and x + breed > ruimte:  # a new row
                x, y, hoogte = 0, y + hoogte + 6, 0
            plekken.append(Legendaplek(self.links + x, y, regels))
            x += breed + self.TUSSEN
            hoogte = max(hoogte, len(regels) * self.REGEL)
        return tuple(plekken)

    @functools.cached_property
    def boven(self) -> int:
        """The top of the plot: below the legend's last line."""
        onderkant = max((p.y + len(p.regels) * self.REGEL for p in self.legenda), default=0)
        return onderkant + self.MARGE

    @functools.cached_property
    def basis(self) -> int:
        return self.boven + self.PLOT_HOOGTE

    @functools.cached_property
    def hoogte(self) -> int:
        return self.basis + self.ONDER

    def y(self, waarde: int) -> int:
        return self.basis - self.PLOT_HOOGTE * waarde // self.top

    def x(self, index: int) -> int:
        """The middle of point `index`."""
        return self.links + index * self.stap + self.stap // 2

    @property
    def raster(self) -> list[tuple[int, str]]:
        """The horizontal grid lines: (y, value as printed)."""
        return [(self.y(w), aantal(w)) for w in range(0, self.top + 1, self.waardestap)]

    @property
    def labels(self) -> list[tuple[int, str]]:
        return [(self.x(i), label) for i, label in self.as_labels]

    def segmenten(self, reeks: Lijn) -> list[str]:
        """The runs of consecutive points with a figure, as SVG points: a gap breaks the line."""
        runs: list[list[str]] = [[]]
        for i, waarde in enumerate(reeks.waarden):
            if waarde is None:
                runs.append([])
            else:
                runs[-1].append(f"{self.x(i)},{self.y(waarde)}")
        return [" ".join(run) for run in runs if run]

    def punten(self, reeks: Lijn) -> list[tuple[int, int, bool]]:
        """(x, y, from a later report) of every point with a figure."""
        return [
            (self.x(i), self.y(w), i in self.later)
            for i, w in enumerate(reeks.waarden)
            if w is not None
        ]

    @functools.cached_property
    def staafbreedte(self) -> int:
        return max(1, (self.stap - self.stap // 4) // len(self.reeksen))

    def staven(self, index: int) -> list[tuple[int, int, int, bool]]:
        """The bars of series `index`: (x, y, height, from a later report) for every point with
        a figure, the group of a point centred on it."""
        links = index * self.staafbreedte - self.staafbreedte * len(self.reeksen) // 2
        return [
            (self.x(i) + links, self.y(w), self.basis - self.y(w), i in self.later)
            for i, w in enumerate(self.reeksen[index].waarden)
            if w is not None
        ]

    @property
    def beschrijving(self) -> str:
        """The text alternative: every figure, and every gap, in words."""
        delen = []
        for i, naam in enumerate(self.namen):
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

    @property
    def heeft_cijfers(self) -> bool:
        return any(w is not None for r in self.reeksen for w in r.waarden)


def _woord(waarde: int | None) -> str:
    return "geen cijfer" if waarde is None else aantal(waarde)


def perioden(namen: Sequence[str], punten: Sequence[int]) -> str:
    """Points in words, runs as ranges: 'januari t/m mei en augustus'."""
    runs: list[list[int]] = []
    for i in sorted(punten):
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    delen = [
        namen[r[0]]
        if len(r) == 1
        else f"{namen[r[0]]} {'en' if len(r) == 2 else 't/m'} {namen[r[-1]]}"
        for r in runs
    ]
    return delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " en " + delen[-1]


def toelichting(
    soort: Literal["lijn", "staaf"],
    namen: Sequence[str],
    reeksen: Sequence[Lijn],
    later: Collection[int],
    nog_niet: Collection[int] = (),
) -> str:
    """The one line under a chart over time: which points have no figure (a gap in the line,
    no bar), which are drawn open (a later month's report states them), which are not out yet."""
    gaten = [
        i
        for i in range(len(namen))
        if i not in nog_niet and any(r.waarden[i] is None for r in reeksen)
    ]
    delen = []
    if gaten:
        waar = "daar loopt geen lijn" if soort == "lijn" else "daar staat geen staaf"
        delen.append(f"geen cijfer voor {perioden(namen, gaten)}: {waar}")
    if any(i in later for i in range(len(namen))):
        open_ = "open punt" if soort == "lijn" else "open staaf"
        delen.append(f"{open_}: een cijfer uit een latere maandmonitor")
    if nog_niet:
        delen.append(f"{perioden(namen, list(nog_niet))}: nog niet verschenen")
    zin = "; ".join(delen)
    return zin[:1].upper() + zin[1:] + "." if zin else ""
