"""`maandmonitor new`: next month from the previous one; never overwrites, never half-writes."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maandmonitor.errors import MonitorError
from maandmonitor.load.document import read_document
from maandmonitor.scaffold import quote, schrijf_maand
from maandmonitor.workspace import Werkmap

from .conftest import DATA, fill_in_july_as_june_ended

Run = Callable[..., tuple[int, str, str]]
JULY = Path("data/2018-07.yaml")

BLOCKS = {"beschermen": 2, "verbinden": 1, "inzet_op_risicos": 2, "overkoepelend": 5}
BLOCKS["robuuste_organisatie"] = 4
TO_FILL = [
    *(f"activiteiten.{sectie}[{i}].items" for sectie, n in BLOCKS.items() for i in range(n)),
    *(
        f"inzet_op_risicos.personen_in_regie.{veld}"
        for veld in ("totaal", "on_hold", "instroom", "uitstroom")
    ),
    *(f"inzet_op_risicos.regiepartijen[{i}].casussen" for i in range(10)),
    "inzet_op_risicos.subjecten.gender.vrouw",
    "inzet_op_risicos.subjecten.gender.man",
    *(
        f"inzet_op_risicos.subjecten.risicocategorie.{c.id}"
        for c in Werkmap.open(DATA).programma.uitsplitsing("risicocategorie").categorieen
    ),
]


def files(folder: Path = Path("data")) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def problems(run: Run, maand: str) -> list[dict[str, object]]:
    code, out, _ = run("validate", maand, "--format", "json")
    assert code == 1
    [month] = json.loads(out)["maanden"]
    return list(month["problemen"])


def flagged(run: Run, maand: str) -> list[str]:
    return [str(p["pad"]) for p in problems(run, maand)]


def test_new_month_flags_exactly_what_to_fill_in(workspace: Path, run: Run) -> None:
    code, out, err = run("new", "2018-07")
    assert (code, err) == (0, "")
    assert (
        out.splitlines()[0] == "data/2018-07.yaml aangemaakt uit data/2018-06.yaml. Nog invullen:"
    )
    assert "  - inzet_op_risicos.subjecten: gender, risicocategorie" in out.splitlines()
    assert out.splitlines()[-1] == "Daarna: maandmonitor validate 2018-07"
    assert flagged(run, "2018-07") == TO_FILL
    code, _, _ = run("validate", "2018-06")
    assert code == 0, "the previous month is untouched"


def test_filled_in_file_validates(workspace: Path, run: Run) -> None:
    run("new", "2018-07")
    fill_in_july_as_june_ended()
    code, _, err = run("validate", "2018-07")
    assert (code, err) == (0, "")


def test_carried_values_round_trip(workspace: Path, run: Run) -> None:
    june = Werkmap.open(Path("data")).laad("2018-06").maand
    run("new", "2018-07")
    july = read_document(JULY).data  # YAML level: no problems
    assert july["maand"] == "2018-07"
    assert july["peildatum"] == dt.date(2018, 8, 4)
    assert {s: [b.get("kop") for b in bs] for s, bs in july["activiteiten"].items()} == {
        s: [b.kop for b in bs] for s, bs in june.activiteiten.items()
    }
    inzet, inzet_juni = july["inzet_op_risicos"], june.inzet_op_risicos
    assert inzet["meldingen"][:-1] == [
        {"maand": m.maand, "items": [t.source() for t in m.items]} for m in inzet_juni.meldingen
    ]
    assert inzet["meldingen"][-1] == {"maand": "2018-07", "items": []}
    assert [
        (p["partij"], p["regisseurs"], p.get("toelichting")) for p in inzet["regiepartijen"]
    ] == [
        (p.partij, p.regisseurs, p.toelichting.source() if p.toelichting else None)
        for p in inzet_juni.regiepartijen
    ]
    assert inzet["regisseurs_totaal"] == 36
    assert inzet["subjecten"]["leeftijd"] == {"gelakt": "5.1.2.e"}
    assert inzet["subjecten"]["stadsdeel"] == {
        "niet_beschikbaar": "De grafiek van de spreiding per stadsdeel ontbreekt in de bron."
    }
    # Left out on purpose: June's own file holds June's figures (the cross-month rule reads it).
    assert "vorige_maand" not in inzet
    assert inzet["uitgestroomd"] == [] and inzet["overleggen"] == []


def test_never_overwrites(workspace: Path, run: Run) -> None:
    run("new", "2018-07")
    before, stat = JULY.read_bytes(), JULY.stat()
    code, out, err = run("new", "2018-07")
    assert (code, out) == (1, "")
    assert err.splitlines() == ["data/2018-07.yaml: bestaat al; niets overschreven"]
    assert JULY.read_bytes() == before and JULY.stat().st_mtime_ns == stat.st_mtime_ns


def test_write_refuses_a_file_that_appeared_meanwhile(workspace: Path) -> None:
    JULY.write_text("maand: 2018-07\n", encoding="utf-8")
    with pytest.raises(MonitorError, match="bestaat al; niets overschreven"):
        schrijf_maand(JULY, "iets anders\n", "data/2018-07.yaml")
    assert JULY.read_text(encoding="utf-8") == "maand: 2018-07\n"
    assert files() == ["2018-06.yaml", "2018-07.yaml", "monitor.yaml"], "no temporary file left"


def test_gap_needs_force_gap(workspace: Path, run: Run) -> None:
    code, out, err = run("new", "2018-09")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "data/2018-09.yaml: 2018-09 volgt niet direct op 2018-06, de laatste maand ervoor; "
        "maak eerst 2018-07 aan, of geef --force-gap"
    ]
    assert files() == ["2018-06.yaml", "monitor.yaml"]


def test_force_gap(workspace: Path, run: Run) -> None:
    code, out, _ = run("new", "2018-09", "--force-gap")
    assert code == 0
    assert "  - inzet_op_risicos.vorige_maand: de cijfers van augustus 2018" in out.splitlines()
    inzet = read_document(Path("data/2018-09.yaml")).data["inzet_op_risicos"]
    assert [m["maand"] for m in inzet["meldingen"]][-3:] == ["2018-07", "2018-08", "2018-09"]
    assert flagged(run, "2018-09") == TO_FILL


def test_new_year_starts_meldingen_afresh(workspace: Path, run: Run) -> None:
    code, _, _ = run("new", "2019-01", "--force-gap")
    assert code == 0
    inzet = read_document(Path("data/2019-01.yaml")).data["inzet_op_risicos"]
    assert inzet["meldingen"] == [{"maand": "2019-01", "items": []}]


def test_without_an_earlier_month_the_file_comes_from_monitor_yaml(
    workspace: Path, run: Run
) -> None:
    code, out, err = run("new", "2018-05")
    assert (code, err) == (0, "")
    assert (
        out.splitlines()[0] == "data/2018-05.yaml aangemaakt uit data/monitor.yaml. Nog invullen:"
    )
    data = read_document(Path("data/2018-05.yaml")).data
    programma = Werkmap.open(Path("data")).programma
    assert list(data["activiteiten"]) == [s.id for s in programma.secties]
    inzet = data["inzet_op_risicos"]
    assert [p["partij"] for p in inzet["regiepartijen"]] == programma.regiepartijen
    assert list(inzet["subjecten"]) == [u.id for u in programma.uitsplitsingen]
    assert inzet["meldingen"] == [{"maand": "2018-05", "items": []}]
    messages = [p["melding"] for p in problems(run, "2018-05")]
    assert messages and all(
        m.startswith(("nog niet ingevuld", "vul minstens één regel in")) for m in messages
    )


def test_the_header_is_written_afresh_every_month(workspace: Path, run: Run) -> None:
    """Not last month's header with this month's appended: it would pile up, month on month."""
    run("new", "2018-07")
    fill_in_july_as_june_ended()
    run("new", "2018-08")
    header = [r for r in Path("data/2018-08.yaml").read_text("utf-8").splitlines() if r[:1] == "#"]
    assert header[:5] == [
        "# yaml-language-server: $schema=../schema/maand.schema.json",
        "# Maandmonitor augustus 2018. Een gelakte passage: [[grond]] (tekst niet in dit bestand)",
        "# of [[grond: vertrouwelijke tekst]]; de gronden staan in monitor.yaml.",
        "# Aangemaakt met `maandmonitor new` uit data/2018-07.yaml: vul elke INVULLEN in, en elke",
        "# lege lijst `items: []`. `maandmonitor validate 2018-08` wijst aan wat nog mist.",
    ]
    assert sum("Aangemaakt met" in r for r in header) == 1


def test_fixed_blocks_come_back_when_last_month_left_one_out(workspace: Path, run: Run) -> None:
    monitor = Path("data/monitor.yaml")
    monitor.write_text(
        monitor.read_text("utf-8").replace(
            "    ondertitel: Activiteiten gericht op het beschermen van kwetsbare groepen en "
            "individuen\n",
            "    ondertitel: Activiteiten gericht op het beschermen van kwetsbare groepen en "
            "individuen\n    vaste_blokken: [Projecten, Signalen, Activiteiten stadsdelen]\n",
        ),
        "utf-8",
    )
    june = Path("data/2018-06.yaml")
    text = june.read_text("utf-8")
    start, end = (
        text.index("    - kop: Projecten"),
        text.index("    - kop: Activiteiten stadsdelen"),
    )
    june.write_text(text[:start] + text[end:], "utf-8")  # June reported no Projecten
    assert run("new", "2018-07")[0] == 0
    july = read_document(JULY).data["activiteiten"]
    assert [b.get("kop") for b in july["beschermen"]] == [
        "Projecten",
        "Signalen",
        "Activiteiten stadsdelen",
    ]
    assert [b.get("kop") for b in july["verbinden"]] == ["Amsterdamse netwerken"]


def test_each_figure_to_fill_in_carries_last_months(workspace: Path, run: Run) -> None:
    run("new", "2018-07")
    lines = JULY.read_text("utf-8").splitlines()
    assert "    totaal: INVULLEN  # juni: 55" in lines
    assert "    uitstroom: INVULLEN  # juni: 4" in lines
    assert "      vrouw: INVULLEN  # juni: 10" in lines
    assert "      overig_radicaal: INVULLEN  # juni: 20" in lines
    assert (
        '    - {partij: "Politie", regisseurs: 22, toelichting: "11 achtervang", '
        "casussen: INVULLEN}  # juni: 8"
    ) in lines
    assert (
        '    - {partij: "Reclassering Nederland", regisseurs: 1, toelichting: "niet actief", '
        "casussen: INVULLEN}  # juni: null"
    ) in lines


def test_a_redacted_tables_figures_are_not_repeated_as_comments(workspace: Path, run: Run) -> None:
    june = Path("data/2018-06.yaml")
    ages = "{gelakt: 5.1.2.e, cijfers: {tot_18: 17, 18_tot_23: 13, 23_tot_30: 25}}"
    june.write_text(
        june.read_text("utf-8").replace("leeftijd: {gelakt: 5.1.2.e}", f"leeftijd: {ages}"),
        "utf-8",
    )
    assert run("new", "2018-07")[0] == 0
    text = JULY.read_text("utf-8")
    start = text.index("    leeftijd:")
    assert text[start : text.index("    stadsdeel:")].splitlines() == [
        "    leeftijd:",
        '      gelakt: "5.1.2.e"',
        "      cijfers:",
        *(f"        {c}: INVULLEN" for c in ("tot_18", '"18_tot_23"', '"23_tot_30"')),
        *(f"        {c}: INVULLEN" for c in ('"30_tot_40"', "vanaf_40")),
    ]


@pytest.mark.parametrize("month", ["2018-13", "../x", "2018-7"])
def test_malformed_month_is_usage_error(workspace: Path, run: Run, month: str) -> None:
    code, _, err = run("new", month)
    assert code == 2
    assert err.strip() == (
        f"maandmonitor: '{month}' is geen maand: gebruik JJJJ-MM, bijvoorbeeld 2018-06"
    )
    assert files() == ["2018-06.yaml", "monitor.yaml"]


def test_broken_previous_month_stops(workspace: Path, run: Run) -> None:
    june = Path("data/2018-06.yaml")
    june.write_text(
        june.read_text(encoding="utf-8").replace("casussen: 8}", "casussen: acht}", 1),
        encoding="utf-8",
    )
    code, out, err = run("new", "2018-07")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "data/2018-06.yaml:118:79: inzet_op_risicos.regiepartijen[1].casussen: "
        "'acht' is geen geheel getal",
        "data/2018-07.yaml: niet aangemaakt: herstel eerst de fouten in data/2018-06.yaml",
    ]
    assert files() == ["2018-06.yaml", "monitor.yaml"]


def test_write_failure_leaves_nothing(
    workspace: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "link", refuse)
    code, _, err = run("new", "2018-07")
    assert code == 1
    assert err.splitlines() == ["data/2018-07.yaml: kan niet schrijven: geen toestemming"]
    assert files() == ["2018-06.yaml", "monitor.yaml"], "no partial or temporary file"


TRICKY = ["no", "12:30", "012", "[[x]]", "a: b", "# c", "- d", "'", '"', "\\", "\t", "\x85"]


@pytest.mark.parametrize("text", [*TRICKY, "\u2028", "\ufeff", "\x7f", "\x00", "~", ""])
def test_quoted_text_reads_back_as_text(tmp_path: Path, text: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(f"k: {quote(text)}\n", encoding="utf-8")
    assert read_document(path).data == {"k": text}


@given(st.text())
def test_any_text_round_trips(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = tmp_path_factory.mktemp("q") / "x.yaml"
    path.write_text(f"k: {quote(text)}\n", encoding="utf-8")
    assert read_document(path).data == {"k": text}


def test_missing_data_dir_is_usage_error(workspace: Path, run: Run) -> None:
    code, _, err = run("new", "2018-07", "--data-dir", "nergens")
    assert (code, err.strip()) == (2, "maandmonitor: datamap 'nergens' bestaat niet")
    assert not Path("nergens").exists()
