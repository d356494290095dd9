"""Problems found in the workspace, how they name a file, and the one error that carries them
to the CLI boundary."""

from __future__ import annotations

import functools
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


@functools.lru_cache(maxsize=1)
def _resolved_folder(folder: Path) -> Path:
    """The working directory resolved once, not for every file named (half of display_path)."""
    return folder.resolve()


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
        return cls(
            d["bestand"],
            d["regel"],
            d["kolom"],
            d["pad"],
            d["melding"],
            d["ernst"],
            d["controle"],
            tuple(cls.from_json(p) for p in d.get("samengevoegd", ())),
        )


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
