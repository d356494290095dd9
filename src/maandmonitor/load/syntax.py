"""YAML syntax errors: PyYAML's in Dutch, and reading on past them: which lines to leave out,
so that the rest of the file is still read and its problems reported in the same round.

The lines left out are those of the value that broke: the line where it starts, with the lines
indented deeper under it. They become empty lines, so every other line keeps its number. What a
mapping or list would have held there is unknown; `Document.mist_regels` tells the schema check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from ..errors import Problem

# After this many syntax errors in one file the rest is not read: it is more likely one mistake
# that keeps the parser out of step (an unclosed quote) than that many.
MAX_HERSTEL = 10

# PyYAML's contexts that start where the broken value starts (a quote, a bracket, a key without
# ':'); for every other error the value starts where the problem is found.
_BEGINT_BIJ_CONTEXT = (
    "while scanning a quoted scalar",
    "while parsing a flow sequence",
    "while parsing a flow mapping",
    "while scanning a simple key",
)


@dataclass(frozen=True)
class Breuk:
    """Where the value that broke starts (from 0); `open_tot`: it is a quoted text whose quote
    was not closed, and the line where the parser found a quote that seemed to close it."""

    regel: int
    kolom: int
    open_tot: int | None = None


def breuk(err: Any, aanhalingsteken: Any) -> Breuk | None:
    """Where the syntax error `err` (a MarkedYAMLError) starts. `aanhalingsteken`: the last
    quoted scalar read before it; an error on the line where a quoted text over several lines
    ends means its quote was not closed (the parser took the next quote for the closing one)."""
    probleem = err.problem_mark
    if aanhalingsteken is not None and probleem is not None:
        begin, einde = aanhalingsteken.start_mark, aanhalingsteken.end_mark
        if begin.line < einde.line == probleem.line:
            return Breuk(begin.line, begin.column, einde.line)
    mark = err.context_mark if err.context in _BEGINT_BIJ_CONTEXT else probleem
    mark = mark or err.context_mark
    return Breuk(mark.line, mark.column) if mark is not None else None


def weg_te_laten(text: str, begin: int) -> list[int]:
    """The lines (from 0) to leave out for a value that broke on line `begin`: none when there
    is nothing left to leave out."""
    regels = text.split("\n")
    begin = min(begin, len(regels) - 1)
    while begin >= 0 and _leeg(regels[begin]):  # found at the end: the value before it
        begin -= 1
    if begin < 0:
        return []
    diepte = _diepte(regels, begin)
    einde = begin + 1
    while einde < len(regels) and (_leeg(regels[einde]) or _inspringing(regels[einde]) > diepte):
        einde += 1
    return list(range(begin, einde))


def zonder_regels(text: str, weg: list[int]) -> str:
    regels = text.split("\n")
    for index in weg:
        regels[index] = ""
    return "\n".join(regels)


def _leeg(regel: str) -> bool:
    return not regel.strip() or regel.lstrip().startswith("#")


def _inspringing(regel: str) -> int:
    """Leading spaces; a tab stops the count (indentation with a tab is itself the error)."""
    return len(regel) - len(regel.lstrip(" "))


_ITEM = re.compile(r"-(?:[ \t]|$)")
# A line whose value may go on under it: a key (`kop: X`, `- kop: X`), a bare item `-`, a text
# block `|` or `>`.
_OPENT = re.compile(
    r"""(?:-[ \t]+)*(?:-|[|>][-+0-9]*|(?:"[^"]*"|'[^']*'|[^\s#'"][^#]*?)[ \t]*:(?:[ \t].*)?)\s*"""
)


