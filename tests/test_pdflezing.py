"""The guard's PDF reading (publish/pdftekst.py) sees at least what pypdf's did, on hostile
pages: whatever a workspace's own stylesheet or an SVG can do to text. On each page, without
whitespace, both readings hold the same text (or this one more), and this one has whitespace
wherever pypdf's had: so every confidential text and term the guard found in pypdf's reading it
finds in this one (docs/pdf.md, "It never sees less than pypdf")."""

from __future__ import annotations

import re

import pytest

from maandmonitor.publish.guard import _normaal

from .pypdf_tegenproef import pypdf_tekst

GEHEIM = "geheim OVERLEG"

PAGINAS = {
    "buiten links": '<p style="position:absolute;left:-300mm">geheim OVERLEG</p>',
    "buiten boven": '<p style="position:fixed;top:-100mm">geheim OVERLEG</p>',
    "buiten rechts": '<p style="position:absolute;left:400mm">geheim OVERLEG</p>',
    **{
        f"letterspatie {s}em": f'<p style="letter-spacing:{s}em">geheim OVERLEG</p>'
        for s in (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.5, 1, 3)
    },
    "woordspatie": '<p style="word-spacing:2em">geheim OVERLEG</p>',
    "uitgevuld": '<p style="text-align:justify;width:6cm">Dit is een lange zin met het geheim '
    "OVERLEG erin, die uitgevuld wordt over meerdere regels tekst heen om te zien.</p>",
    "wit": '<p style="color:white">geheim OVERLEG</p>',
    "doorzichtig": '<p style="opacity:0">geheim OVERLEG</p>',
    "piepklein": '<p style="font-size:0.5px">geheim OVERLEG</p>',
    "kleiner": '<p style="font-size:0.01px">geheim OVERLEG</p>',
    "verborgen": '<p style="visibility:hidden">geheim OVERLEG</p>',
    "afgesneden": '<div style="width:1cm;height:0.3cm;overflow:hidden;white-space:nowrap">'
    "geheim OVERLEG en meer</div>",
    "svg": '<svg width="300" height="100"><text x="10" y="50">geheim OVERLEG</text></svg>',
    "svg gedraaid": '<svg width="300" height="300"><text x="50" y="50" '
    'transform="rotate(45 50 50)">geheim OVERLEG</text></svg>',
    "svg letterspatie": '<svg width="400" height="100"><text x="10" y="50" letter-spacing="8">'
    "geheim OVERLEG</text></svg>",
    "svg tspan": '<svg width="400" height="100"><text x="10" y="50">geh<tspan '
    'font-weight="bold">eim</tspan> <tspan x="200">OVERLEG</tspan></text></svg>',
    "gedraaid 45": '<p style="transform:rotate(45deg)">geheim OVERLEG</p>',
    "gedraaid 90": '<p style="transform:rotate(90deg)">geheim OVERLEG</p>',
    "gespiegeld": '<p style="transform:scaleX(-1)">geheim OVERLEG</p>',
    "ligaturen": '<p style="font-family:DejaVu Serif">het officiële fluisteroverleg geheim '
    "OVERLEG</p>",
    "zachte afbreking": "<p>ge&shy;heim OVER&shy;LEG</p>",
    "afgebroken": '<p style="width:1.5cm">ge&shy;heim OVER&shy;LEG</p>',
    "symbol": "<p>\uf0b7 geheim OVERLEG \uf0a7</p>",
    "vet in een woord": "<p>ge<b>heim</b> OVER<i>LEG</i></p>",
    "sup": "<p>ge<sup>heim</sup> OVER<sub>LEG</sub></p>",
    "pre": "<pre>geheim     OVERLEG\tx</pre>",
    "nbsp": "<p>geheim&nbsp;OVERLEG</p>",
    "regeleind": '<p style="width:2.2cm">geheim OVERLEG</p>',
    "kleinkapitaal": '<p style="font-variant:small-caps">geheim OVERLEG</p>',
    "hoofdletters": '<p style="text-transform:uppercase">geheim overleg</p>',
    "paginarand": '<style>@page { @bottom-left { content: "geheim OVERLEG" } }</style>',
    "gegenereerd": '<style>h1::after { content: "geheim OVERLEG"; }</style>',
    "kolommen": '<div style="columns:2">aaa bbb ccc ddd eee geheim OVERLEG fff ggg</div>',
    "andere letter": "<p>geheim → OVERLEG Ωmega</p>",
    "arabisch": "<p>سر اجتماع geheim OVERLEG</p>",
    "hebreeuws": '<p dir="rtl">סוד geheim OVERLEG</p>',
    "lam-alef": "<p>سلام geheim OVERLEG</p>",
    "rechts-links leesteken": '<p dir="rtl" style="font-family:DejaVu Sans">! סוד</p>'
    "<p>geheim OVERLEG</p>",
    "arabische cijfers": "<p>٣٤ - « a-b ?שלום</p><p>geheim OVERLEG</p>",
    "rechts-links en ontbonden": "<p>סוד gee\u0308valueerd geheim OVERLEG</p>",
    "emoji": "<p>geheim 😀 OVERLEG</p>",
    "mono": '<p style="font-family:Liberation Mono">geheim OVERLEG</p>',
    "smal": '<p style="font-family:Liberation Sans Narrow;letter-spacing:0.12em">geheim '
    "OVERLEG</p>",
    "tabel": "<table><tr><td>geheim</td><td>OVERLEG</td></tr></table>",
    "lijst": "<ul><li>geheim OVERLEG</li></ul>",
    "onzichtbare tekens": "<p>geheim\u200bOVER\u2060LEG</p>",
    # decomposed ("e" and U+0308), as text pasted from a Mac may be: each mark a run of its own
    "ontbonden accenten": "<p>gee\u0308valueerd geheim OVERLEG van He\u0301le\u0300ne</p>",
}
# What each page holds besides GEHEIM that only it has (the right-to-left ones, read twice, and
# the decomposed ones).
ANDERE = {
    "arabisch": "سر اجتماع",
    "hebreeuws": "סוד",
    "ontbonden accenten": "geëvalueerd geheim OVERLEG van Hélène",
    "lam-alef": "سلام",  # lam and alef are one glyph: its two letters stay in reading order
    "rechts-links leesteken": "! סוד",  # pypdf turned the "!" round with the word
    "arabische cijfers": "٣٤ - « a-b ?שלום",  # and left these digits as drawn
    "rechts-links en ontbonden": "סוד geëvalueerd",
}


