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
import unicodedata
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from typing import Any

from ..glyphs import zonder_onzichtbaar
from ..marks import Tekst
from ..model import Pad

_MAANDEN = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|mrt|apr|jun|jul|aug|sept|sep|okt|nov|dec"
)
_L, _D = "[A-Z]", r"\d"
# The side codes (sidecodes) of Dutch licence plates with their dashes: XX-99-99 … 999-XX-9.
_KENTEKENS = [
    "LL-DD-DD", "DD-DD-LL", "DD-LL-DD", "LL-DD-LL", "LL-LL-DD", "DD-LL-LL", "DD-LLL-D",
    "D-LLL-DD", "LL-DDD-L", "L-DDD-LL", "LLL-DD-L", "D-LL-DDD", "DDD-LL-D",
]  # fmt: skip
# Two-letter Dutch words that follow a number and a year more often than a postcode's letters do.
_GEEN_POSTCODE = "en|op|de|in|te|of|om|is|na|al|nu|ja|uw|ik|we|je|er|an|af|bv|ca"
# Every dash but the hyphen, each read as one (a class, not str.translate: 15 times as fast)
_STREEPJES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63]")

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
def _patroon(met_email: bool = True) -> re.Pattern[str]:
    """The pattern of every kind; `met_email` False: without the e-mail address, for text
    without an `@`, where it cannot match (and it costs a quarter of the scan, trying a word at
    every position)."""
    kenteken = "|".join(
        p.replace("L", _L).replace("D", _D) for p in sorted(_KENTEKENS, key=len, reverse=True)
    )
    los = "|".join(
        p.replace("-", "").replace("L", _L).replace("D", _D)
        for p in _KENTEKENS
        if "LLL" in p or "DDD" in p  # without dashes only the distinctive ones
    )
    postcode = r"[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}"
    huisnummer = r"\d{1,5}(?:\s?-?\s?[A-Za-z]{1,3}\b|-\d{1,3})?"
    datum = rf"\d{{1,2}}[-/. ]\d{{1,2}}[-/. ]\d{{2,4}}|\d{{1,2}}\s+(?:{_MAANDEN})\.?\s+\d{{4}}"
    nationaal = r"(?:[\s().-]{0,3}\d){9}(?!\d)"
    delen = {
        "email": r"[\w.%+-]+\s?@\s?[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}",
        "iban": r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]){11,30}",
        "geboren": (
            r"(?i:\b(?:geb\.?\s?datum|geboortedatum|geboren|geb)\b\.?"
            rf"[^.;:\n]{{0,40}}?:?\s*(?:{datum})"
            r"|\b(?:geb\.?|geboortejaar|geboortedatum)\s*:?\s*(?:19|20)\d{2}\b)"
        ),
        "telefoon": rf"(?<![\d+])(?:(?:\+31|0031)(?:\s*\(0\))?|\(?0){nationaal}",
        "bsn": (
            r"(?<!\d)(?<!\d[.,-])(?:\d{4}[ .]?\d{2}[ .]?\d{3}|\d{3}[ .]\d{3}[ .]\d{3})"
            r"(?!\d)(?![.,-]\d)"
        ),
        "adres": (
            rf"\b{huisnummer},?\s+(?:{postcode}|[1-9]\d{{3}}\s?(?!(?:{_GEEN_POSTCODE})\b)"
            rf"[a-z]{{2}})\b|\b{postcode},?\s+\d{{1,5}}\b"
        ),
        "kenteken": rf"\b(?i:{kenteken})\b|\b(?:{los})\b",
    }
    if not met_email:
        del delen["email"]
    return re.compile("|".join(f"(?P<{naam}>{p})" for naam, p in delen.items()))


# Where a find can start: every kind but two has a digit among its first seven characters (an
# IBAN's two letters, a licence plate's "AB-CD-" at most, a phone number's "+" or "(" come
# first); a date of birth starts with "geb" (every keyword does); an e-mail address with its
# part before the "@", of the characters it allows (the possessive run takes all of them, as
# the address's own run must: none of them is a space or an "@").
# Two forms of this one fact: this look-ahead (wider: any six characters before the digit) for
# text with an "@", where an address may start anywhere in a run of word characters, and the
# places tried one by one in `_vondsten` (narrower: `_AANLOOP`) for text without, which is most
# text and where that is cheaper. tests/test_scan_gelijk.py holds both to the whole pattern.
_BEGIN = r"\D{0,6}+\d|(?i:geb)"
_BEGIN_EMAIL = r"|[\w.%+-]*+\s?@"


@functools.cache
def _zoekpatroon(met_email: bool = True) -> re.Pattern[str]:
    """`_patroon` behind a look-ahead for where a find can start (`_BEGIN`): it finds the same,
    in the same places (the look-ahead holds at the start of every match of `_patroon`, and
    takes nothing), and rejects most places with a cheap test instead of trying every kind at
    each: a third of the time on a report."""
    begin = _BEGIN + (_BEGIN_EMAIL if met_email else "")
    return re.compile(f"(?=(?:{begin}))(?:{_patroon(met_email).pattern})")


_CIJFERS = re.compile(r"\d+")
_GEB = re.compile(r"(?i:geb)")
# What may stand between where a find starts and its first digit: an IBAN's letters, a licence
# plate's letters and dashes, a phone number's "+" or "(" (a superset: any word character).
_AANLOOP = re.compile(r"[\w+(-]*\Z")