def _diepte(regels: list[str], index: int) -> int:
    """How deep the line at `index` is, for what to leave out under it: its leading spaces. A
    line indented with a tab has no known depth (a tab is as wide as the editor shows it); it is
    guessed from the lines around it, so that only its own value is left out and no later error
    is hidden: a text goes no deeper than the line before or after it; a key's value is the
    lines after it from the next one on, unless that is the next item of the same list. (Left
    open: a key with nothing under it, last in its block, still takes the lines after it that
    are deeper than the next one.)"""
    regel = regels[index]
    if "\t" not in regel[: len(regel) - len(regel.lstrip(" \t"))]:
        return _inspringing(regel)
    na = next((r for r in regels[index + 1 :] if not _leeg(r)), None)
    if na is None:
        return 0  # nothing after it to leave out
    inhoud, volgende = regel.lstrip(" \t"), na.lstrip(" ")
    if not _OPENT.fullmatch(inhoud):
        voor = next((r for r in reversed(regels[:index]) if not _leeg(r)), "")
        return max(_inspringing(voor), _inspringing(na))
    if _ITEM.match(inhoud) and _ITEM.match(volgende):
        return _inspringing(na)
    return _inspringing(na) - 1


# What a syntax error says, in Dutch, by PyYAML's "problem": every problem text of libyaml (the
# parser used where it is built in) and of PyYAML's own scanner, parser and reader (the parser
# without it), as the source writes it (`%r`, `%s`, `%d`: the part PyYAML fills in, never shown).
# tests/test_syntaxfouten.py reads both from the installed PyYAML, so one that is added fails it.
# A message never quotes what PyYAML found: it can be part of a confidential text.
_TAB_MESSAGE = "tab gevonden: spring in met spaties, niet met tabs"
_DUBBELE_PUNT = "onverwachte ':' (zet tekst met ': ' tussen aanhalingstekens)"
_BIJZONDER = (
    "YAML leest een waarde die begint met '!', '&', '*', '%', '|' of '>' niet als tekst: zet de "
    "tekst tussen aanhalingstekens"
)
_HEX = (
    "na '\\x', '\\u' of '\\U' horen hexadecimale cijfers in tekst tussen dubbele "
    "aanhalingstekens; bedoelt u een '\\', zet de tekst dan tussen enkele aanhalingstekens"
)
_DOCUMENT = (
    "'---' of '...' aan het begin van een regel begint of eindigt in YAML het document, ook in "
    "tekst tussen aanhalingstekens: zet het niet aan het begin van een regel"
)
_NA_HET_EINDE = (
    "na het einde van het document ('...') of een regel met '%' staat nog iets: haal die regel "
    "weg, of zet tekst die met '%' begint tussen aanhalingstekens"
)
_STREEPJE = (
    "een '- ' (een nieuw item van een lijst) kan hier niet: zet het op een eigen regel onder de "
    "sleutel, of zet de tekst tussen aanhalingstekens"
)
_WAARDE = (
    "hier verwacht YAML een waarde: begint de tekst met een teken dat in YAML iets betekent "
    "(zoals '-', ',', '[' of '{'), zet hem dan tussen aanhalingstekens"
)
_BEGIN = (
    "met dit teken kan in YAML geen waarde beginnen (zoals '@' of '`'): zet de tekst tussen "
    "aanhalingstekens"
)
_TEKEN = (
    "een teken dat YAML niet toestaat (een stuurteken, vaak onzichtbaar): haal het weg of "
    "typ de tekst opnieuw"
)
_INSPRINGING = "inspringing klopt niet"
_EINDE = "bestand houdt onverwacht op (ontbreekt een aanhalingsteken?)"
_ESCAPE = "onbekende escape-reeks na '\\' in tekst tussen dubbele aanhalingstekens"
_VRAAGTEKEN = (
    "een '?' aan het begin leest YAML als een sleutel: zet de tekst tussen aanhalingstekens"
)
_LIJST = (
    "verwacht een nieuwe regel '- …' in de lijst; begint de tekst met '[' of '{', zet hem dan "
    "tussen aanhalingstekens"
)
_HAKEN = (
    "een '[' of '{' zonder sluitteken; begint de tekst met '[' of '{', zet hem dan tussen "
    "aanhalingstekens"
)
_SYNTAX_MESSAGES: dict[str, str] = {
    # libyaml
    "block sequence entries are not allowed in this context": _STREEPJE,
    "control characters are not allowed": _TEKEN,
    "could not find expected ':'": "verwacht 'sleutel: waarde'",
    "could not find expected directive name": _BIJZONDER,
    "did not find URI escaped octet": _BIJZONDER,
    "did not find expected '!'": _BIJZONDER,
    "did not find expected ',' or ']'": _HAKEN,
    "did not find expected ',' or '}'": _HAKEN,
    "did not find expected '-' indicator": _LIJST,
    "did not find expected <document start>": _NA_HET_EINDE,
    "did not find expected <stream-start>": "YAML kan het begin van het bestand niet lezen",
    "did not find expected alphabetic or numeric character": _BIJZONDER,
    "did not find expected comment or line break": _BIJZONDER,
    "did not find expected digit or '.' character": _BIJZONDER,
    "did not find expected hexdecimal number": _HEX,
    "did not find expected key": "inspringing klopt niet (verwacht een sleutel)",
    "did not find expected node content": _WAARDE,
    "did not find expected tag URI": _BIJZONDER,
    "did not find expected version number": _BIJZONDER,
    "did not find expected whitespace": _BIJZONDER,
    "did not find expected whitespace or line break": _BIJZONDER,
    "did not find the expected '>'": _BIJZONDER,
    "found a tab character that violates indentation": _TAB_MESSAGE,
    "found a tab character where an indentation space is expected": _TAB_MESSAGE,
    "found an incorrect leading UTF-8 octet": _BIJZONDER,
    "found an incorrect trailing UTF-8 octet": _BIJZONDER,
    "found an indentation indicator equal to 0": _BIJZONDER,
    "found character that cannot start any token": _BEGIN,
    "found duplicate %TAG directive": _BIJZONDER,
    "found duplicate %YAML directive": _BIJZONDER,
    "found extremely long version number": _BIJZONDER,
    "found incompatible YAML document": _BIJZONDER,
    "found invalid Unicode character escape code": _HEX,
    "found undefined tag handle": _BIJZONDER,
    "found unexpected ':'": (
        "onverwachte ':' in een lijst '[…]' of mapping '{…}': zet de tekst tussen aanhalingstekens"
    ),
    "found unexpected document indicator": _DOCUMENT,
    "found unexpected end of stream": _EINDE,
    "found unexpected non-alphabetical character": _BIJZONDER,
    "found unknown directive name": _BIJZONDER,
    "found unknown escape character": _ESCAPE,
    "incomplete UTF-16 character": _TEKEN,
    "incomplete UTF-16 surrogate pair": _TEKEN,
    "incomplete UTF-8 octet sequence": _TEKEN,
    "input is too long": "het bestand is te lang voor YAML",
    "invalid Unicode character": _TEKEN,
    "invalid leading UTF-8 octet": _TEKEN,
    "invalid length of a UTF-8 sequence": _TEKEN,
    "invalid trailing UTF-8 octet": _TEKEN,
    "mapping keys are not allowed in this context": _VRAAGTEKEN,
    "mapping values are not allowed in this context": _DUBBELE_PUNT,
    # PyYAML's own scanner, parser and reader
    "found character %r that cannot start any token": _BEGIN,
    "expected alphabetic or numeric character, but found %r": _BIJZONDER,
    "expected a digit or '.', but found %r": _BIJZONDER,
    "expected a digit or ' ', but found %r": _BIJZONDER,
    "expected a digit, but found %r": _BIJZONDER,
    "expected ' ', but found %r": _BIJZONDER,
    "expected a comment or a line break, but found %r": _BIJZONDER,
    "expected chomping or indentation indicators, but found %r": _BIJZONDER,
    "expected '!', but found %r": _BIJZONDER,
    "expected URI, but found %r": _BIJZONDER,
    "sequence entries are not allowed here": _STREEPJE,
    "mapping keys are not allowed here": _VRAAGTEKEN,
    "expected '>', but found %r": _BIJZONDER,
    "found unexpected document separator": _DOCUMENT,
    "mapping values are not allowed here": _DUBBELE_PUNT,
    "expected indentation indicator in the range 1-9, but found 0": _BIJZONDER,
    "expected URI escape sequence of 2 hexadecimal numbers, but found %r": _BIJZONDER,
    "found unknown escape character %r": _ESCAPE,
    "expected escape sequence of %d hexadecimal numbers, but found %r": _HEX,
    "expected <block end>, but found %r": _INSPRINGING,
    "expected '<document start>', but found %r": _NA_HET_EINDE,
    "found duplicate YAML directive": _BIJZONDER,
    "found incompatible YAML document (version 1.* is required)": _BIJZONDER,
    "expected ',' or ']', but got %r": _HAKEN,
    "expected ',' or '}', but got %r": _HAKEN,
    "duplicate tag handle %r": _BIJZONDER,
    "found undefined tag handle %r": _BIJZONDER,
    "expected the node content, but found %r": _WAARDE,
    "special characters are not allowed": _TEKEN,
    # PyYAML's composer (not reached: aliases are refused while the events are built)
    "found undefined alias": "aliassen (*naam) zijn niet toegestaan",
}
# Any other (a later PyYAML's, or one PyYAML words from another library's error): Dutch too.
ALGEMEEN = (
    "YAML kan hier niet verder lezen: klopt de inspringing? Zet tekst met ':', '#', '[', '{' of "
    "een aanhalingsteken erin tussen aanhalingstekens"
)
_PATRONEN = [
    (
        re.compile(re.escape(en).replace("%r", ".*").replace("%s", ".*").replace("%d", "[0-9]+")),
        nl,
    )
    for en, nl in _SYNTAX_MESSAGES.items()
]
# What YAML's reader refuses (PyYAML's reader.NON_PRINTABLE; libyaml refuses the same).
_NIET_TOEGESTAAN = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def vertaal(probleem: str) -> str | None:
    """PyYAML's problem text in Dutch (from the table), or None for one it does not have."""
    return next((nl for patroon, nl in _PATRONEN if patroon.fullmatch(probleem)), None)


