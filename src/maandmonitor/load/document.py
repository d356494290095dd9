"""YAML → values with positions: the one place where a workspace file's bytes are parsed.

The YAML is read as an event stream (libyaml's parser where available) and built into plain values
here, not by PyYAML's constructor, so that:
- every value and key keeps its line and column, and a pydantic error's `loc` maps back to them;
- duplicate keys, anchors/aliases, explicit tags and YAML 1.1 surprises (`no`, `012`, `12:30`)
  are errors instead of silent conversions (see NOTES.md: pyyaml#165, #613, #235).

One round: none of these stops the reading, and a syntax error does not either: the lines of the
broken value are left out and the file is read again (`syntax.py`), so that every problem of the
file is reported at once, with the schema problems of every part that could be read.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from ..errors import MonitorError, Problem, display_path, oorzaak
from ..glyphs import heeft_haak
from ..marks import lijkt_op_markering
from ..model import Pad
from .syntax import MAX_HERSTEL, breuk, leesfout, syntaxfout, weg_te_laten, zonder_regels

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 40

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader


_SLEUTEL = re.compile(r"[a-z0-9_][a-z0-9_.-]*")
_TABELSLEUTELS = {"gelakt", "cijfers"}  # a redacted table's own keys, never confidential


def format_pad(pad: Pad, data: Any = None) -> str:
    """`inzet_op_risicos.regiepartijen[1].casussen`. With `data`, a key is only named when it
    has the form of a key (lower case, no spaces: text read as a key can be a name) and does not
    stand in a redacted table; else it is `…` (the line and column still say where)."""
    out = ""
    for diepte, part in enumerate(pad):
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        geheim = part not in _TABELSLEUTELS and in_gelakte_tabel(data, pad[:diepte])
        if data is not None and (not _SLEUTEL.fullmatch(part) or geheim):
            part = "…"
        out += f".{part}" if out else part
    return out


# --- YAML → values with positions --------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: its values, and where each value and key stands in the file."""

    file: str
    data: Any
    values: dict[Pad, tuple[int, int]]
    keys: dict[Pad, tuple[int, int]]
    ends: dict[Pad, int]  # the last line of each list and mapping, children included
    text: str
    # What could not be read: lines left out after a syntax error (from 1), and the positions of
    # values that a lexical problem replaced (an alias, `no`, `012`): a schema problem there, or
    # about what a mapping or list holds where lines are missing, is an echo, not reported.
    overgeslagen: frozenset[int] = frozenset()
    onleesbaar: frozenset[tuple[int, int]] = frozenset()

    def problem(self, pad: Pad, message: str, *, at_key: bool = False, **kw: Any) -> Problem:
        line, column = self.position(pad, at_key=at_key)
        return Problem(self.file, line, column, format_pad(pad, self.data), message, **kw)

    def position(self, pad: Pad, *, at_key: bool = False) -> tuple[int, int]:
        """The closest known position: the key or value at `pad`, else its nearest parent."""
        if at_key and pad in self.keys:
            return self.keys[pad]
        while pad not in self.values and pad:
            pad = pad[:-1]
        return self.values.get(pad, (1, 1))

    def mist_regels(self, pad: Pad) -> bool:
        """Whether lines were left out inside the value at `pad` (or the nearest one known):
        from its line to the next value that is not part of it (values are in file order)."""
        if not self.overgeslagen:
            return False
        while pad not in self.values and pad:
            pad = pad[:-1]
        begin = self.values[pad][0] if pad else 1
        einde = self.text.count("\n") + 1
        gezien = False
        for ander, (line, _) in self.values.items():
            if gezien and ander[: len(pad)] != pad:
                einde = line - 1
                break
            gezien = gezien or ander == pad
        return any(begin <= regel <= einde for regel in self.overgeslagen)

    def lines(self, pad: Pad) -> str:
        """The lines a value spans, children included: 'regel 130' or 'regels 134–139'."""
        low = self.position(pad)[0]
        high = self.ends.get(pad, low)
        return f"regel {low}" if low == high else f"regels {low}–{high}"


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

# Said instead of a value that may be confidential: in a redacted table ({gelakt: …, cijfers:
# {…}}), or text with (something like) a mark in it. A message says where, never what.
NIET_HERHAALD = "(niet herhaald: kan vertrouwelijk zijn)"


