"""The PDF as PDF/UA-1, checked with pikepdf: XMP with pdfuaid:part, /Lang, the title shown as
window title, alt text on every chart, a scope on every header cell; CONCEPT on every page of
a concept; no confidential text in the pages or anywhere else in the file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from maandmonitor.publish.pdftekst import pdf_tekst

from .conftest import build_june, output

Run = Callable[..., tuple[int, str, str]]
CANARY = "Kanarie-geheim: dossier Vogelaar en Zn. te Osdorp"


def elements(pdf: pikepdf.Pdf) -> Iterator[tuple[pikepdf.Dictionary, list[str]]]:
    """Every structure element with the types of its ancestors."""
    stapel = [(pdf.Root.StructTreeRoot, [])]
    while stapel:
        element, boven = stapel.pop()
        yield element, boven
        kinderen = element.get("/K")
        kinderen = [kinderen] if isinstance(kinderen, pikepdf.Dictionary) else kinderen
        if isinstance(kinderen, pikepdf.Array):
            soort = str(element.get("/S", ""))
            stapel += [(k, [*boven, soort]) for k in kinderen if isinstance(k, pikepdf.Dictionary)]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Both editions of June 2018 as PDF, a confidential canary in a mark (built once)."""

    def met_kanarie(tekst: str) -> str:
        return tekst.replace(
            "- Bij de docenten van Toptaal.", f'- "Bij [[5.1.2.c: {CANARY}]] Toptaal."'
        )

    werk = build_june(tmp_path_factory.mktemp("pdfua"), "pdf", met_kanarie)
    return {e: (werk / output("2018-06", e, "pdf")).read_bytes() for e in ("intern", "openbaar")}


def open_pdf(data: bytes) -> pikepdf.Pdf:
    import io

    return pikepdf.open(io.BytesIO(data))


def test_identifies_as_pdf_ua_1(pdfs: dict[str, bytes]) -> None:
    with open_pdf(pdfs["openbaar"]) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfuaid:part"] == "1"
        assert meta["dc:title"] == "Maandmonitor juni 2018 – openbare editie (CONCEPT)"
        assert pdf.Root.Lang == "nl"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert pdf.Root.MarkInfo.Marked is True
        assert all(page.Tabs == pikepdf.Name.S for page in pdf.pages)


def test_every_header_cell_has_a_scope(pdfs: dict[str, bytes]) -> None:
    with open_pdf(pdfs["openbaar"]) as pdf:
        koppen = [(e, boven) for e, boven in elements(pdf) if e.get("/S") == pikepdf.Name.TH]
        assert len(koppen) > 50
        for kop, boven in koppen:
            verwacht = pikepdf.Name.Column if "/THead" in boven else pikepdf.Name.Row
            assert kop.A.Scope == verwacht
            assert str(kop.A.O) == "/Table"


def test_every_chart_has_its_description_as_alt_text(pdfs: dict[str, bytes]) -> None:
    with open_pdf(pdfs["openbaar"]) as pdf:
        alt = [str(e.Alt) for e, _ in elements(pdf) if e.get("/S") == pikepdf.Name.Figure]
    assert sorted(alt) == sorted(
        [
            "Meldingen, informatieverzoeken en adviesvragen per maand. Januari: 4; Februari: 2; "
            "Maart: 6; April: 4; Mei: 2; Juni: 6.",
            "Genderverdeling. Vrouw: 10; Man: 45.",
            "Verdeling van subjecten per risicocategorie. 1. Terugkeerders: Mei 10, Juni 8; "
            "2. Facilitators/ recruiters: Mei 2, Juni 2; 3. Uitreizigers: Mei 9, Juni 8; "
            "4. Potentiële uitreizigers: Mei 6, Juni 5; 5. Verijdelde uitreizigers: Mei 12, "
            "Juni 12; 6. Overig radicaal: Mei 20, Juni 20.",
        ]
    )