def _vondsten(gelezen: str) -> Iterator[re.Match[str]]:
    """What `_patroon(...).finditer(gelezen)` gives, the same matches in the same order, tried
    only where one can start. With an "@" that is the look-ahead form; without, the places are
    few enough to try one by one: a find but a date of birth ("geb…") has a digit among its
    first seven characters, and the first digit from where it starts begins a run of digits
    (no kind starts inside one: each needs a non-digit or a word boundary before it). So a
    find starts at such a run, or at most six characters before it, all of them of `_AANLOOP`,
    or at a "geb"."""
    if "@" in gelezen:
        yield from _zoekpatroon(True).finditer(gelezen)
        return
    patroon = _patroon(False)
    plaatsen = [(m.start(), m.start()) for m in _GEB.finditer(gelezen)]
    for run in _CIJFERS.finditer(gelezen):
        eerste = run.start()
        aanloop = _AANLOOP.search(gelezen, max(eerste - 6, 0), eerste)
        plaatsen.append((aanloop.start() if aanloop else eerste, eerste))
    verder = 0  # every place before it was tried, or lies inside a find
    for begin, eind in sorted(plaatsen):
        plek = max(begin, verder)
        while plek <= eind:
            match = patroon.match(gelezen, plek)
            if match is None:
                plek += 1
                continue
            yield match
            plek = match.end()
        verder = plek


_DATUM_VOORAAN = re.compile(r"\(?\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")


def _elfproef(cijfers: str) -> bool:
    getallen = [int(c) for c in cijfers]
    som = sum(g * w for g, w in zip(getallen[:8], range(9, 1, -1), strict=True)) - getallen[8]
    return som % 11 == 0 and any(getallen)


def _iban_klopt(iban: str) -> bool:
    """Some prefix of the find is an IBAN (15–34 characters, mod 97): letters may follow it."""
    code = "".join(iban.split())  # any whitespace the pattern's `\s?` lets through
    for lengte in range(min(len(code), 34), 14, -1):
        deel = code[:lengte]
        omgezet = "".join(str(int(c, 36)) for c in deel[4:] + deel[:4])
        if int(omgezet) % 97 == 1:
            return True
    return False


def _klopt(soort: str, gevonden: str) -> bool:
    """A find of the form is the real thing: the checksums that BSN and IBAN carry, and a phone
    number that is not a date with a time ("06-06-2018 13")."""
    if soort == "bsn":
        return _elfproef(re.sub(r"\D", "", gevonden))
    if soort == "iban":
        return _iban_klopt(gevonden)
    if soort == "telefoon":
        return not _DATUM_VOORAAN.match(gevonden)
    return True


def ter_controle(text: str) -> str:
    """The text as the scan reads it: as a reader sees it (NFKC, nothing invisible), every kind
    of dash a hyphen."""
    return _STREEPJES.sub("-", zonder_onzichtbaar(unicodedata.normalize("NFKC", text)))


# Every kind the pattern finds has a digit (`\\d`, as the pattern reads one) or an `@`: text
# without either, as the scan reads it, has nothing to find, and most text has neither.
_KANS = re.compile(r"[\d@]")


def _gelezen(text: str) -> str:
    """`ter_controle(text)`; ASCII text is its own reading (NFKC changes no ASCII character,
    none is invisible or a dash other than the hyphen), so it is not copied three times."""
    return text if text.isascii() else ter_controle(text)


def soorten_in(text: str, toegestaan: Collection[str]) -> Iterator[tuple[str, int]]:
    """The kinds of personal data in `text`, each with where it starts."""
    gelezen = _gelezen(text)
    if not _KANS.search(gelezen):
        return
    vrij = {_normaal(t) for t in toegestaan}
    for match in _vondsten(gelezen):
        soort = match.lastgroup or ""
        if _klopt(soort, match.group()) and _normaal(match.group()) not in vrij:
            yield soort, match.start()


@dataclass(frozen=True)
class Vondst:
    pad: Pad
    soort: str  # a key of SOORTEN, or "term"
    term: int = 0  # for a term: its line in the terms file
    positie: int = 0  # where in the text it starts


def _normaal(text: str) -> str:
    return " ".join(ter_controle(text).split()).casefold()


@functools.lru_cache(maxsize=8)
def _termen(termen: tuple[str, ...]) -> re.Pattern[str] | None:
    schoon = sorted({_normaal(t) for t in termen if t.strip()}, key=len, reverse=True)
    if not schoon:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in schoon) + r")(?!\w)")


def zoek(data: Any, toegestaan: Collection[str], termen: tuple[str, ...] = ()) -> Iterator[Vondst]:
    """Every find in the text of a month file's data (its unmarked parts), in file order."""
    termen_patroon = _termen(termen)
    regels = {_normaal(t): i for i, t in enumerate(termen, start=1)}
    teksten: list[tuple[Pad, str]] = []
    # Without terms, only text that can hold a find is parsed: an ASCII text without a digit or
    # an `@` has none in any of its parts either (soorten_in would look at none of them).
    kans = None if termen_patroon is not None else _KANS.search
    _teksten(data, (), teksten, kans)
    for pad, tekst in teksten:
        for deel in Tekst.parse(tekst).delen:
            if not isinstance(deel, str):
                continue
            for soort, positie in soorten_in(deel, toegestaan):
                yield Vondst(pad, soort, positie=positie)
            if termen_patroon is not None:
                for match in termen_patroon.finditer(_normaal(deel)):
                    yield Vondst(pad, "term", regels.get(match.group(), 0))


def _teksten(
    value: Any, pad: Pad, uit: list[tuple[Pad, str]], kans: Callable[[str], object] | None
) -> None:
    """Every text in the data with its path, in file order, into `uit`; with `kans`, an ASCII
    text only when `kans` finds something in it (text that is not ASCII always). One call per
    list and mapping, not per value: a month has some 300 values."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        if isinstance(item, str):
            if kans is None or not item.isascii() or kans(item):
                uit.append(((*pad, key), item))
        elif isinstance(item, dict | list):
            _teksten(item, (*pad, key), uit, kans)
