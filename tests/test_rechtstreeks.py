"""The packaged templates' Markdown written straight to HTML (render/rechtstreeks.py) gives
exactly markdown-it's bytes: on every section of real reports, both editions, and on generated
sections full of what could trip it. Where it is not sure it must say so (None)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maandmonitor.load.files import MaandBestand
from maandmonitor.render import markdown
from maandmonitor.render.env import LAK_EINDE, LAK_GROND, LAK_OVERIG, md
from maandmonitor.render.month_view import render_month
from maandmonitor.render.rechtstreeks import sectie_html
from maandmonitor.workspace import Werkmap

from .conftest import DATA, REPO


def _zelfde_of_geen(sectie: str) -> bool:
    direct = sectie_html(sectie)
    return direct is None or direct == markdown._html(sectie, pakket=True)


def _secties(monkeypatch: pytest.MonkeyPatch, data: Path) -> list[str]:
    """Every section the month reports of `data` hand to the direct path, both editions."""
    gezien: list[str] = []

    def onthoud(sectie: str) -> str | None:
        gezien.append(sectie)
        return sectie_html(sectie)

    monkeypatch.setattr(markdown, "sectie_html", onthoud)
    markdown._sectie_html.cache_clear()
    werkmap = Werkmap.open(data)
    for maand in werkmap.months():
        bestand = werkmap.laad(maand)
        assert isinstance(bestand, MaandBestand)
        render_month(werkmap.programma, bestand.maand, formaten=("md", "html"))
    markdown._sectie_html.cache_clear()
    return gezien


@pytest.mark.parametrize("data", [DATA, REPO / "examples" / "lindewaard" / "data"])
def test_every_section_of_real_reports_is_markdown_its_bytes(
    monkeypatch: pytest.MonkeyPatch, data: Path
) -> None:
    secties = _secties(monkeypatch, data)
    direct = [s for s in secties if sectie_html(s) is not None]
    assert all(sectie_html(s) == markdown._html(s, pakket=True) for s in direct)
    assert len(direct) >= 0.8 * len(secties)  # the shortcut is taken, not only allowed


def test_generated_months_are_markdown_its_bytes(
    monkeypatch: pytest.MonkeyPatch, archive: Path
) -> None:
    secties = _secties(monkeypatch, archive / "data")
    assert all(_zelfde_of_geen(s) for s in secties)
    assert sum(sectie_html(s) is not None for s in secties) >= 0.8 * len(secties)


# --- generated sections ---------------------------------------------------------------------------

_LASTIG = [*"*_\\&#;|[]<>`⟦⟧:-+=~!.\"' 1aB\n", LAK_GROND, LAK_OVERIG, LAK_EINDE]
_STUKJES = ["**", "&#x27E6;", "&#xE000;", "&#X27e7;", "&amp;", "&#1;", "\\|", "\\\\", "1. ", "  "]
_ruw = st.lists(st.sampled_from(_LASTIG + _STUKJES), max_size=12).map("".join)
_data = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20).map(md)
_woorden = st.sampled_from(["TOTAAL", "Politie", "12", "x", "", 'a "b" c', "1.5 % & meer"])
_inline = st.one_of(_data, _data, _woorden, _woorden, _ruw)  # mostly what templates print


@st.composite
def _inline_met_marks(draw: st.DrawFn) -> str:
    tekst = draw(_inline)
    if draw(st.booleans()):
        label = draw(st.sampled_from(["5.1.2.e", md("buiten reikwijdte"), md("a&b\\c")]))
        tekst += draw(st.sampled_from([LAK_GROND, LAK_OVERIG])) + label + LAK_EINDE
    if draw(st.booleans()):
        tekst = f"⟦{md('5.1.2.c')}: {tekst}⟧"
    if draw(st.booleans()):
        tekst = f"**{tekst}**" if draw(st.booleans()) else f"{tekst} **{draw(_inline)}** x"
    return tekst


@st.composite
def _blok(draw: st.DrawFn) -> str:
    soort = draw(st.sampled_from(["kop", "alinea", "lijst", "tabel", "tabel", "ruw"]))
    tekst = st.one_of(_data, _woorden, _inline_met_marks())
    if soort == "kop":
        return "#" * draw(st.integers(1, 7)) + " " + draw(tekst)
    if soort == "alinea":
        return "\n".join(draw(st.lists(tekst, min_size=1, max_size=3)))
    if soort == "lijst":
        teken = draw(st.sampled_from(["- ", "* ", "+ "]))
        items = []
        for _ in range(draw(st.integers(1, 3))):
            verder = draw(st.lists(st.tuples(st.sampled_from(["\n", "\n\n"]), tekst), max_size=2))
            items.append(teken + draw(tekst) + "".join(f"{s}  {t}" for s, t in verder))
        return draw(st.sampled_from(["\n", "\n\n"])).join(items)
    if soort == "tabel":
        breed = draw(st.integers(1, 3))
        scheiding = "|" + "".join(
            draw(st.sampled_from(["---", "--:", ":--", ":-:"])) + "|" for _ in range(breed)
        )
        rijen = [
            "| "
            + " | ".join(
                draw(tekst) for _ in range(draw(st.sampled_from([breed] * 5 + [breed + 1])))
            )
            + " |"
            for _ in range(draw(st.sampled_from([1, 2, 5, 12, 13, 14])))
        ]
        return "\n".join([rijen[0], scheiding, *rijen[1:]])
    return draw(_ruw)


_sectie = st.tuples(
    st.sampled_from(["", "\n"]),
    st.lists(st.tuples(_blok(), st.sampled_from(["\n", "\n\n", "\n\n", "\n\n\n"])), max_size=4),
).map(lambda t: t[0] + "".join(b + s for b, s in t[1]))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_sectie)
def test_generated_sections_are_markdown_its_bytes_or_left_to_it(sectie: str) -> None:
    assert _zelfde_of_geen(sectie)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LASTIG + _STUKJES + ["\n\n", "| ", "|---|\n", "# "])).map("".join))
def test_any_string_is_markdown_its_bytes_or_left_to_it(sectie: str) -> None:
    assert _zelfde_of_geen(sectie)


@pytest.mark.parametrize("rijen", [1, 12, 13])
@pytest.mark.parametrize("tekst", ["a", 'a "b" c', md("<x> & [y] *z* `q` | _u_ \\ ⟦v⟧")])
def test_tables_headings_lists_and_paragraphs_as_templates_write_them(
    rijen: int, tekst: str
) -> None:
    tabel = "\n".join(
        ["| | Mei | %  |", "|---|--:|:-:|"]
        + [f"| {tekst} {i} | {i} | **TOTAAL** |" for i in range(rijen)]
    )
    lak = f"{LAK_GROND}5.1.2.e{LAK_EINDE} en {LAK_OVERIG}{md('buiten reikwijdte')}{LAK_EINDE}"
    sectie = (
        f"\n### Kop {tekst}\n\n{tabel}\n\n#### {tekst}\n\nEen {tekst}\nregel {lak}.\n\n"
        f"- ⟦{md('5.1.2.c')}: {tekst}⟧\n- **Interne editie.** {tekst}\n\nb\n\n"
        f"* 5 juni: {tekst}\n* 6 juni\n\n  {tekst}\n  {lak}\n\n  c\n\n* d\n\n- e\n  f\n- g\n"
    )
    direct = sectie_html(sectie)
    assert direct is not None and direct == markdown._html(sectie, pakket=True)


def test_what_it_does_not_know_is_left_to_markdown_it() -> None:
    for sectie in [
        "* a\n\n      b",  # code in a list item
        "* a\n# b",  # a heading right below an item
        "a\n- b",  # a list interrupting a paragraph
        "a  \nb",  # a hard break
        "&amp;",  # a named entity
        "[a](b)",  # a link, which data cannot write
        "a\tb",  # a tab
        "| a |\n|---|\n| b |\nc",  # a lazy table row
    ]:
        assert sectie_html(sectie) is None, sectie


def _cellen_van_markdown_it(regel: str) -> list[str]:
    """The cells markdown-it's own table rule splits a row into (its escapedSplit), the outer
    empty cells dropped: what `_cellen` must give, with or without a backslash."""
    from markdown_it.rules_block.table import escapedSplit

    cellen = escapedSplit(regel)
    if cellen and cellen[0] == "":
        cellen.pop(0)
    if cellen and cellen[-1] == "":
        cellen.pop()
    return [c.strip(" ") for c in cellen]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["|", "\\", " ", "a", "1", "\\|", "||", "&amp;"]), max_size=16))
def test_a_table_row_splits_into_the_same_cells(stukken: list[str]) -> None:
    from maandmonitor.render.rechtstreeks import _cellen

    regel = "".join(stukken)
    assert _cellen(regel) == _cellen_van_markdown_it(regel)
