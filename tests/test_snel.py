"""`--version` and `-h` print without loading the command line: from hulp.py, which must be what
the command line itself prints (tools/hulp.py writes it)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from maandmonitor import hulp

from .conftest import REPO

PROGRAMMA = str(Path(sys.executable).parent / "maandmonitor")


def _tools_hulp() -> object:
    spec = importlib.util.spec_from_file_location("tools_hulp", REPO / "tools" / "hulp.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_stored_texts_are_what_the_command_line_prints() -> None:
    tools = _tools_hulp()
    gemaakt = tools.teksten()  # type: ignore[attr-defined]
    assert gemaakt == hulp.HULP, "run: .venv/bin/python tools/hulp.py"
    assert tools.parameters() == hulp.PARAMETERS, "run: .venv/bin/python tools/hulp.py"  # type: ignore[attr-defined]
    assert set(gemaakt) >= {"", "build", "validate", "new", "init", "list", "schema"}
    assert version("maandmonitor") == hulp.VERSIE


def _uitvoer(*argumenten: str, kolommen: int) -> subprocess.CompletedProcess[str]:
    omgeving = {**os.environ, "COLUMNS": str(kolommen)}
    return subprocess.run(
        [PROGRAMMA, *argumenten], capture_output=True, text=True, env=omgeving, check=False
    )


def test_version_and_help_from_the_stored_texts() -> None:
    assert _uitvoer("--version", kolommen=100).stdout == f"maandmonitor {hulp.VERSIE}\n"
    for argumenten, naam in ((["-h"], ""), (["build", "--help"], "build")):
        uit = _uitvoer(*argumenten, kolommen=100)
        assert (uit.returncode, uit.stdout, uit.stderr) == (0, hulp.HULP[naam], "")


def test_a_narrow_terminal_gets_the_command_lines_own_wrapping() -> None:
    smal = _uitvoer("-h", kolommen=60)
    assert smal.returncode == 0
    assert smal.stdout != hulp.HULP[""]
    assert max(len(regel) for regel in smal.stdout.splitlines()) <= 60


@pytest.mark.parametrize("commando", ["", "build", "validate", "list", "new", "init", "schema"])
@pytest.mark.parametrize("kolommen", [80, 100, 200])
def test_the_stored_help_is_what_typer_prints_in_that_terminal(
    commando: str, kolommen: int
) -> None:
    """Click wraps help at min(columns, 80) - 2; a second help option sends the line to typer."""
    voor = [commando] if commando else []
    snel = _uitvoer(*voor, "-h", kolommen=kolommen)
    door_typer = _uitvoer(*voor, "--help", "-h", kolommen=kolommen)
    assert snel.returncode == door_typer.returncode == 0
    assert snel.stdout == door_typer.stdout
