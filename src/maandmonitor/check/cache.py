"""The outcome of every month's checks, kept between runs of `validate`, `list` and `build`.

Parsing YAML and validating the model cost about a millisecond a month; an archive of a thousand
months is checked on every commit. A month's outcome depends only on its own file, the two files
before it (the cross-month rules look back two months), `monitor.yaml` and the tool itself, so it
is stored under a sha256 of exactly those bytes (as the workspace read them), with the folder the
files are named from (messages carry paths). Anything that does not match is checked afresh;
reading and writing go through the cache boundary (`cache.py`), so a missing, damaged or foreign
file only costs time. Deleting it is always safe.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pydantic
import yaml

from ..cache import lees_json, pakket_sha, schrijf_json, sha
from ..errors import Problem, display_path
from ..months import maand_terug
from ..workspace import Werkmap
from .report import MaandResultaat

BESTAND = "controles.json"
VERSIE = 1


class Uitslagen:
    """The stored outcomes in `folder/controles.json`, read once and written once."""

    def __init__(self, folder: Path, werkmap: Werkmap) -> None:
        self.path = folder / BESTAND
        self.werkmap = werkmap
        self.gedeeld = sha(
            json.dumps(
                [
                    VERSIE,
                    pakket_sha(),
                    pydantic.VERSION,
                    yaml.__version__,
                    werkmap.programma_sha,
                    werkmap.termen_sha,
                    display_path(werkmap.data_dir),
                ]
            ).encode()
        )
        self._nieuw: dict[str, Any] = {}
        self._oud: dict[str, Any] = {}
        stored = lees_json(self.path)
        if isinstance(stored, dict) and stored.get("gedeeld") == self.gedeeld:
            maanden = stored.get("maanden")
            self._oud = maanden if isinstance(maanden, dict) else {}

    def sleutel(self, maand: str) -> str:
        return sha(json.dumps([self.werkmap.sha(maand_terug(maand, n)) for n in range(3)]).encode())

    def lees(self, maand: str, streng: bool) -> MaandResultaat | None:
        """The stored outcome of `maand`, when its inputs are unchanged and it is whole."""
        entry = self._oud.get(maand)
        if not isinstance(entry, dict) or entry.get("sleutel") != self.sleutel(maand):
            return None
        try:
            resultaat = MaandResultaat.from_json(maand, entry, streng)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError):
            return None  # not in this shape: checked afresh
        self._nieuw[maand] = entry
        return resultaat

    def bewaar(self, resultaat: MaandResultaat) -> None:
        self._nieuw[resultaat.maand] = {
            "sleutel": self.sleutel(resultaat.maand),
            **resultaat.for_cache(),
        }

    def schrijf(self) -> Problem | None:
        """Write the outcomes; a warning when that is not possible."""
        if self._nieuw == self._oud:
            return None
        return schrijf_json(self.path, {"gedeeld": self.gedeeld, "maanden": self._nieuw})
