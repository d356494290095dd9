"""validate keeps the outcome of unchanged months: the same report, never a stale one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import fill_in_july_as_june_ended

Run = Callable[..., tuple[int, str, str]]
CACHE = Path("build/.cache/controles.json")


@pytest.fixture
def two_months(workspace: Path, run: Run) -> Path:
    run("new", "2018-07")
    fill_in_july_as_june_ended()
    return workspace


def no_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, a month that is loaded fails the test: its outcome must come from the cache."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("month loaded although nothing changed")

    monkeypatch.setattr("maandmonitor.workspace.load_maand", refuse)


def test_unchanged_months_come_from_the_cache(
    two_months: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run("validate", "--format", "json")
    assert first[0] == 0 and CACHE.is_file()
    no_loading(monkeypatch)
    assert run("validate", "--format", "json") == first
    assert run("validate")[0] == 0


def test_a_changed_month_is_checked_again_and_so_is_the_next(two_months: Path, run: Run) -> None:
    assert run("validate")[0] == 0
    june = Path("data/2018-06.yaml")
    june.write_text(june.read_text(encoding="utf-8").replace("totaal: 55", "totaal: 56"))
    code, _, err = run("validate")
    assert code == 1
    assert "[voorraad-stroom]" in err  # June against its own stated May
    assert "data/2018-07.yaml" in err  # July's stock and flow against June's new totaal


def test_a_changed_programme_checks_everything_again(
    two_months: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("validate")[0] == 0
    programme = Path("data/monitor.yaml")
    programme.write_text(
        programme.read_text(encoding="utf-8").replace("{id: man, label: Man", "{id: m, label: Man")
    )
    code, _, err = run("validate")
    assert code == 1
    assert "onbekende categorie 'man'" in err


@pytest.mark.parametrize("content", [b"{kapot", b"\xff\xfe", b'{"gedeeld": 1}', b"[]", b""])
def test_a_corrupt_cache_is_ignored_and_rewritten(
    two_months: Path, run: Run, content: bytes
) -> None:
    first = run("validate")
    CACHE.write_bytes(content)
    assert run("validate") == first
    assert CACHE.read_bytes() != content


def test_a_cache_entry_of_the_wrong_shape_is_checked_again(two_months: Path, run: Run) -> None:
    first = run("validate")
    text = CACHE.read_text(encoding="utf-8")
    CACHE.write_text(text.replace('"toetsen": [', '"toetsen": [["onbekend"], '), encoding="utf-8")
    assert run("validate") == first


def test_without_cache_nothing_is_written(two_months: Path, run: Run) -> None:
    assert run("validate", "--geen-cache")[0] == 0
    assert not Path("build").exists()


def test_the_verdict_over_all_months_comes_last(two_months: Path, run: Run) -> None:
    code, out, _ = run("validate")
    assert code == 0
    assert out.splitlines()[-1] == "2 maanden: 2 in orde"
    june = Path("data/2018-06.yaml")
    june.write_text(june.read_text(encoding="utf-8").replace("totaal: 55", "totaal: 56"))
    code, out, _ = run("validate")
    assert out.splitlines()[-1] == "2 maanden: 0 in orde, niet in orde: 2018-06, 2018-07"