def syntaxfout(file: str, text: str, err: yaml.MarkedYAMLError, waar: Breuk | None) -> Problem:
    """PyYAML's syntax error as a located Dutch message."""
    if waar is not None and waar.open_tot is not None:
        return Problem(
            file,
            waar.regel + 1,
            waar.kolom + 1,
            "",
            f"aanhalingsteken niet gesloten: de tekst loopt door tot regel {waar.open_tot + 1}; "
            "sluit hem op dezelfde regel",
        )
    mark = err.problem_mark or err.context_mark
    message = vertaal(str(err.problem or err.context or "")) or ALGEMEEN
    regel = _regel(text, mark.line) if mark else ""
    if mark and regel[mark.column : mark.column + 1] == "\t":
        message = _TAB_MESSAGE
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(file, line, column, "", message)


def leesfout(file: str, text: str, err: yaml.YAMLError) -> Problem:
    """An error without a place in the text (YAML's reader refusing a character, or anything
    else): in Dutch, at the first character YAML does not allow if there is one."""
    message = vertaal(str(getattr(err, "reason", ""))) or ALGEMEEN
    teken = _NIET_TOEGESTAAN.search(text)
    if teken is None:
        return Problem(file, 1, 1, "", message)
    return Problem(file, *regel_en_kolom(text, teken.start()), "", message)


def regel_en_kolom(text: str, index: int) -> tuple[int, int]:
    """The line and column (from 1) of the character at `index`, as libyaml counts them."""
    begin = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, begin) + 1, index - begin + 1


def _regel(text: str, index: int) -> str:
    lines = text.split("\n")
    return lines[index] if 0 <= index < len(lines) else ""