def test_concept_on_every_page_of_the_public_edition_only(pdfs: dict[str, bytes]) -> None:
    import io

    openbaar = PdfReader(io.BytesIO(pdfs["openbaar"])).pages
    assert len(openbaar) > 5
    assert all("CONCEPT" in p.extract_text() for p in openbaar)  # the page's top margin
    intern = PdfReader(io.BytesIO(pdfs["intern"])).pages
    assert not any("CONCEPT" in p.extract_text() for p in intern)


def test_holds_the_report_and_no_canary(pdfs: dict[str, bytes]) -> None:
    tekst = pdf_tekst(pdfs["openbaar"])
    assert "§ 3: Inzet op risico's" in tekst
    assert "Inventarislijst: elke lakking met haar vindplaats" in tekst
    assert "5.1.2.c Dossier Scholten&Partners" in " ".join(tekst.split())  # the box, in place
    assert "Kanarie" not in tekst
    assert CANARY.encode() not in pdfs["openbaar"]
    assert "Kanarie" in pdf_tekst(pdfs["intern"])


def test_the_guard_reads_the_alt_text_and_metadata(pdfs: dict[str, bytes]) -> None:
    tekst = pdf_tekst(pdfs["openbaar"])
    assert "Genderverdeling. Vrouw: 10; Man: 45." in tekst  # /Alt of a Figure
    assert "pdfuaid" in tekst  # the XMP


def test_charts_with_the_same_title_keep_their_own_description(tmp_path: Path) -> None:
    """WeasyPrint names a chart by its title: two charts titled alike still each get their own
    figures as alt text, in the page's order (a screen reader must not hear another chart's)."""
    import html
    import os
    import re
    import shutil

    from typer.testing import CliRunner

    from maandmonitor.cli import app

    from .conftest import REPO

    werk = tmp_path / "lindewaard"
    shutil.copytree(REPO / "examples" / "lindewaard", werk)
    monitor = werk / "data" / "monitor.yaml"
    tekst = monitor.read_text(encoding="utf-8")
    tekst = tekst.replace("titel: Fenomenen op de peildatum", "titel: Verdeling")
    tekst = tekst.replace(
        "    titel: Gender\n    liggend: true\n",
        "    titel: Gender\n    liggend: true\n    grafiek: {titel: Verdeling}\n",
    )
    monitor.write_text(tekst, encoding="utf-8")
    maand = sorted(p.stem for p in (werk / "data").glob("????-??.yaml"))[-1]
    oud = Path.cwd()
    os.chdir(werk)
    try:
        result = CliRunner().invoke(
            app, ["build", maand, "--format", "html,pdf", "--editie", "openbaar"]
        )
        assert result.exit_code == 0, result.stderr
        pagina = output(maand, "openbaar", "html").read_text(encoding="utf-8")
        pdf = output(maand, "openbaar", "pdf").read_bytes()
    finally:
        os.chdir(oud)
    titels = re.findall(r"<title id=\"[^\"]*-titel\">(.*?)</title>", pagina)
    assert titels.count("Verdeling") == 2
    beschrijvingen = [html.unescape(d) for d in re.findall(r"<desc [^>]*>(.*?)</desc>", pagina)]
    with open_pdf(pdf) as document:
        volgorde = []  # the structure tree in the document's order
        stapel = [document.Root.StructTreeRoot]
        while stapel:
            element = stapel.pop()
            if element.get("/S") == pikepdf.Name.Figure:
                volgorde.append(str(element.Alt))
            kinderen = element.get("/K")
            kinderen = [kinderen] if isinstance(kinderen, pikepdf.Dictionary) else kinderen
            if isinstance(kinderen, pikepdf.Array):
                stapel += [k for k in list(kinderen)[::-1] if isinstance(k, pikepdf.Dictionary)]
    assert volgorde == beschrijvingen
    assert len(set(volgorde)) == len(volgorde)
