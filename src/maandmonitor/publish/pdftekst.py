"""The text of a PDF, as the guard reads it: every string its pages show, and every text outside
the pages (alt texts, the document information, the XMP), all read with pikepdf.

The pages are read from their content streams, not laid out: every string that a text operator
shows (Tj, TJ, ' and "), on the page and in every Form XObject it draws (an SVG chart is one),
mapped through its font's /ToUnicode CMap, in the order it is drawn. So it reads what a copy or
a search of the file gets, and more: text outside the page box, invisible or white text, and
letter-spaced text as one word (a reader that lays the text out, as pypdf and pdftotext do,
breaks that into single letters from a certain spacing, so a passage set that way is not found).
Each shown run stands on its own line, and a gap inside a TJ array stands as a space where pypdf
would put one; where the layout makes a word space only a position, the guard compares a PDF's
text without any whitespace too (guard.bewaak). docs/pdf.md has the figures and the proof that
this reading finds every confidential text pypdf's did.

A font whose codes cannot be mapped to text (no /ToUnicode, a composite font whose codes are not
two bytes each, a code the CMap lacks) makes the whole PDF unreadable (`OnleesbarePdf`): text
that cannot be read cannot be guarded. WeasyPrint maps every glyph it draws.
"""

from __future__ import annotations

import io
import re
from typing import Any

from .pdffont import Font, OnleesbarePdf


def pdf_tekst(pdf: bytes) -> str:
    """The text of every page, then every text outside them, for the guard."""
    import pikepdf  # present: vereis_pdf made sure before anything was made

    with pikepdf.open(io.BytesIO(pdf)) as document:
        return _paginatekst(document) + "\n" + _tekst_buiten_paginas(document)


def paginatekst(pdf: bytes) -> str:
    """The pages' text."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        return _paginatekst(document)


def tekst_buiten_paginas(pdf: bytes) -> str:
    """Every text of the PDF outside its pages."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        return _tekst_buiten_paginas(document)


# What a content stream does that the reading needs: choose a font, show text, draw an XObject,
# and where a run is placed (begin a text object, set the text matrix).
_OPERATOREN = "Tf Tj TJ ' \" Do BT Tm q Q"


def _paginatekst(document: Any) -> str:
    fonts: dict[tuple[int, int], Font] = {}
    gespiegeld: dict[tuple[int, int], Font] = {}
    paginas: list[str] = []
    for pagina in document.pages:
        regels: list[str] = []
        _lees(pagina, pagina.resources, regels, fonts, ())
        tekst = _tekens_bij_hun_letter("\n".join(regels))
        if _RTL.search(tekst):  # drawn in visual order: once more as it is read
            tekst += "\n" + _in_leesvolgorde(pagina, gespiegeld)
        paginas.append(tekst)
    # Where WeasyPrint writes a font's own character map (a character without a glyph in the
    # fonts, e.g. a Symbol-font bullet pasted from Word), a character may read as a NUL and the
    # character: the NULs go, the text stays.
    return "\n\n".join(paginas).replace("\x00", "")


# Combining marks (the diacritics' blocks: Latin, Greek, Cyrillic). WeasyPrint draws a mark
# that the font positions (an "e" and U+0308 where the text is decomposed, as "geëvalueerd"
# pasted from a Mac may be) as a run of its own, often after a word gap: the whitespace before
# a mark goes, so the letter and its mark read as one (the guard's NFKC composes them to "ë"),
# as pypdf read them.
_TEKENS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_TEKEN = re.compile(f"[{_TEKENS}]")
_VOOR_TEKEN = re.compile(f"\\s+(?=[{_TEKENS}])")


def _tekens_bij_hun_letter(tekst: str) -> str:
    return _VOOR_TEKEN.sub("", tekst) if _TEKEN.search(tekst) else tekst


# Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic; their
# presentation forms), and a stretch of them with what stands between (spaces, punctuation).
_RTL_LETTERS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe"
_RTL = re.compile(f"[{_RTL_LETTERS}]")
_RTL_STUK = re.compile(f"[{_RTL_LETTERS}](?:[^\\w\\n]*[{_RTL_LETTERS}])*")
# pypdf turned round with a stretch the punctuation and spaces drawn after it (or before it,
# where the text before was right-to-left too): a page is read that way as well. And where it
# holds right-to-left digits (Arabic-Indic, N'Ko), which are drawn left to right, pypdf turned
# them round with the letters, or not: such a page is read once more with stretches of letters
# only (a digit is a word character, so both stretches above take it with them).
_RTL_STUK_RUIM = re.compile(f"[^\\w\\n]*[{_RTL_LETTERS}](?:[^\\w\\n]*[{_RTL_LETTERS}])*[^\\w\\n]*")
_RTL_CIJFER = re.compile(f"(?=\\d)[{_RTL_LETTERS}]")
_RTL_LETTERSTUK = re.compile(f"(?!\\d)[{_RTL_LETTERS}](?:[^\\w\\n]*(?!\\d)[{_RTL_LETTERS}])*")


def _in_leesvolgorde(pagina: Any, gespiegeld: dict[tuple[int, int], Font]) -> str:
    """A page with right-to-left letters, each stretch of them in reading order. A glyph may stand
    for more than one letter, in reading order (Arabic's lam-alef ligature: "سلام" is drawn
    م, لا, س), so the page is read again with each glyph's right-to-left text reversed: the
    stretch reversed as a whole then puts every letter back in order, not only the glyphs."""
    regels: list[str] = []
    _lees(pagina, pagina.resources, regels, gespiegeld, (), gespiegeld=True)
    tekst = _tekens_bij_hun_letter("\n".join(regels))
    gelezen = [_RTL_STUK.sub(_omgekeerd, tekst), _RTL_STUK_RUIM.sub(_omgekeerd, tekst)]
    if _RTL_CIJFER.search(tekst):
        gelezen.append(_RTL_LETTERSTUK.sub(_omgekeerd, tekst))
    return "\n".join(gelezen)


def _omgekeerd(stuk: re.Match[str]) -> str:
    return stuk.group()[::-1]


def _lees(
    inhoud: Any,
    bronnen: Any,
    regels: list[str],
    fonts: dict[tuple[int, int], Font],
    getekend: tuple[tuple[int, int], ...],
    gespiegeld: bool = False,
    staat: tuple[Font | None, float] = (None, 0.0),
) -> None:
    """Every string `inhoud` (a page or a Form XObject) shows, a line per run, into `regels`
    (`gespiegeld`: each glyph's right-to-left text reversed, see `_in_leesvolgorde`; `staat`:
    the font and size it starts with, a form's those of where it is drawn)."""
    import pikepdf

    lettertypen = bronnen.get("/Font") if isinstance(bronnen, pikepdf.Dictionary) else None
    font, grootte = staat
    bewaard: list[tuple[Font | None, float]] = []  # the font is graphics state: q saves, Q restores
    # An SVG text is drawn a letter a run, each placed by its own text matrix: a run that starts
    # where the one before it ended, on the same line, is that run's next letter and joins its
    # line (as pypdf joined them), so a term's word ends where the label's word ends.
    matrix: Any = None  # Tm's operands in this text object, no run shown since
    vorige: tuple[Any, Font, float, Any] | None = None  # the last run so placed
    aansluiten = False
    for instructie in _instructies(inhoud):
        operanden: Any = instructie.operands
        op = str(instructie.operator)
        if op == "Tf":
            naam = operanden[0] if operanden else None
            object_ = lettertypen.get(naam) if lettertypen is not None and naam else None
            if not isinstance(object_, pikepdf.Dictionary):
                raise OnleesbarePdf(f"font {naam} not in the resources")
            font = _font(object_, fonts, gespiegeld)
            grootte = float(operanden[1]) if len(operanden) > 1 else 0.0
        elif op in ("Tj", "'", '"', "TJ"):
            if font is None:
                raise OnleesbarePdf("text shown before a font was chosen")
            if op == "TJ":
                tekst = font.reeks(operanden[0] if operanden else (), pikepdf.String)
            elif operanden:
                tekst = font.tekst(bytes(operanden[-1]))
            else:
                continue
            if aansluiten and regels:
                regels[-1] += tekst
            else:
                regels.append(tekst)
            geplaatst = matrix is not None and op in ("Tj", "TJ") and len(operanden) == 1
            vorige = (matrix, font, grootte, operanden[0]) if geplaatst else None
            matrix, aansluiten = None, False
        elif op == "BT":
            matrix, vorige, aansluiten = None, None, False
        elif op == "q":
            bewaard.append((font, grootte))
        elif op == "Q" and bewaard:
            font, grootte = bewaard.pop()
        elif op == "Tm":
            matrix = operanden
            aansluiten = vorige is not None and _sluit_aan(vorige, matrix)
            vorige = None
        elif op == "Do" and operanden:
            xobjecten = bronnen.get("/XObject") if isinstance(bronnen, pikepdf.Dictionary) else None
            xobject = xobjecten.get(operanden[0]) if xobjecten is not None else None
            if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == "/Form":
                sleutel = xobject.objgen
                if sleutel in getekend:  # a form that draws itself: read once
                    continue
                eigen = xobject.get("/Resources", bronnen)  # none: the page's (PDF 1.x)
                _lees(
                    xobject, eigen, regels, fonts, (*getekend, sleutel), gespiegeld, (font, grootte)
                )


