"""`maandmonitor list` (alias `status`): one aligned line per month, and whether it validates."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import output

Run = Callable[..., tuple[int, str, str]]


@pytest.mark.parametrize("command", ["list", "status"])
def test_reference_archive(workspace: Path, run: Run, command: str) -> None:
    code, out, err = run(command)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "maand    peildatum   in regie  instroom  uitstroom  status"
        "                              vastgesteld  rapportage",
        "2018-06  2018-07-04        55         0          4  in orde (13/17 controles geslaagd)"
        "  concept      niet gemaakt",
    ]


def test_archive_with_broken_months(workspace: Path, run: Run) -> None:
    june = Path("data/2018-06.yaml").read_text(encoding="utf-8")
    july = june.replace("maand: 2018-06", "maand: 2018-07").replace(
        "casussen: 8}", "casussen: x}", 1
    )
    july = july.replace(
        "peildatum: 2018-07-04",
        "peildatum: 2018-07-04\nstatus: {vastgesteld_op: 2018-07-10, door: A. de Vries}",
    )
    Path("data/2018-07.yaml").write_text(
        july.replace("totaal: 55", "totaal: 123").replace("casussen: 14", "casussen: -1"),
        encoding="utf-8",
    )
    Path("data/2018-08.yaml").write_text('maand: "2018-08\n', encoding="utf-8")  # broken YAML
    code, out, err = run("list")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "maand    peildatum   in regie  instroom  uitstroom  status"
        "                              vastgesteld  rapportage",
        "2018-06  2018-07-04        55         0          4  in orde (13/17 controles geslaagd)"
        "  concept      niet gemaakt",
        "2018-07  2018-07-04       123         0          4  2 fouten"
        "                            2018-07-10   niet gemaakt",
        "2018-08  -                  -         -          -  1 fout"
        "                              concept      niet gemaakt",
    ]


def test_json(workspace: Path, run: Run) -> None:
    code, out, _ = run("list", "--format", "json")
    assert code == 0
    assert json.loads(out) == {
        "versie": 1,
        "maanden": [
            {
                "maand": "2018-06",
                "bestand": "data/2018-06.yaml",
                "peildatum": "2018-07-04",
                "totaal": 55,
                "instroom": 0,
                "uitstroom": 4,
                "geldig": True,
                "status": "in orde (13/17 controles geslaagd)",
                "vastgesteld_op": None,
                "rapportage": "niet gemaakt",
            }
        ],
    }


def test_empty_archive(workspace: Path, run: Run) -> None:
    Path("data/2018-06.yaml").unlink()
    code, out, _ = run("list")
    assert (code, out) == (0, "geen maandbestanden gevonden\n")


def test_broken_programme(workspace: Path, run: Run) -> None:
    Path("data/monitor.yaml").write_text("titel: [\n", encoding="utf-8")
    code, out, err = run("list")
    assert (code, out) == (1, "")
    assert err.startswith("data/monitor.yaml:")


def test_missing_data_dir(workspace: Path, run: Run) -> None:
    code, _, err = run("list", "--data-dir", "nergens")
    assert (code, err.strip()) == (2, "maandmonitor: datamap 'nergens' bestaat niet")


def test_built_and_stale_come_from_the_cache_of_build_all(workspace: Path, run: Run) -> None:
    def rapportage() -> str:
        return run("list")[1].splitlines()[1].rsplit("  ", 1)[1]

    assert rapportage() == "niet gemaakt"
    assert run("build", "--all")[0] == 0
    assert rapportage() == "gemaakt"
    month = Path("data/2018-06.yaml")
    month.write_text(month.read_text(encoding="utf-8") + "# bewerkt\n", encoding="utf-8")
    assert rapportage() == "verouderd"
    assert run("build", "--all")[0] == 0
    assert rapportage() == "gemaakt"
    output("2018-06", "openbaar", "html").write_text("met de hand", "utf-8")
    assert rapportage() == "verouderd"
    assert run("build", "--all")[0] == 0
    Path("build/.cache/manifest.json").write_text("{kapot", encoding="utf-8")
    assert rapportage() == "verouderd"  # files that nothing vouches for are never current
    for pad in Path("build").glob("*/2018-06/*"):
        pad.unlink()
    assert rapportage() == "niet gemaakt"
