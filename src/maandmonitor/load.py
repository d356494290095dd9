"""Reading the workspace: the one place where YAML is parsed and validated.

The YAML is read as an event stream (libyaml's parser where available) and built into plain values
here, not by PyYAML's constructor, so that:
- every value and key keeps its line and column, and a pydantic error's `loc` maps back to them;
- duplicate keys, anchors/aliases, explicit tags and YAML 1.1 surprises (`no`, `012`, `12:30`)
  are errors instead of silent conversions (see NOTES.md: pyyaml#165, #613, #235).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import MonitorError, Problem, UsageError
from .model import MAAND_PATTERN, Maand, Programma, Tekst

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 40
PROGRAMMA_BESTAND = "monitor.yaml"

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

Pad = tuple[str | int, ...]


def display_path(path: Path) -> str:
    """The file as the user named it: relative to the working directory where possible."""
    try:
        return str(path.resolve().relative_to(_resolved_folder(Path.cwd())))
    except ValueError:
        return str(path)


@functools.lru_cache(maxsize=1)
def _resolved_folder(folder: Path) -> Path:
    """The working directory resolved once, not for every file named (half of display_path)."""
    return folder.resolve()


def format_pad(pad: Pad) -> str:
    out = ""
    for part in pad:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
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

    def problem(self, pad: Pad, message: str, *, at_key: bool = False, **kw: Any) -> Problem:
        line, column = self.position(pad, at_key=at_key)
        return Problem(self.file, line, column, format_pad(pad), message, **kw)

    def position(self, pad: Pad, *, at_key: bool = False) -> tuple[int, int]:
        """The closest known position: the key or value at `pad`, else its nearest parent."""
        if at_key and pad in self.keys:
            return self.keys[pad]
        while pad not in self.values and pad:
            pad = pad[:-1]
        return self.values.get(pad, (1, 1))

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


_Scalar = yaml.ScalarEvent
_SequenceStart = yaml.SequenceStartEvent
_SequenceEnd = yaml.SequenceEndEvent
_MappingEnd = yaml.MappingEndEvent
_Alias = yaml.AliasEvent
_BLOCK_STYLES = ("|", ">")
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
        self._lines: list[str] | None = None

    def fail(self, mark: Any, pad: Pad, message: str) -> None:
        self.problems.append(
            Problem(self.file, mark.line + 1, mark.column + 1, format_pad(pad), message)
        )

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
        return data

    def node(self, event: Any, pad: Pad, depth: int) -> Any:
        kind = type(event)
        mark = event.start_mark
        self.values[pad] = (mark.line + 1, mark.column + 1)
        if kind is _Alias:
            self.fail(
                mark, pad, f"aliassen (*{event.anchor}) zijn niet toegestaan: schrijf de waarde uit"
            )
            return None
        if event.anchor:
            self.fail(
                mark, pad, f"ankers (&{event.anchor}) zijn niet toegestaan: schrijf de waarde uit"
            )
        if event.tag is not None:
            self.fail(mark, pad, f"YAML-tags ({event.tag}) zijn niet toegestaan")
        if depth > MAX_DEPTH:
            self.fail(mark, pad, f"te diep genest (meer dan {MAX_DEPTH} niveaus)")
            raise _TooDeep
        if kind is _Scalar:
            end = event.end_mark if event.style in _BLOCK_STYLES else mark
            self.last_line = end.line + 1
            return event.value if event.style else self.plain(event, pad)
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
            key_pad = (*pad, key)
            value = node(next_event(), key_pad, depth + 1)
            mark = key_event.start_mark
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

    def key(self, event: Any, pad: Pad) -> str:
        if type(event) is not _Scalar:
            self.fail(event.start_mark, pad, "een sleutel moet tekst zijn, geen lijst of mapping")
            self.node(event, (*pad, "?"), MAX_DEPTH)  # consume it
            return f"?{event.start_mark.line}"
        if event.anchor or event.tag:
            self.fail(event.start_mark, pad, "ankers en tags zijn niet toegestaan in een sleutel")
        value: str = event.value
        if value == "<<":
            self.fail(event.start_mark, pad, "samenvoegsleutels ('<<') zijn niet toegestaan")
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
                self.fail(event.start_mark, pad, f"'{text}' is geen bestaande datum")
                return text
        if text in _YAML11_BOOL:
            self.fail(
                event.start_mark,
                pad,
                f"'{text}' is dubbelzinnig (YAML 1.1 leest het als ja/nee): bedoelt u de "
                f'tekst, zet die dan tussen aanhalingstekens ("{text}")',
            )
            return text
        if number_like and _YAML11_NUMBER.fullmatch(text):
            self.fail(
                event.start_mark,
                pad,
                f"'{text}' is dubbelzinnig (YAML 1.1 leest het als een ander getal): "
                + _number_advice(text),
            )
            return text
        if pad and isinstance(pad[-1], int):
            self.comment_in_text(event, pad)
        return text

    def comment_in_text(self, event: Any, pad: Pad) -> None:
        """A list item such as `- overleg #3 en #4` loses everything from ` #` on: YAML reads a
        comment there. In a list of text that is never what was meant."""
        if self._lines is None:
            self._lines = self.text.split("\n")
        lines = self._lines
        end = event.end_mark
        rest = lines[end.line][end.column :] if end.line < len(lines) else ""
        if rest.lstrip().startswith("#"):
            self.fail(
                end,
                pad,
                f"' #' begint in YAML een commentaar, dus '{rest.strip()}' valt weg: "
                "zet de hele tekst tussen aanhalingstekens",
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


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    return lines[line][column : column + 1] if line < len(lines) else ""


def read_document(path: Path) -> Document:
    """Read and parse one YAML file; raise MonitorError with every problem found."""
    file = display_path(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise MonitorError([Problem(file, 0, 0, "", "bestand bestaat niet")]) from None
    except OSError as err:
        raise MonitorError([Problem(file, 0, 0, "", f"kan niet lezen: {err.strerror}")]) from None
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

    builder = _Builder(file, _Loader(text).get_event, text)
    try:
        data = builder.document()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = str(err.problem or err.context or "")
        message = next((nl for en, nl in _SYNTAX_MESSAGES if en in problem), None)
        if mark and _char_at(text, mark.line, mark.column) == "\t":
            message = _TAB_MESSAGE
        message = message or f"YAML-fout: {problem}"
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        builder.problems.append(Problem(file, line, column, "", message))
        data = None
    except yaml.YAMLError as err:
        builder.problems.append(Problem(file, 1, 1, "", f"YAML-fout: {err}"))
        data = None
    except _TooDeep:
        data = None
    if builder.problems:
        raise MonitorError(sorted(set(builder.problems)))
    if not isinstance(data, dict):
        raise MonitorError(
            [
                Problem(
                    file,
                    1,
                    1,
                    "",
                    f"het bestand moet een mapping zijn (sleutel: waarde), geen {_type_name(data)}",
                )
            ]
        )
    return Document(file, data, builder.values, builder.keys, builder.ends, text)


# --- pydantic errors → located Dutch messages ----------------------------------------------------

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


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, dict | list):
        return _type_name(value)
    if value is None:
        return "een lege waarde"
    return str(value)


def _dutch(error: Any) -> str:
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "missing":
        return "verplicht veld ontbreekt"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        if value == "INVULLEN":  # the placeholder `maandmonitor new` leaves
            return "nog niet ingevuld: vul een geheel getal in"
        if isinstance(value, dict | list):
            return f"verwacht een geheel getal, gevonden {_type_name(value)}"
        return f"{_shown(value)} is geen geheel getal"
    if kind in {"string_type"}:
        if isinstance(value, list):  # `- [[grond]]` unquoted: YAML reads a list in a list
            return (
                "verwacht tekst, gevonden een lijst: een lakmarkering moet tussen "
                'aanhalingstekens, "[[grond]]"'
            )
        if isinstance(value, dict):
            return "verwacht tekst, gevonden een mapping (staat er ': ' in de tekst?)"
        return f"verwacht tekst, gevonden {_type_name(value)} {_shown(value)}".rstrip() + (
            " (zet het tussen aanhalingstekens)" if isinstance(value, int | float | bool) else ""
        )
    if kind == "string_too_short":
        return "mag niet leeg zijn"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == MAAND_PATTERN:
            return f"{_shown(value)} is geen maand (verwacht JJJJ-MM, bijv. 2018-06)"
        return f"{_shown(value)} is geen geldige id (kleine letters, cijfers, '_', '-', '.')"
    if kind == "greater_than_equal" and ctx.get("ge") == 0:
        return f"mag niet negatief zijn (gevonden: {_shown(value)})"
    if kind in {"greater_than_equal", "greater_than"}:
        return (
            f"mag niet kleiner zijn dan {ctx.get('ge', ctx.get('gt'))} (gevonden: {_shown(value)})"
        )
    if kind in {"date_type", "date_parsing", "date_from_datetime_parsing"}:
        return f"{_shown(value)} is geen datum (verwacht JJJJ-MM-DD)"
    if kind == "bool_type":
        return f"verwacht true of false, gevonden {_shown(value)}"
    if kind in {"literal_error", "enum"}:
        return f"onbekende keuze {_shown(value)}; toegestaan: {ctx.get('expected')}"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return f"verwacht een mapping (sleutel: waarde), gevonden {_type_name(value)}"
    if kind == "list_type":
        return f"verwacht een lijst, gevonden {_type_name(value)}"
    if kind == "too_short":
        return "vul minstens één regel in, of haal het blok weg"
    if kind in {"lak_markering", "lak_niet_toegestaan", "lak_grond"}:
        return str(error["msg"])
    return str(error["msg"])


def _data_pad(data: Any, loc: tuple[Any, ...]) -> tuple[Pad, bool]:
    """Follow pydantic's `loc` through the data, dropping what is not in it (union tags)."""
    pad: list[str | int] = []
    node = data
    at_key = False
    for part in loc:
        if part == "[key]":
            at_key = True
            continue
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            node = node[part]
            pad.append(part)
        elif isinstance(node, dict) and isinstance(part, str) and not part.startswith("<"):
            pad.append(part)  # a missing or unknown key: name it
            node = None
    return tuple(pad), at_key


