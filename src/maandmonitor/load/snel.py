"""The quick reading of a file in which nothing is unusual: values only, no positions, no problems.

Almost every file a command reads is such a file, and for it the full reading (`bouw.py`) spends
more time recording where each value stands than libyaml spends parsing. This reading builds the
same values from the same events and gives up (None) at the first thing that could make the full
reading report a problem or read differently: an alias, an anchor, a tag, a key that is not
plain text or is `<<` or comes twice, a plain scalar YAML 1.1 reads otherwise or a date that does
not exist, a comment after a plain list item, nesting deeper than MAX_DEPTH, a second document,
no document, a top level that is not a mapping, any error of the parser. The full reading then
reads the file from the start, exactly as it always has. Where the quick reading does not give
up, the full reading of the same text finds no problem and builds equal values: every value is
made by the same function (`scalair`) from the same event, in the same order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from .bouw import (
    MAX_DEPTH,
    ONGEWOON,
    Loader,
    MappingEnd,
    MappingStart,
    Scalar,
    SequenceEnd,
    SequenceStart,
    commentaar,
    scalair,
)


class _Ongewoon(Exception):
    """Something the full reading has to look at."""


def lees(text: str) -> dict[str, Any] | None:
    """The values of `text` when nothing in it is unusual, else None."""
    try:
        return _lees(text)
    except Exception:  # _Ongewoon, the parser's errors, or anything else: the full reading's
        return None


def _lees(text: str) -> dict[str, Any] | None:
    next_event = Loader(text).get_event
    # Without these characters no event can have an anchor or tag, nor be an alias, and no
    # plain scalar can be followed by a comment: then those checks can be left out per event.
    let_op = "&" in text or "!" in text or "*" in text
    regels = text.split("\n") if "#" in text else None
    next_event()  # StreamStart
    if type(next_event()) is not yaml.DocumentStartEvent:
        return None  # no document: the full reading says the file is empty
    data = _waarde(next_event(), 0, False, next_event, let_op, regels)
    next_event()  # DocumentEnd
    if type(next_event()) is not yaml.StreamEndEvent or type(data) is not dict:
        return None
    return data


def _waarde(
    event: Any,
    depth: int,
    in_lijst: bool,
    next_event: Callable[[], Any],
    let_op: bool,
    regels: list[str] | None,
) -> Any:
    """The value that starts with `event` (a function of the module, not a closure: a closure
    that calls itself is a reference cycle, which would keep each file's parser until the
    garbage collector ran)."""
    kind = type(event)
    if let_op and (event.anchor is not None or event.tag is not None or kind not in _SOORTEN):
        raise _Ongewoon
    if kind is Scalar:
        if event.style:
            return event.value
        value = scalair(event.value)
        if value is ONGEWOON:
            raise _Ongewoon
        if in_lijst and regels is not None and type(value) is str:
            end = event.end_mark
            if commentaar(regels[end.line], end) is not None:
                raise _Ongewoon
        return value
    if depth >= MAX_DEPTH:  # its items would lie deeper than MAX_DEPTH
        raise _Ongewoon
    if kind is SequenceStart:
        items = []
        while type(item := next_event()) is not SequenceEnd:
            items.append(_waarde(item, depth + 1, True, next_event, let_op, regels))
        return items
    if kind is not MappingStart:  # an alias
        raise _Ongewoon
    mapping: dict[str, Any] = {}
    while type(key := next_event()) is not MappingEnd:
        if type(key) is not Scalar or key.value == "<<" or key.value in mapping:
            raise _Ongewoon
        if let_op and (key.anchor is not None or key.tag is not None):
            raise _Ongewoon
        mapping[key.value] = _waarde(next_event(), depth + 1, False, next_event, let_op, regels)
    return mapping


_SOORTEN = (Scalar, SequenceStart, MappingStart)
