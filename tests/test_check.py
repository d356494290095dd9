"""The rules (controles): the reference month passes all; each defect breaks exactly one rule."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from maandmonitor import parallel
from maandmonitor.check import run as check
from maandmonitor.check.toets import CONTROLES
from maandmonitor.cijfers import percentage
from maandmonitor.workspace import Werkmap

from .conftest import _generator

Run = Callable[..., tuple[int, str, str]]
MONTH = Path("data/2018-06.yaml")
RULE_IDS = [c.id for c in CONTROLES]


def edit(old: str, new: str, path: Path = MONTH) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"fixture text not found once: {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def failing(run: Run, *args: str) -> list[str]:
    """`validate` with `args`: it must exit 1; its messages."""
    code, _, err = run("validate", *args)
    assert code == 1
    return err.splitlines()


def rules(out: str, month: str = "2018-06") -> dict[str, str]:
    """Rule id → outcome, from the summary of one month in `validate`'s output."""
    report = json.loads(out)
    [result] = [m for m in report["maanden"] if m["maand"] == month]
    return {c["id"]: c["uitkomst"] for c in result["controles"]}


def test_rule_ids_are_unique_kebab_case() -> None:
    assert len(set(RULE_IDS)) == len(RULE_IDS) >= 14
    assert all(c.id.replace("-", "").isalpha() and c.id.islower() for c in CONTROLES)
    assert all(c.ernst in {"fout", "waarschuwing"} and c.omschrijving for c in CONTROLES)


def test_reference_month_passes_every_rule_it_can_check(workspace: Path, run: Run) -> None:
    code, out, err = run("validate", "--format", "json")
    assert (code, err) == (0, "")
    skipped = {
        "meldingen-aantal",
        "meldingen-eerdere-maanden",
        "vorige-maand-gelijk",
        "vaststelling-na-peildatum",  # a concept: no status
    }
    assert rules(out) == {i: "overgeslagen" if i in skipped else "geslaagd" for i in RULE_IDS}


def test_summary_shows_every_rule_and_why_items_were_skipped(workspace: Path, run: Run) -> None:
    code, out, _ = run("validate")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == ("2018-06: in orde — 17 controles: 13 geslaagd, 0 mislukt, 4 overgeslagen")
    assert len(lines) == 1 + len(RULE_IDS)
    for rule_id, line in zip(RULE_IDS, lines[1:], strict=True):
        assert line.split()[1] == rule_id
    assert (
        "  geslaagd     uitsplitsing-telt-op       3 geslaagd; overgeslagen: subjecten.leeftijd: "
        "gelakt (5.1.2.e), de cijfers staan niet in het bestand; subjecten.stadsdeel: "
        "niet beschikbaar"
    ) in lines
    assert (
        "  overgeslagen vorige-maand-gelijk        overgeslagen: data/2018-05.yaml bestaat niet"
    ) in lines
    assert (
        "  geslaagd     voorraad-stroom            1 geslaagd; overgeslagen: vorige_maand: "
        "totaal van 2018-04 onbekend: data/2018-04.yaml bestaat niet"
    ) in lines


