"""JSON for CI (`validate` and `list` with `--format json`), as UTF-8 text: whole, or in pieces
that make the same text (the months of a report are written as they come).

A byte of a path that is not UTF-8 (which Python holds as a surrogate escape) is written as its
escape `\\udcXX`, which Python reads back as the same path.
"""

from __future__ import annotations

import json
import re
from typing import Any

_SURROGAAT = re.compile("[\udc80-\udcff]")
_INSPRINGING = 2


def als_json(data: object) -> str:
    """`data` as JSON text, indented by two spaces."""
    tekst = json.dumps(data, ensure_ascii=False, indent=_INSPRINGING)
    return _SURROGAAT.sub(lambda m: f"\\u{ord(m.group()):04x}", tekst)


def item(data: object, diepte: int) -> str:
    """`data` as `als_json` writes it as an item at `diepte` levels deep: every line after the
    first indented by that many levels (JSON text has no line break of its own inside a
    string: `\\n` is an escape)."""
    return als_json(data).replace("\n", "\n" + " " * (_INSPRINGING * diepte))


# Between two items of a list at the second level (the months of a report).
TUSSEN = ",\n" + " " * (2 * _INSPRINGING)


def om_lijst(kop: dict[str, Any]) -> tuple[str, str]:
    """For `als_json(kop)`, whose last key holds an empty list: the text before the list's
    first item and after its last, for items as `item(…, 2)` writes them with TUSSEN between
    them (with no items the text is `als_json(kop)` itself)."""
    tekst = als_json(kop)
    assert tekst.endswith(": []\n}"), "the last key must hold an empty list"
    return tekst.removesuffix("[]\n}") + "[\n" + " " * (2 * _INSPRINGING), "\n  ]\n}"
