"""validate keeps the outcome of unchanged months: the same report, never a stale one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from maandmonitor import parallel
from maandmonitor.onderbreking import Afgebroken

from .conftest import _generator, fill_in_july_as_june_ended

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


def _regels(tekst: bytes) -> list[bytes]:
    return tekst.split(b"\n")


@pytest.mark.parametrize("schade", ["afgebroken", "een-regel-kapot", "regel-van-ander", "kop"])
def test_a_partial_or_damaged_cache_only_costs_time(
    two_months: Path, run: Run, monkeypatch: pytest.MonkeyPatch, schade: str
) -> None:
    expected = [run("validate", *f) for f in ([], ["--format", "json"])]
    regels = _regels(CACHE.read_bytes())
    assert len(regels) == 5  # the head, a line a month, the end: read a line at a time
    if schade == "afgebroken":  # cut short, as by a full disk without the atomic rename
        CACHE.write_bytes(CACHE.read_bytes()[: len(regels[0]) + len(regels[1]) // 2])
    elif schade == "een-regel-kapot":
        CACHE.write_bytes(b"\n".join([*regels[:2], b'"2018-07":{kapot', *regels[3:]]))
    elif schade == "regel-van-ander":  # June's outcome filed under July
        juli = regels[1].replace(b'"2018-06":', b'"2018-07":', 1).removesuffix(b",")
        CACHE.write_bytes(b"\n".join([*regels[:2], juli, *regels[3:]]))
    else:  # another workspace's or version's head
        CACHE.write_bytes(
            b"\n".join([regels[0].replace(b'"gedeeld":"', b'"gedeeld":"0'), *regels[1:]])
        )
    assert [run("validate", *f) for f in ([], ["--format", "json"])] == expected
    no_loading(monkeypatch)  # rewritten whole: now every month comes from it
    assert [run("validate", *f) for f in ([], ["--format", "json"])] == expected


def test_an_interrupted_validate_leaves_the_cache_as_it_was(
    two_months: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("validate")[0] == 0
    before = CACHE.read_bytes()
    june = Path("data/2018-06.yaml")
    june.write_text(june.read_text(encoding="utf-8").replace("totaal: 55", "totaal: 56"))
    from maandmonitor.check import run as check_run

    check_month = check_run.check_month

    def interrupted(archief: object, maand: str, **kwargs: bool) -> object:
        if maand == "2018-07":  # June's new outcome is on its way to the cache by now
            raise Afgebroken(2)
        return check_month(archief, maand, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(check_run, "check_month", interrupted)
    with pytest.raises(Afgebroken):
        run("validate")
    assert CACHE.read_bytes() == before
    assert sorted(p.name for p in CACHE.parent.iterdir()) == ["controles.json"]


def test_a_build_with_errors_leaves_the_check_cache_as_it_was(two_months: Path, run: Run) -> None:
    assert run("build", "--all", "--format", "md")[0] == 0
    before = CACHE.read_bytes()
    july = Path("data/2018-07.yaml")
    july.write_text(july.read_text(encoding="utf-8").replace("totaal: 55", "totaal: 56"))
    assert run("build", "--all", "--format", "md")[0] == 1
    assert CACHE.read_bytes() == before
    assert sorted(p.name for p in CACHE.parent.iterdir()) == ["controles.json", "manifest.json"]


def test_stored_and_fresh_outcomes_are_reported_in_month_order_on_every_core(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    _generator()(tmp_path, 120, seed=4, start="2011-01")
    monkeypatch.chdir(tmp_path)
    data = sorted(Path("data").glob("????-??.yaml"))
    monkeypatch.setattr(parallel, "beschikbare_kernen", lambda: 2)
    assert run("validate")[0] == 0  # stored: every month
    for bestand in data[::6]:  # 20 changed: with the next two, 60 months checked on two cores
        bestand.write_text(bestand.read_text(encoding="utf-8") + "# gewijzigd\n", "utf-8")
    edit = data[40]
    edit.write_text(
        edit.read_text(encoding="utf-8").replace("gender: {vrouw: ", "gender: {vrouw: 1")
    )
    forks: list[int] = []
    fork = parallel.os.fork
    monkeypatch.setattr(parallel.os, "fork", lambda: forks.append(1) or fork())
    got = [run("validate", *f) for f in ([], ["--format", "json"])]
    assert forks, "checked on two cores"
    monkeypatch.setattr(parallel, "beschikbare_kernen", lambda: 1)
    assert got == [run("validate", "--geen-cache", *f) for f in ([], ["--format", "json"])]
    assert got[0][0] == 1 and f"{edit.stem}: niet in orde" in got[0][1]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc/self/fd")
def test_the_cache_is_replaced_while_nobody_holds_it_open(
    two_months: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows cannot replace a file that is open; Linux can, so the test refuses as Windows
    would."""
    assert run("validate")[0] == 0
    june = Path("data/2018-06.yaml")
    june.write_text(june.read_text(encoding="utf-8").replace("totaal: 55", "totaal: 56"))
    replace = Path.replace

    def as_windows(self: Path, target: Path) -> Path:
        doel = Path(target).resolve()
        for fd in Path("/proc/self/fd").iterdir():
            try:
                open_file = fd.readlink()
            except OSError:
                continue
            if open_file == doel:
                raise PermissionError(13, "in gebruik")
        return replace(self, target)

    monkeypatch.setattr(Path, "replace", as_windows)
    first = run("validate")
    assert first[0] == 1 and "cache niet bijgewerkt" not in first[2]
    monkeypatch.setattr(Path, "replace", replace)
    no_loading(monkeypatch)  # the new outcomes were stored
    assert run("validate") == first