# (rule, what to change, into what, the one message expected). Lines refer to data/2018-06.yaml.
ONE_RULE = [
    (
        "voorraad-stroom",
        "instroom: 0, uitstroom: 4}",
        "instroom: 1, uitstroom: 4}",
        "data/2018-06.yaml:109:31: inzet_op_risicos.personen_in_regie.totaal: verwacht 56 = "
        "59 (vorig totaal, regel 143) + 1 instroom − 4 uitstroom, gevonden 55",
    ),
    (
        "uitstroom-lijst",
        '  uitgestroomd:\n    - "[[buiten-reikwijdte]]"\n',
        "  uitgestroomd:\n",
        "data/2018-06.yaml:111:5: inzet_op_risicos.uitgestroomd: verwacht 4 regels "
        "(uitstroom, regel 109), gevonden 3 regels",
    ),
    (
        "meldingen-aantal",
        "    - maand: 2018-06\n      items:",
        "    - maand: 2018-06\n      aantal: 5\n      items:",
        "data/2018-06.yaml:107:15: inzet_op_risicos.meldingen[5].aantal: verwacht 6 "
        "(het aantal items, regel 108), gevonden 5",
    ),
    (
        "meldingen-maanden",
        "maand: 2018-02",
        "maand: 2017-02",
        "data/2018-06.yaml:98:14: inzet_op_risicos.meldingen[1].maand: verwacht een maand na "
        "2018-01 en uiterlijk 2018-06, gevonden 2017-02",
    ),
    (
        "casussen-totaal",
        "regisseurs: 2, casussen: 7}",
        "regisseurs: 2, casussen: 9}",
        "data/2018-06.yaml:117:5: inzet_op_risicos.regiepartijen: verwacht 55 (totaal, regel "
        "109), gevonden 57 (som van de casussen, regels 117–126)",
    ),
    (
        "regisseurs-totaal",
        "regisseurs_totaal: 36",
        "regisseurs_totaal: 37",
        "data/2018-06.yaml:127:22: inzet_op_risicos.regisseurs_totaal: verwacht 36 (som van de "
        "regisseurs, regels 117–126), gevonden 37",
    ),
    (
        "toelichting-aantal",
        "11 achtervang",
        "23 achtervang",
        "data/2018-06.yaml:118:54: inzet_op_risicos.regiepartijen[1].toelichting: verwacht "
        "hoogstens 22 (regisseurs, regel 118), gevonden 23",
    ),
    (
        "uitsplitsing-telt-op",
        "vrouw: 10",
        "vrouw: 11",
        "data/2018-06.yaml:130:13: inzet_op_risicos.subjecten.gender: verwacht 55 (totaal, "
        "regel 109), gevonden 56 (som van gender, regel 130)",
    ),
    (
        "on-hold-binnen-totaal",
        "on_hold: 2, instroom: 0",
        "on_hold: 56, instroom: 0",
        "data/2018-06.yaml:109:44: inzet_op_risicos.personen_in_regie.on_hold: verwacht "
        "hoogstens 55 (totaal, regel 109), gevonden 56",
    ),
    (
        "overleg-in-maand",
        "datum: 2018-06-05",
        "datum: 2018-07-05",
        "data/2018-06.yaml:154:14: inzet_op_risicos.overleggen[0].datum: verwacht een datum van "
        "2018-06-01 tot en met 2018-06-30, gevonden 2018-07-05",
    ),
    (
        "peildatum-na-maand",
        "peildatum: 2018-07-04",
        "peildatum: 2018-06-30",
        "data/2018-06.yaml:5:12: peildatum: verwacht een datum na 2018-06-30 (einde van de "
        "verslagmaand), gevonden 2018-06-30",
    ),
    (
        "peildatum-tijdig",
        "peildatum: 2018-07-04",
        "peildatum: 2018-08-01",
        "data/2018-06.yaml:5:12: waarschuwing: peildatum: verwacht uiterlijk 2018-07-31 (einde "
        "van de maand erna), gevonden 2018-08-01",
    ),
    (
        "geen-getypt-percentage",
        "- Inzageverzoek in persoonsgegevens afgehandeld.",
        "- Inzageverzoek in 80 % van de gevallen afgehandeld.",
        "data/2018-06.yaml:41:11: waarschuwing: activiteiten.inzet_op_risicos[1].items[1]: "
        "getypt percentage '80 %': verwacht geen, de rapportage berekent percentages uit de "
        "cijfers",
    ),
]


@pytest.mark.parametrize(("rule", "old", "new", "message"), ONE_RULE, ids=[d[0] for d in ONE_RULE])
def test_defect_breaks_exactly_one_rule(
    workspace: Path, run: Run, rule: str, old: str, new: str, message: str
) -> None:
    edit(old, new)
    warning = next(c.ernst for c in CONTROLES if c.id == rule) == "waarschuwing"
    code, _, err = run("validate")
    assert code == (0 if warning else 1)
    assert err.splitlines() == [f"{message} [{rule}]"]
    _, out, _ = run("validate", "--format", "json")
    assert [i for i, uitkomst in rules(out).items() if uitkomst == "mislukt"] == [rule]


def test_strict_makes_warnings_fail(workspace: Path, run: Run) -> None:
    edit("peildatum: 2018-07-04", "peildatum: 2018-08-01")
    code, out, _ = run("validate", "--strict")
    assert code == 1
    assert out.startswith("2018-06: niet in orde (1 waarschuwing) — 17 controles: 12 geslaagd")
    code, out, _ = run("validate", "--strict", "--format", "json")
    report = json.loads(out)
    assert (code, report["streng"], report["geldig"]) == (1, True, False)


