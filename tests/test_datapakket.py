"""`--format data`: the public edition's figures as a Frictionless Data Package, validated with
the `frictionless` library; suppressed cells are missing values, never their value."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from frictionless import Package, validate

Run = Callable[..., tuple[int, str, str]]
MONTH = Path("data/2018-06.yaml")
DATA = Path("build/openbaar/2018-06/data")


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_package_is_valid_and_holds_the_report(workspace: Path, run: Run) -> None:
    code, _, err = run("build", "2018-06", "--editie", "openbaar", "--format", "data")
    assert (code, err) == (0, "")
    report = validate(str(DATA / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    package = Package(str(DATA / "datapackage.json"))
    assert [r.name for r in package.resources] == [
        "personen_in_regie", "regiepartijen", "gender", "leeftijd", "stadsdeel",
        "risicocategorie", "meldingen", "inventaris",
    ]  # fmt: skip
    personen = package.get_resource("personen_in_regie")
    assert [f.title for f in personen.schema.fields][:2] == [
        "Maand",
        "Totaal aantal personen in regie",
    ]
    assert personen.schema.missing_values == ["", "x"]
    assert rows(DATA / "personen_in_regie.csv") == [
        {"maand": "2018-05", "totaal": "59", "on_hold": "2", "instroom": "3", "uitstroom": "0"},
        {"maand": "2018-06", "totaal": "55", "on_hold": "2", "instroom": "0", "uitstroom": "4"},
    ]
    partijen = rows(DATA / "regiepartijen.csv")
    assert partijen[1] == {
        "maand": "2018-06", "partij": "Politie", "regisseurs": "22",
        "toelichting": "11 achtervang", "casussen": "8",
    }  # fmt: skip
    assert sum(int(p["casussen"]) for p in partijen) == 55
    leeftijd = rows(DATA / "leeftijd.csv")  # redacted: no counts
    assert {(r["aantal"], r["opmerking"]) for r in leeftijd} == {("", "gelakt (5.1.2.e)")}
    assert [r["aantal"] for r in rows(DATA / "meldingen.csv")] == ["4", "2", "6", "4", "2", "6"]
    inventaris = rows(DATA / "inventaris.csv")
    assert len(inventaris) == 41
    assert inventaris[3] == {
        "maand": "2018-06", "volgnummer": "4", "lakgrond": "5.1.2.c", "weigeringsgrond": "true",
        "soort": "passage", "sectie": "§ 5: Robuuste organisatie", "blok": "Integriteit",
        "item": "1",
    }  # fmt: skip
    described = json.loads((DATA / "datapackage.json").read_text("utf-8"))
    assert described["title"] == "Maandmonitor juni 2018: de gepubliceerde cijfers"


def test_suppressed_cells_are_missing_never_their_value(workspace: Path, run: Run) -> None:
    text = MONTH.read_text(encoding="utf-8").replace(
        "    leeftijd: {gelakt: 5.1.2.e}",
        "    leeftijd: {tot_18: 2, 18_tot_23: 13, 23_tot_30: 20, 30_tot_40: 12, vanaf_40: 8}",
    )
    MONTH.write_text(text, encoding="utf-8")
    code, _, err = run("build", "2018-06", "--editie", "openbaar", "--format", "data")
    assert (code, err) == (0, "")
    assert validate(str(DATA / "datapackage.json")).valid
    leeftijd = {r["categorie"]: r for r in rows(DATA / "leeftijd.csv")}
    assert leeftijd["tot_18"]["aantal"] == "x" and leeftijd["tot_18"]["opmerking"] == "onderdrukt"
    hidden = [r for r in leeftijd.values() if r["aantal"] == "x"]
    assert len(hidden) >= 2  # secondary suppression: one hidden cell could be recomputed
    resource = Package(str(DATA / "datapackage.json")).get_resource("leeftijd")
    values = {r["categorie"]: r["aantal"] for r in resource.read_rows()}
    assert values["tot_18"] is None  # frictionless reads a suppressed cell as missing
    assert "2" not in {r["aantal"] for r in hidden}


def test_data_needs_the_public_edition(workspace: Path, run: Run) -> None:
    code, _, err = run("build", "2018-06", "--editie", "intern", "--format", "data")
    assert code == 2
    assert "het datapakket bevat de cijfers van de openbare editie" in err


def test_the_archive_package_has_a_row_per_month(archive: Path, run: Run) -> None:
    code, out, err = run("build", "--all", "--editie", "openbaar", "--format", "data")
    assert code == 0, err
    assert "archief  gemaakt" in out
    pakket = Path("build/openbaar/archief/data/datapackage.json")
    assert validate(str(pakket)).valid
    maanden = [r["maand"] for r in rows(pakket.parent / "personen_in_regie.csv")]
    assert maanden == sorted({p.stem for p in Path("data").glob("[0-9]*.yaml")})
    assert [r["maand"] for r in rows(pakket.parent / "meldingen.csv")] == maanden
    eigen = rows(Path("build/openbaar/2018-03/data/personen_in_regie.csv"))[-1]
    assert eigen in rows(pakket.parent / "personen_in_regie.csv")
    code, out, _ = run("build", "--all", "--editie", "openbaar", "--format", "data")
    assert "archief  ongewijzigd" in out


def test_a_month_without_a_previous_column_has_no_row_for_last_month(
    workspace: Path, run: Run
) -> None:
    """No vorige_maand and no file of May: the package has June only, never June's figures
    under May's name."""
    text = MONTH.read_text("utf-8")
    start = text.index("  vorige_maand:")
    end = text.index("\n\n", start)
    MONTH.write_text(text[:start] + text[end + 2 :], "utf-8")
    code, _, err = run("build", "2018-06", "--editie", "openbaar", "--format", "data")
    assert (code, err) == (0, "")
    assert [r["maand"] for r in rows(DATA / "personen_in_regie.csv")] == ["2018-06"]
    assert {r["maand"] for r in rows(DATA / "risicocategorie.csv")} == {"2018-06"}


