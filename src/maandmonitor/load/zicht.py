"""What a message about a value may say: the path to it, whether it may repeat the value, and how
it names a kind of value.

A message never repeats a value that may be confidential (in a redacted table, or text with
something like a mark in it), nor a key that may be text rather than a key.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..glyphs import heeft_haak
from ..model import Pad

_SLEUTEL = re.compile(r"[a-z0-9_][a-z0-9_.-]*")
_TABELSLEUTELS = {"gelakt", "cijfers"}  # a redacted table's own keys, never confidential

# Said instead of a value that may be confidential: in a redacted table ({gelakt: …, cijfers:
# {…}}), or text with (something like) a mark in it. A message says where, never what.
NIET_HERHAALD = "(niet herhaald: kan vertrouwelijk zijn)"


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
