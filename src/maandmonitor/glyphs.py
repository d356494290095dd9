"""What a reader sees: characters that do not show, and characters that look like a bracket.

Both the guard (which reads every public output) and the mark parser (which reads every text of
the data) read text this way, so that what looks the same to a person is the same to them:
a copy with a soft hyphen or a zero-width space in it, or a mark typed with fullwidth or other
look-alike brackets, is seen for what it is.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections.abc import Sequence

# The format characters (category Cf) of Unicode 14.0, Python 3.11's, as ranges: scanning all of
# Unicode for them costs ~30 ms, a noticeable part of building a month.
_CF_UNICODE_14 = (
    (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F),
    (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD),
    (0x110CD, 0x110CD), (0x13430, 0x13438), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001), (0xE0020, 0xE007F),
)  # fmt: skip

# Default-ignorable code points (Unicode's Default_Ignorable_Code_Point) that are not format
# characters: a combining grapheme joiner, variation selectors, fillers. They do not show either.
_NIET_TE_ZIEN = (
    (0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180D), (0x180F, 0x180F),
    (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0xE0000, 0xE0000),
    (0xE0002, 0xE001F), (0xE0080, 0xE0FFF),
)  # fmt: skip

# Opening and closing brackets other than [ ] { } (Unicode 14.0: categories Ps and Pe, named
# "BRACKET", angle brackets left out), square-like and curly: ［ 〚 【 ⟦ ⁅ …, ｛ ❴ ….
_KLEIN_14 = (
    0x2045, 0x2772, 0x27E6, 0x27EC, 0x2987, 0x2989, 0x298B, 0x298D, 0x298F, 0x2993, 0x2995,
    0x2997, 0x2E22, 0x2E24, 0x2E26, 0x2E55, 0x2E57, 0x300C, 0x300E, 0x3010, 0x3014, 0x3016,
    0x3018, 0x301A, 0xFE17, 0xFE39, 0xFE3B, 0xFE41, 0xFE43, 0xFE47, 0xFE5D, 0xFF3B, 0xFF62,
)  # fmt: skip
_SLUIT_14 = (
    0x2046, 0x2773, 0x27E7, 0x27ED, 0x2988, 0x298A, 0x298C, 0x298E, 0x2990, 0x2994, 0x2996,
    0x2998, 0x2E23, 0x2E25, 0x2E27, 0x2E56, 0x2E58, 0x300D, 0x300F, 0x3011, 0x3015, 0x3017,
    0x3019, 0x301B, 0xFE18, 0xFE3A, 0xFE3C, 0xFE42, 0xFE44, 0xFE48, 0xFE5E, 0xFF3D, 0xFF63,
)  # fmt: skip
_KRUL_OPEN_14 = (0x2774, 0x2983, 0xFE37, 0xFE5B, 0xFF5B)
_KRUL_SLUIT_14 = (0x2775, 0x2984, 0xFE38, 0xFE5C, 0xFF5D)

_BEKEND = unicodedata.unidata_version == "14.0.0"


def cf_reeksen() -> list[tuple[int, int]]:
    """Every format character (category Cf) of this Python's Unicode, as ranges. Unicode has
    them only in planes 0, 1 and 14 (the basic, supplementary and special-purpose planes)."""
    reeksen: list[tuple[int, int]] = []
    for c in [*range(0x20000), *range(0xE0000, 0xF0000)]:
        if unicodedata.category(chr(c)) == "Cf":
            if reeksen and reeksen[-1][1] == c - 1:
                reeksen[-1] = (reeksen[-1][0], c)
            else:
                reeksen.append((c, c))
    return reeksen


def haken() -> dict[str, tuple[int, ...]]:
    """The look-alike brackets of this Python's Unicode, by kind."""
    soort: dict[str, list[int]] = {"open": [], "sluit": [], "krul_open": [], "krul_sluit": []}
    for c in range(sys.maxunicode + 1):
        categorie = unicodedata.category(chr(c))
        naam = unicodedata.name(chr(c), "")
        # U+FE18 is named "…LENTICULAR BRAKCET", a misspelling Unicode keeps
        haak = categorie in ("Ps", "Pe") and ("BRACKET" in naam or "BRAKCET" in naam)
        haak = haak and "ANGLE" not in naam
        if haak and chr(c) not in "[]{}":
            krul = "krul_" if "CURLY" in naam else ""
            soort[krul + ("open" if categorie == "Ps" else "sluit")].append(c)
    return {k: tuple(v) for k, v in soort.items()}


