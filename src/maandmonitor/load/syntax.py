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
from ..marks import lijkt_op_markering

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


_TAB_MESSAGE = "tab gevonden: spring in met spaties, niet met tabs"
_SYNTAX_MESSAGES = [
    ("found character '\\t'", _TAB_MESSAGE),
    (
        "mapping values are not allowed here",
        "onverwachte ':' (zet tekst met ': ' tussen aanhalingstekens)",
    ),
    ("could not find expected ':'", "verwacht 'sleutel: waarde'"),
    (
        "found unexpected end of stream",
        "bestand houdt onverwacht op (ontbreekt een aanhalingsteken?)",
    ),
    ("expected <block end>, but found", "inspringing klopt niet"),
    ("found undefined alias", "aliassen (*naam) zijn niet toegestaan"),
    ("did not find expected key", "inspringing klopt niet (verwacht een sleutel)"),
    (
        "mapping values are not allowed in this context",
        "onverwachte ':' (zet tekst met ': ' tussen aanhalingstekens)",
    ),
    (
        "did not find expected '-' indicator",
        "verwacht een nieuwe regel '- …' in de lijst; begint de tekst met '[' of '{', zet hem "
        "dan tussen aanhalingstekens",
    ),
    (
        "did not find expected ',' or",
        "een '[' of '{' zonder sluitteken; begint de tekst met '[' of '{', zet hem dan tussen "
        "aanhalingstekens",
    ),
    (
        "found unknown escape character",
        "onbekende escape-reeks na '\\' in tekst tussen dubbele aanhalingstekens",
    ),
]


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
    problem = str(err.problem or err.context or "")
    message = next((nl for en, nl in _SYNTAX_MESSAGES if en in problem), None)
    regel = _regel(text, mark.line) if mark else ""
    if mark and regel[mark.column : mark.column + 1] == "\t":
        message = _TAB_MESSAGE
    if mark and lijkt_op_markering(regel):  # PyYAML quotes what it found
        problem = re.sub(r"'[^']*'", "'…'", problem)
    message = message or f"YAML-fout: {problem}"
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(file, line, column, "", message)


def _regel(text: str, index: int) -> str:
    lines = text.split("\n")
    return lines[index] if 0 <= index < len(lines) else ""
