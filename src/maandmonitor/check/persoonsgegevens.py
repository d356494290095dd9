"""Unmarked personal data of a recognisable form, in the text a public edition would publish.

What no program can know (a name, a story) stays the reader's to mark. But much personal data has
a form: a BSN (nine digits that pass the 11-test), an e-mail address, a Dutch phone number, a
postcode with a house number, an IBAN (mod-97), a date of birth ("geboren …", "geb."), a licence
plate (the RDW's side codes), and the workspace's own list of sensitive terms (names of the
persons in the approach: `gevoelige_termen.txt` beside monitor.yaml, kept out of git). Each find
in text outside a mark is a problem at its place, until it is marked or allowed in monitor.yaml
(`persoonsgegevens.toegestaan`, e.g. the programme's public e-mail address). A message names the
kind of data and where it is, never the data.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any

from ..marks import Tekst
from ..model import Pad

_MAANDEN = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_L, _D = "[A-Z]", r"\d"
# The side codes (sidecodes) of Dutch licence plates with their dashes: XX-99-99 … 999-XX-9.
_KENTEKENS = [
    "LL-DD-DD", "DD-DD-LL", "DD-LL-DD", "LL-DD-LL", "LL-LL-DD", "DD-LL-LL", "DD-LLL-D",
    "D-LLL-DD", "LL-DDD-L", "L-DDD-LL", "LLL-DD-L", "D-LL-DDD", "DDD-LL-D",
]  # fmt: skip

SOORTEN = {
    "bsn": "BSN",
    "email": "e-mailadres",
    "telefoon": "telefoonnummer",
    "adres": "postcode met huisnummer",
    "iban": "IBAN",
    "geboren": "geboortedatum",
    "kenteken": "kenteken",
}


@functools.cache
def _patroon() -> re.Pattern[str]:
    kenteken = "|".join(
        p.replace("L", _L).replace("D", _D) for p in sorted(_KENTEKENS, key=len, reverse=True)
    )
    postcode = r"[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}"
    delen = {
        "email": r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}",
        "iban": r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b",
        "geboren": (
            r"(?i:\b(?:geboren|geb\.|geboortedatum)\s*:?\s*(?:op\s+|in\s+)?"
            r"(?:\d{1,2}[-/. ]\d{1,2}[-/. ]\d{2,4}"
            rf"|\d{{1,2}}\s+(?:{_MAANDEN})\s+\d{{4}}|\d{{4}}))"
        ),
        "telefoon": r"(?<![\d+])(?:\+31|0031|0)[\s.-]?(?:\(0\)[\s.-]?)?[1-9](?:[\s.-]?\d){8}(?!\d)",
        "bsn": r"(?<![\d.,-])\d{4}[ .]?\d{2}[ .]?\d{3}(?![\d.,-])",
        "adres": rf"\b\d{{1,5}}[a-zA-Z]?,?\s+{postcode}\b|\b{postcode},?\s+\d{{1,5}}\b",
        "kenteken": rf"\b(?:{kenteken})\b",
    }
    return re.compile("|".join(f"(?P<{naam}>{p})" for naam, p in delen.items()))


def _elfproef(cijfers: str) -> bool:
    getallen = [int(c) for c in cijfers]
    som = sum(g * w for g, w in zip(getallen[:8], range(9, 1, -1), strict=True)) - getallen[8]
    return som % 11 == 0 and any(getallen)


def _iban_klopt(iban: str) -> bool:
    code = iban.replace(" ", "")
    omgezet = "".join(str(int(c, 36)) for c in code[4:] + code[:4])
    return 15 <= len(code) <= 34 and int(omgezet) % 97 == 1


def _klopt(soort: str, gevonden: str) -> bool:
    """A find of the form is the real thing (the checksums that BSN and IBAN carry)."""
    if soort == "bsn":
        return _elfproef(re.sub(r"\D", "", gevonden))
    if soort == "iban":
        return _iban_klopt(gevonden)
    return True


@dataclass(frozen=True)
class Vondst:
    pad: Pad
    soort: str  # a key of SOORTEN, or "term"
    term: int = 0  # for a term: its line in the terms file


def _normaal(text: str) -> str:
    return " ".join(text.split()).casefold()


@functools.lru_cache(maxsize=8)
def _termen(termen: tuple[str, ...]) -> re.Pattern[str] | None:
    schoon = sorted({_normaal(t) for t in termen if t.strip()}, key=len, reverse=True)
    if not schoon:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in schoon) + r")(?!\w)")


def zoek(data: Any, toegestaan: Collection[str], termen: tuple[str, ...] = ()) -> Iterator[Vondst]:
    """Every find in the text of a month file's data (its unmarked parts), in file order."""
    vrij = {_normaal(t) for t in toegestaan}
    termen_patroon = _termen(termen)
    regels = {_normaal(t): i for i, t in enumerate(termen, start=1)}
    for pad, tekst in _teksten(data, ()):
        for deel in Tekst.parse(tekst).delen:
            if not isinstance(deel, str):
                continue
            for match in _patroon().finditer(deel):
                soort = match.lastgroup or ""
                if _klopt(soort, match.group()) and _normaal(match.group()) not in vrij:
                    yield Vondst(pad, soort)
            if termen_patroon is not None:
                for match in termen_patroon.finditer(_normaal(deel)):
                    yield Vondst(pad, "term", regels.get(match.group(), 0))


def _teksten(value: Any, pad: Pad) -> Iterator[tuple[Pad, str]]:
    if isinstance(value, str):
        yield pad, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _teksten(item, (*pad, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _teksten(item, (*pad, index))
