"""The public edition's guard: no confidential text in any public output, in any reading of it.

Before anything is written, every public output (Markdown, HTML, the text of a PDF) is scanned for
every confidential text of the months its data repeats: the month itself, the month before (its
column), and the earlier months of the year (the meldingen list carries them all). A find stops
the build with the location of the mark. Figures of a redacted table cannot be scanned for (a
number is everywhere); the strip (strip.py) is what protects them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel

from ..errors import MonitorError, Problem, display_path
from ..glyphs import zonder_onzichtbaar
from ..load.files import MaandBestand
from ..model import Pad, Programma, iter_teksten

_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def zonder_md_escapes(text: str) -> str:
    """Markdown as its reader sees it: backslash escapes undone, entities decoded."""
    return html.unescape(_MD_ESCAPE.sub(r"\1", text))


def _normaal(text: str) -> str:
    text = zonder_onzichtbaar(unicodedata.normalize("NFKC", text))
    return " ".join(text.split()).casefold()


def _zonder(text: str, labels: Sequence[str]) -> str:
    """Every label of a ground taken out: it is public, also where it holds a confidential word."""
    for label in labels:
        text = text.replace(label, "\x00")
    return text


def _lezingen(inhoud: str, labels: Sequence[str]) -> list[str]:
    """The output as a reader may see it: as is, entities decoded, Markdown escapes undone,
    both; normalised (see `_normaal`), so an escaped, re-cased or re-encoded copy is still found."""
    md = _MD_ESCAPE.sub(r"\1", inhoud)
    lezingen = dict.fromkeys((inhoud, html.unescape(inhoud), md, html.unescape(md)))
    return [_zonder(_normaal(v), labels) for v in lezingen]  # each distinct one once


@dataclass(frozen=True)
class Geheim:
    """One confidential text, as the guard looks for it, and the mark it stands in."""

    bestand: MaandBestand
    pad: Pad
    grond: str
    tekst: str  # normalised, the grounds' labels taken out


class Geheimen:
    """The confidential texts of each month, read once per month however many outputs repeat
    them (a month's guard reads every earlier month of its year), and the workspace's sensitive
    terms (`termen`, with the file they come from), which no public output may hold either."""

    def __init__(
        self, programma: Programma, termen: Sequence[str] = (), termen_bestand: str = ""
    ) -> None:
        self.labels = _labels(programma)
        self._per_maand: dict[str, tuple[MaandBestand, list[Geheim]]] = {}
        self.termen_bestand = termen_bestand
        schoon = {_normaal(t): regel for regel, t in enumerate(termen, start=1) if t.strip()}
        self.termen = schoon
        self._termen = _termpatroon(schoon, los=False)
        # A PDF's reading: whitespace where a word space may be only a position, or where a
        # word breaks into runs (letter by letter in an SVG chart); so any, or none, may stand
        # between the letters of a term.
        self._termen_los = _termpatroon(schoon, los=True)
        self._spatieloos: dict[str, list[int]] = {}
        for term, regel in schoon.items():
            self._spatieloos.setdefault(term.replace(" ", ""), []).append(regel)

    def termen_in(self, lezingen: Sequence[str], pdf: bool = False) -> list[int]:
        """The lines of the terms file whose term stands in one of the readings (`pdf`: readings
        of a PDF, whitespace or none between a term's letters)."""
        patroon = self._termen_los if pdf else self._termen
        if patroon is None:
            return []
        gevonden = {m.group() for v in lezingen for m in patroon.finditer(v)}
        if not pdf:
            return sorted({self.termen[t] for t in gevonden})
        return sorted({r for t in gevonden for r in self._spatieloos["".join(t.split())]})

    def van(self, bestand: MaandBestand) -> list[Geheim]:
        maand = bestand.maand.maand
        bewaard = self._per_maand.get(maand)
        if bewaard is None or bewaard[0] is not bestand:  # a month loaded again is read again
            geheimen = [
                Geheim(bestand, pad, lak.grond, _zonder(_normaal(lak.tekst), self.labels))
                for pad, tekst in iter_teksten(bestand.maand)
                for lak in tekst.lakken
                if lak.tekst is not None
            ]
            self._per_maand[maand] = bewaard = (bestand, geheimen)
        return bewaard[1]


def _termpatroon(termen: Iterable[str], los: bool) -> re.Pattern[str] | None:
    """Any of `termen` as a whole word; `los`: with any whitespace, or none, between its
    letters (a term's spaces included)."""
    if not termen:
        return None

    def patroon(term: str) -> str:
        return r"\s*".join(re.escape(c) for c in term if c != " ") if los else re.escape(term)

    gesorteerd = sorted(termen, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(patroon, gesorteerd)) + r")(?!\w)")


def _labels(programma: Programma) -> list[str]:
    return sorted({_normaal(g.label) for g in programma.lakgronden}, key=len, reverse=True)


def tekst_van(waarde: object) -> str:
    """Every text in `waarde` (dataclasses, models, mappings and sequences of them), verbatim,
    a line each: what the guard reads of data before it is printed. Not its repr, which escapes
    a quote, a tab or a backslash, so a confidential text holding one would not be found."""
    if isinstance(waarde, str):
        return waarde
    if dataclasses.is_dataclass(waarde) and not isinstance(waarde, type):
        delen: Iterable[object] = (getattr(waarde, v.name) for v in dataclasses.fields(waarde))
    elif isinstance(waarde, BaseModel):
        delen = (getattr(waarde, naam) for naam in type(waarde).model_fields)
    elif isinstance(waarde, Mapping):
        delen = (d for paar in waarde.items() for d in paar)
    elif isinstance(waarde, list | tuple | set | frozenset):
        delen = waarde
    elif waarde is None or isinstance(waarde, int | float | Decimal | dt.date):
        return ""  # a figure or a date: nothing the guard looks for
    else:
        return str(waarde)  # a kind not foreseen: read as it prints
    return "\n".join(t for t in map(tekst_van, delen) if t)


def bewaak(
    geheimen: Geheimen, bestanden: Sequence[MaandBestand], uitvoer: Mapping[Path, str]
) -> None:
    """Stop if any public output holds a confidential text of the months in `bestanden`
    (`uitvoer`: the public files and their text; for a PDF its extracted text)."""
    gezocht = [g for bestand in bestanden for g in geheimen.van(bestand)]
    if not gezocht and not geheimen.termen:  # every mark is bare, no terms: nothing to look for
        return
    problemen = []
    for path, inhoud in uitvoer.items():
        lezingen = _lezingen(inhoud, geheimen.labels)
        pdf = path.suffix == ".pdf"
        # A word space in a PDF may be a glyph or only a position, and a word may be drawn in
        # runs: its text is searched with no whitespace at all, and so is each confidential text.
        spatieloos = [lezing.replace(" ", "") for lezing in lezingen] if pdf else []
        for regel in geheimen.termen_in(lezingen, pdf):
            problemen.append(
                Problem(
                    geheimen.termen_bestand,
                    regel,
                    1,
                    "",
                    f"deze gevoelige term staat in {display_path(path)}; er is niets geschreven. "
                    "Lak hem in het maandbestand; komt hij uit een eigen sjabloon of uit "
                    "monitor.yaml, haal hem daar weg",
                )
            )
        for geheim in gezocht:
            if any(geheim.tekst in lezing for lezing in lezingen) or (
                pdf and any(geheim.tekst.replace(" ", "") in lezing for lezing in spatieloos)
            ):
                problemen.append(
                    geheim.bestand.doc.problem(
                        geheim.pad,
                        f"de vertrouwelijke tekst van de lakmarkering ({geheim.grond}) staat in "
                        f"{display_path(path)}; er is niets geschreven. Staat die tekst elders "
                        "ongelakt in het maandbestand, lak hem daar ook; is de gelakte tekst erg "
                        "kort, schrijf de passage voluit (een kort woord komt ook elders voor); "
                        "komt hij uit een eigen sjabloon, druk tekst dan af met "
                        "'| tekst(editie)'",
                    )
                )
    if problemen:
        raise MonitorError(sorted(set(problemen)))


_WOORD = re.compile(r"[^\W\d_]{5,}")


def leesbaar(tekst: str, bron: str) -> bool:
    """Whether the text read from a PDF is the text it was made from (`bron`, its Markdown): at
    least nine in ten of the longer words are found, as the guard searches a PDF (without
    whitespace: a word drawn in runs is still found). Text that cannot be read cannot be
    guarded."""
    woorden = {w.casefold() for w in _WOORD.findall(html.unescape(_MD_ESCAPE.sub(r"\1", bron)))}
    if not woorden:
        return True
    gelezen = _normaal(tekst).replace(" ", "")
    return sum(woord in gelezen for woord in woorden) >= 0.9 * len(woorden)
