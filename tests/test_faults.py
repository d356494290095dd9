"""Faults cost only time (issue 16): caches, permissions, calendar edges, odd file names and
interrupts end in one Dutch line and a plain exit code, never an internal error, and never leave
a partial or temporary file behind.

Conditions are made for real where root can make them (root writes through chmod): a directory
where a cache file goes, a file where a folder goes, a name longer than the file system allows.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import _generator

Run = Callable[..., tuple[int, str, str]]
CACHE = Path("build/.cache")
AS_ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False
ROOT_WRITES_ANYWAY = "root writes through chmod: the condition cannot be made"


# --- caches: any failure to read or write one only costs time -------------------------------------


@pytest.mark.parametrize("command", [["validate"], ["list"], ["build", "--all"]])
def test_a_cache_that_cannot_be_written_is_one_warning_line(
    workspace: Path, run: Run, command: list[str]
) -> None:
    expected = run(*command)
    shutil.rmtree("build")
    for name in ("controles.json", "manifest.json"):
        (CACHE / name).mkdir(parents=True)  # EISDIR where the cache file goes
    code, out, err = run(*command)
    assert (code, out) == expected[:2]
    warnings = {
        f"build/.cache/{name}: waarschuwing: cache niet bijgewerkt (er staat een map waar een "
        "bestand moet komen); de volgende keer kost dat alleen tijd"
        for name in ("controles.json", "manifest.json")
    }
    assert set(err.splitlines()) <= warnings and err


@pytest.mark.skipif(AS_ROOT, reason=ROOT_WRITES_ANYWAY)
def test_a_read_only_cache_folder_is_one_warning_line(workspace: Path, run: Run) -> None:
    assert run("build", "--all")[0] == 0
    Path("data/2018-06.yaml").write_text(
        Path("data/2018-06.yaml").read_text("utf-8") + "# bewerkt\n", "utf-8"
    )
    CACHE.chmod(0o555)
    try:
        for command in (["validate"], ["list"], ["build", "--all"]):
            code, _, err = run(*command)
            assert code == 0
            assert "cache niet bijgewerkt (geen toestemming)" in err
    finally:
        CACHE.chmod(0o755)


# Entries with the right key (the inputs did not change) but not the shape this version writes.
SHAPES: dict[str, Callable[[dict[str, object]], None]] = {
    "a-bool-as-text": lambda e: e.update(gecontroleerd="ja"),
    "a-line-as-text": lambda e: e.update(
        problemen=[
            {
                "bestand": "x",
                "regel": "12",
                "kolom": 1,
                "pad": "",
                "melding": "m",
                "ernst": "fout",
                "controle": None,
            }
        ]
    ),
    "an-unknown-severity": lambda e: e.update(
        problemen=[
            {
                "bestand": "x",
                "regel": 1,
                "kolom": 1,
                "pad": "",
                "melding": "m",
                "ernst": "kritiek",
                "controle": None,
            }
        ]
    ),
    "a-count-as-text": lambda e: e["toetsen"][0].__setitem__(1, "1"),  # type: ignore[index]
    "a-reason-as-number": lambda e: e["toetsen"][0].__setitem__(3, [1]),  # type: ignore[index]
    "rules-missing": lambda e: e.update(toetsen=[]),
    "problems-as-text": lambda e: e.update(problemen="geen"),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_a_check_cache_entry_of_another_shape_is_checked_afresh(
    workspace: Path, run: Run, shape: str
) -> None:
    expected = [run("validate", "--geen-cache", *f) for f in ([], ["--format", "json"])]
    assert run("validate")[0] == 0
    stored = json.loads((CACHE / "controles.json").read_text("utf-8"))
    SHAPES[shape](stored["maanden"]["2018-06"])
    (CACHE / "controles.json").write_text(json.dumps(stored), "utf-8")
    assert [run("validate", *f) for f in ([], ["--format", "json"])] == expected


def test_a_cache_nested_too_deep_to_parse_is_no_cache(workspace: Path, run: Run) -> None:
    expected = run("validate", "--geen-cache")
    CACHE.mkdir(parents=True)
    (CACHE / "controles.json").write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    assert run("validate") == expected


# --- the data folder and the output folder --------------------------------------------------------


LONG = "x" * 300  # longer than any file system allows a name: ENAMETOOLONG, also for root


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["validate", "--data-dir", LONG],
            2,
            f"maandmonitor: datamap '{LONG}' kan niet gelezen worden: de naam is te lang",
        ),
        (
            ["build", "2018-06", "--templates", LONG],
            2,
            f"maandmonitor: sjablonenmap '{LONG}' kan niet gelezen worden: de naam is te lang",
        ),
    ],
)
def test_a_folder_that_cannot_be_reached_is_one_dutch_line(
    workspace: Path, run: Run, args: list[str], code: int, message: str
) -> None:
    assert run(*args) == (code, "", message + "\n")
    assert not Path("build").exists()


@pytest.mark.skipif(AS_ROOT, reason=ROOT_WRITES_ANYWAY)
@pytest.mark.skipif(AS_ROOT, reason=ROOT_WRITES_ANYWAY)
def test_new_in_a_read_only_data_folder_is_one_dutch_line(workspace: Path, run: Run) -> None:
    Path("data").chmod(0o555)
    try:
        code, out, err = run("new", "2018-07")
    finally:
        Path("data").chmod(0o755)
    assert (code, out, err) == (1, "", "data/2018-07.yaml: kan niet schrijven: geen toestemming\n")
    assert sorted(p.name for p in Path("data").iterdir()) == ["2018-06.yaml", "monitor.yaml"]


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


def test_a_templates_folder_that_does_not_exist_is_an_error(workspace: Path, run: Run) -> None:
    assert run("build", "2018-06", "--templates", "nergens") == (
        2,
        "",
        "maandmonitor: sjablonenmap 'nergens' bestaat niet\n",
    )