def test_redacted_table_with_figures_is_checked(workspace: Path, run: Run) -> None:
    edit("leeftijd: {gelakt: 5.1.2.e}", "leeftijd: {gelakt: 5.1.2.e, cijfers: {tot_18: 3}}")
    assert failing(run) == [
        "data/2018-06.yaml:131:42: inzet_op_risicos.subjecten.leeftijd.cijfers: verwacht het "
        "cijfer van totaal, regel 109, gevonden een ander cijfer (som van leeftijd, regel 131); "
        "de cijfers van een gelakte tabel worden niet herhaald [uitsplitsing-telt-op]"
    ]


def test_json_lists_each_rule_per_month(workspace: Path, run: Run) -> None:
    _, out, _ = run("validate", "--format", "json")
    [month] = json.loads(out)["maanden"]
    assert month["gecontroleerd"] is True
    assert month["samenvatting"] == {
        "controles": 17,
        "geslaagd": 13,
        "mislukt": 0,
        "overgeslagen": 4,
    }
    assert month["controles"][0] == {
        "id": "voorraad-stroom",
        "omschrijving": "totaal = totaal vorige maand + instroom − uitstroom (ook vorige maand)",
        "ernst": "fout",
        "uitkomst": "geslaagd",
        "geslaagd": 1,
        "mislukt": 0,
        "overgeslagen": [
            "vorige_maand: totaal van 2018-04 onbekend: data/2018-04.yaml bestaat niet"
        ],
    }


def test_rules_do_not_run_on_a_month_that_did_not_load(workspace: Path, run: Run) -> None:
    edit("toelichting: 11 achtervang, casussen: 8}", "toelichting: 11 achtervang, casussen: acht}")
    code, out, _ = run("validate")
    assert code == 1
    assert out.splitlines() == [
        "2018-06: niet in orde (1 fout); controles niet uitgevoerd: bestand niet geladen"
    ]


# --- acceptance: any single count changed is caught, on its line; restoring it is clean ---------

ACCEPTANCE = [
    pytest.param("{partij: AcVZ, regisseurs: 2, casussen: 14}", "casussen: 14}", "casussen: 15}",
                 ["casussen-totaal"], "regels 117–126", id="party-casussen"),
    pytest.param("  uitreizigers: 8\n", "uitreizigers: 8", "uitreizigers: 7",
                 ["uitsplitsing-telt-op"], "regels 134–139", id="risk-category"),
    pytest.param("gender: {vrouw: 10, man: 45}", "vrouw: 10", "vrouw: 9",
                 ["uitsplitsing-telt-op"], "data/2018-06.yaml:130:", id="female-count"),
    pytest.param("instroom: 0, uitstroom: 4}", "instroom: 0", "instroom: 2",
                 ["voorraad-stroom"], "data/2018-06.yaml:109:", id="instroom"),
]  # fmt: skip


@pytest.mark.parametrize(("context", "old", "new", "broken", "where"), ACCEPTANCE)
def test_any_changed_count_is_caught(
    workspace: Path, run: Run, context: str, old: str, new: str, broken: list[str], where: str
) -> None:
    original = MONTH.read_text(encoding="utf-8")
    edit(context, context.replace(old, new))
    code, out, err = run("validate")
    assert code == 1
    assert all(f"[{rule}]" in err for rule in broken)
    assert "verwacht " in err and ", gevonden " in err and where in err
    assert all(f"mislukt      {rule}" in out for rule in broken)
    MONTH.write_text(original, encoding="utf-8")
    assert run("validate")[0] == 0


# --- cross-month ---------------------------------------------------------------------------------

RISICO_MEI = {
    "terugkeerders": 10,
    "facilitators_recruiters": 2,
    "uitreizigers": 9,
    "potentiele_uitreizigers": 6,
    "verijdelde_uitreizigers": 12,
    "overig_radicaal": 20,
}
RISICO_APRIL = {**RISICO_MEI, "overig_radicaal": 17}
MELDINGEN = {"2018-01": 4, "2018-02": 2, "2018-03": 6, "2018-04": 4, "2018-05": 2}


