"""pydantic's validation errors → one located Dutch message each, at the YAML line and column.

pydantic has no positions (pydantic-core#187): each error's `loc` is walked through the data to
the value the Document knows the position of. Where the YAML level already found a problem, the
schema's echo of it is not reported (see `_echo`).
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterator
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core.core_schema import ErrorType

from ..errors import MonitorError, Problem
from ..model import Pad
from ..months import MAAND_PATTERN
from .document import NIET_HERHAALD, Document, toonbaar, type_name, waarde_verborgen


def _shown(value: Any, verborgen: bool = False) -> str:
    """The value as a message quotes it; `verborgen` (or text with a bracket): not at all."""
    if verborgen or not toonbaar(value):
        return f"de waarde {NIET_HERHAALD}"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, dict | list):
        return type_name(value)
    if value is None:
        return "een lege waarde"
    return str(value)


def _dutch(error: Any, verborgen: bool) -> str:
    """pydantic's error in Dutch; `verborgen`: the value lies in a redacted table."""
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    shown = functools.partial(_shown, verborgen=verborgen)
    if kind == "missing":
        return "verplicht veld ontbreekt"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        if value == "INVULLEN":  # the placeholder `maandmonitor new` leaves
            return "nog niet ingevuld: vul een geheel getal in"
        if isinstance(value, dict | list):
            return f"verwacht een geheel getal, gevonden {type_name(value)}"
        return f"{shown(value)} is geen geheel getal"
    if kind in {"string_type"}:
        if isinstance(value, list):  # `- [[grond]]` unquoted: YAML reads a list in a list
            return (
                "verwacht tekst, gevonden een lijst: een lakmarkering moet tussen "
                'aanhalingstekens, "[[grond]]"'
            )
        if isinstance(value, dict):
            return "verwacht tekst, gevonden een mapping (staat er ': ' in de tekst?)"
        return f"verwacht tekst, gevonden {type_name(value)} {shown(value)}".rstrip() + (
            " (zet het tussen aanhalingstekens)" if isinstance(value, int | float | bool) else ""
        )
    if kind == "string_too_short":
        return "mag niet leeg zijn"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == MAAND_PATTERN:
            return f"{shown(value)} is geen maand (verwacht JJJJ-MM, bijv. 2018-06)"
        return f"{shown(value)} is geen geldige id (kleine letters, cijfers, '_', '-', '.')"
    gevonden = f"gevonden: {shown(value)}" if toonbaar(value) and not verborgen else NIET_HERHAALD
    if kind == "greater_than_equal" and ctx.get("ge") == 0:
        return f"mag niet negatief zijn ({gevonden.strip('()')})"
    if kind in {"greater_than_equal", "greater_than"}:
        return f"mag niet kleiner zijn dan {ctx.get('ge', ctx.get('gt'))} ({gevonden.strip('()')})"
    if kind in {"date_type", "date_parsing", "date_from_datetime_parsing"}:
        return f"{shown(value)} is geen datum (verwacht JJJJ-MM-DD)"
    if kind == "bool_type":
        return f"verwacht true of false, gevonden {shown(value)}"
    if kind in {"literal_error", "enum"}:
        return f"onbekende keuze {shown(value)}; toegestaan: {_keuzes(str(ctx.get('expected')))}"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return f"verwacht een mapping (sleutel: waarde), gevonden {type_name(value)}"
    if kind == "list_type":
        return f"verwacht een lijst, gevonden {type_name(value)}"
    if kind == "too_short":
        return "vul minstens één regel in, of haal het blok weg"
    if kind in _PYDANTIC:  # one of pydantic's own that is not said above: never its English
        return f"{shown(value)} is hier geen geldige waarde"
    return str(error["msg"])  # ours (PydanticCustomError): Dutch already


# Every kind of error pydantic itself raises; any other kind is one of ours.
_PYDANTIC = frozenset(get_args(ErrorType))


def _keuzes(expected: str) -> str:
    """pydantic's list of choices ("'a', 'b' or 'c'") in Dutch: "'a', 'b' of 'c'"."""
    rest, of, laatste = expected.rpartition(" or ")
    return f"{rest} of {laatste}" if of else expected


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
            if _echo(doc, error, pad, at_key):
                continue
            message = _dutch(error, waarde_verborgen(doc.data, pad))
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


def _echo(doc: Document, error: Any, pad: Pad, at_key: bool) -> bool:
    """Whether a schema error only repeats what the YAML level found: it is about a value a
    lexical problem replaced (an alias, `no`, `012`), or about what a mapping or list holds (a
    missing key, too few items, an empty value) where lines were left out after a syntax error."""
    if not at_key and doc.position(pad) in doc.onleesbaar:
        return True
    inhoud = error["type"] == "missing" or error["type"] == "too_short"
    if inhoud or isinstance(error.get("input"), dict | list) or error.get("input") is None:
        return doc.mist_regels(pad[:-1] if error["type"] == "missing" else pad)
    return False


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
