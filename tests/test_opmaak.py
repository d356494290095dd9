"""The layout of June 2018 as a reader sees it, measured rather than looked at: the PDF's pages
rendered (pdftoppm) and the blank band above each page's footer measured; each chart on the page
of its table; captions that do not wrap inside a narrow table; the annex on a page of its own;
the internal edition's warning on every page and at the top of the HTML, not in the subtitle's
place."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import build_june, output

Run = Callable[..., tuple[int, str, str]]
BLANK = 0.30  # the most of a page's text area a break may leave blank
# A4 as stijl.css sets it: the running header above 18 mm, the footer below 297 - 20 mm.
TOP, BOTTOM, HEIGHT = 18, 297 - 20, 297

pytestmark = [pytest.mark.systeem("pango"), pytest.mark.systeem("poppler")]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both editions of June 2018 as PDF (built once), with the HTML they are made from."""
    werk = build_june(tmp_path_factory.mktemp("opmaak"), "html,pdf")
    return {e: werk / output("2018-06", e, "pdf") for e in ("intern", "openbaar")}


def pages_text(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def blank_bands(pdf: Path, folder: Path) -> list[float]:
    """Per page, the share of its text area that is blank above the footer: from the lowest
    row with something drawn across it to the bottom of the text area (a rule running down the
    margin, as the old charts box's border did, is not content)."""
    subprocess.run(["pdftoppm", "-r", "40", "-gray", str(pdf), str(folder / "p")], check=True)
    bands = []
    for page in sorted(folder.glob("p-*.pgm")):
        _, w, h, _, pixels = page.read_bytes().split(maxsplit=4)
        width, height = int(w), int(h)
        top, bottom = round(height * TOP / HEIGHT), round(height * BOTTOM / HEIGHT)
        rows = [
            y
            for y in range(top, bottom)
            if sum(p < 200 for p in pixels[y * width : (y + 1) * width]) > 3
        ]
        lowest = rows[-1] if rows else top
        bands.append((bottom - lowest) / (bottom - top))
    return bands


@pytest.mark.parametrize("editie", ["openbaar", "intern"])
def test_no_page_is_left_a_third_blank_by_a_break(
    pdfs: dict[str, Path], tmp_path: Path, editie: str
) -> None:
    pages = pages_text(pdfs[editie])
    bands = blank_bands(pdfs[editie], tmp_path)
    assert len(bands) == len(pages) >= 8
    annex = next(i for i, p in enumerate(pages) if "Inventaris van de lakkingen" in p)
    # the page before the annex and the last page end where their text ends
    ends = (annex - 1, len(bands) - 1)
    measured = {i + 1: round(b, 2) for i, b in enumerate(bands) if i not in ends}
    assert {page: b for page, b in measured.items() if b > BLANK} == {}


@pytest.mark.parametrize("editie", ["openbaar", "intern"])
def test_the_annex_begins_on_a_page_of_its_own(pdfs: dict[str, Path], editie: str) -> None:
    pages = pages_text(pdfs[editie])
    annex = next(i for i, p in enumerate(pages) if "Inventaris van de lakkingen" in p)
    body = [line.strip() for line in pages[annex].splitlines() if line.strip()]
    assert body[1] == "Inventaris van de lakkingen"  # after the running header
    assert "Vacatures" in pages[annex - 1]  # the report's last block ends the page before


@pytest.mark.parametrize("editie", ["openbaar", "intern"])
def test_each_chart_stands_on_the_page_of_its_table(pdfs: dict[str, Path], editie: str) -> None:
    pages = pages_text(pdfs[editie])
    meldingen = [p for p in pages if "Meldingen per maand" in p]
    assert len(meldingen) == 1
    assert "Meldingen, informatieverzoeken en adviesvragen per maand" in meldingen[0]
    risico = [p for p in pages if "Verdeling van subjecten per risicocategorie" in p]
    assert len(risico) == 1
    assert risico[0].count("5. Verijdelde uitreizigers") == 2  # the table's row, the bar's label


def test_a_caption_does_not_wrap_inside_a_narrow_table(pdfs: dict[str, Path]) -> None:
    lines = [line.strip() for page in pages_text(pdfs["openbaar"]) for line in page.splitlines()]
    assert "Meldingen per maand" in lines  # not "Meldingen per" over "maand"


def test_the_internal_edition_says_so_on_every_page(pdfs: dict[str, Path]) -> None:
    for page in pages_text(pdfs["intern"]):
        assert page.lstrip().splitlines()[0].strip() == "INTERNE EDITIE — VERTROUWELIJK"
    for page in pages_text(pdfs["openbaar"]):
        assert "VERTROUWELIJK" not in page.upper()


def test_the_internal_warning_does_not_take_the_subtitles_place(pdfs: dict[str, Path]) -> None:
    html = pdfs["intern"].with_suffix(".html").read_text(encoding="utf-8")
    assert re.search(r"<body>\n<p class=\"vertrouwelijk\">Interne editie — vertrouwelijk</p>", html)
    subtitle = re.search(r"</h1>\n<p>([^<]*)</p>", html)
    assert subtitle is not None
    assert subtitle.group(1) == "Aanpak Radicalisering en Polarisation"
    assert "<strong>Interne editie — vertrouwelijk, niet openbaar maken.</strong>" in html