M = TypeVar("M", bound=BaseModel)


def validate_document(doc: Document, model: type[M], context: dict[str, Any] | None = None) -> M:
    try:
        return model.model_validate(doc.data, context=context)
    except ValidationError as err:
        problems: dict[Pad, Problem] = {}
        missing: list[Pad] = []
        suggested: set[Pad] = set()
        for error in err.errors(include_url=False):
            pad, at_key = _data_pad(doc.data, tuple(error["loc"]))
            message = _dutch(error)
            if (tekst := _text_read_as_key(doc.data, pad)) is not None:
                pad, at_key = tekst, False
                message = (
                    "deze regel bevat ': ' en wordt daardoor gelezen als 'sleutel: waarde': "
                    "zet de hele tekst tussen aanhalingstekens"
                )
            elif error["type"] == "extra_forbidden":
                at_key = True
                message, close = _unknown_key(model, pad)
                if close:
                    suggested.add((*pad[:-1], close))
            elif error["type"] == "missing":
                missing.append(pad)
            problems.setdefault(pad, doc.problem(pad, message, at_key=at_key))
        for pad in missing:
            if pad in suggested:  # a misspelt key is one problem, not also a missing one
                del problems[pad]
        raise MonitorError(sorted(problems.values())) from None


def _text_read_as_key(data: Any, pad: Pad) -> Pad | None:
    """The mapping on the way to `pad` that has a key with a space in it, if any. No key of a
    month file has one: it is text with ': ' in it (`- 10 juli: Voorlichting`)."""
    node = data
    for depth, part in enumerate((*pad, None)):
        if isinstance(node, dict) and any(isinstance(k, str) and " " in k for k in node):
            return pad[:depth]
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return None


