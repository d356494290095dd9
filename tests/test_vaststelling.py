"""Sign-off: `status: {vastgesteld_op, door}` in the month file; a public edition of a month that
is not signed off says CONCEPT on every page and in its metadata; `--definitief` refuses it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .conftest import output, outputs

Run = Callable[..., tuple[int, str, str]]

JUNE = Path("data/2018-06.yaml")
STATUS = "status: {vastgesteld_op: 2018-07-10, door: Annemarie Vastenhouw}"


def sign_off() -> None:
    text = JUNE.read_text(encoding="utf-8")
    JUNE.write_text(
        text.replace("peildatum: 2018-07-04\n", f"peildatum: 2018-07-04\n{STATUS}\n"),
        encoding="utf-8",
    )


def test_concept_says_so_in_the_public_edition_only(workspace: Path, run: Run) -> None:
    code, _, err = run("build", "2018-06", "--format", "md,html")
    assert (code, err) == (0, "")
    public = output("2018-06", "openbaar", "html").read_text(encoding="utf-8")
    assert "<title>Maandmonitor juni 2018 – openbare editie (CONCEPT)</title>" in public
    assert '<p class="concept">CONCEPT</p>' in public
    internal = output("2018-06", "intern", "html").read_text(encoding="utf-8")
    assert '<p class="concept">' not in internal and "(CONCEPT)" not in internal


def test_signed_off_month_shows_the_date_and_the_name_only_internally(
    workspace: Path, run: Run
) -> None:
    sign_off()
    code, _, err = run("build", "2018-06", "--format", "md,html")
    assert (code, err) == (0, "")
    public = output("2018-06", "openbaar", "html").read_text(encoding="utf-8")
    assert '<p class="concept">' not in public and "(CONCEPT)" not in public
    assert '<p class="vastgesteld">vastgesteld op 10 juli 2018</p>' in public
    assert "Vastenhouw" not in "".join(
        b.decode("utf-8", "replace") for p, b in outputs().items() if p.startswith("openbaar/")
    )
    internal = output("2018-06", "intern", "html").read_text(encoding="utf-8")
    assert "vastgesteld op 10 juli 2018 door Annemarie Vastenhouw" in internal


def test_definitief_refuses_a_concept_and_writes_nothing(workspace: Path, run: Run) -> None:
    code, out, err = run("build", "2018-06", "--editie", "openbaar", "--definitief")
    assert code == 1
    assert out == ""
    assert err.splitlines() == [
        "data/2018-06.yaml:4:1: maand: 2018-06 is niet vastgesteld (geen 'status: "
        "{vastgesteld_op: JJJJ-MM-DD, door: NAAM}'); met --definitief wordt alleen een "
        "vastgestelde maand openbaar gemaakt",
        "Niets gemaakt: 1 fout.",
    ]
    assert not Path("build").exists()


def test_definitief_makes_a_signed_off_month(workspace: Path, run: Run) -> None:
    sign_off()
    code, _, err = run("build", "2018-06", "--editie", "openbaar", "--definitief")
    assert (code, err) == (0, "")
    assert output("2018-06", "openbaar", "html").is_file()


def test_definitief_does_not_concern_the_internal_edition(workspace: Path, run: Run) -> None:
    code, _, err = run("build", "2018-06", "--editie", "intern", "--definitief")
    assert (code, err) == (0, "")


def test_status_needs_both_date_and_name(workspace: Path, run: Run) -> None:
    text = JUNE.read_text(encoding="utf-8")
    JUNE.write_text(
        text.replace("peildatum: 2018-07-04\n", "peildatum: 2018-07-04\nstatus: {door: X}\n"),
        encoding="utf-8",
    )
    code, _, err = run("validate", "2018-06")
    assert code == 1
    assert "status.vastgesteld_op" in err


def test_a_month_is_not_signed_off_before_its_figures_were_drawn_up(
    workspace: Path, run: Run
) -> None:
    """vastgesteld_op before the peildatum (and so before the month ended) cannot be: a located
    error of its own rule, and nothing is built."""
    text = JUNE.read_text(encoding="utf-8")
    status = STATUS.replace("2018-07-10", "2018-05-01")
    JUNE.write_text(
        text.replace("peildatum: 2018-07-04\n", f"peildatum: 2018-07-04\n{status}\n"),
        encoding="utf-8",
    )
    code, _, err = run("validate", "2018-06")
    assert code == 1
    assert err.splitlines() == [
        "data/2018-06.yaml:6:26: status.vastgesteld_op: verwacht de peildatum (2018-07-04, "
        "regel 5) of later, gevonden 2018-05-01 [vaststelling-na-peildatum]"
    ]
    code, _, _ = run("build", "2018-06")
    assert code == 1 and outputs() == {}


def test_the_sign_off_rule_skips_a_concept(workspace: Path, run: Run) -> None:
    code, out, _ = run("validate", "2018-06")
    assert code == 0
    assert "  overgeslagen vaststelling-na-peildatum  overgeslagen: geen status (concept)" in (
        out.splitlines()
    )
    sign_off()
    code, out, _ = run("validate", "2018-06")
    assert code == 0
    assert "  geslaagd     vaststelling-na-peildatum  1 geslaagd" in out.splitlines()
