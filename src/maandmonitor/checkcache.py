"""The outcome of every month's checks, kept between runs of `validate`, `list` and `build --all`.

Parsing YAML and validating the model cost about 2 ms a month; an archive of a thousand months is
checked on every commit. A month's outcome depends only on its own file, the two files before it
(the cross-month rules look back two months), `monitor.yaml` and the tool itself, so it is stored
under a sha256 of exactly those, with the folder the files are named from (messages carry paths).
Anything that does not match is checked afresh; a missing, corrupt or foreign cache file is simply
ignored and rewritten; a cache that cannot be written is no error. Deleting it is always safe.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pydantic
import yaml

from .load import PROGRAMMA_BESTAND, Werkmap, display_path, maand_terug

BESTAND = "controles.json"
PAKKET = Path(__file__).resolve().parent
VERSIE = 1


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha(path: Path) -> str | None:
    try:
        return sha(path.read_bytes())
    except OSError:
        return None


def folder_sha(folder: Path) -> str:
    """Every file below `folder` (bytecode caches left out), by relative path and content."""
    files = sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    )
    return sha(
        json.dumps([[p.relative_to(folder).as_posix(), file_sha(p)] for p in files]).encode()
    )


class Uitslagen:
    """The stored outcomes in `folder/controles.json`, read once and written once."""

    def __init__(self, folder: Path, werkmap: Werkmap) -> None:
        self.path = folder / BESTAND
        self.werkmap = werkmap
        self.gedeeld = sha(
            json.dumps(
                [
                    VERSIE,
                    folder_sha(PAKKET),
                    pydantic.VERSION,
                    yaml.__version__,
                    file_sha(werkmap.data_dir / PROGRAMMA_BESTAND),
                    display_path(werkmap.data_dir),
                ]
            ).encode()
        )
        self._shas: dict[str, str | None] = {}
        self._nieuw: dict[str, Any] = {}
        self._oud: dict[str, Any] = {}
        try:
            stored = json.loads(self.path.read_bytes())
            if stored.get("gedeeld") == self.gedeeld and isinstance(stored.get("maanden"), dict):
                self._oud = stored["maanden"]
        except (OSError, ValueError, AttributeError):
            pass

    def _sha(self, maand: str) -> str | None:
        if maand not in self._shas:
            self._shas[maand] = file_sha(self.werkmap.month_path(maand))
        return self._shas[maand]

    def sleutel(self, maand: str) -> str:
        return sha(json.dumps([self._sha(maand_terug(maand, n)) for n in range(3)]).encode())

    def lees(self, maand: str) -> dict[str, Any] | None:
        """The stored outcome of `maand`, when its inputs are unchanged."""
        entry = self._oud.get(maand)
        if isinstance(entry, dict) and entry.get("sleutel") == self.sleutel(maand):
            self._nieuw[maand] = entry
            return entry
        return None

    def bewaar(self, maand: str, uitslag: dict[str, Any]) -> None:
        self._nieuw[maand] = {"sleutel": self.sleutel(maand), **uitslag}

    def schrijf(self) -> None:
        if self._nieuw == self._oud:
            return
        data = json.dumps(
            {"gedeeld": self.gedeeld, "maanden": self._nieuw}, ensure_ascii=False, sort_keys=True
        )
        tmp = self.path.with_name(f".{BESTAND}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(data, encoding="utf-8")
            tmp.replace(self.path)
        except OSError:  # a cache that cannot be written only costs time
            tmp.unlink(missing_ok=True)
