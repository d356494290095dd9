"""The record of what a run staged: per file its path (relative to the output folder), its target
and the sha256 of its bytes, kept until the files are put in place and the manifest is written.

At 12,000 months a build stages some 25,000 files; held as a dict their records were the largest
thing the parent process held (≈ 9 MB). Here they are spooled as they come, in memory up to
IN_GEHEUGEN bytes a run, then in an anonymous temporary file in the staging folder (which goes,
whatever happens, with the folder), and read back sorted by path. They come nearly sorted: a
share's targets in the order of their paths, each edition's files after the other's, a target's
few files sorted by the caller. So each record goes onto the run whose last path is the greatest
below its own, a new run when there is none (two runs for two editions), and reading merges the
runs.
"""

from __future__ import annotations

import heapq
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, NamedTuple

IN_GEHEUGEN = 1 << 18  # bytes of a run held in memory before it goes to a file
MAX_RUNS = 8  # more, and they are merged into one (never in a build as it is made)


class Record(NamedTuple):
    pad: str  # relative to the output folder
    doel: str
    sha: str


class _Run:
    """Records in increasing order of path, each a JSON line with its arrival number."""

    def __init__(self, map: Path) -> None:
        self.bestand: IO[bytes] = tempfile.SpooledTemporaryFile(  # noqa: SIM115  (closed by Gezet.sluit)
            IN_GEHEUGEN, dir=str(map)
        )
        self.laatste = ""
        self._gelezen = False  # read since the last record: not at the end

    def voeg_toe(self, nummer: int, record: Record) -> None:
        if self._gelezen:
            self.bestand.seek(0, 2)
            self._gelezen = False
        self.bestand.write(json.dumps([record.pad, nummer, record.doel, record.sha]).encode())
        self.bestand.write(b"\n")
        self.laatste = record.pad

    def lees(self) -> Iterator[tuple[str, int, Record]]:
        self._gelezen = True
        self.bestand.seek(0)
        for regel in self.bestand:
            pad, nummer, doel, sha = json.loads(regel)
            yield pad, nummer, Record(pad, doel, sha)


class Gezet:
    """The staged files' records, written as they come and read back sorted by path, as often
    as asked (one reading at a time: the runs are read where they lie); a file recorded twice
    counts with its last record."""

    def __init__(self, map: Path) -> None:
        self._map = map
        self._runs: list[_Run] = []
        self._aantal = 0  # records entered

    def voeg_toe(self, record: Record) -> None:
        """OSError when the spool cannot be written (a full disk): staging fails with it."""
        onder = [r for r in self._runs if r.laatste < record.pad]
        if onder:
            run = max(onder, key=lambda r: r.laatste)
        else:
            if len(self._runs) >= MAX_RUNS:
                self._voeg_samen()
                self.voeg_toe(record)
                return
            run = _Run(self._map)
            self._runs.append(run)
        run.voeg_toe(self._aantal, record)
        self._aantal += 1

    def __iter__(self) -> Iterator[Record]:
        vorige: Record | None = None
        for pad, _, record in heapq.merge(*(run.lees() for run in self._runs)):
            if vorige is not None and vorige.pad != pad:
                yield vorige
            vorige = record
        if vorige is not None:
            yield vorige

    def _voeg_samen(self) -> None:
        samen = _Run(self._map)
        for nummer, record in enumerate(self):
            samen.voeg_toe(nummer, record)
        self.sluit()
        self._runs = [samen]

    def sluit(self) -> None:
        for run in self._runs:
            run.bestand.close()
        self._runs = []
