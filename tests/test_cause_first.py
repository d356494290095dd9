"""The cause first (issue 15): a figure that every check of it contradicts, while those checks
agree among themselves, is one problem at that figure, the checks' problems folded under it, in
the text and the JSON report. Without unanimous evidence every check speaks for itself."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from .test_check import edit

Run = Callable[..., tuple[int, str, str]]

JUNE_56 = ("totaal: 55, on_hold", "totaal: 56, on_hold")
FOLDED = [
    "  ↳ data/2018-06.yaml:109:31: inzet_op_risicos.personen_in_regie.totaal: verwacht 55 = 59 "
    "(vorig totaal, regel 143) + 0 instroom − 4 uitstroom, gevonden 56 [voorraad-stroom]",
    "  ↳ data/2018-06.yaml:117:5: inzet_op_risicos.regiepartijen: verwacht 56 (totaal, regel "
    "109), gevonden 55 (som van de casussen, regels 117–126) [casussen-totaal]",
    "  ↳ data/2018-06.yaml:130:13: inzet_op_risicos.subjecten.gender: verwacht 56 (totaal, regel "
    "109), gevonden 55 (som van gender, regel 130) [uitsplitsing-telt-op]",
    "  ↳ data/2018-06.yaml:134:7: inzet_op_risicos.subjecten.risicocategorie: verwacht 56 "
    "(totaal, regel 109), gevonden 55 (som van risicocategorie, regels 134–139) "
    "[uitsplitsing-telt-op]",
]


def test_a_wrong_total_is_one_error_at_the_total(workspace: Path, run: Run) -> None:
    edit(*JUNE_56)
    code, out, err = run("validate")
    assert code == 1
    assert err.splitlines() == [
        "data/2018-06.yaml:109:31: inzet_op_risicos.personen_in_regie.totaal: totaal is 56, maar "
        "instroom/uitstroom, de casussen en alle uitsplitsingen geven 55: klopt het totaal? "
        "[uitschieter]",
        *FOLDED,
    ]
    assert out.startswith("2018-06: niet in orde (1 fout)")
    code, out, _ = run("validate", "--format", "json")  # from the check cache: the same
    [june] = json.loads(out)["maanden"]
    [problem] = june["problemen"]
    assert problem["controle"] == "uitschieter" and problem["regel"] == 109
    assert [f"  ↳ {p['bestand']}:{p['regel']}:{p['kolom']}: {p['pad']}: {p['melding']} "
            f"[{p['controle']}]" for p in problem["samengevoegd"]] == FOLDED  # fmt: skip
    assert run("validate", "--geen-cache", "--format", "json")[1] == out


def test_build_names_the_cause_too(workspace: Path, run: Run) -> None:
    edit(*JUNE_56)
    code, _, err = run("build", "2018-06")
    assert code == 1
    assert err.splitlines()[1:] == [*FOLDED, "Niets gemaakt: 1 fout."]


def test_a_check_that_agrees_with_the_total_keeps_every_problem(workspace: Path, run: Run) -> None:
    edit(*JUNE_56)
    edit("vrouw: 10", "vrouw: 11")  # gender gives 56: the total is not the odd one out
    code, _, err = run("validate")
    assert code == 1
    assert [line.rsplit(" [", 1)[1] for line in err.splitlines()] == [
        "voorraad-stroom]",
        "casussen-totaal]",
        "uitsplitsing-telt-op]",
    ]


def test_checks_that_disagree_among_themselves_keep_every_problem(
    workspace: Path, run: Run
) -> None:
    edit(*JUNE_56)
    edit("casussen: 7}", "casussen: 9}")  # the casussen give 57, the others 55
    code, _, err = run("validate")
    assert code == 1
    assert len(err.splitlines()) == 4 and "uitschieter" not in err


def test_a_redacted_table_is_never_said_to_agree(workspace: Path, run: Run) -> None:
    """Its sum is not shown, so it is not folded: the cause is named from the other checks."""
    edit(*JUNE_56)
    edit(
        "leeftijd: {gelakt: 5.1.2.e}",
        "leeftijd: {gelakt: 5.1.2.e, cijfers: {tot_18: 3, 18_tot_23: 17, 23_tot_30: 19, "
        "30_tot_40: 11, vanaf_40: 5}}",
    )
    code, _, err = run("validate")
    assert code == 1
    lines = err.splitlines()
    assert lines[0].endswith(
        "totaal is 56, maar instroom/uitstroom, de casussen en de uitsplitsingen gender en "
        "risicocategorie geven 55: klopt het totaal? [uitschieter]"
    )
    assert lines[1:5] == FOLDED
    assert lines[5] == (
        "data/2018-06.yaml:131:42: inzet_op_risicos.subjecten.leeftijd.cijfers: verwacht het "
        "cijfer van totaal, regel 109, gevonden een ander cijfer (som van leeftijd, regel 131); "
        "de cijfers van een gelakte tabel worden niet herhaald [uitsplitsing-telt-op]"
    )
    assert len(lines) == 6
