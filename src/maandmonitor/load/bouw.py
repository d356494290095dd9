"""The full reading of a YAML file's events: values with the position of every value and key, and
every problem of the YAML level (aliases, anchors, tags, duplicate keys, YAML 1.1's surprises).

This is the reading that says what is wrong and where. A file in which nothing is unusual is read
by `snel.py` first, without positions; its positions come from this reading of the same text,
when a message asks for one (`Document`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import yaml

from ..errors import Problem
from ..marks import lijkt_op_markering
from ..model import Pad
from .zicht import NIET_HERHAALD, format_pad, waarde_verborgen

MAX_DEPTH = 40

try:
    Loader: Any = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    Loader = yaml.SafeLoader

Posities = tuple[dict[Pad, tuple[int, int]], dict[Pad, tuple[int, int]], dict[Pad, int]]

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_YAML11_BOOL = {w for b in ("yes", "no", "on", "off") for w in (b, b.title(), b.upper())}
_YAML11_NUMBER = re.compile(
    r"[-+]?(0[0-9_]+|0[xXoObB][0-9a-fA-F_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?"
    r"|[0-9][0-9_]*_[0-9_]*(\.[0-9_]*)?|\.(inf|Inf|INF|nan|NaN|NAN))"
)
# Only a plain scalar starting with one of these can match _INT, _FLOAT, _DATE or _YAML11_NUMBER.
_NUMBER_START = frozenset("0123456789+-.")

_MAX_CIJFERS = 4300  # the digits Python's int() reads from text (sys.get_int_max_str_digits)
ONGEWOON: Any = object()  # a plain scalar this module reports a problem for


def scalair(text: str) -> Any:
    """A plain (unquoted) scalar's value by YAML 1.2's core schema (the text itself when it is
    text), or ONGEWOON where YAML 1.1 reads it otherwise or a date does not exist."""
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    number_like = text[0] in _NUMBER_START
    if number_like and _INT.fullmatch(text):
        return int(text) if len(text) <= _MAX_CIJFERS else ONGEWOON  # int() refuses more
    if number_like and _FLOAT.fullmatch(text):
        return float(text)
    if number_like and (match := _DATE.fullmatch(text)) is not None:
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            return ONGEWOON
    if text in _YAML11_BOOL or (number_like and _YAML11_NUMBER.fullmatch(text)):
        return ONGEWOON
    return text


def commentaar(regel: str, end: Any) -> str | None:
    """What follows a plain scalar that ends at `end` on its line `regel`, when that is a
    comment: a list item such as `- overleg #3 en #4` loses everything from ` #` on."""
    rest = regel[end.column :]
    return rest if rest.lstrip().startswith("#") else None


Scalar = yaml.ScalarEvent
SequenceStart = yaml.SequenceStartEvent
SequenceEnd = yaml.SequenceEndEvent
MappingStart = yaml.MappingStartEvent
MappingEnd = yaml.MappingEndEvent
Alias = yaml.AliasEvent
_BLOCK_STYLES = ("|", ">")
_QUOTES = ('"', "'")


class TooDeep(Exception):
    pass


class Builder:
    """Builds values and positions from the parser's events."""

    def __init__(self, file: str, next_event: Callable[[], Any], text: str) -> None:
        self.file = file
        self.text = text
        self.next_event = next_event
        self.values: dict[Pad, tuple[int, int]] = {}
        self.keys: dict[Pad, tuple[int, int]] = {}
        self.ends: dict[Pad, int] = {}
        self.last_line = 0
        self.problems: list[Problem] = []
        self.onleesbaar: set[tuple[int, int]] = set()
        self.tweede_document: int | None = None  # the line (from 0) where a second one starts
        self.aanhalingsteken: Any = None  # the last quoted scalar
        self._lines: list[str] | None = None
        # problems that quote a value, with the message that does not: used where the value
        # may be confidential (see `verberg`)
        self._verborgen: dict[int, tuple[Pad, str]] = {}
        self._paden: dict[int, Pad] = {}  # the path of each problem that has one

    def fail(
        self,
        mark: Any,
        pad: Pad,
        message: str,
        zonder_waarde: str | None = None,
        *,
        vervangen: bool = False,
    ) -> None:
        """A problem at `mark`; `vervangen`: the value there is not what the file meant."""
        if vervangen:
            self.onleesbaar.add((mark.line + 1, mark.column + 1))
        if zonder_waarde is not None:
            self._verborgen[len(self.problems)] = (pad, zonder_waarde)
        self._paden[len(self.problems)] = pad
        self.problems.append(
            Problem(self.file, mark.line + 1, mark.column + 1, format_pad(pad), message)
        )

    def verberg(self, data: Any) -> None:
        """A message never repeats a value in a redacted table or on a line with a mark, nor a
        key that may be text (see format_pad)."""
        for index, pad in self._paden.items():
            problem = self.problems[index]
            if data is not None:
                problem = replace(problem, path=format_pad(pad, data))
            if index in self._verborgen:
                regel = self.regel(problem.line - 1)
                if waarde_verborgen(data, pad) or lijkt_op_markering(regel):
                    problem = replace(problem, message=self._verborgen[index][1])
            self.problems[index] = problem

    def regel(self, index: int) -> str:
        """Line `index` (from 0) of the file."""
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines[index] if 0 <= index < len(self._lines) else ""

    def document(self) -> Any:
        next_event = self.next_event
        next_event()  # StreamStart
        first = next_event()
        if isinstance(first, yaml.StreamEndEvent):
            self.problems.append(Problem(self.file, 1, 1, "", "het bestand is leeg"))
            return None
        data = self.node(next_event(), (), 0)
        next_event()  # DocumentEnd
        extra = next_event()
        if not isinstance(extra, yaml.StreamEndEvent):
            self.fail(extra.start_mark, (), "meer dan één YAML-document ('---'); gebruik er één")
            self.tweede_document = extra.start_mark.line
        return data

    def node(self, event: Any, pad: Pad, depth: int) -> Any:
        kind = type(event)
        mark = event.start_mark
        self.values[pad] = (mark.line + 1, mark.column + 1)
        if kind is Alias:
            self.fail(
                mark,
                pad,
                f"aliassen (*{event.anchor}) zijn niet toegestaan: schrijf de waarde uit",
                "aliassen (*…) zijn niet toegestaan: schrijf de waarde uit",
                vervangen=True,
            )
            return None
        if event.anchor:
            self.fail(
                mark,
                pad,
                f"ankers (&{event.anchor}) zijn niet toegestaan: schrijf de waarde uit",
                "ankers (&…) zijn niet toegestaan: schrijf de waarde uit",
            )
        if event.tag is not None:
            self.fail(
                mark,
                pad,
                f"YAML-tags ({event.tag}) zijn niet toegestaan",
                "YAML-tags zijn niet toegestaan",
            )
        if depth > MAX_DEPTH:
            self.fail(mark, pad, f"te diep genest (meer dan {MAX_DEPTH} niveaus)")
            raise TooDeep
        if kind is Scalar:
            end = event.end_mark if event.style in _BLOCK_STYLES else mark
            self.last_line = end.line + 1
            if not event.style:
                return self.plain(event, pad)
            if event.style in _QUOTES:  # a syntax error where it ends: it may never have closed
                self.aanhalingsteken = event
            return event.value
        if kind is SequenceStart:
            return self.sequence(pad, depth)
        assert kind is MappingStart
        return self.mapping(pad, depth)

    def sequence(self, pad: Pad, depth: int) -> list[Any]:
        next_event, node = self.next_event, self.node
        items = []
        index = 0
        while type(item := next_event()) is not SequenceEnd:
            items.append(node(item, (*pad, index), depth + 1))
            index += 1
        self.ends[pad] = self.last_line
        return items

    def mapping(self, pad: Pad, depth: int) -> dict[str, Any]:
        next_event, node, keys = self.next_event, self.node, self.keys
        mapping: dict[str, Any] = {}
        while type(key_event := next_event()) is not MappingEnd:
            key = self.key(key_event, pad)
            key_pad = (*pad, key or "?")
            value = node(next_event(), key_pad, depth + 1)
            mark = key_event.start_mark
            if key is None:  # not a key the file can have: nothing to check beyond saying so
                continue
            if key in mapping:
                first_line = keys[key_pad][0]
                self.fail(
                    mark, key_pad, f"dubbele sleutel '{key}' (staat ook op regel {first_line})"
                )
                continue
            keys[key_pad] = (mark.line + 1, mark.column + 1)
            mapping[key] = value
        self.ends[pad] = self.last_line
        return mapping

    def key(self, event: Any, pad: Pad) -> str | None:
        if type(event) is not Scalar:
            self.fail(event.start_mark, pad, "een sleutel moet tekst zijn, geen lijst of mapping")
            self.node(event, (*pad, "?"), MAX_DEPTH)  # consume it
            return None
        if event.anchor or event.tag:
            self.fail(event.start_mark, pad, "ankers en tags zijn niet toegestaan in een sleutel")
        value: str = event.value
        if value == "<<":
            self.fail(event.start_mark, pad, "samenvoegsleutels ('<<') zijn niet toegestaan")
            return None
        return value

    def plain(self, event: Any, pad: Pad) -> Any:
        """A plain (unquoted) scalar: YAML 1.2 core types, and errors for YAML 1.1's surprises."""
        text: str = event.value
        value = scalair(text)
        if value is not ONGEWOON:
            if isinstance(value, str) and pad and isinstance(pad[-1], int):
                self.comment_in_text(event, pad)
            return value
        if _INT.fullmatch(text):  # too long for a number
            self.fail(
                event.start_mark,
                pad,
                f"een getal van meer dan {_MAX_CIJFERS} cijfers: schrijf een gewoon getal, of zet "
                "tekst tussen aanhalingstekens",
                vervangen=True,
            )
        elif _DATE.fullmatch(text):
            self.fail(
                event.start_mark,
                pad,
                f"'{text}' is geen bestaande datum",
                f"geen bestaande datum {NIET_HERHAALD}",
                vervangen=True,
            )
        elif text in _YAML11_BOOL:
            self.fail(
                event.start_mark,
                pad,
                f"'{text}' is dubbelzinnig (YAML 1.1 leest het als ja/nee): bedoelt u de "
                f'tekst, zet die dan tussen aanhalingstekens ("{text}")',
                f"dubbelzinnig {NIET_HERHAALD}: YAML 1.1 leest het als ja/nee; zet tekst tussen "
                "aanhalingstekens",
                vervangen=True,
            )
        else:
            self.fail(
                event.start_mark,
                pad,
                f"'{text}' is dubbelzinnig (YAML 1.1 leest het als een ander getal): "
                + _number_advice(text),
                f"dubbelzinnig {NIET_HERHAALD}: YAML 1.1 leest het als een ander getal; schrijf "
                "een gewoon getal, of zet tekst tussen aanhalingstekens",
                vervangen=True,
            )
        return text

    def comment_in_text(self, event: Any, pad: Pad) -> None:
        """A list item such as `- overleg #3 en #4` loses everything from ` #` on: YAML reads a
        comment there. In a list of text that is never what was meant."""
        end = event.end_mark
        rest = commentaar(self.regel(end.line), end)
        if rest is not None:
            kolom = end.column + 1 + len(rest) - len(rest.lstrip())
            advies = "zet de hele tekst tussen aanhalingstekens"
            self.fail(
                end,
                pad,
                f"' #' begint in YAML een commentaar, dus '{rest.strip()}' valt weg: {advies}",
                f"' #' begint in YAML een commentaar, dus alles vanaf kolom {kolom} valt weg: "
                + advies,
            )


def _number_advice(text: str) -> str:
    digits = text.lstrip("+-")
    if digits.isdigit():  # a leading zero: 012
        return (
            f"bedoelt u het getal, schrijf {int(text)}; "
            "bedoelt u tekst, zet die tussen aanhalingstekens"
        )
    return "zet tekst tussen aanhalingstekens, of schrijf een gewoon getal"


def posities(file: str, text: str) -> Posities:
    """Where every value and key of `text` stands, and where each list and mapping ends: the full
    reading of a text that `snel.lees` read without a problem (so this one meets none either)."""
    builder = Builder(file, Loader(text).get_event, text)
    builder.document()
    return builder.values, builder.keys, builder.ends