@functools.cache
def _onzichtbaar() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Characters that do not show (soft hyphen, zero-width space and joiners, tags, variation
    selectors, …): the format characters and the other default-ignorable ones. Two patterns:
    those of the basic plane compile to a fast lookup table, a class with astral characters does
    not."""
    reeksen = sorted([*(_CF_UNICODE_14 if _BEKEND else cf_reeksen()), *_NIET_TE_ZIEN])
    basis = [(a, b) for a, b in reeksen if b <= 0xFFFF]
    astraal = [(a, b) for a, b in reeksen if b > 0xFFFF]  # none spans 0xFFFF
    return _klasse(basis), _klasse(astraal)


def _klasse(reeksen: Sequence[tuple[int, int]]) -> re.Pattern[str]:
    return re.compile(
        "[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in reeksen) + "]"
    )


_ASTRAAL = re.compile("[\U00010000-\U0010ffff]")
_ASCII = bytes(range(128))


def _niet_ascii(text: str) -> str:
    """Every character of `text` that is not ASCII, in order: its UTF-8 without the ASCII
    bytes (a character of more bytes has none below 128). C string work, several times as fast
    as a pattern over a report, in which the few such characters are all that can be unseen."""
    utf8 = text.encode("utf-8", "surrogatepass")
    return utf8.translate(None, _ASCII).decode("utf-8", "surrogatepass")


def zonder_onzichtbaar(text: str) -> str:
    if text.isascii():  # no character that does not show is ASCII
        return text
    basis, astraal = _onzichtbaar()
    anders = _niet_ascii(text)
    if basis.search(anders):
        text = basis.sub("", text)
    return astraal.sub("", text) if _ASTRAAL.search(anders) else text


@functools.cache
def _haken() -> tuple[dict[int, str], re.Pattern[str]]:
    bekend = {"open": _KLEIN_14, "sluit": _SLUIT_14, "krul_open": _KRUL_OPEN_14}
    soort = {**bekend, "krul_sluit": _KRUL_SLUIT_14} if _BEKEND else haken()
    ascii_vorm = {"open": "[", "sluit": "]", "krul_open": "{", "krul_sluit": "}"}
    tabel = {c: ascii_vorm[k] for k, tekens in soort.items() for c in tekens}
    alle = "[]{}" + "".join(map(chr, tabel))
    return tabel, re.compile("[" + re.escape(alle) + "]")


@functools.cache
def _onzichtbaar_bij_haak() -> re.Pattern[str]:
    basis, astraal = (p.pattern for p in _onzichtbaar())
    haak = _haken()[1].pattern
    return re.compile(f"(?:{basis}|{astraal}){haak}|{haak}(?:{basis}|{astraal})")


def onzichtbaar_bij_haak(text: str) -> bool:
    """An invisible character right before or after a bracket: `[\u200b[` shows as `[[`."""
    return _onzichtbaar_bij_haak().search(text) is not None


def haaktekens() -> str:
    """Every bracket of any look: [ ] { } and each look-alike."""
    return "[]{}" + "".join(map(chr, _haken()[0]))


def heeft_haak(text: str) -> bool:
    """Whether the text has a bracket of any look (only then can it hold a mark, or nearly one)."""
    return _haken()[1].search(text) is not None


def als_gezien(text: str) -> str:
    """The text as a reader sees its brackets: NFKC (fullwidth ［ is [), invisible characters
    gone, every other look-alike bracket as [ ] { }."""
    return zonder_onzichtbaar(unicodedata.normalize("NFKC", text)).translate(_haken()[0])
