"""The second example workspace, examples/lindewaard: a fictional municipality with three sections,
breakdowns of its own, wording and house style of its own and two months. Built here, so that the
configuration cannot silently fall back to the reference's (Amsterdam's) words or style."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import REPO, amsterdams, gevonden, output, outputs

Run = Callable[..., tuple[int, str, str]]
VOORBEELD = REPO / "examples" / "lindewaard"
REFERENTIE = ("iPGA", "Radicalisering", "pijler", "Amsterdam", "Meld- en Adviespunt", "#ec0000")


@pytest.fixture(scope="module")
def gebouwd(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every output of `build --all` in a copy of the example, by path."""
    from typer.testing import CliRunner

    from maandmonitor.cli import app

    folder = tmp_path_factory.mktemp("voorbeeld") / "lindewaard"
    shutil.copytree(VOORBEELD, folder)
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        runner = CliRunner()
        validate = runner.invoke(app, ["validate", "--geen-cache"])
        assert validate.exit_code == 0, validate.stderr
        assert validate.stdout.splitlines()[-1] == "2 maanden: 2 in orde"
        build = runner.invoke(app, ["build", "--all"])
        assert (build.exit_code, build.stderr) == (0, "")
        assert build.stdout.splitlines()[-1] == "4 gemaakt, 0 ongewijzigd"  # with the index
        return {pad: inhoud.decode("utf-8") for pad, inhoud in outputs().items()}


def read(gebouwd: dict[str, str], doel: str, editie: str, formaat: str) -> str:
    return gebouwd[output(doel, editie, formaat, Path()).as_posix()]


def charts(html: str) -> list[str]:
    return re.findall(r'role="img" aria-labelledby="([a-z0-9_.-]+)-titel', html)


def test_nothing_of_the_reference_reaches_its_reports(gebouwd: dict[str, str]) -> None:
    assert len(gebouwd) == 14  # two months and a year, two editions, md and html; the index
    found = [(pad, w) for pad, tekst in gebouwd.items() for w in REFERENTIE if w in tekst]
    assert found == []


def test_its_own_words(gebouwd: dict[str, str]) -> None:
    md = read(gebouwd, "2024-02", "openbaar", "md").splitlines()
    for regel in (
        "Dit is de maandmonitor van februari 2024 over de Aanpak Ondermijning.",
        "De monitor volgt de drie sporen van de aanpak:",
        "### Signalen bij het Meldpunt Ondermijning Lindewaard",
        "| Tijdelijk stilgelegd | 1 | 2 |",
        "Van de personen in de PGA Ondermijning zijn er 6 vrouwen (28,6 %), 14 mannen (66,7 %) "
        "en 1 personen van wie het gender onbekend is (4,8 %).",
        "### Casusoverleggen in februari:",
        "#### Personen per wijk",
        "| 3. Misbruik van vastgoed | 3 | 3 |",
    ):
        assert regel in md, regel


def test_its_house_style(gebouwd: dict[str, str]) -> None:
    for doel in ("2024-02", "2024"):
        html = read(gebouwd, doel, "openbaar", "html")
        assert '--accent: #6b2c91;\n  --lettertype: "Lindewaard Sans", Arial' in html


def test_a_chart_for_each_of_its_breakdowns_as_it_says(gebouwd: dict[str, str]) -> None:
    intern = read(gebouwd, "2024-02", "intern", "html")
    assert charts(intern) == ["meldingen", "gender", "wijk", "fenomeen"]
    fenomeen = intern[intern.index('id="fenomeen-titel"') :]
    assert fenomeen.startswith('id="fenomeen-titel">Fenomenen op de peildatum</title>')
    assert "Januari" not in fenomeen[: fenomeen.index("</svg>")]  # staven: this month only
    # the public edition suppresses small counts per wijk: no bar may show one
    openbaar = read(gebouwd, "2024-02", "openbaar", "html")
    assert charts(openbaar) == ["meldingen", "gender", "fenomeen"]


