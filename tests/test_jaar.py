"""`maandmonitor build JJJJ`: the year view, gaps shown as gaps, deterministic, fail closed."""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest

from .conftest import output, outputs

Run = Callable[..., tuple[int, str, str]]


def read(name: str) -> str:
    editie, formaat = name.split(".")
    return output("2018", editie, formaat).read_text(encoding="utf-8")


def without_previous_month(month: Path) -> None:
    """The file without its `vorige_maand` block: it says nothing of the month before."""
    text = month.read_text(encoding="utf-8")
    month.write_text(re.sub(r"  vorige_maand:\n(    .*\n)+", "", text), "utf-8")


def test_a_missing_month_is_a_gap_not_a_zero(archive: Path, run: Run) -> None:
    Path("data/2018-04.yaml").unlink()
    without_previous_month(Path("data/2018-05.yaml"))  # nothing states April's figures
    code, out, err = run("build", "2018")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Jaaroverzicht 2018 gemaakt:",
        *(
            f"  build/{e}/2018/maandmonitor-2018-{e}.{f}"
            for e in ("intern", "openbaar")
            for f in ("html", "md")
        ),
    ]
    md = read("openbaar.md")
    assert "uit 11 van de 12 maandbestanden" in md
    # May's file lists April's meldingen: only those are known
    april = "| April | — | — | — | — | 2 | geen bestand; meldingen uit de maandmonitor van mei |"
    assert april in md.splitlines()
    assert "| April | — | — | — | — | — | — | geen bestand |" in md.splitlines()  # risk categories
    assert not re.search(r"^\| April \|.*\b0\b", md, re.MULTILINE)
    assert re.search(r"^\| Mei \| \d+ \| \d+ \| \d+ \| \d+ \| \d+ \|  \|$", md, re.MULTILINE)

    html = read("openbaar.html")
    # the line of the totaal breaks at April: January–March and May–December
    lines = re.findall(r'<polyline points="([^"]*)" fill="none" stroke="#ec0000"', html)
    assert [len(points.split()) for points in lines[:2]] == [3, 8]
    assert "April: geen cijfers" in html
    assert "Geen cijfer voor april: daar loopt geen lijn." in html  # the one line under it
    assert "<td>geen bestand</td>" in html
    assert 'class="gat"' not in html  # no marks floating above the axis


def test_a_month_without_a_file_takes_what_the_next_report_states(archive: Path, run: Run) -> None:
    Path("data/2018-04.yaml").unlink()
    assert run("build", "2018")[0] == 0
    md = read("intern.md").splitlines()
    may = Path("data/2018-05.yaml").read_text(encoding="utf-8")
    stand = re.search(r"vorige_maand:\n    personen_in_regie: (\{.*\})", may)
    assert stand is not None
    figures = dict(p.split(": ") for p in stand.group(1).strip("{}").split(", "))
    row = " | ".join(figures[k] for k in ("totaal", "on_hold", "instroom", "uitstroom"))
    assert f"| April | {row} | 2 | geen bestand; uit de maandmonitor van mei |" in md
    risk = re.search(r"      risicocategorie: (\{.*\})", may[may.index("vorige_maand:") :])
    assert risk is not None
    counts = " | ".join(p.split(": ")[1] for p in risk.group(1).strip("{}").split(", "))
    assert f"| April | {counts} | geen bestand; uit de maandmonitor van mei |" in md
    # a breakdown May's report does not show beside its own (redacted there) stays a gap
    assert "| April | — | — | — | — | — | geen bestand |" in md
    # drawn open: a ring on the line, and said so under the chart
    html = read("intern.html")
    assert 'fill="#ffffff" stroke="#ec0000"' in html
    assert "Open punt: een cijfer uit een latere maandmonitor." in html


def test_the_months_after_the_last_file_of_the_current_year_are_not_out_yet(
    archive: Path, run: Run
) -> None:
    for month in ("2018-10", "2018-11", "2018-12"):
        Path(f"data/{month}.yaml").unlink()
    assert run("build", "2018")[0] == 0
    md = read("openbaar.md").splitlines()
    assert "| Oktober | — | — | — | — | — | nog niet verschenen |" in md
    assert "| December | — | — | — | — | — | nog niet verschenen |" in md
    assert "Oktober t/m december: nog niet verschenen." in read("openbaar.html")
    # a year with a later year after it is complete: its missing months are missing
    assert run("build", "2017")[0] == 0
    assert "nog niet verschenen" not in output("2017", "openbaar", "md").read_text("utf-8")