def _sluit_aan(vorige: tuple[Any, Font, float, Any], nieuw: Any) -> bool:
    """Whether a run placed at `nieuw` (Tm's operands) starts where `vorige` (its matrix, font,
    size and shown string or TJ array) ended: the same upright line, less than a tenth of an em
    away (a word space, which an SVG text leaves out, is two or three tenths)."""
    waar, font, grootte, getoond = vorige
    if len(waar) != 6 or len(nieuw) != 6:
        return False
    a, b, c, d, e, f = map(float, waar)
    matrix = [float(o) for o in nieuw]
    if (a, b, c, d, f) != (matrix[0], matrix[1], matrix[2], matrix[3], matrix[5]) or b or c:
        return False
    eind = e + a * grootte * font.breedte(getoond) / 1000
    return abs(matrix[4] - eind) < 0.1 * grootte * abs(a)


def _instructies(inhoud: Any) -> Any:
    """The operators of a content stream the reading uses; one that pikepdf cannot parse (it
    refuses a number with an exponent, which WeasyPrint writes only at enormous sizes) is text
    that cannot be read."""
    import pikepdf

    try:
        return pikepdf.parse_content_stream(inhoud, _OPERATOREN)
    except (pikepdf.PdfError, TypeError) as err:
        raise OnleesbarePdf("a content stream that does not parse") from err


def _font(object_: Any, fonts: dict[tuple[int, int], Font], gespiegeld: bool) -> Font:
    sleutel = object_.objgen
    font = fonts.get(sleutel) if sleutel != (0, 0) else None
    if font is None:
        font = Font.van(object_)
        if gespiegeld:
            font.tekens = {c: t[::-1] if _RTL.search(t) else t for c, t in font.tekens.items()}
        if sleutel != (0, 0):
            fonts[sleutel] = font
    return font


# Where a PDF holds text a reader can get at besides the pages: alt text, actual text, expansions,
# titles of structure elements and fields, the document information.
_TEKSTSLEUTELS = frozenset(
    ("/Alt", "/ActualText", "/E", "/T", "/TU", "/Title", "/Subject", "/Author", "/Keywords")
)


def _tekst_buiten_paginas(document: Any) -> str:
    """Every text of the PDF outside its pages: the structure tree's alternatives, the
    document information and the XMP metadata."""
    import pikepdf

    stukken = []
    for obj in document.objects:
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            stukken += [
                str(obj[k])
                for k in sorted(_TEKSTSLEUTELS.intersection(obj.keys()))
                if isinstance(obj[k], pikepdf.String)
            ]
    stukken += [str(waarde) for _, waarde in document.docinfo.items()]
    if "/Metadata" in document.Root:
        stukken.append(document.Root.Metadata.read_bytes().decode("utf-8", "replace"))
    return "\n".join(stukken)
