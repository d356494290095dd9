"""YAML → values with positions: the one place where a workspace file's bytes are parsed.

The YAML is read as an event stream (libyaml's parser where available) and built into plain values
here, not by PyYAML's constructor, so that:
- every value and key keeps its line and column, and a pydantic error's `loc` maps back to them;
- duplicate keys, anchors/aliases, explicit tags and YAML 1.1 surprises (`no`, `012`, `12:30`)
  are errors instead of silent conversions (see NOTES.md: pyyaml#165, #613, #235).

One round: none of these stops the reading, and a syntax error does not either: the lines of the
broken value are left out and the file is read again (`syntax.py`), so that every problem of the
file is reported at once, with the schema problems of every part that could be read.

A file is first read quickly, without positions (`snel.py`); only when that reading gives up is it
read in full (`bouw.py`), and a file read quickly gets its positions from the full reading when
something asks for one (a message: most files never need any).
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import MonitorError, Problem, display_path, oorzaak
from ..model import Pad
from . import snel
from .bouw import Builder, Loader, Posities, TooDeep, posities
from .syntax import (
    MAX_HERSTEL,
    breuk,
    leesfout,
    regel_en_kolom,
    syntaxfout,
    weg_te_laten,
    zonder_regels,
)
from .zicht import NIET_HERHAALD, format_pad, toonbaar, type_name, waarde_verborgen

__all__ = ["NIET_HERHAALD", "Document", "toonbaar", "type_name", "waarde_verborgen"]

MAX_BYTES = 1024 * 1024
# Line and paragraph separators: libyaml counts each as a line break, so every line number after
# one would differ from the lines an editor shows (and a value's line, which decides whether a
# message may quote it, would be another's).
_REGELSCHEIDING = re.compile("[\u2028\u2029]")


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: its values, and where each value and key stands in the file."""

    file: str
    data: Any
    text: str
    # What could not be read: lines left out after a syntax error (from 1), and the positions of
    # values that a lexical problem replaced (an alias, `no`, `012`): a schema problem there, or
    # about what a mapping or list holds where lines are missing, is an echo, not reported.
    overgeslagen: frozenset[int] = frozenset()
    onleesbaar: frozenset[tuple[int, int]] = frozenset()
    # The positions, as the full reading found them; None: not yet read (see `_posities`).
    gelezen: Posities | None = field(default=None, repr=False, compare=False)

    @functools.cached_property
    def _posities(self) -> Posities:
        # The text was read without a problem, so the full reading of it meets none either and
        # builds equal values (snel.py): these are the positions of `data`.
        return self.gelezen if self.gelezen is not None else posities(self.file, self.text)

    @property
    def values(self) -> dict[Pad, tuple[int, int]]:
        return self._posities[0]

    @property
    def keys(self) -> dict[Pad, tuple[int, int]]:
        return self._posities[1]

    @property
    def ends(self) -> dict[Pad, int]:
        """The last line of each list and mapping, children included."""
        return self._posities[2]

    def problem(self, pad: Pad, message: str, *, at_key: bool = False, **kw: Any) -> Problem:
        line, column = self.position(pad, at_key=at_key)
        return Problem(self.file, line, column, format_pad(pad, self.data), message, **kw)

    def position(self, pad: Pad, *, at_key: bool = False) -> tuple[int, int]:
        """The closest known position: the key or value at `pad`, else its nearest parent."""
        if at_key and pad in self.keys:
            return self.keys[pad]
        values = self.values
        while pad not in values and pad:
            pad = pad[:-1]
        return values.get(pad, (1, 1))

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
    if (data := snel.lees(text)) is not None:
        return Document(file, data, text), []
    syntax: list[Problem] = []
    overgeslagen: set[int] = set()
    leesbaar = text
    while True:
        builder = Builder(file, Loader(leesbaar).get_event, leesbaar)
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
        except TooDeep:
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
        text,
        frozenset(regel + 1 for regel in overgeslagen),
        frozenset(builder.onleesbaar),
        (builder.values, builder.keys, builder.ends),
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
        ervoor = raw[: err.start].decode("utf-8")  # what comes before reads: columns in characters
        waar = regel_en_kolom(ervoor, len(ervoor))
        melding = f"geen geldige UTF-8 (byte 0x{raw[err.start]:02x}); sla het bestand op als UTF-8"
        raise MonitorError([Problem(file, *waar, "", melding)]) from None
    text = text.removeprefix("\ufeff")
    if "\r" in text or "\x85" in text:  # line ends as libyaml reads them (the values stay the same)
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x85", "\n")
    if scheiding := _REGELSCHEIDING.search(text):
        teken = f"U+{ord(scheiding.group()):04X}"
        melding = (
            f"bevat een regelscheidingsteken ({teken}): YAML leest het als een nieuwe regel, een "
            "editor toont het vaak niet; vervang het door een gewone nieuwe regel of haal het weg"
        )
        raise MonitorError([Problem(file, *regel_en_kolom(text, scheiding.start()), "", melding)])
    if "\x00" in text:
        raise MonitorError([Problem(file, 1, 1, "", "bestand bevat NUL-tekens: geen tekstbestand")])
    if not text.strip():
        raise MonitorError([Problem(file, 1, 1, "", "het bestand is leeg")])
    return text
