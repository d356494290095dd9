"""How the codes a PDF font shows read as text: its /ToUnicode CMap, its code width, and the
gap in a TJ array that is a word space (as pypdf reads one). The guard's reading of a PDF's
pages (pdftekst.py) maps every string shown through this; a code that cannot be mapped makes
the PDF unreadable (`OnleesbarePdf`), since text that cannot be read cannot be guarded.
"""

from __future__ import annotations

import array
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any


class OnleesbarePdf(ValueError):
    """The PDF shows text that cannot be mapped to characters."""


_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>|\[|\]")


class Font:
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
    def van(cls, object_: Any) -> Font:
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
