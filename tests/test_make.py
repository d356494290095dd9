"""The routine steps as make targets (issue 15): after `make build`, `maandmonitor` is in .venv,
not on the PATH, so every step a user takes each month has a target, with MAAND= and FORMAT=."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .conftest import REPO


def make(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(REPO), *args], capture_output=True, text=True
    )


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (["validate"], "validate"),
        (["validate", "MAAND=2018-07"], "validate 2018-07"),
        (["new", "MAAND=2018-07"], "new 2018-07"),
        (["list"], "list"),
        (["build"], "build 2018-06 --format md,html"),
        (["build", "MAAND=2018-07", "FORMAT=md"], "build 2018-07 --format md"),
        (["pdf", "MAAND=2018-07"], "build 2018-07 --format md,html,pdf"),
        (["build-all"], "build --all --format md,html"),
    ],
)
def test_each_routine_step_has_a_target(args: list[str], command: str) -> None:
    dry_run = make("-n", *args)
    assert dry_run.returncode == 0, dry_run.stderr
    assert f".venv/bin/maandmonitor {command}" in [
        line.strip() for line in dry_run.stdout.split("\n")
    ]


def test_build_says_how_to_go_on() -> None:
    dry_run = make("-n", "build").stdout
    assert "make new MAAND=JJJJ-MM" in dry_run and ".venv/bin/maandmonitor -h" in dry_run


def test_new_without_a_month_says_how(tmp_path: Path) -> None:
    """Before anything is installed: here a venv that does not exist (and a Python that could not
    make it), so whatever state .venv is in, setting it up would show."""
    venv = tmp_path / "venv"
    result = make("new", f"VENV={venv}", "PYTHON=false")
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == "geef de maand: make new MAAND=JJJJ-MM"
    assert not venv.exists()