def test_its_year_view_shows_every_breakdown(gebouwd: dict[str, str]) -> None:
    md = read(gebouwd, "2024", "intern", "md")
    for kop in ("## Gender per maand", "## Personen per wijk per maand"):
        assert kop in md.splitlines()
    assert "| Februari | 11 | 7 | 3 |  |" in md.splitlines()  # fenomeen
    intern = read(gebouwd, "2024", "intern", "html")
    assert charts(intern) == [
        "jaar-regie",
        "jaar-stroom",
        "jaar-meldingen",
        "jaar-gender",
        "jaar-wijk",
        "jaar-fenomeen",
    ]
    wijk = intern[intern.index('id="jaar-wijk-titel"') : intern.index('id="jaar-fenomeen-titel"')]
    assert "<polyline" not in wijk and '<rect x="' in wijk  # staven, as monitor.yaml says
    openbaar = read(gebouwd, "2024", "openbaar", "html")
    assert "jaar-wijk" not in charts(openbaar)
    assert "| Januari | — | — | — | — | onderdrukt in de openbare editie |" in read(
        gebouwd, "2024", "openbaar", "md"
    )


def test_its_archive_page_charts_its_own_breakdowns(gebouwd: dict[str, str]) -> None:
    intern = gebouwd["intern/index.html"]
    assert charts(intern) == [
        "archief-regie",
        "archief-stroom",
        "archief-meldingen",
        "archief-gender",
        "archief-wijk",
        "archief-fenomeen",
    ]
    assert "archief-wijk" not in charts(gebouwd["openbaar/index.html"])  # suppressed per wijk


def test_its_year_view_and_archive_page_say_its_own_short_names(gebouwd: dict[str, str]) -> None:
    """The columns and lines of the year view and the archive page: monitor.yaml's `kolommen`,
    not the packaged defaults ("Totaal in regie")."""
    from maandmonitor.bewoording import Grafiektitels, Kolommen

    standaard = [*Kolommen().model_dump().values(), *Grafiektitels().model_dump().values()]
    for editie in ("intern", "openbaar"):
        paginas = {
            "jaar.md": read(gebouwd, "2024", editie, "md"),
            "jaar.html": read(gebouwd, "2024", editie, "html"),
            "index.html": gebouwd[f"{editie}/index.html"],
        }
        for naam, pagina in paginas.items():
            tekst = re.sub(r"<style>.*?</style>", "", pagina, flags=re.DOTALL)  # a CSS comment
            assert [w for w in standaard if w in tekst] == [], (editie, naam)
        assert (
            "| Maand | In de aanpak | Stilgelegd | Nieuw | Uit | Signalen |" in paginas["jaar.md"]
        )
        assert "In en uit de aanpak per jaar" in paginas["index.html"]


@pytest.fixture(scope="module")
def alle_formaten(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """What a reader sees of every file of `build --all` in every format, data included, both
    editions: the text of each (of a PDF, DOCX or ODT as the guard reads it), by path."""
    from typer.testing import CliRunner

    from maandmonitor.cli import app
    from maandmonitor.publish.pdftekst import pdf_tekst
    from maandmonitor.render.docx import document_tekst

    folder = tmp_path_factory.mktemp("voorbeeld-alles") / "lindewaard"
    shutil.copytree(VOORBEELD, folder)
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        build = CliRunner().invoke(app, ["build", "--all", "--format", "md,html,pdf,docx,odt,data"])
        assert (build.exit_code, build.stderr) == (0, ""), build.stderr
        lezen = {".pdf": pdf_tekst, ".docx": document_tekst, ".odt": document_tekst}
        return {
            pad: lezen[Path(pad).suffix](inhoud) if Path(pad).suffix in lezen else inhoud.decode()
            for pad, inhoud in outputs().items()
        }


@pytest.mark.systeem("pango")
def test_nothing_of_the_references_wording_in_any_format(alle_formaten: dict[str, str]) -> None:
    """Amsterdam's wording, derived from data/monitor.yaml against this example's (see
    `amsterdams`), and the reference's names: in no file of any format, data package included."""
    suffixes = {Path(p).suffix for p in alle_formaten}
    assert suffixes == {".md", ".html", ".pdf", ".docx", ".odt", ".csv", ".json"}
    assert any(p.startswith("openbaar/archief/data/") for p in alle_formaten)
    woorden = (*amsterdams(), *REFERENTIE)
    found = [(pad, w) for pad, tekst in alle_formaten.items() for w in gevonden(tekst, woorden)]
    assert found == []
