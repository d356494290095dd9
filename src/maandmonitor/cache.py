"""Caches only cost time when lost: the one boundary for reading and writing them, and hashing.

Every cache (the check outcomes, the build manifest) is a JSON file under `build/.cache`. Reading
one that is missing, damaged, of another version or of the wrong shape gives None (as if there was
no cache); writing one that cannot be written gives a warning line, never an error.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

from .errors import Problem, display_path, oorzaak
from .write import schrijf_atomisch

PAKKET = Path(__file__).resolve().parent


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


@functools.cache
def pakket_sha() -> str:
    """The package itself, code and packaged templates: a development checkout whose code changed
    must never reuse what an older state made."""
    return folder_sha(PAKKET)


def lees_bytes(path: Path) -> bytes | None:
    """A cache file's bytes, or None when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def lees_json(path: Path) -> Any:
    """A cache file's content, or None when it cannot be had (unreadable, not JSON, nested too
    deep to parse). Whether the content has the right shape is for its reader to check."""
    data = lees_bytes(path)
    try:
        return None if data is None else json.loads(data)
    except (ValueError, RecursionError):
        return None


def schrijf_json(path: Path, data: Any) -> Problem | None:
    """Write a cache file; a warning (not an error) when that is not possible. ASCII with
    escapes, so that a path of any bytes (a surrogate-escaped str) is written and read back."""
    return schrijf_bytes(path, json.dumps(data, sort_keys=True, separators=(",", ":")).encode())


def schrijf_bytes(path: Path, data: bytes) -> Problem | None:
    """Write a cache file atomically, making its folder; a warning when that is not possible."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        schrijf_atomisch(path, data)
    except OSError as err:
        return Problem(
            display_path(path),
            0,
            0,
            "",
            f"cache niet bijgewerkt ({oorzaak(err)}); de volgende keer kost dat alleen tijd",
            ernst="waarschuwing",
        )
    return None
