"""How a rule (controle) is written: metadata, the month in context, and what it records.

A rule is a small function plus metadata (id, one-line Dutch description, severity), registered
with `@controle`. It gets the month in context (the programme, the file, earlier months' files) and
records on its `Toets` every item it checked: passed, failed (a located Problem saying expected vs
found) or skipped (with the reason). A skipped item is never counted as passed. A comparison of a
total with what something else gives for it also records that testimony (`Getuige`), so that a
total every check contradicts can be named as the cause (oorzaak.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from ..errors import Ernst, Problem
from ..load.document import Document
from ..load.files import MaandBestand
from ..model import Maand, Pad, Programma
from ..months import maand_terug
from ..workspace import Archief

Uitkomst = Literal["geslaagd", "mislukt", "overgeslagen"]
# A part of a message, or what makes it: a rule passes a function where the part names a place
# in a file (a line number), so that a check that passes never asks where anything stands.
Tekstdeel = str | Callable[[], str]


def _tekst(deel: Tekstdeel) -> str:
    return deel if isinstance(deel, str) else deel()


INZET: Pad = ("inzet_op_risicos",)
PIR: Pad = (*INZET, "personen_in_regie")
VORIG: Pad = (*INZET, "vorige_maand")


@dataclass(frozen=True)
class Context:
    programma: Programma
    huidig: MaandBestand
    archief: Archief

    @property
    def maand(self) -> Maand:
        return self.huidig.maand

    @property
    def doc(self) -> Document:
        return self.huidig.doc

    def eerder(self, n: int) -> MaandBestand | str:
        """The file of `n` months before this one, or why it is not available."""
        return self.archief.bestand(maand_terug(self.maand.maand, n))


@dataclass(frozen=True)
class Cijfer:
    """A stated figure and where it stands."""

    waarde: int
    doc: Document
    pad: Pad

    def bron(self, hier: Document) -> str:
        """Where the figure stands, as seen from the file `hier`: 'regel 109' or 'file:109'."""
        line = self.doc.position(self.pad)[0]
        return f"regel {line}" if self.doc is hier else f"{self.doc.file}:{line}"


@dataclass(frozen=True)
class Getuige:
    """What a check says about a figure: that `als` ("de casussen", or the id of a breakdown
    when `uitsplitsing`) gives `waarde` for it."""

    cijfer: Cijfer
    als: str
    waarde: int
    uitsplitsing: bool = False


@dataclass(frozen=True)
class Getuigenis:
    getuige: Getuige
    problem: Problem | None  # None: it agreed
    geheim: bool  # a redacted table's sum: no message may repeat it


@dataclass(frozen=True)
class Controle:
    id: str
    omschrijving: str
    ernst: Ernst
    toets: Callable[[Context, Toets], None]
    cijfers: bool  # about the figures of the person-centred approach: only where there are some


CONTROLES: list[Controle] = []


def controle(
    ident: str, omschrijving: str, ernst: Ernst = "fout", *, cijfers: bool = False
) -> Callable[[Callable[[Context, Toets], None]], Callable[[Context, Toets], None]]:
    """Register a rule; `cijfers`: it reads the figures block, so a programme without a
    person-centred approach does not have it."""

    def register(toets: Callable[[Context, Toets], None]) -> Callable[[Context, Toets], None]:
        CONTROLES.append(Controle(ident, omschrijving, ernst, toets, cijfers))
        return toets

    return register


@dataclass
class Toets:
    """What one rule found in one month: items passed, problems, and skipped items with reasons."""

    controle: Controle
    geslaagd: int = 0
    problems: list[Problem] = field(default_factory=list)
    overgeslagen: list[str] = field(default_factory=list)
    getuigenissen: list[Getuigenis] = field(default_factory=list)

    @property
    def uitkomst(self) -> Uitkomst:
        if self.problems:
            return "mislukt"
        return "geslaagd" if self.geslaagd else "overgeslagen"

    def sla_over(self, reden: str) -> None:
        self.overgeslagen.append(reden)

    def controleer(
        self, klopt: bool, doc: Document, pad: Pad, melding: Tekstdeel
    ) -> Problem | None:
        if klopt:
            self.geslaagd += 1
            return None
        c = self.controle
        self.problems.append(doc.problem(pad, _tekst(melding), ernst=c.ernst, controle=c.id))
        return self.problems[-1]

    def gelijk(
        self,
        doc: Document,
        pad: Pad,
        verwacht: int,
        uitleg: Tekstdeel,
        gevonden: int,
        waar: Tekstdeel = "",
        *,
        geheim: bool = False,
        getuige: Getuige | None = None,
    ) -> None:
        """`verwacht` == `gevonden`; `geheim`: figures of a redacted table, which a message (on
        stderr, in a CI log, in the cache) never repeats: it says where, not what. `getuige`:
        this compares a total with what something else gives for it."""

        def melding() -> str:
            if geheim:
                return (
                    f"verwacht het cijfer van {_tekst(uitleg).strip('()')}, gevonden een ander "
                    f"cijfer {_tekst(waar)}".rstrip()
                    + "; de cijfers van een gelakte tabel worden niet herhaald"
                )
            found = f"{gevonden} {_tekst(waar)}".rstrip()
            return f"verwacht {verwacht} {_tekst(uitleg)}, gevonden {found}"

        problem = self.controleer(verwacht == gevonden, doc, pad, melding)
        if getuige is not None:
            self.getuigenissen.append(Getuigenis(getuige, problem, geheim))

    def hoogstens(
        self, doc: Document, pad: Pad, grens: int, uitleg: Tekstdeel, gevonden: int
    ) -> None:
        self.controleer(
            gevonden <= grens,
            doc,
            pad,
            lambda: f"verwacht hoogstens {grens} {_tekst(uitleg)}, gevonden {gevonden}",
        )
