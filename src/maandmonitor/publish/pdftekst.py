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

import array
import io
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any


class OnleesbarePdf(ValueError):
    """The PDF shows text that cannot be mapped to characters."""


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
_OPERATOREN = "Tf Tj TJ ' \" Do BT Tm"


def _paginatekst(document: Any) -> str:
    fonts: dict[tuple[int, int], _Font] = {}
    gespiegeld: dict[tuple[int, int], _Font] = {}
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


def _in_leesvolgorde(pagina: Any, gespiegeld: dict[tuple[int, int], _Font]) -> str:
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
    fonts: dict[tuple[int, int], _Font],
    getekend: tuple[tuple[int, int], ...],
    gespiegeld: bool = False,
) -> None:
    """Every string `inhoud` (a page or a Form XObject) shows, a line per run, into `regels`
    (`gespiegeld`: each glyph's right-to-left text reversed, see `_in_leesvolgorde`)."""
    import pikepdf

    lettertypen = bronnen.get("/Font") if isinstance(bronnen, pikepdf.Dictionary) else None
    font: _Font | None = None
    grootte = 0.0
    # An SVG text is drawn a letter a run, each placed by its own text matrix: a run that starts
    # where the one before it ended, on the same line, is that run's next letter and joins its
    # line (as pypdf joined them), so a term's word ends where the label's word ends.
    matrix: Any = None  # Tm's operands in this text object, no run shown since
    vorige: tuple[Any, _Font, float, Any] | None = None  # the last run so placed
    aansluiten = False
    for instructie in pikepdf.parse_content_stream(inhoud, _OPERATOREN):
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
                _lees(xobject, eigen, regels, fonts, (*getekend, sleutel), gespiegeld)


def _sluit_aan(vorige: tuple[Any, _Font, float, Any], nieuw: Any) -> bool:
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


_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>|\[|\]")


def _font(object_: Any, fonts: dict[tuple[int, int], _Font], gespiegeld: bool) -> _Font:
    sleutel = object_.objgen
    font = fonts.get(sleutel) if sleutel != (0, 0) else None
    if font is None:
        font = _Font.van(object_)
        if gespiegeld:
            font.tekens = {c: t[::-1] if _RTL.search(t) else t for c, t in font.tekens.items()}
        if sleutel != (0, 0):
            fonts[sleutel] = font
    return font