def _unknown_key(model: type[BaseModel], pad: Pad) -> tuple[str, str | None]:
    """Name the closest key the schema allows at that place, or list them all."""
    import difflib

    schema = model.model_json_schema()
    definitions = schema.get("$defs", {})

    def branches(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
        if "$ref" in node:
            yield from branches(definitions[node["$ref"].rsplit("/", 1)[1]])
            return
        yield node
        for branch in node.get("anyOf", []) + node.get("oneOf", []) + node.get("allOf", []):
            yield from branches(branch)

    nodes = [schema]
    for part in pad[:-1]:
        children = (
            b.get("items") if isinstance(part, int) else b.get("properties", {}).get(part)
            for n in nodes
            for b in branches(n)
        )
        nodes = [child for child in children if isinstance(child, dict)]
    allowed = sorted({key for n in nodes for b in branches(n) for key in b.get("properties", {})})
    close = difflib.get_close_matches(str(pad[-1]), allowed, n=1, cutoff=0.6)
    if close:
        return f"onbekende sleutel; bedoelt u '{close[0]}'?", close[0]
    return f"onbekende sleutel; toegestaan: {', '.join(allowed)}", None


# --- the workspace -------------------------------------------------------------------------------

_MAAND = re.compile(MAAND_PATTERN)


_JAAR = re.compile(r"[0-9]{4}")


def is_jaar(argument: str) -> bool:
    """A year argument (`build 2018`), as opposed to a month (JJJJ-MM)."""
    return bool(_JAAR.fullmatch(argument))


def eerste_dag(maand: str) -> dt.date:
    """'2018-06' → 1 June 2018."""
    return dt.date(int(maand[:4]), int(maand[5:7]), 1)


def maand_terug(maand: str, n: int) -> str:
    """The month `n` months before `maand` (both JJJJ-MM)."""
    jaar, nummer = divmod(int(maand[:4]) * 12 + int(maand[5:]) - 1 - n, 12)
    return f"{jaar:04d}-{nummer + 1:02d}"


def check_maand_arg(maand: str) -> str:
    if not _MAAND.fullmatch(maand):
        raise UsageError(f"'{maand}' is geen maand: gebruik JJJJ-MM, bijvoorbeeld 2018-06")
    return maand


@dataclass(frozen=True)
class Werkmap:
    """The data folder: monitor.yaml and one YYYY-MM.yaml per month."""

    data_dir: Path

    def month_path(self, maand: str) -> Path:
        return self.data_dir / f"{check_maand_arg(maand)}.yaml"

    def months(self) -> list[str]:
        """Every month that has a file, in calendar order."""
        return sorted(p.stem for p in self.data_dir.glob("*.yaml") if _MAAND.fullmatch(p.stem))

    def require_dir(self) -> None:
        if not self.data_dir.is_dir():
            raise UsageError(f"datamap '{display_path(self.data_dir)}' bestaat niet")

    def require_months(self, maanden: list[str]) -> None:
        """Usage errors (exit 2) for a missing folder, a malformed month or a month without file."""
        self.require_dir()
        for maand in maanden:
            path = self.month_path(maand)
            if not path.is_file():
                raise UsageError(f"maand {maand} bestaat niet: {display_path(path)} ontbreekt")


def load_programma(werkmap: Werkmap) -> Programma:
    doc = read_document(werkmap.data_dir / PROGRAMMA_BESTAND)
    programma = validate_document(doc, Programma)
    problems = []
    for field in ("secties", "regiepartijen", "uitsplitsingen", "lakgronden"):
        seen: set[str] = set()
        for index, item in enumerate(getattr(programma, field)):
            ident = item if isinstance(item, str) else item.id
            if ident in seen:
                problems.append(doc.problem((field, index), f"'{ident}' staat er dubbel in"))
            seen.add(ident)
    for index, uitsplitsing in enumerate(programma.uitsplitsingen):
        ids = [c.id for c in uitsplitsing.categorieen]
        for dubbel in sorted({i for i in ids if ids.count(i) > 1}):
            pad = ("uitsplitsingen", index, "categorieen")
            problems.append(doc.problem(pad, f"categorie '{dubbel}' staat er dubbel in"))
    if problems:
        raise MonitorError(problems)
    return programma


@dataclass(frozen=True)
class MaandBestand:
    """A validated month together with its source, for locating what the rules find."""

    maand: Maand
    doc: Document


def load_maand(werkmap: Werkmap, programma: Programma, maand: str) -> MaandBestand:
    path = werkmap.month_path(maand)
    doc = read_document(path)
    problems = list(_reference_problems(doc, programma))
    try:
        month = validate_document(doc, Maand, {"lakgronden": {g.id for g in programma.lakgronden}})
    except MonitorError as err:
        raise MonitorError(sorted(set(problems + err.problems))) from None
    if month.maand != maand:
        problems.append(
            doc.problem(
                ("maand",), f"'{month.maand}' hoort niet in {path.name}: verwacht '{maand}'"
            )
        )
    if problems:
        raise MonitorError(sorted(set(problems)))
    return MaandBestand(month, doc)


def _reference_problems(doc: Document, programma: Programma) -> Iterator[Problem]:
    """Every id the month uses must exist in monitor.yaml: sections, partners, breakdowns,
    categories, the grounds of whole tables (those of marks in text: `Tekst._validate`). Checked
    on the raw data, so that they are reported together with pydantic's problems, even when the
    model does not validate."""
    data = doc.data
    secties = [s.id for s in programma.secties]
    for sectie in _mapping(data.get("activiteiten")):
        if sectie not in secties:
            yield doc.problem(
                ("activiteiten", sectie),
                f"onbekende sectie '{sectie}'; bekend: {', '.join(sorted(secties))}",
                at_key=True,
            )
    inzet = _mapping(data.get("inzet_op_risicos"))
    partijen = inzet.get("regiepartijen")
    for index, partij in enumerate(partijen if isinstance(partijen, list) else []):
        naam = _mapping(partij).get("partij")
        if isinstance(naam, str) and naam not in programma.regiepartijen:
            yield doc.problem(
                ("inzet_op_risicos", "regiepartijen", index, "partij"),
                f"'{naam}' is geen regiepartij uit monitor.yaml",
            )
    uitsplitsingen = {u.id: u for u in programma.uitsplitsingen}
    gronden = {g.id for g in programma.lakgronden}
    for prefix, subjecten in (
        (("inzet_op_risicos", "subjecten"), inzet.get("subjecten")),
        (
            ("inzet_op_risicos", "vorige_maand", "subjecten"),
            _mapping(inzet.get("vorige_maand")).get("subjecten"),
        ),
    ):
        for naam, waarde in _mapping(subjecten).items():
            if naam not in uitsplitsingen:
                yield doc.problem(
                    (*prefix, naam),
                    f"onbekende uitsplitsing '{naam}'; bekend: {', '.join(uitsplitsingen)}",
                    at_key=True,
                )
                continue
            waarde = _mapping(waarde)
            bekend = [c.id for c in uitsplitsingen[naam].categorieen]
            verpakt = "gelakt" in waarde or "niet_beschikbaar" in waarde
            cijfers, pad = (
                (_mapping(waarde.get("cijfers")), (*prefix, naam, "cijfers"))
                if verpakt
                else (waarde, (*prefix, naam))
            )
            for categorie in cijfers:
                if categorie not in bekend:
                    yield doc.problem(
                        (*pad, categorie),
                        f"onbekende categorie '{categorie}'; bekend: {', '.join(bekend)}",
                        at_key=True,
                    )
            grond = waarde.get("gelakt")
            if isinstance(grond, str) and grond not in gronden:
                yield doc.problem((*prefix, naam, "gelakt"), _unknown_ground(grond, gronden))


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _unknown_ground(grond: str, gronden: set[str]) -> str:
    return f"onbekende lakgrond '{grond}'; bekend: {', '.join(sorted(gronden))}"


def iter_teksten(value: Any, pad: Pad = ()) -> Iterator[tuple[Pad, Tekst]]:
    """Every Tekst in a model, with the path to it: the single walk that finds all redactions."""
    if isinstance(value, Tekst):
        yield pad, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from iter_teksten(getattr(value, name), (*pad, name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from iter_teksten(item, (*pad, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_teksten(item, (*pad, key))