# A confidential text with quotes and a tab: CSV writes each '"' twice, JSON with a backslash
# (and a tab as \t, as Python's repr does), so it is not in the bytes of those files as such.
GEHEIM = 'dossier "De Vos"\tte Osdorp'
GEHEIM_IN_YAML = r"dossier \"De Vos\"\tte Osdorp"


def _gelakte_toelichting() -> None:
    text = MONTH.read_text("utf-8")
    oud = "regisseurs: 2, toelichting: duo, casussen: 6}"
    assert text.count(oud) == 1
    nieuw = f'regisseurs: 2, toelichting: "[[5.1.2.e: {GEHEIM_IN_YAML}]]", casussen: 6}}'
    MONTH.write_text(text.replace(oud, nieuw), "utf-8")


def _geweigerd(run: Run, *args: str, bestand: str) -> None:
    code, out, err = run("build", *args, "--editie", "openbaar", "--format", "data")
    assert code == 1
    assert (
        "data/2018-06.yaml:120:57: inzet_op_risicos.regiepartijen[3].toelichting: de "
        f"vertrouwelijke tekst van de lakmarkering (5.1.2.e) staat in {bestand}; er is niets "
        "geschreven" in err
    )
    assert "De Vos" not in out + err
    assert not Path("build/openbaar").exists()