def write_month(
    maand: str, pir: tuple[int, int, int, int], risico: dict[str, int], peildatum: str
) -> None:
    """A small consistent month file: one party directs every case."""
    totaal, on_hold, instroom, uitstroom = pir
    meldingen = "".join(
        f"    - maand: {m}\n      items: [{', '.join(['melding'] * n)}]\n"
        for m, n in MELDINGEN.items()
        if m <= maand
    )
    uitgestroomd = "".join("    - iemand\n" for _ in range(uitstroom))
    Path(f"data/{maand}.yaml").write_text(
        f"maand: {maand}\n"
        f"peildatum: {peildatum}\n"
        "inzet_op_risicos:\n"
        f"  meldingen:\n{meldingen}"
        f"  personen_in_regie: {{totaal: {totaal}, on_hold: {on_hold}, instroom: {instroom}, "
        f"uitstroom: {uitstroom}}}\n"
        f"  uitgestroomd:{'' if uitstroom else ' []'}\n{uitgestroomd}"
        "  regiepartijen:\n"
        f"    - {{partij: Politie, regisseurs: 1, casussen: {totaal}}}\n"
        "  regisseurs_totaal: 1\n"
        "  subjecten:\n"
        "    risicocategorie:\n" + "".join(f"      {k}: {v}\n" for k, v in risico.items()),
        encoding="utf-8",
    )


@pytest.fixture
def three_months(workspace: Path) -> Path:
    """2018-04 and 2018-05 files that agree with what 2018-06 says about May."""
    write_month("2018-04", (56, 1, 2, 1), RISICO_APRIL, "2018-05-03")
    write_month("2018-05", (59, 2, 3, 0), RISICO_MEI, "2018-06-05")
    return workspace


def test_consecutive_months_that_agree_pass(three_months: Path, run: Run) -> None:
    code, out, err = run("validate", "--format", "json")
    assert (code, err) == (0, "")
    june = rules(out)
    assert june["vorige-maand-gelijk"] == june["meldingen-eerdere-maanden"] == "geslaagd"
    [june_report] = [m for m in json.loads(out)["maanden"] if m["maand"] == "2018-06"]
    stroom = june_report["controles"][0]
    assert (stroom["geslaagd"], stroom["overgeslagen"]) == (2, [])  # June and the May column


def test_changed_previous_month_figure_names_both_files(three_months: Path, run: Run) -> None:
    edit("{totaal: 59, on_hold: 2, instroom: 3", "{totaal: 59, on_hold: 1, instroom: 3")
    assert failing(run) == [
        "data/2018-06.yaml:143:46: inzet_op_risicos.vorige_maand.personen_in_regie.on_hold: "
        "verwacht 2 (data/2018-05.yaml:15), gevonden 1 [vorige-maand-gelijk]"
    ]


def test_changed_previous_breakdown_names_both_files(three_months: Path, run: Run) -> None:
    edit("        terugkeerders: 10", "        terugkeerders: 11")
    assert failing(run, "2018-06") == [
        "data/2018-06.yaml:146:9: inzet_op_risicos.vorige_maand.subjecten.risicocategorie: "
        "verwacht 59 (totaal, regel 143), gevonden 60 (som van risicocategorie, regels "
        "146–151) [uitsplitsing-telt-op]",
        "data/2018-06.yaml:146:24: inzet_op_risicos.vorige_maand.subjecten.risicocategorie."
        "terugkeerders: verwacht 10 (data/2018-05.yaml:22), gevonden 11 [vorige-maand-gelijk]",
    ]


def test_previous_month_column_is_checked_against_the_month_before(
    three_months: Path, run: Run
) -> None:
    edit("{totaal: 56, on_hold: 1, instroom: 2", "{totaal: 57, on_hold: 1, instroom: 2",
         Path("data/2018-04.yaml"))  # fmt: skip
    assert failing(run, "2018-06") == [
        "data/2018-06.yaml:143:33: inzet_op_risicos.vorige_maand.personen_in_regie.totaal: "
        "verwacht 60 = 57 (vorig totaal, data/2018-04.yaml:13) + 3 instroom − 0 uitstroom, "
        "gevonden 59 [voorraad-stroom]"
    ]


