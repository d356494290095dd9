"""The report of `validate`, written as the months come and never held whole.

At 12,000 months the report is some 20 MB of text (40 MB as JSON); held whole, with the outcomes
it is made of, it was most of what `validate` kept in memory. Each month's problem lines,
summary lines or JSON go into a spool as its outcome comes; the report is printed from the
spools at the end, in the same order and bytes as `Rapport` prints it: the JSON's `geldig` at the
top, and a warning of the check cache before the problems, are only known at the end.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import IO

from .. import jsonuit
from ..errors import Problem
from .report import (
    GEEN_MAANDEN,
    MaandResultaat,
    blokkeert,
    kop_json,
    programma_regel,
    slotregels,
)

IN_GEHEUGEN = 1 << 20  # a spool stays in memory up to this many characters
REGELS_PER_KEER = 1000  # lines a write: a write per line costs more than making the report


class Spoel:
    """Text written as it comes and read back once, in pieces that end with a line: in memory
    up to IN_GEHEUGEN characters, then in an anonymous temporary file (no name, so nothing is
    left behind, whatever happens); in memory after all where no temporary file can be made."""

    def __init__(self) -> None:
        self._schrijf: IO[str] = io.StringIO()
        self._in_geheugen = True
        self._grootte = 0

    def schrijf(self, tekst: str) -> None:
        self._grootte += len(tekst)
        if self._in_geheugen and self._grootte > IN_GEHEUGEN:
            self._naar_schijf()
        self._schrijf.write(tekst)

    def _naar_schijf(self) -> None:
        import tempfile  # only for a long report: not on every run's import path

        try:
            bestand = tempfile.TemporaryFile(  # noqa: SIM115  (read back and closed in `regels`)
                "w+", encoding="utf-8", errors="surrogateescape", newline="\n"
            )
        except OSError:
            return  # no temporary folder to be had: it stays in memory
        assert isinstance(self._schrijf, io.StringIO)
        bestand.write(self._schrijf.getvalue())
        self._schrijf, self._in_geheugen = bestand, False

    def regels(self) -> Iterator[str]:
        """What was written, REGELS_PER_KEER lines at a time (each piece ends with a line)."""
        self._schrijf.seek(0)
        blok: list[str] = []
        for regel in self._schrijf:
            blok.append(regel)
            if len(blok) == REGELS_PER_KEER:
                yield "".join(blok)
                blok = []
        if blok:
            yield "".join(blok)
        self._schrijf.close()


class Verslag:
    """`validate`'s report, received as it comes (an `Ontvanger`) and printed from its spools:
    `tekst` gives the pieces for stderr and stdout, `json` the pieces of the JSON."""

    def __init__(self, *, streng: bool, als_json: bool) -> None:
        self.streng = streng
        self.als_json = als_json
        self.programma_problems: list[Problem] = []
        self.programma_waarschuwingen: list[Problem] = []
        self.naamfouten: list[Problem] = []
        self.geldig = True
        self._maanden = 0
        self._fout: list[str] = []  # the months that are not in order
        self._problemen = Spoel()  # text: the months' problem lines
        self._samenvatting = Spoel()  # text: the months' summary lines; or the months' JSON

    def bestandsnamen(self, problems: list[Problem]) -> None:
        self.naamfouten = problems
        self.geldig = self.geldig and not blokkeert(problems, self.streng)

    def programma(self, problems: list[Problem]) -> None:
        self.programma_problems = problems
        self.geldig = self.geldig and not blokkeert(problems, self.streng)

    def waarschuwingen(self, problems: list[Problem]) -> None:
        self.programma_waarschuwingen = problems
        self.geldig = self.geldig and not blokkeert(problems, self.streng)

    def maand(self, resultaat: MaandResultaat) -> None:
        self._maanden += 1
        if not resultaat.geldig:
            self._fout.append(resultaat.maand)
        self.geldig = self.geldig and not blokkeert(resultaat.problems, self.streng)
        if self.als_json:
            tussen = jsonuit.TUSSEN if self._maanden > 1 else ""
            self._samenvatting.schrijf(tussen + jsonuit.item(resultaat.as_json(), 2))
            return
        for problem in resultaat.problems:
            self._problemen.schrijf(problem.located() + "\n")
        for regel in resultaat.summary_lines():
            self._samenvatting.schrijf(regel + "\n")

    def stderr(self) -> Iterator[str]:
        """The problems: those of monitor.yaml, the file names, the months'; pieces of lines."""
        if vooraf := [*self.programma_problems, *self.programma_waarschuwingen, *self.naamfouten]:
            yield "".join(p.located() + "\n" for p in vooraf)
        yield from self._problemen.regels()

    def stdout(self) -> Iterator[str]:
        """The summary, in pieces of lines."""
        if self.programma_problems:
            yield programma_regel(self.programma_problems) + "\n"
            return
        leeg = True
        for stuk in self._samenvatting.regels():
            leeg = False
            yield stuk
        slot = slotregels(
            self._maanden,
            self._fout,
            len(self.programma_waarschuwingen),
            len(self.naamfouten),
            self.streng,
        )
        if regels := ([GEEN_MAANDEN] if leeg else []) + slot:
            yield "".join(regel + "\n" for regel in regels)

    def json(self) -> Iterator[str]:
        """The JSON report in pieces: together the text `jsonuit.als_json` makes of it."""
        programma = [*self.programma_problems, *self.programma_waarschuwingen]
        kop = kop_json(self.geldig, self.streng, programma, self.naamfouten)
        if not self._maanden:
            yield jsonuit.als_json(kop)
            return
        voor, na = jsonuit.om_lijst(kop)
        yield voor
        yield from self._samenvatting.regels()
        yield na
