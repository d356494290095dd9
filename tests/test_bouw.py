"""`maandmonitor build --all`: everything once, then only what changed; the cache is never trusted
blindly and never an error."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from .conftest import output, outputs

Run = Callable[..., tuple[int, str, str]]
MANIFEST = Path("build/.cache/manifest.json")
REPORTS = [
    *(f"2017-{m}" for m in ("10", "11", "12")),
    "2017",
    *(f"2018-{m:02d}" for m in range(1, 13)),
    "2018",
]
TARGETS = [*REPORTS, "index"]  # the archive page, made with the HTML


def build_all(run: Run, *args: str) -> dict[str, str]:
    """Run `build --all`; return per target what it printed (gemaakt / ongewijzigd)."""
    code, out, err = run("build", "--all", *args)
    assert (code, err) == (0, ""), err
    *lines, summary = out.split("Verwijderd, want niet meer actueel")[0].splitlines()
    status = dict(line.split() for line in lines)
    made = sum(s == "gemaakt" for s in status.values())
    assert summary == f"{made} gemaakt, {len(status) - made} ongewijzigd"
    return status


def made(status: dict[str, str]) -> list[str]:
    return [target for target, s in status.items() if s == "gemaakt"]


def change(month: str) -> None:
    path = Path(f"data/{month}.yaml")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Besproken:", "Besproken deze maand:", 1), encoding="utf-8")


def test_a_second_run_rebuilds_nothing(archive: Path, run: Run) -> None:
    first = build_all(run)
    assert list(first) == TARGETS and made(first) == TARGETS
    months = [t for t in TARGETS if len(t) == 7]  # each public month: its DiWoo metadata too
    assert len(outputs()) == 4 * len(REPORTS) + len(months) + 2  # index.html of each edition
    assert made(build_all(run)) == []


def test_a_changed_month_rebuilds_itself_the_rest_of_its_year_and_the_next_month(
    archive: Path, run: Run
) -> None:
    """The later months of the year: the guard of each reads the earlier months' confidential
    texts; the next month: its previous-month column."""
    build_all(run)
    change("2018-05")
    assert made(build_all(run)) == [*(f"2018-{m:02d}" for m in range(5, 13)), "2018", "index"]
    change("2017-12")  # the next month is in the next year
    assert made(build_all(run)) == ["2017-12", "2017", "2018-01", "index"]
    assert made(build_all(run)) == []
    assert run("build", "--all", "--out", "schoon")[0] == 0
    assert outputs() == outputs(Path("schoon"))  # byte for byte what a clean build writes


def test_a_deleted_month_is_removed_and_what_followed_it_rebuilt(archive: Path, run: Run) -> None:
    build_all(run)
    Path("data/2018-04.yaml").unlink()
    code, out, _ = run("build", "--all")
    assert code == 0
    assert out.split("Verwijderd, want niet meer actueel:\n")[1].splitlines() == [
        f"  build/{e}/2018-04/maandmonitor-2018-04-{e}.{f}"
        for e in ("intern", "openbaar")
        for f in (("html", "md") if e == "intern" else ("diwoo.xml", "html", "md"))
    ]
    assert not Path("build/openbaar/2018-04").exists()
    assert made(build_all(run)) == []


def test_a_deleted_or_edited_output_is_rebuilt(archive: Path, run: Run) -> None:
    build_all(run)
    clean = outputs()
    output("2018-03", "intern", "md").unlink()
    output("2018", "openbaar", "html").write_text("met de hand", "utf-8")
    assert made(build_all(run)) == ["2018-03", "2018"]
    assert outputs() == clean


def test_a_corrupt_or_foreign_cache_means_a_full_rebuild(archive: Path, run: Run) -> None:
    build_all(run)
    clean = outputs()
    for cache in (b"{kapot", b"[]", b"\xff\xfe", json.dumps({"versie": 99}).encode()):
        MANIFEST.write_bytes(cache)
        assert made(build_all(run)) == TARGETS
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    manifest["bestanden"]["openbaar/2018-02/maandmonitor-2018-02-openbaar.md"][0] = "0" * 64
    MANIFEST.write_text(json.dumps(manifest), encoding="utf-8")  # another version's key
    assert made(build_all(run)) == ["2018-02"]
    MANIFEST.unlink()
    assert made(build_all(run)) == TARGETS
    assert outputs() == clean


def test_what_is_current_is_kept_and_what_was_not_asked_for_is_not_rebuilt(
    archive: Path, run: Run
) -> None:
    assert made(build_all(run, "--format", "md")) == REPORTS  # the archive page is HTML
    assert made(build_all(run)) == TARGETS  # the HTML was never made
    clean = outputs()
    assert made(build_all(run, "--editie", "openbaar")) == []  # its files are all current
    assert made(build_all(run, "--editie", "openbaar", "--format", "md")) == []
    assert outputs() == clean  # current files of other editions and formats stay


def test_templates_or_the_programme_changed_rebuild_everything(archive: Path, run: Run) -> None:
    build_all(run, "--editie", "openbaar", "--format", "md")
    Path("templates").mkdir()
    Path("templates/jaar.css").write_text("/* eigen */\n", encoding="utf-8")
    assert made(build_all(run, "--editie", "openbaar", "--format", "md")) == REPORTS
    Path("data/monitor.yaml").write_text(
        Path("data/monitor.yaml").read_text(encoding="utf-8") + "# bewerkt\n", encoding="utf-8"
    )
    assert made(build_all(run, "--editie", "openbaar", "--format", "md")) == REPORTS


def test_nothing_is_built_when_a_month_has_an_error(archive: Path, run: Run) -> None:
    month = Path("data/2018-07.yaml")
    month.write_text(month.read_text(encoding="utf-8").replace("regisseurs: 22", "regisseurs: x"))
    code, out, err = run("build", "--all")
    assert (code, out) == (1, "")
    problem, closing = err.splitlines()
    assert problem.startswith("data/2018-07.yaml:")
    assert problem.endswith(
        "inzet_op_risicos.regiepartijen[1].regisseurs: 'x' is geen geheel getal"
    )
    assert closing == "Niets gemaakt: 1 fout."
    assert not Path("build").exists()  # nothing is written, not even a cache


def test_an_empty_archive_builds_nothing(archive: Path, run: Run) -> None:
    for month in Path("data").glob("20*.yaml"):
        month.unlink()
    assert build_all(run) == {}