def test_year_to_date_meldingen_agree_with_last_month(three_months: Path, run: Run) -> None:
    edit("    - maand: 2018-03\n      items: [melding, ", "    - maand: 2018-03\n      items: [",
         Path("data/2018-05.yaml"))  # fmt: skip
    assert failing(run, "2018-06") == [
        "data/2018-06.yaml:101:14: inzet_op_risicos.meldingen[2].items: verwacht 5 meldingen in "
        "2018-03 (data/2018-05.yaml:10), gevonden 6 [meldingen-eerdere-maanden]"
    ]


def test_month_may_omit_previous_figures_when_that_file_exists(
    three_months: Path, run: Run
) -> None:
    text = MONTH.read_text(encoding="utf-8")
    start, end = text.index("  # Stand van vorige maand"), text.index("  overleggen:")
    MONTH.write_text(text[:start] + text[end:], encoding="utf-8")
    edit("instroom: 0, uitstroom: 4}", "instroom: 0, uitstroom: 3}")
    edit('  uitgestroomd:\n    - "[[buiten-reikwijdte]]"\n', "  uitgestroomd:\n")
    assert failing(run, "2018-06") == [
        "data/2018-06.yaml:109:31: inzet_op_risicos.personen_in_regie.totaal: verwacht 56 = "
        "59 (vorig totaal, data/2018-05.yaml:15) + 0 instroom − 3 uitstroom, gevonden 55 "
        "[voorraad-stroom]"
    ]


def test_cross_month_rule_skipped_when_previous_month_does_not_load(
    three_months: Path, run: Run
) -> None:
    edit("regisseurs_totaal: 1", "regisseurs_totaal: een", Path("data/2018-05.yaml"))
    code, out, err = run("validate", "2018-06", "--format", "json")
    assert (code, err) == (0, "")  # 2018-05 was not asked for: its errors are not reported
    [june] = json.loads(out)["maanden"]
    gelijk = next(c for c in june["controles"] if c["id"] == "vorige-maand-gelijk")
    assert (gelijk["uitkomst"], gelijk["overgeslagen"]) == (
        "overgeslagen",
        ["data/2018-05.yaml bevat fouten en is niet geladen"],
    )


# --- percentages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("deel", "geheel", "expected"),
    [(10, 55, "18.2"), (45, 55, "81.8"), (1, 8, "12.5"), (1, 16, "6.3"), (1, 40, "2.5"),
     (0, 7, "0.0"), (7, 7, "100.0"), (1, 3, "33.3"), (2, 3, "66.7")],
)  # fmt: skip
def test_percentage_rounds_half_up_to_one_decimal(deel: int, geheel: int, expected: str) -> None:
    assert percentage(deel, geheel) == Decimal(expected)
    assert str(percentage(deel, geheel)) == expected


def test_percentage_of_nothing_is_refused() -> None:
    with pytest.raises(ValueError):
        percentage(1, 0)


def test_many_months_are_checked_on_every_core_with_the_same_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _generator()(tmp_path, 60, seed=3, start="2013-01")
    monkeypatch.chdir(tmp_path)
    data = Path("data")
    # 2 cores take runs of 8 months: 2013-01, 2013-09, 2014-05, … start one
    edit("gender: {vrouw: ", "gender: {vrouw: 1", data / "2015-06.yaml")  # a fout
    edit("peildatum: 2014-09-04", "peildatum: 2014-11-04", data / "2014-08.yaml")  # a warning
    edit("peildatum: 2014-05-04", "peildatum: [2014-05-04", data / "2014-04.yaml")  # no load
    (data / "2013-09.yaml").unlink()  # a gap where a run starts
    forks: list[int] = []
    fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or fork())
    for streng in (False, True):
        reports = {}
        for cores in (1, 2):
            monkeypatch.setattr(parallel, "beschikbare_kernen", lambda cores=cores: cores)
            werkmap = Werkmap.open(Path("data"))
            reports[cores] = check.validate_workspace(werkmap, streng=streng).as_json()
        assert reports[1] == reports[2]
        fout = {m["maand"] for m in reports[2]["maanden"] if not m["geldig"]}
        assert fout == {"2014-04", "2015-06"} | ({"2014-08"} if streng else set())
    assert forks == [1] * 4  # two workers, for the two runs on two cores only