class _Font:
    """How one font's codes read: its CMap, code width (2 bytes for Identity, else 1) and the
    least gap in a TJ array that reads as a word space."""

    def __init__(
        self,
        tekens: dict[int, str],
        breed: bool,
        spatie: float,
        breedtes: Callable[[int], float] = lambda code: 0.0,
    ) -> None:
        self.tekens = tekens
        self.breed = breed
        self.spatie = spatie
        self.breedtes = breedtes

    @classmethod
    def van(cls, object_: Any) -> _Font:
        import pikepdf

        breed = str(object_.get("/Subtype", "")) == "/Type0"
        if breed and not _twee_bytes(object_.get("/Encoding")):
            raise OnleesbarePdf("a composite font whose codes are not two bytes each")
        cmap = object_.get("/ToUnicode")
        if not isinstance(cmap, pikepdf.Stream):
            raise OnleesbarePdf("a font without /ToUnicode")
        tekens = _cmap(cmap.read_bytes())
        breedtes = _breedtes(object_, breed)
        return cls(tekens, breed, _spatie(tekens, breedtes), breedtes)

    def codes(self, getoond: bytes) -> Sequence[int]:
        if not self.breed:
            return getoond
        paren = array.array("H", getoond[: len(getoond) // 2 * 2])
        if sys.byteorder == "little":
            paren.byteswap()
        return paren

    def breedte(self, getoond: Any) -> float:
        """How far a shown string or TJ array (pikepdf's) moves the pen, in thousandths of an
        em: its codes' widths, less its offsets."""
        import pikepdf

        if isinstance(getoond, pikepdf.Array):
            return sum(
                self.breedte(element) if isinstance(element, pikepdf.String) else -float(element)
                for element in getoond
            )
        return sum(map(self.breedtes, self.codes(bytes(getoond))))

    def tekst(self, codes: bytes) -> str:
        tekens = self.tekens
        try:
            if not self.breed:
                return "".join([tekens[c] for c in codes])
            if len(codes) % 2:
                raise OnleesbarePdf("half a two-byte code")
            paren = array.array("H", codes)
            if sys.byteorder == "little":
                paren.byteswap()
            return "".join([tekens[c] for c in paren])
        except KeyError:
            raise OnleesbarePdf("a code the font's CMap does not map") from None

    def reeks(self, elementen: Any, string: type[Any]) -> str:
        """A TJ array (`string`: pikepdf's String): its strings, and a space for each gap pypdf
        reads as one. Read from its unparsed form where that holds hex strings and numbers only
        (WeasyPrint's always do), ten times faster than element by element."""
        vorm = elementen.unparse()
        if _TJ.fullmatch(vorm):
            stukken: list[bytes] = []
            for hexa, getal in _TJ_DEEL.findall(vorm):
                if not getal:
                    stukken.append(hexa)
                elif -float(getal) >= self.spatie:
                    stukken.append(b" ")
            woorden = b"".join(stukken).split(b" ")
            return " ".join([self.tekst(bytes.fromhex(w.decode("ascii"))) for w in woorden])
        delen = []
        for element in elementen:
            if isinstance(element, string):
                delen.append(self.tekst(bytes(element)))
            elif -float(element) >= self.spatie:
                delen.append(" ")
        return "".join(delen)


# A TJ array as qpdf unparses it when it holds only hex strings and numbers (a literal string,
# which qpdf writes where every byte prints, takes the element-by-element way).
_TJ = re.compile(rb"\[(?: (?:<[0-9A-Fa-f]*>|[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)))* \]")
_TJ_DEEL = re.compile(rb"<([0-9A-Fa-f]*)>|([-+.0-9]+)")


_CODERUIMTE = re.compile(rb"begincodespacerange(.*?)endcodespacerange", re.S)


def _twee_bytes(codering: Any) -> bool:
    """Whether a composite font's codes are two bytes each: Identity, or the CMap WeasyPrint
    embeds where a font lacks glyphs (/WP-Encod-0: every code of <0000> to <ffff>)."""
    import pikepdf

    if isinstance(codering, pikepdf.Name):
        return str(codering) in ("/Identity-H", "/Identity-V")
    if not isinstance(codering, pikepdf.Stream):
        return False
    ruimtes = _CODERUIMTE.findall(codering.read_bytes())
    grenzen = [g for ruimte in ruimtes for g in _HEX.findall(ruimte)]
    return bool(grenzen) and all(len(g) == 4 for g in grenzen)


def _utf16(hexa: bytes) -> str:
    return bytes.fromhex(hexa.decode("ascii")).decode("utf-16-be", "surrogatepass")


def _cmap(data: bytes) -> dict[int, str]:
    """A /ToUnicode CMap's bfchar and bfrange mappings (all WeasyPrint writes is bfchar)."""
    tekens: dict[int, str] = {}
    try:
        for blok in _BFCHAR.findall(data):
            hexen = _HEX.findall(blok)
            for bron, doel in zip(hexen[::2], hexen[1::2], strict=True):
                tekens[int(bron, 16)] = _utf16(doel)
        for blok in _BFRANGE.findall(data):
            tokens = iter(_HEX.finditer(blok))
            for begin in tokens:
                eind, doel = next(tokens), next(tokens)
                laag, hoog = int(begin.group(1), 16), int(eind.group(1), 16)
                if doel.group() == b"[":  # one destination per code
                    for code in range(laag, hoog + 1):
                        tekens[code] = _utf16(next(tokens).group(1))
                    if next(tokens).group() != b"]":
                        raise ValueError("bfrange array")
                else:  # consecutive destinations: the last UTF-16 unit counts up
                    eerste = bytes.fromhex(doel.group(1).decode("ascii"))
                    for stap in range(hoog - laag + 1):
                        eenheid = int.from_bytes(eerste[-2:], "big") + stap
                        tekst = eerste[:-2] + eenheid.to_bytes(2, "big")
                        tekens[laag + stap] = tekst.decode("utf-16-be", "surrogatepass")
    except (ValueError, StopIteration, UnicodeDecodeError, OverflowError) as err:
        raise OnleesbarePdf("a /ToUnicode CMap that does not parse") from err
    return tekens


def _spatie(tekens: dict[int, str], breedtes: Callable[[int], float]) -> float:
    """The least negative TJ offset (thousandths of an em) that is a word space: pypdf's rule,
    0.95 of half the font's space, or of half of 200 where the font has no space."""
    spaties = [code for code, tekst in tekens.items() if tekst == " "]
    gemeten = [b for code in spaties if (b := breedtes(code)) > 0]
    return 0.95 * (min(gemeten) if gemeten else 200) / 2


def _breedtes(object_: Any, breed: bool) -> Callable[[int], float]:
    """A code's width from the font's /W (composite) or /Widths (simple); 0 where unknown."""
    import pikepdf

    if not breed:
        eerste = int(object_.get("/FirstChar", 0))
        lijst = [float(b) for b in object_.get("/Widths", ())]
        return lambda code: lijst[code - eerste] if 0 <= code - eerste < len(lijst) else 0.0
    nakomelingen = object_.get("/DescendantFonts")
    cid: Any = nakomelingen[0] if isinstance(nakomelingen, pikepdf.Array) and nakomelingen else {}
    standaard = float(cid.get("/DW", 1000))
    breedtes: dict[int, float] = {}
    w = list(cid.get("/W", ()))
    i = 0
    while i + 1 < len(w):
        if isinstance(w[i + 1], pikepdf.Array):
            breedtes.update((int(w[i]) + j, float(b)) for j, b in enumerate(w[i + 1]))
            i += 2
        elif i + 2 < len(w):
            breedtes.update(dict.fromkeys(range(int(w[i]), int(w[i + 1]) + 1), float(w[i + 2])))
            i += 3
        else:
            break
    return lambda code: breedtes.get(code, standaard)


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