def waarde_verborgen(data: Any, pad: Pad) -> bool:
    """Whether a message may not repeat the value at `pad`: in a redacted table, or in the
    previous-month column's breakdowns, which repeat tables that last month's file may redact."""
    vorig = pad[:3] == ("inzet_op_risicos", "vorige_maand", "subjecten") and len(pad) > 3
    return vorig or in_gelakte_tabel(data, pad)


def in_gelakte_tabel(data: Any, pad: Pad) -> bool:
    """Whether the value at `pad` lies inside a redacted table (a mapping with `gelakt`)."""
    node = data
    for part in pad:
        if isinstance(node, dict) and "gelakt" in node:
            return True
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(node, dict) and "gelakt" in node


def toonbaar(value: Any) -> bool:
    """A value a message may quote: not text with a bracket of any look (a mark, or nearly)."""
    return not (isinstance(value, str) and heeft_haak(value))


_Scalar = yaml.ScalarEvent
_SequenceStart = yaml.SequenceStartEvent
_SequenceEnd = yaml.SequenceEndEvent
_MappingEnd = yaml.MappingEndEvent
_Alias = yaml.AliasEvent
_BLOCK_STYLES = ("|", ">")
_QUOTES = ('"', "'")
# Only a plain scalar starting with one of these can match _INT, _FLOAT, _DATE or _YAML11_NUMBER.
_NUMBER_START = frozenset("0123456789+-.")


class _Builder:
    """Builds values and positions from the parser's events. This runs for every event of every
    file, so it dispatches on the event's class and looks at as little as it can."""

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
        if kind is _Alias:
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
            raise _TooDeep
        if kind is _Scalar:
            end = event.end_mark if event.style in _BLOCK_STYLES else mark
            self.last_line = end.line + 1
            if not event.style:
                return self.plain(event, pad)
            if event.style in _QUOTES:  # a syntax error where it ends: it may never have closed
                self.aanhalingsteken = event
            return event.value
        if kind is _SequenceStart:
            return self.sequence(pad, depth)
        assert kind is yaml.MappingStartEvent
        return self.mapping(pad, depth)

    def sequence(self, pad: Pad, depth: int) -> list[Any]:
        next_event, node = self.next_event, self.node
        items = []
        index = 0
        while type(item := next_event()) is not _SequenceEnd:
            items.append(node(item, (*pad, index), depth + 1))
            index += 1
        self.ends[pad] = self.last_line
        return items

    def mapping(self, pad: Pad, depth: int) -> dict[str, Any]:
        next_event, node, keys = self.next_event, self.node, self.keys
        mapping: dict[str, Any] = {}
        while type(key_event := next_event()) is not _MappingEnd:
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
        if type(event) is not _Scalar:
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
        if text in _NULL:
            return None
        if text in _BOOL:
            return _BOOL[text]
        number_like = text[0] in _NUMBER_START
        if number_like and _INT.fullmatch(text):
            return int(text)
        if number_like and _FLOAT.fullmatch(text):
            return float(text)
        if number_like and (match := _DATE.fullmatch(text)) is not None:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                self.fail(
                    event.start_mark,
                    pad,
                    f"'{text}' is geen bestaande datum",
                    f"geen bestaande datum {NIET_HERHAALD}",
                    vervangen=True,
                )
                return text
        if text in _YAML11_BOOL:
            self.fail(
                event.start_mark,
                pad,
                f"'{text}' is dubbelzinnig (YAML 1.1 leest het als ja/nee): bedoelt u de "
                f'tekst, zet die dan tussen aanhalingstekens ("{text}")',
                f"dubbelzinnig {NIET_HERHAALD}: YAML 1.1 leest het als ja/nee; zet tekst tussen "
                "aanhalingstekens",
                vervangen=True,
            )
            return text
        if number_like and _YAML11_NUMBER.fullmatch(text):
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
        if pad and isinstance(pad[-1], int):
            self.comment_in_text(event, pad)
        return text

    def comment_in_text(self, event: Any, pad: Pad) -> None:
        """A list item such as `- overleg #3 en #4` loses everything from ` #` on: YAML reads a
        comment there. In a list of text that is never what was meant."""
        end = event.end_mark
        rest = self.regel(end.line)[end.column :]
        if rest.lstrip().startswith("#"):
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


