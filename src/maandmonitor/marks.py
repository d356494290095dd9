"""Redaction marks in text, `[[ground]]` and `[[ground: text]]`, and nothing that looks like one.

A mark is written with two ASCII brackets on each side. A typo must never let confidential text
through as plain text, so text is read here the way the guard reads output (glyphs.als_gezien:
NFKC, invisible characters gone, look-alike brackets as ASCII), and anything that is nearly a mark
is an error: brackets that only become `[[` or `]]` when read so (fullwidth ［［, 〚, a zero-width
space or soft hyphen between them), an invisible character next to a bracket, `[ [`, a single
bracket next to a ground id (`[5.1.2.e: …]`), `{{5.1.2.e: …}}`.

No message here repeats any of the text: it may be the very text that was to be redacted.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, ValidationInfo
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from .glyphs import als_gezien, haaktekens, heeft_haak, onzichtbaar_bij_haak

MARK_OPEN, MARK_CLOSE = "[[", "]]"
INTERN_OPEN, INTERN_CLOSE = "⟦", "⟧"  # how the internal edition shows a mark
_MARK = re.compile(r"\[\[(?P<body>.*?)\]\]", re.DOTALL)
_GROUND = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_AFSTAND = re.compile(r"\[\s+\[|\]\s+\]")
# Anything shaped like a ground id between curly braces, as Jinja-minded people write a mark.
_KRUL = re.compile(r"\{\s*\{\s*[A-Za-z0-9][A-Za-z0-9_.-]*\s*:")

VOORBEELD = "schrijf een gelakte passage als [[grond]] of [[grond: tekst]], met gewone blokhaken"


def fout(soort: str, uitleg: str) -> PydanticCustomError:
    """A problem with a mark: what kind, and how to write it; never the text itself."""
    return PydanticCustomError(soort, uitleg, {})


@dataclass(frozen=True)
class Lak:
    """A redacted passage: the ground's id, and the confidential text if the file holds it."""

    grond: str
    tekst: str | None


@dataclass(frozen=True)
class Tekst:
    """Text from the data, split into plain parts and redaction marks.

    Written in YAML as one string: `[[5.1.2.e]]` (a bare mark: the text is not in the file) or
    `[[5.1.2.c: de vertrouwelijke tekst]]`. Anything that looks like half a mark, or like a mark
    but is not one, is an error.
    """

    delen: tuple[str | Lak, ...]

    @property
    def lakken(self) -> tuple[Lak, ...]:
        return tuple(d for d in self.delen if isinstance(d, Lak))

    @classmethod
    def parse(cls, text: str, gronden: Collection[str] = ()) -> Tekst:
        """The text with its marks; `gronden`: the ground ids of the programme, for refusing a
        single bracket next to one."""
        geen_stuurteken(text, meerregelig=True)
        if gewoon(text):  # most text: one search instead of three, the same outcome
            return cls((text,) if text else ())
        return _bijzondere_tekst(text, tuple(sorted(gronden)))

    def source(self) -> str:
        """The text as written in the YAML file."""
        out = []
        for deel in self.delen:
            if isinstance(deel, Lak):
                out.append(f"[[{deel.grond}: {deel.tekst}]]" if deel.tekst else f"[[{deel.grond}]]")
            else:
                out.append(deel)
        return "".join(out)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.with_info_after_validator_function(
            cls._validate,
            core_schema.str_schema(strict=True),
            serialization=core_schema.plain_serializer_function_ser_schema(cls.source),
        )

    @classmethod
    def _validate(cls, text: str, info: ValidationInfo) -> Tekst:
        """Parse, and check each mark's ground against monitor.yaml when validation has it
        (context {"lakgronden": ids}), so the error stands at the very item."""
        gronden: set[str] | None = (info.context or {}).get("lakgronden")
        tekst = cls.parse(text, gronden or ())
        for deel in tekst.delen:
            if gronden is not None and isinstance(deel, Lak) and deel.grond not in gronden:
                raise fout("lak_grond", onbekende_grond(deel.grond, gronden))
        return tekst

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "description": "Tekst; een gelakte passage als [[grond]] of [[grond: tekst]].",
        }