def _pagina(inhoud: str) -> str:
    return (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>t</title><style>'
        "@page { size: A4; margin: 2cm } body { font-family: 'Liberation Sans' }</style></head>"
        "<body><h1>Kop</h1><p>Een gewone alinea met woorden om te lezen, en nog een paar woorden "
        f"erbij.</p>{inhoud}</body></html>"
    )


def _zonder_wit(tekst: str) -> str:
    return re.sub(r"\s", "", tekst)


def _witplekken(tekst: str) -> set[int]:
    """Where whitespace stands, as the number of other characters before it."""
    plekken, gezien = set(), 0
    for teken in tekst:
        if teken.isspace():
            plekken.add(gezien)
        else:
            gezien += 1
    return plekken


@pytest.mark.systeem("pango")
@pytest.mark.parametrize("naam", list(PAGINAS))
def test_the_reading_sees_what_pypdf_saw(naam: str) -> None:
    from maandmonitor.publish.pdftekst import paginatekst
    from maandmonitor.render.pdf import html_naar_pdf

    pdf = html_naar_pdf(_pagina(PAGINAS[naam]))
    oud, nieuw = _normaal(pypdf_tekst(pdf)), _normaal(paginatekst(pdf))
    for tekst in (GEHEIM, ANDERE.get(naam, "")):
        gezocht = _normaal(tekst)
        if gezocht in oud:
            assert _zonder_wit(gezocht) in _zonder_wit(nieuw)
    if naam == "symbol":  # pypdf read the bullets as garbage ("\x02'"), this reading as such
        nieuw = nieuw.replace("\uf0b7", "\x02'").replace("\uf0a7", "\x02“")
    # a page with right-to-left text is read twice: as drawn, and in reading order as pypdf
    assert _zonder_wit(oud) in _zonder_wit(nieuw)
    if naam not in ANDERE or naam == "ontbonden accenten":
        assert _zonder_wit(oud) == _zonder_wit(nieuw)
        assert _witplekken(oud) <= _witplekken(nieuw)


@pytest.mark.systeem("pango")
def test_a_content_stream_pikepdf_cannot_parse_is_unreadable_not_a_crash() -> None:
    """A number pikepdf's parser refuses (an exponent in a TJ array, which WeasyPrint writes only
    at enormous sizes) makes the PDF unreadable, which the build says as such, not a TypeError."""
    import io

    import pikepdf

    from maandmonitor.publish.pdffont import OnleesbarePdf
    from maandmonitor.publish.pdftekst import pdf_tekst
    from maandmonitor.render.pdf import html_naar_pdf

    with pikepdf.open(io.BytesIO(html_naar_pdf(_pagina("")))) as document:
        pagina = document.pages[0]
        font = next(iter(pagina.resources.Font.keys()))
        pagina.contents_add(document.make_stream(f"BT {font} 12 Tf [<01> 1e5 <02>] TJ ET".encode()))
        uit = io.BytesIO()
        document.save(uit)
    with pytest.raises(OnleesbarePdf):
        pdf_tekst(uit.getvalue())


@pytest.mark.systeem("pango")
def test_text_after_a_restored_graphics_state_reads_in_the_restored_font() -> None:
    """The font is graphics state: after `q … Tf … Q`, text is shown in the font chosen before
    the `q`. Read through the later font, its codes would read as other letters (or none), and
    a confidential text set that way would not be found."""
    import io

    import pikepdf

    from maandmonitor.publish.pdffont import Font
    from maandmonitor.publish.pdftekst import paginatekst
    from maandmonitor.render.pdf import html_naar_pdf

    pagina = _pagina("<p><b>Vet gedrukt</b> en <i>schuin gedrukt</i></p>")
    with pikepdf.open(io.BytesIO(html_naar_pdf(pagina))) as document:
        blad = document.pages[0]
        fonts = {naam: Font.van(blad.resources.Font[naam]) for naam in blad.resources.Font}
        eerste = next(n for n, f in fonts.items() if all(c in f.tekens.values() for c in "een"))
        codes = {tekst: code for code, tekst in fonts[eerste].tekens.items()}
        woord = "geheim" if all(c in codes for c in "geheim") else "een"
        # a font in which the same codes read otherwise, or not at all
        tweede = next(
            n
            for n, f in fonts.items()
            if "".join(f.tekens.get(codes[c], "?") for c in woord) != woord
        )
        breed = fonts[eerste].breed
        hexa = "".join(f"{codes[c]:04x}" if breed else f"{codes[c]:02x}" for c in woord)
        blad.contents_add(
            document.make_stream(
                f"BT {eerste} 12 Tf ET q BT {tweede} 12 Tf ET Q BT <{hexa}> Tj ET".encode()
            )
        )
        uit = io.BytesIO()
        document.save(uit)
    assert paginatekst(uit.getvalue()).splitlines()[-1] == woord