class _TooDeep(Exception):
    pass


def lees_bestand(path: Path, file: str) -> bytes:
    """The bytes of a workspace file (at most MAX_BYTES + 1: a larger file is refused anyway)."""
    try:
        with path.open("rb") as handle:
            if os.fstat(handle.fileno()).st_size > MAX_BYTES:  # refused: no need to read it all
                return handle.read(MAX_BYTES + 1)
            return handle.read()  # read(MAX_BYTES + 1) would allocate a megabyte per file
    except FileNotFoundError:
        raise MonitorError([Problem(file, 0, 0, "", "bestand bestaat niet")]) from None
    except OSError as err:
        raise MonitorError([Problem(file, 0, 0, "", f"kan niet lezen: {oorzaak(err)}")]) from None


def read_document(path: Path) -> Document:
    """Read and parse one YAML file; raise MonitorError with every problem found."""
    file = display_path(path)
    return parse_document(file, lees_bestand(path, file))


def parse_document(file: str, raw: bytes) -> Document:
    """Parse the bytes of one YAML file (named `file` in messages); MonitorError with every
    problem found."""
    doc, problems = lees_document(file, raw)
    if problems or doc is None:
        raise MonitorError(problems)
    return doc


def lees_document(file: str, raw: bytes) -> tuple[Document | None, list[Problem]]:
    """Every problem of the YAML level in one file, and the document as far as it could be read
    (None when nothing could: the schema is then not looked at)."""
    text = _tekst(file, raw)
    syntax: list[Problem] = []
    overgeslagen: set[int] = set()
    leesbaar = text
    while True:
        builder = _Builder(file, _Loader(leesbaar).get_event, leesbaar)
        try:
            data = builder.document()
            break
        except yaml.MarkedYAMLError as err:
            waar = breuk(err, builder.aanhalingsteken)
            syntax.append(syntaxfout(file, text, err, waar))
            regels = weg_te_laten(leesbaar, waar.regel) if waar else []
            overgeslagen.update(regels)
            leesbaar = zonder_regels(leesbaar, regels)
            if not regels or len(syntax) >= MAX_HERSTEL or not leesbaar.strip():
                data = None
                break
        except yaml.YAMLError as err:
            syntax.append(leesfout(file, leesbaar, err))
            data = None
            break
        except _TooDeep:
            data = None
            break
    builder.verberg(data)
    problems = sorted(set(builder.problems + syntax))
    if not isinstance(data, dict):
        if not problems:
            soort = type_name(data)
            melding = f"het bestand moet een mapping zijn (sleutel: waarde), geen {soort}"
            problems.append(Problem(file, 1, 1, "", melding))
        return None, problems
    if builder.tweede_document is not None:  # not read as part of this file
        overgeslagen.update(range(builder.tweede_document, text.count("\n") + 1))
    return Document(
        file,
        data,
        builder.values,
        builder.keys,
        builder.ends,
        text,
        frozenset(regel + 1 for regel in overgeslagen),
        frozenset(builder.onleesbaar),
    ), problems


def _tekst(file: str, raw: bytes) -> str:
    """The file's text; MonitorError where there is nothing to parse."""
    if len(raw) > MAX_BYTES:
        raise MonitorError(
            [Problem(file, 1, 1, "", f"bestand is groter dan {MAX_BYTES // 1024} KiB")]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise MonitorError(
            [
                Problem(
                    file,
                    line,
                    column,
                    "",
                    f"geen geldige UTF-8 (byte 0x{raw[err.start]:02x}); "
                    "sla het bestand op als UTF-8",
                )
            ]
        ) from None
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise MonitorError([Problem(file, 1, 1, "", "bestand bevat NUL-tekens: geen tekstbestand")])
    if not text.strip():
        raise MonitorError([Problem(file, 1, 1, "", "het bestand is leeg")])
    return text


_TYPE_NAMES = {
    str: "tekst",
    int: "geheel getal",
    float: "kommagetal",
    bool: "ja/nee-waarde",
    type(None): "lege waarde",
    dict: "mapping",
    list: "lijst",
    dt.date: "datum",
}


def type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)