@functools.lru_cache(maxsize=512)
def _bijzondere_tekst(text: str, gronden: tuple[str, ...]) -> Tekst:
    """`Tekst.parse` of text that is not plain. Tekst is immutable, so the same marked text (a
    month has dozens of "[[grond]]" items) is read once; a problem is raised each time (an
    exception is never cached)."""
    geen_richtingteken(text)
    if not heeft_haak(text):
        tekst = Tekst((text,) if text else ())  # no bracket, so no mark
        if gronden and _OPENT_RE.search(text):  # but perhaps (5.1.2.e: …)
            _geen_halve_haak(tekst, gronden)
        return tekst
    tekst = _met_haken(text)
    if gronden:
        _geen_halve_haak(tekst, gronden)
    return tekst


def _met_haken(text: str) -> Tekst:
    geen_interne_markering(text)
    gezien = als_gezien(text)
    if gezien.count(MARK_OPEN) != text.count(MARK_OPEN) or gezien.count(MARK_CLOSE) != text.count(
        MARK_CLOSE
    ):
        raise fout(
            "lak_markering",
            "bijna een lakmarkering: andere haken dan gewone blokhaken, of een onzichtbaar teken "
            f"tussen de haken; {VOORBEELD}",
        )
    if onzichtbaar_bij_haak(text):
        raise fout(
            "lak_markering",
            "bijna een lakmarkering: een onzichtbaar teken (zoals een zacht afbreekstreepje) "
            "naast een blokhaak; " + VOORBEELD,
        )
    delen: list[str | Lak] = []
    pos = 0
    for match in _MARK.finditer(text):
        _plain_part(text[pos : match.start()], delen)
        grond, sep, geheim = match.group("body").partition(":")
        grond = grond.strip()
        if MARK_OPEN in match.group("body"):
            raise fout("lak_markering", "lakmarkering niet gesloten: '[[' zonder ']]'")
        if not _GROUND.fullmatch(grond):
            raise fout("lak_markering", f"ongeldige lakmarkering: {VOORBEELD}")
        geheim = geheim.strip()
        if sep and not geheim:
            raise fout("lak_markering", "lege lakmarkering: laat ':' weg of vul de tekst in")
        delen.append(Lak(grond=grond, tekst=geheim or None))
        pos = match.end()
    _plain_part(text[pos:], delen)
    return Tekst(tuple(delen))


def _plain_part(text: str, delen: list[str | Lak]) -> None:
    if MARK_OPEN in text:
        raise fout("lak_markering", "lakmarkering niet gesloten: '[[' zonder ']]'")
    if MARK_CLOSE in text:
        raise fout("lak_markering", "']]' zonder '[[' ervoor")
    gezien = als_gezien(text)
    if _AFSTAND.search(gezien) or _KRUL.search(gezien):
        raise fout("lak_markering", f"bijna een lakmarkering; {VOORBEELD}")
    if text:
        delen.append(text)


# Anything that opens, before a ground id and ':', is a mark meant: (5.1.2.e: …), «5.1.2.e: …».
_OPENT = "([{<«‹⟨⟪⁽₍〈《"
_OPENT_RE = re.compile("[" + re.escape(_OPENT) + "]")


@functools.lru_cache(maxsize=64)
def _halve_haak(gronden: tuple[str, ...]) -> re.Pattern[str]:
    ids = "|".join(re.escape(g) for g in sorted(gronden, key=len, reverse=True))
    rond = r"(?<![\w.-])(?:" + ids + r")(?![\w-]|\.\w)"
    return re.compile(
        r"[\[\{]\s*" + rond
        + "|" + rond + r"\s*(?::[^\[\]]*)?[\]\}]"
        + "|[" + re.escape(_OPENT) + r"]\s*" + rond + r"\s*:",
        re.IGNORECASE,
    )  # fmt: skip


def _geen_halve_haak(tekst: Tekst, gronden: tuple[str, ...]) -> None:
    """A single bracket next to a ground id (`[5.1.2.e: …]`, `5.1.2.e]`): meant as a mark."""
    patroon = _halve_haak(gronden)
    for deel in tekst.delen:
        if isinstance(deel, str) and patroon.search(als_gezien(deel)):
            raise fout(
                "lak_markering",
                f"bijna een lakmarkering: een enkele haak bij een lakgrond; {VOORBEELD}",
            )


