"""argumenten.py reads the plain arguments of `validate` and `build` exactly as typer does, and
leaves everything else to typer (None)."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from maandmonitor import opdrachten
from maandmonitor.argumenten import lees
from maandmonitor.cli import app

from .conftest import REPO

# What a user types; each is read without typer.
GEWOON = [
    ["build", "2018-06"],
    ["build", "2018"],
    ["build", "--all"],
    ["build", "2018-06", "--format", "pdf"],
    ["build", "2018-06", "--format=md,html,pdf"],
    ["build", "--all", "--editie", "openbaar", "--format", "html"],
    ["build", "--editie", "intern", "--editie=openbaar", "2018-06"],
    ["build", "2018-06", "--out", "uit", "--data-dir", "ergens/data", "--templates", "t"],
    ["build", "2018-06", "--definitief", "--editie", "openbaar"],
    ["build", "--format", "md", "--format", "html", "2018-06"],  # the last one counts
    ["build", "--out", "a", "--out=b", "2018-06"],
    ["build", "2018-06", "--all"],  # both: the command refuses it, after reading it the same
    ["build"],
    ["build", "nonsens"],
    ["build", "--format", "xyz", "2018-06"],  # refused by the command, read the same
    ["validate"],
    ["validate", "2018-06", "2018-07"],
    ["validate", "--format", "json", "--strict"],
    ["validate", "--geen-cache", "2018-06", "--data-dir", "d", "--cache", "c"],
    ["validate", "--format=text", "2018-06", "--strict", "--strict"],
    ["build", "2018-06", "--out", "map met spatie/é"],
    ["build", "2018-06", "--out", "uit=x"],
]
# Typer's to read: help, errors, and what only looks plain.
TYPERS = [
    ["build", "-h"],
    ["build", "2018-06", "--help"],
    ["build", "2018-06", "2018-07"],
    ["build", "2018-06", "--editie", "beide"],
    ["build", "2018-06", "--formaat", "pdf"],
    ["build", "2018-06", "--all=ja"],
    ["build", "2018-06", "--out"],
    ["build", "2018-06", "--out", ""],
    ["build", "2018-06", "--out", "--all"],
    ["build", "--", "2018-06"],
    ["build", "-"],
    ["build", "2018-06", "-x"],
    ["validate", "--format", "xml"],
    ["validate", "--format", "JSON"],
    ["list"],
    ["--version"],
    [],
]


def _typers_lezing(argumenten: list[str]) -> tuple[int, dict[str, Any] | None]:
    """The exit code and the arguments typer passes to opdrachten.py (None: it passed none)."""
    gezien: dict[str, Any] = {}

    def neem_op(naam: str) -> Any:
        echt = getattr(opdrachten, naam)

        def opname(*args: Any, **kwargs: Any) -> int:
            gezien.update(inspect.signature(echt).bind(*args, **kwargs).arguments)
            return 0

        return opname

    mp = pytest.MonkeyPatch()
    try:
        for naam in ("build", "validate"):
            mp.setattr(opdrachten, naam, neem_op(naam))
        uitkomst = CliRunner().invoke(app, argumenten)
    finally:
        mp.undo()
    return uitkomst.exit_code, gezien or None


@pytest.mark.parametrize("argumenten", GEWOON, ids=" ".join)
def test_plain_arguments_are_read_as_typer_reads_them(argumenten: list[str]) -> None:
    gelezen = lees(argumenten)
    assert gelezen is not None, "read by typer, not by argumenten.py"
    code, door_typer = _typers_lezing(argumenten)
    assert (code, gelezen) == (0, (argumenten[0], door_typer))


@pytest.mark.parametrize("argumenten", TYPERS, ids=" ".join)
def test_anything_else_is_left_to_typer(argumenten: list[str]) -> None:
    assert lees(argumenten) is None


def test_read_without_typer_and_pydantic_for_a_plain_build(tmp_path: Path) -> None:
    """The point of it: a plain build does not import typer (nor click's copy in it)."""
    code = (
        "import sys, runpy; sys.argv = ['maandmonitor', 'build', '2019-01', '--data-dir', "
        f"{str(tmp_path)!r}]\n"
        "try:\n    runpy.run_module('maandmonitor', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'click')))"
    )
    uit = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        env={**os.environ, "COLUMNS": "100"},
    )
    assert uit.stdout.strip() == "[]"
    assert "monitor.yaml" in uit.stderr  # the command ran: it found no workspace there
