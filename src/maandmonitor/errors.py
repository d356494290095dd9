"""Problems found in the workspace, how they name a file, and the one error that carries them
to the CLI boundary."""

from __future__ import annotations

import errno
import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

Ernst = Literal["fout", "waarschuwing"]


def display_path(path: Path) -> str:
    """The file as the user named it: relative to the working directory where possible."""
    try:
        return str(path.resolve().relative_to(_resolved_folder(Path.cwd())))
    except ValueError:
        return str(path)


def als_utf8(tekst: str) -> str:
    """A path shown in a file that must be UTF-8 (a month file): every byte of a file name that
    is not UTF-8 (which `os.fsdecode` keeps as a surrogate escape) as U+FFFD."""
    return os.fsencode(tekst).decode("utf-8", "replace")


@functools.lru_cache(maxsize=1)
def _resolved_folder(folder: Path) -> Path:
    """The working directory resolved once, not for every file named (half of display_path)."""
    return folder.resolve()


_OORZAKEN = {
    errno.EACCES: "geen toestemming",
    errno.EPERM: "geen toestemming",
    errno.EROFS: "alleen te lezen",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte (quota) is op",
    errno.EEXIST: "er staat een bestand waar een map moet komen",
    errno.ENOTDIR: "er staat een bestand waar een map moet komen",
    errno.EISDIR: "er staat een map waar een bestand moet komen",
    errno.ENAMETOOLONG: "de naam is te lang",
}


def oorzaak(err: OSError) -> str:
    """Why a file or folder could not be written or read, in Dutch where the error is a common
    one (never the exception's text, which can hold a path or a value)."""
    return _OORZAKEN.get(err.errno or 0) or err.strerror or type(err).__name__


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one file; `located()` is what the user reads."""

    file: str
    line: int
    column: int
    path: str
    message: str
    ernst: Ernst = "fout"
    controle: str | None = None  # id of the rule (controle) that found it
    # the problems this one explains, shown under it (check/oorzaak.py)
    samengevoegd: tuple[Problem, ...] = ()

    def located(self) -> str:
        """What the user reads: the problem, and on the lines under it those it explains."""
        where = f"{self.file}:{self.line}:{self.column}:" if self.line else f"{self.file}:"
        what = f"{self.path}: {self.message}" if self.path else self.message
        prefix = "waarschuwing: " if self.ernst == "waarschuwing" else ""
        suffix = f" [{self.controle}]" if self.controle else ""
        onder = "".join(f"\n  ↳ {p.located()}" for p in self.samengevoegd)
        return f"{where} {prefix}{what}{suffix}{onder}"

    def as_json(self) -> dict[str, Any]:
        """The documented JSON form (`validate --format json`); `regel` is the line number, and
        `samengevoegd` (only where there are any) the problems this one explains."""
        d: dict[str, Any] = {
            "bestand": self.file,
            "regel": self.line,
            "kolom": self.column,
            "pad": self.path,
            "melding": self.message,
            "ernst": self.ernst,
            "controle": self.controle,
        }
        if self.samengevoegd:
            d["samengevoegd"] = [p.as_json() for p in self.samengevoegd]
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Problem:
        """The problem `as_json` gave; ValueError for anything else (a cache is read with this:
        a hand-edited one must never change a report)."""
        velden = (d["bestand"], d["regel"], d["kolom"], d["pad"], d["melding"])
        controle, ernst, samengevoegd = d["controle"], d["ernst"], d.get("samengevoegd", [])
        if (
            tuple(map(type, velden)) != _SOORTEN
            or ernst not in ("fout", "waarschuwing")
            or not (controle is None or type(controle) is str)
            or type(samengevoegd) is not list
        ):
            raise ValueError("not a Problem")
        return cls(*velden, ernst, controle, tuple(cls.from_json(p) for p in samengevoegd))


_SOORTEN = (str, int, int, str, str)  # of Problem's first fields (type(): a bool is no int)


class MonitorError(Exception):
    """Every expected failure: bad data or bad usage. The CLI prints its problems, nothing else."""

    exit_code = 1
    niets_geschreven = True  # False: some files were replaced (the message says which)

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.located() for p in problems))
        self.problems = problems


class UsageError(MonitorError):
    """The command was called wrongly (an unknown or malformed month, a missing folder), or what
    it needs is not installed (Pango for a PDF): exit 2."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__([Problem(file="maandmonitor", line=0, column=0, path="", message=message)])
        self.message = message