def test_the_guard_reads_the_month_package_as_written_and_as_read(
    workspace: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second line of defence: the first (the package is made from the public form, where
    a redaction is its ground's label) let through by a fault put here on purpose."""
    from maandmonitor.publish import datapackage

    _gelakte_toelichting()
    monkeypatch.setattr(datapackage, "_tekst", lambda programma, tekst: GEHEIM if tekst else "")
    _geweigerd(run, "2018-06", bestand="build/openbaar/2018-06/data/regiepartijen.csv")


def test_the_guard_reads_the_archive_package_as_written_and_as_read(
    workspace: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same for the archive's package, whose rows are put together after each month's."""
    from maandmonitor.publish import datapackage

    _gelakte_toelichting()
    rijen = datapackage.archiefrijen

    def met_geheim(*args: Any) -> Any:
        return [
            (naam, [(*r[:3], GEHEIM, *r[4:]) for r in eigen] if naam == "regiepartijen" else eigen)
            for naam, eigen in rijen(*args)
        ]

    monkeypatch.setattr(datapackage, "archiefrijen", met_geheim)
    _geweigerd(run, "--all", bestand="build/openbaar/archief/data/regiepartijen.csv")


def test_the_guard_reads_every_byte_of_each_file_and_its_values() -> None:
    from maandmonitor.publish.datapackage import leesbare_tekst, per_maand

    rijen = [["maand", "toelichting"], ["2018-05", GEHEIM], ["2018-06", "twee\nregels"]]
    uit = io.StringIO()
    csv.writer(uit, lineterminator="\n").writerows(rijen)
    tekst = uit.getvalue()
    assert GEHEIM not in tekst  # as written, the quotes are doubled
    delen = per_maand({"data/x.csv": tekst})
    kop = "maand,toelichting\n"
    assert {m: d["data/x.csv"].partition(kop)[2] for m, d in delen.items()} == {
        "2018-05": f'2018-05,"{GEHEIM.replace(chr(34), 2 * chr(34))}"\n'
        f"\nmaand\ntoelichting\n2018-05\n{GEHEIM}",
        "2018-06": '2018-06,"twee\nregels"\n\nmaand\ntoelichting\n2018-06\ntwee\nregels',
    }
    assert GEHEIM in leesbare_tekst("data/x.csv", tekst)
    beschrijving = json.dumps({"titel": GEHEIM}, ensure_ascii=False)
    assert GEHEIM not in beschrijving and GEHEIM in leesbare_tekst("datapackage.json", beschrijving)


@pytest.mark.parametrize("naam", ["meldingen", "inventaris", "personen_in_regie", "regiepartijen"])
def test_a_breakdown_named_like_a_table_of_the_package_is_refused(
    workspace: Path, run: Run, naam: str
) -> None:
    """Its CSV would be written over that table's (rows under the wrong header) and
    datapackage.json would list the name twice: refused where monitor.yaml names it."""
    monitor = Path("data/monitor.yaml")
    monitor.write_text(monitor.read_text("utf-8").replace("- id: gender", f"- id: {naam}"), "utf-8")
    MONTH.write_text(MONTH.read_text("utf-8").replace("gender: {", f"{naam}: {{"), "utf-8")
    regel = next(
        i for i, r in enumerate(monitor.read_text("utf-8").splitlines(), 1) if f"id: {naam}" in r
    )
    for args in (["validate"], ["build", "2018-06", "--editie", "openbaar", "--format", "data"]):
        code, _, err = run(*args)
        assert code == 1
        assert err.splitlines()[0] == (
            f"data/monitor.yaml:{regel}:9: uitsplitsingen[0].id: '{naam}' is al de naam van een "
            "tabel in het datapakket (personen_in_regie, regiepartijen, meldingen, inventaris): "
            "kies een andere id"
        )
    assert not Path("build").exists()


@pytest.mark.parametrize("formaten", ["data", "md,data"])
def test_a_year_has_no_package_of_its_own(workspace: Path, run: Run, formaten: str) -> None:
    """A year's figures are published as each month's package and the archive's: asked for a
    year, `data` is a usage error that says where they are, and nothing is made."""
    code, out, err = run("build", "2018", "--editie", "openbaar", "--format", formaten)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "maandmonitor: een jaar heeft geen datapakket: de cijfers staan in dat van elke maand "
        "(build JJJJ-MM --format data) en van het archief (build --all --format data)"
    ]
    assert not Path("build").exists()
