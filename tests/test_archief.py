"""The archive page: `build --all` writes index.html in each edition's root, with every month and
year, their status and the figures across all years; made from public data only in the public
edition, guarded, staged and recorded like every other output."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from .conftest import output

Run = Callable[..., tuple[int, str, str]]
PUBLIC = Path("build/openbaar/index.html")
INTERNAL = Path("build/intern/index.html")


def charts(html: str) -> list[str]:
    return re.findall(r'role="img" aria-labelledby="([a-z0-9_.-]+)-titel', html)


def build_all(run: Run, *args: str) -> str:
    code, out, err = run("build", "--all", *args)
    assert (code, err) == (0, ""), err
    return out


def test_each_edition_has_an_archive_page_of_its_own(archive: Path, run: Run) -> None:
    out = build_all(run)
    assert "index    gemaakt" in out.splitlines()
    for editie, page in (("openbaar", PUBLIC), ("intern", INTERNAL)):
        html = page.read_text(encoding="utf-8")
        assert '<html lang="nl">' in html and "<script" not in html
        assert not re.search(r"src=|url\(|@import", html)  # self-contained
        links = re.findall(r'href="([^"]+)"', html)
        months = sorted(p.stem for p in Path("data").glob("20??-??.yaml"))
        assert links == [f"{y}/maandmonitor-{y}-{editie}.html" for y in ("2017", "2018")] + [
            f"{m}/maandmonitor-{m}-{editie}.html" for m in months
        ]
        assert all((page.parent / link).is_file() for link in links)
        assert html.count("in orde (") == len(months) == html.count("<td>concept</td>")
    # the figures across all years: what the year views chart
    public = PUBLIC.read_text(encoding="utf-8")
    intern = INTERNAL.read_text(encoding="utf-8")
    expected = ["archief-regie", "archief-stroom", "archief-meldingen", "archief-gender"]
    assert charts(intern) == [*expected, "archief-stadsdeel", "archief-risicocategorie"]
    # small counts per stadsdeel are suppressed, leeftijd is redacted every month: neither drawn
    assert charts(public) == [*expected, "archief-risicocategorie"]
    assert '<p class="vertrouwelijk">Interne editie — vertrouwelijk</p>' in intern
    assert 'class="vertrouwelijk"' not in public


def test_the_year_totals_use_what_later_reports_state(workspace: Path, run: Run) -> None:
    """June 2018 alone: May's figures (its previous month) and January–May's meldingen count."""
    build_all(run)
    html = PUBLIC.read_text(encoding="utf-8")
    row = re.search(r'<tr><th scope="row"><a href="2018/[^>]*>2018</a></th>(.*?)</tr>', html)
    assert row is not None
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", row.group(1))
    # files, stand in, totaal, on hold, instroom 3 + 0, uitstroom 0 + 4, meldingen 4+2+6+4+2+6
    assert cells == ["1 van 12", "juni", "55", "2", "3", "4", "24"]


def test_a_figure_a_public_report_hides_is_not_on_the_public_page(archive: Path, run: Run) -> None:
    monitor = Path("data/monitor.yaml")
    text = monitor.read_text(encoding="utf-8")
    start = text.index("id: risicocategorie")
    end = text.index("onderdrukking: {aan: false", start)
    monitor.write_text(text[:end] + text[end:].replace("aan: false", "aan: true", 1), "utf-8")
    # April has no file, and May's report redacts gender: what May's file states of April's
    # gender is in no report, so on no page
    Path("data/2018-04.yaml").unlink()
    may = Path("data/2018-05.yaml")
    text = re.sub(r"    gender: \{[^}]*\}", "    gender: {gelakt: 5.1.2.e}", may.read_text("utf-8"))
    text = text.replace("  vorige_maand:\n    subjecten:\n", "  vorige_maand:\n    subjecten:\n"
                        "      gender: {vrouw: 9871, man: 9872}\n")  # fmt: skip
    may.write_text(text, encoding="utf-8")
    build_all(run)
    public = PUBLIC.read_text(encoding="utf-8")
    assert "archief-risicocategorie" not in charts(public)
    tabel = public[public.index("Verdeling van subjecten per risicocategorie aan het eind") :]
    assert tabel[: tabel.index("</table>")].count("onderdrukt in de openbare editie") == 2
    assert "archief-risicocategorie" in charts(INTERNAL.read_text(encoding="utf-8"))
    for page in (
        PUBLIC,
        INTERNAL,
        output("2018", "openbaar", "md"),
        output("2018", "intern", "md"),
    ):
        assert "9871" not in page.read_text(encoding="utf-8")


def test_the_sign_off_name_is_on_the_internal_page_only(workspace: Path, run: Run) -> None:
    june = Path("data/2018-06.yaml")
    status = "status: {vastgesteld_op: 2018-07-10, door: Annemarie Vastenhouw}"
    text = june.read_text(encoding="utf-8")
    june.write_text(text.replace("peildatum: 2018-07-04\n", f"peildatum: 2018-07-04\n{status}\n"))
    build_all(run)
    assert "<td>vastgesteld op 10 juli 2018</td>" in PUBLIC.read_text(encoding="utf-8")
    assert "Vastenhouw" not in PUBLIC.read_text(encoding="utf-8")
    internal = INTERNAL.read_text(encoding="utf-8")
    assert "<td>vastgesteld op 10 juli 2018 door Annemarie Vastenhouw</td>" in internal


def test_the_page_is_current_or_gone(archive: Path, run: Run) -> None:
    build_all(run)
    assert "index    ongewijzigd" in build_all(run).splitlines()
    PUBLIC.write_text("met de hand", encoding="utf-8")
    assert "index    gemaakt" in build_all(run).splitlines()  # edited: rebuilt
    june = Path("data/2018-06.yaml")
    june.write_text(june.read_text("utf-8").replace("Besproken:", "Besproken nu:", 1), "utf-8")
    code, out, _ = run("build", "2018-06")  # the month, not the archive page: that is stale
    assert code == 0
    assert "  build/intern/index.html" in out.splitlines()
    assert "  build/openbaar/index.html" in out.splitlines()
    assert not PUBLIC.exists() and not INTERNAL.exists()
    assert "index    gemaakt" in build_all(run).splitlines()
    assert PUBLIC.exists()


def test_only_the_editions_asked_for_and_only_with_the_html(archive: Path, run: Run) -> None:
    build_all(run, "--format", "md")
    assert not PUBLIC.exists()
    build_all(run, "--editie", "openbaar")
    assert PUBLIC.exists() and not INTERNAL.exists()


def test_the_public_page_is_guarded(workspace: Path, run: Run) -> None:
    """A sensitive term that only the archive page prints stops it (and so the build)."""
    Path("data/gevoelige_termen.txt").write_text("Maandrapportages\n", "utf-8")
    code, out, err = run("build", "--all", "--editie", "openbaar")
    assert (code, out) == (1, "")
    assert (
        "data/gevoelige_termen.txt:1:1: deze gevoelige term staat in build/openbaar/index.html"
    ) in err
    assert not Path("build").exists()
    build_all(run, "--editie", "intern")
    assert INTERNAL.exists()