# Bidirectional overrides and isolates: "\u202enesreteiP" shows as "Pieterse n", reversed, to a
# reader, while the guard and the personal-data scan read it backwards.
_RICHTINGTEKENS = "\u202a-\u202e\u2066-\u2069"  # a character class's ranges
_RICHTING = re.compile(f"[{_RICHTINGTEKENS}]")


@functools.cache
def _bijzonder() -> re.Pattern[str]:
    """Every character without which text is plain text to every check of this module: a
    bracket of any look (a mark, nearly one, ⟦…⟧), one that opens before a ground id
    (`_OPENT`), a reading-direction character (`_RICHTING`)."""
    tekens = sorted({*haaktekens(), *_OPENT, INTERN_OPEN, INTERN_CLOSE})
    return re.compile("[" + "".join(re.escape(c) for c in tekens) + _RICHTINGTEKENS + "]")


def gewoon(text: str) -> bool:
    """Plain text: nothing in it can be a mark or look like one, or turn the reading direction
    around. Such text passes `Tekst.parse`, `geen_richtingteken`, `geen_interne_markering` and
    `lijkt_op_markering` as a whole, so one search answers for all of them."""
    return _bijzonder().search(text) is None


def geen_richtingteken(text: str) -> None:
    if _RICHTING.search(text):
        raise fout(
            "lak_markering",
            "de tekst bevat een onzichtbaar teken dat de leesrichting omkeert; haal het weg",
        )


# Control characters (C0, DEL, C1), and what XML 1.0 cannot hold at all (surrogates, U+FFFE,
# U+FFFF): invisible to a reader, and a DiWoo file or a table cell with one in it is broken.
_STUURTEKEN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_STUURTEKEN_BEHALVE_TAB_EN_REGELEINDE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"
)


def geen_stuurteken(text: str, *, meerregelig: bool) -> None:
    """Text has no control character; a tab or a line break only where it may run over lines
    (`meerregelig`: text of an item, never a heading or a name). Said by code point, never by
    the text around it."""
    patroon = _STUURTEKEN_BEHALVE_TAB_EN_REGELEINDE if meerregelig else _STUURTEKEN
    if (gevonden := patroon.search(text)) is None:
        return
    teken = gevonden.group()
    if teken in "\t\n":
        raise fout(
            "stuurteken",
            "bevat een tab of een regeleinde: dit veld is één regel tekst; haal het weg",
        )
    raise fout(
        "stuurteken",
        f"bevat een stuurteken (U+{ord(teken):04X}), een onzichtbaar teken dat in geen "
        "rapportage past; haal het weg",
    )


def onbekende_grond(grond: str, gronden: Collection[str]) -> str:
    """An unknown ground, named only when it is plainly a typo of a known one: where the ground
    goes, people also write a name or a number."""
    bekend = ", ".join(sorted(gronden))
    dichtbij = difflib.get_close_matches(grond, sorted(gronden), n=1, cutoff=0.75)
    if dichtbij:
        return f"onbekende lakgrond '{grond}'; bekend: {bekend}"
    return f"onbekende lakgrond (niet herhaald: kan vertrouwelijk zijn); bekend: {bekend}"


def geen_interne_markering(text: str) -> None:
    """⟦…⟧ is how the internal edition shows a redaction; pasted back into the data it would be
    published as plain text, so it is refused."""
    if INTERN_OPEN in text or INTERN_CLOSE in text:
        raise fout(
            "lak_markering",
            "'⟦…⟧' komt uit de interne editie: schrijf een gelakte passage als [[grond: tekst]]",
        )


def lijkt_op_markering(text: str, gronden: Collection[str] = ()) -> bool:
    """Whether text that is never redacted (a heading, a partner's name) holds a mark or
    something like one: then it was meant to be redacted, and it cannot be."""
    haak = heeft_haak(text)
    if not haak and not _OPENT_RE.search(text):
        return False
    gezien = als_gezien(text)
    if gronden and _halve_haak(tuple(sorted(gronden))).search(gezien):
        return True
    return haak and (
        MARK_OPEN in gezien
        or MARK_CLOSE in gezien
        or bool(_AFSTAND.search(gezien) or _KRUL.search(gezien))
        or onzichtbaar_bij_haak(text)
    )