def test_a_later_file_makes_the_year_before_complete(archive: Path, run: Run) -> None:
    """A year stops being the current one when the next year's first file comes: its months
    after the last file are then missing (the year's key covers that)."""
    later = {p: p.read_bytes() for p in sorted(Path("data").glob("2018-*.yaml"))}
    for path in [Path("data/2017-12.yaml"), *later]:
        path.unlink()
    assert run("build", "--all")[0] == 0
    year = output("2017", "openbaar", "md")
    assert "| December | — | — | — | — | — | nog niet verschenen |" in year.read_text("utf-8")
    for path, data in later.items():
        path.write_bytes(data)
    assert run("build", "--all")[0] == 0
    assert "| December | — | — | — | — | — | geen bestand |" in year.read_text("utf-8")


def test_the_year_view_is_accessible_and_self_contained(archive: Path, run: Run) -> None:
    assert run("build", "2018")[0] == 0
    html = read("intern.html")
    assert '<html lang="nl">' in html and "<script" not in html
    assert not re.search(r"(src|href)=|url\(|@import", html)
    # the core figures and every breakdown of monitor.yaml: gender, leeftijd, stadsdeel, risico
    assert html.count("<caption>") == html.count("<table>") == 5
    # a chart for each, but none for leeftijd: redacted every month, it has no figure to draw
    charts = re.findall(r'role="img" aria-labelledby="(jaar-[a-z]+)-titel', html)
    assert charts == [f"jaar-{c}" for c in ("regie", "stroom", "meldingen", "gender")] + [
        "jaar-stadsdeel",
        "jaar-risicocategorie",
    ]
    assert html.count("<desc id=") == html.count("<figcaption>") == 6
    assert '<th scope="row">Januari</th>' in html
    assert "Interne editie" in html and "Openbare editie" in read("openbaar.html")


@pytest.mark.parametrize("naam", ["regie", "stroom"])
def test_a_breakdown_named_like_a_chart_of_the_year_view_is_refused(
    archive: Path, run: Run, naam: str
) -> None:
    """Its chart would be "jaar-stroom" too: two charts with one id, the second described by the
    first's title and description (aria-labelledby), and placed where the first goes."""
    monitor = Path("data/monitor.yaml")
    tekst = monitor.read_text("utf-8")
    monitor.write_text(tekst.replace("- id: gender", f"- id: {naam}"), "utf-8")
    for maand in Path("data").glob("2018-*.yaml"):
        maand.write_text(maand.read_text("utf-8").replace("gender: {", f"{naam}: {{"), "utf-8")
    regel = next(i for i, r in enumerate(tekst.splitlines(), 1) if "- id: gender" in r)
    code, _, err = run("build", "2018")
    assert code == 1
    assert err.splitlines()[0] == (
        f"data/monitor.yaml:{regel}:9: uitsplitsingen[0].id: '{naam}' is al de naam van een "
        "grafiek in het jaaroverzicht en op de archiefpagina (regie, stroom, meldingen): kies "
        "een andere id"
    )
    assert not Path("build").exists()


def test_a_rebuild_is_byte_identical(archive: Path, run: Run) -> None:
    Path("data/2018-04.yaml").unlink()
    run("build", "2018")
    first = outputs()
    run("build", "2018")
    assert outputs() == first


def test_only_figures_reach_the_year_view(workspace: Path, run: Run) -> None:
    """The reference month holds redacted and confidential text; the year view shows none."""
    month = Path("data/2018-06.yaml")
    text = month.read_text(encoding="utf-8").replace('"[[5.1.2.d]]"', '"[[5.1.2.d: Geheim]]"')
    month.write_text(text, encoding="utf-8")
    assert run("build", "2018", "--editie", "openbaar")[0] == 0
    md = read("openbaar.md")
    assert "| Juni | 55 | 2 | 0 | 4 | 6 |  |" in md.splitlines()
    # January–May from June's report: the meldingen, and May's figures (its previous month)
    assert "| Mei | 59 | 2 | 3 | 0 | 2 | geen bestand; uit de maandmonitor van juni |" in md
    assert (
        "| Maart | — | — | — | — | 6 | geen bestand; meldingen uit de maandmonitor van juni |" in md
    )
    assert md.count("| nog niet verschenen |") == 5 * 6  # July–December of a year in progress
    for name in ("openbaar.md", "openbaar.html"):
        assert "Geheim" not in read(name) and "⟦" not in read(name)


