"""Faults cost only time (issue 16): caches, permissions, calendar edges, odd file names and
interrupts end in one Dutch line and a plain exit code, never an internal error, and never leave
a partial or temporary file behind.

Conditions are made for real where root can make them (root writes through chmod): a directory
where a cache file goes, a file where a folder goes, a name longer than the file system allows.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import _generator

Run = Callable[..., tuple[int, str, str]]
# --- the calendar: 0001-01 to 9999-12 -------------------------------------------------------------


def calendar_edge(start: str, months: int) -> None:
    """A generated archive (bench/generate.py) of `months` from `start` in ./data."""
    _generator()(Path(), months, seed=16, start=start)


def test_the_last_months_there_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    monkeypatch.chdir(tmp_path)
    calendar_edge("9999-11", 1)
    code, out, _ = run("new", "9999-12")
    assert code == 0 and "peildatum (voorstel: 9999-12-31)" in out
    calendar_edge("9999-11", 2)  # a generated December, filled in
    december = Path("data/9999-12.yaml")
    december.write_text(december.read_text("utf-8").replace("10000-01-04", "9999-12-31"), "utf-8")
    code, out, err = run("validate")
    assert (code, err) == (0, "")
    assert (
        "  overgeslagen peildatum-na-maand         overgeslagen: er is geen datum na 9999-12-31"
        in out
    )
    assert run("build", "--all")[0] == 0
    assert Path("build/openbaar/9999/maandmonitor-9999-openbaar.md").is_file()


def test_the_first_months_there_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    monkeypatch.chdir(tmp_path)
    calendar_edge("0001-01", 2)
    january = Path("data/0001-01.yaml")
    code, _, err = run("validate")
    assert code == 1  # it states the figures of a month before the first there is
    assert (
        "data/0001-01.yaml:108:3: inzet_op_risicos.vorige_maand: er is geen maand vóór 0001-01\n"
        in err
    )
    text = january.read_text("utf-8")
    january.write_text(text[: text.index("  vorige_maand:")] + text[text.index("  overleggen:") :])
    code, _, err = run("validate")
    assert (code, err) == (0, "")
    assert run("build", "0001-01")[0] == 0
    assert run("build", "--all")[0] == 0


def test_a_month_outside_the_calendar_is_a_usage_error(workspace: Path, run: Run) -> None:
    assert run("validate", "0000-01") == (
        2,
        "",
        "maandmonitor: '0000-01' is geen maand: maanden lopen van 0001-01 tot en met 9999-12\n",
    )
    assert run("build", "0000")[0] == 2
    shutil.copy("data/2018-06.yaml", "data/0000-01.yaml")
    message = (
        "maandmonitor: data/0000-01.yaml: 0000-01 is geen maand (maanden lopen van 0001-01 tot "
        "en met 9999-12); hernoem of verwijder het bestand\n"
    )
    for command in (["validate"], ["list"], ["build", "2018-06"], ["new", "2018-07"]):
        assert run(*command) == (2, "", message)


# --- files that are silently not read ---------------------------------------------------------


def test_a_file_that_looks_like_a_month_is_a_warning_and_under_strict_an_error(
    workspace: Path, run: Run
) -> None:
    for name in ("2018-07.yml", "2018-7.yaml", "2018-06.YAML"):
        shutil.copy("data/2018-06.yaml", f"data/{name}")
    warnings = [
        "data/2018-06.YAML: waarschuwing: wordt niet gelezen: alleen 2018-06.yaml wordt gelezen",
        "data/2018-07.yml: waarschuwing: wordt niet gelezen: noem het 2018-07.yaml",
        "data/2018-7.yaml: waarschuwing: wordt niet gelezen: noem het 2018-07.yaml",
    ]
    code, out, err = run("validate")
    assert (code, err.splitlines()) == (0, warnings)
    assert (
        out.splitlines()[-1] == "3 bestanden worden niet gelezen: een waarschuwing (zie hierboven)"
    )
    code, out, err = run("validate", "--strict")
    assert (code, err.splitlines()) == (1, warnings)
    report = json.loads(run("validate", "--format", "json")[1])
    assert [p["bestand"] for p in report["bestandsnamen"]] == [
        "data/2018-06.YAML",
        "data/2018-07.yml",
        "data/2018-7.yaml",
    ]
    assert run("list")[2].splitlines() == warnings
    code, _, err = run("build", "--all")
    assert (code, err.splitlines()) == (0, warnings)