def test_a_month_with_an_error_stops_the_year(archive: Path, run: Run) -> None:
    month = Path("data/2018-05.yaml")
    month.write_text(
        month.read_text(encoding="utf-8").replace("regisseurs: 22", "regisseurs: x"), "utf-8"
    )
    code, out, err = run("build", "2018")
    assert (code, out) == (1, "")
    assert err.startswith("data/2018-05.yaml:") and "'x' is geen geheel getal" in err
    assert "Traceback" not in err
    assert not Path("build").exists()


def test_usage_errors(archive: Path, run: Run) -> None:
    for args, message in [
        (["build"], "geef een maand (JJJJ-MM), een jaar (JJJJ) of --all"),
        (["build", "2018", "--all"], "geef een maand (JJJJ-MM), een jaar (JJJJ) of --all"),
        (["build", "18"], "'18' is geen maand of jaar"),
        (["build", "2018-13"], "'2018-13' is geen maand of jaar"),
        (["build", "2030"], "jaar 2030 heeft geen maandbestanden in data"),
    ]:
        code, out, err = run(*args)
        assert (code, out) == (2, ""), args
        assert err.startswith(f"maandmonitor: {message}"), err


def test_suppressed_risk_categories_stay_out_of_the_public_year_view(
    archive: Path, run: Run
) -> None:
    monitor = Path("data/monitor.yaml")
    text = monitor.read_text(encoding="utf-8")
    start = text.index("id: risicocategorie")
    end = text.index("onderdrukking: {aan: false", start)
    monitor.write_text(text[:end] + text[end:].replace("aan: false", "aan: true", 1), "utf-8")
    assert run("build", "2018")[0] == 0
    public = read("openbaar.md").splitlines()
    assert "| Januari | — | — | — | — | — | — | onderdrukt in de openbare editie |" in public
    assert re.search(
        r"^\| Januari \| \d+ \| \d+ \| \d+ \| \d+ \| \d+ \|  \|$", "\n".join(public), re.M
    )
    intern = read("intern.md")
    risico = intern[intern.index("## Verdeling van subjecten per risicocategorie") :]
    assert "| Januari | — |" not in risico


def test_a_year_view_from_workspace_templates_gets_all_of_commonmark(
    archive: Path, run: Run
) -> None:
    eigen = Path("templates")
    eigen.mkdir()
    jaar = resources.files("maandmonitor") / "templates" / "jaar.md.j2"
    (eigen / "jaar.md.j2").write_text(jaar.read_text("utf-8") + "\n> Eigen noot.\n", "utf-8")
    assert run("build", "2018", "--format", "html")[0] == 0
    assert "<blockquote>\n<p>Eigen noot.</p>\n</blockquote>" in read("openbaar.html")


def _vastgesteld(month: Path) -> None:
    text = month.read_text(encoding="utf-8")
    month.write_text(
        re.sub(
            r"^(maand: .*)$",
            r"\1\nstatus: {vastgesteld_op: 2019-01-10, door: Teamleider}",
            text,
            count=1,
            flags=re.MULTILINE,
        ),
        "utf-8",
    )


def test_the_public_year_view_of_a_month_not_signed_off_is_a_concept(
    archive: Path, run: Run
) -> None:
    import docx

    assert run("build", "2018", "--format", "md,html,docx")[0] == 0
    assert "**CONCEPT**: niet elke maand van dit jaaroverzicht is vastgesteld." in read(
        "openbaar.md"
    )
    assert "(CONCEPT)</title>" in read("openbaar.html")
    assert '<p class="concept">CONCEPT</p>' in read("openbaar.html")
    document = docx.Document(str(output("2018", "openbaar", "docx")))
    assert document.core_properties.title.endswith("(CONCEPT)")
    assert "CONCEPT" not in read("intern.md")  # the team's own copy
    assert 'class="concept"' not in read("intern.html")

    for month in sorted(Path("data").glob("2018-??.yaml")):
        _vastgesteld(month)
    code, _, err = run("build", "2018", "--format", "md,html,docx")
    assert (code, err) == (0, "")
    assert "CONCEPT" not in read("openbaar.md")
    assert 'class="concept"' not in read("openbaar.html")
    assert "(CONCEPT)" not in read("openbaar.html")
    document = docx.Document(str(output("2018", "openbaar", "docx")))
    assert "CONCEPT" not in document.core_properties.title
