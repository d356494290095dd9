"""The public (Woo) edition, fail-closed: strip the model before rendering, guard the output after.

1. `openbare_maand` maps a validated month to its public form, in which confidential text and
   figures no longer exist: every `Lak.tekst` and every `Gelakt.cijfers` is None, and the counts
   that small-cell suppression hides (suppress.py) are removed. It walks the model generically, so
   a new field holding a `Tekst` cannot be forgotten; a value of a type it does not know stops it.
   The public edition is rendered from that form only.
2. `bewaak` scans every public output for every confidential text of the month and stops the
   build, before anything is written, if one is found (a template printing something by a side
   route, a bug in the strip). Figures of a redacted table cannot be scanned for (a number is
   everywhere); the strip is what protects them.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .errors import MonitorError
from .load import MaandBestand, display_path, iter_teksten
from .model import Gelakt, Lak, Maand, Programma, Tekst
from .suppress import GEEN, HUIDIG, VORIG, Cel, Resultaat, onderdruk, tabel_voor


@dataclass(frozen=True)
class OpenbareMaand:
    """A month as the public edition may know it, and per breakdown what suppression hid."""

    maand: Maand
    onderdrukt: Mapping[str, Resultaat]


def openbare_maand(programma: Programma, maand: Maand) -> OpenbareMaand:
    onderdrukt = onderdrukking(programma, maand)
    return OpenbareMaand(_zonder_cellen(_strip(maand), onderdrukt), onderdrukt)


def _strip(value: Any) -> Any:
    """The value without confidential text or redacted figures, rebuilt field by field."""
    if isinstance(value, Tekst):
        return Tekst(tuple(Lak(d.grond, None) if isinstance(d, Lak) else d for d in value.delen))
    if isinstance(value, Gelakt):
        return value.model_copy(update={"cijfers": None})
    if isinstance(value, BaseModel):
        velden = type(value).model_fields
        return value.model_copy(update={naam: _strip(getattr(value, naam)) for naam in velden})
    if isinstance(value, list):
        return [_strip(item) for item in value]
    if isinstance(value, dict):
        return {key: _strip(item) for key, item in value.items()}
    if value is None or isinstance(value, str | int | dt.date):
        return value
    raise TypeError(f"openbare editie: onbekend soort waarde in het model ({type(value).__name__})")


# --- small-cell suppression ----------------------------------------------------------------------


def onderdrukking(programma: Programma, maand: Maand) -> dict[str, Resultaat]:
    """Per breakdown shown as a table, the cells to hide (only where something is hidden).

    The table is what the report shows: this month's column, and last month's beside it, each
    summing to its month's published total. Categories missing from the file are zeros."""
    inzet = maand.inzet_op_risicos
    vorige = inzet.vorige_maand
    vorig_totaal = vorige.personen_in_regie.totaal if vorige and vorige.personen_in_regie else None
    resultaten = {}
    for definitie in programma.uitsplitsingen:
        huidig = inzet.subjecten.get(definitie.id)
        if not isinstance(huidig, dict):
            continue  # redacted or not available: no table of figures is shown
        vorig = vorige.subjecten.get(definitie.id) if vorige else None
        ids = [c.id for c in definitie.categorieen]
        tabel = tabel_voor(
            {c: huidig.get(c, 0) for c in ids},
            {c: vorig.get(c, 0) for c in ids} if isinstance(vorig, dict) else None,
            totaal=inzet.personen_in_regie.totaal,
            vorig_totaal=vorig_totaal,
        )
        if tabel is None:
            continue
        resultaat = onderdruk(tabel, definitie.onderdrukking)
        if resultaat != GEEN:
            resultaten[definitie.id] = resultaat
    return resultaten


def verborgen(resultaat: Resultaat | None, kolom: str, categorie: str) -> bool:
    """Is this cell hidden in the public edition (also when the whole table is withheld)?"""
    if resultaat is None:
        return False
    return resultaat.geheel or Cel(kolom, categorie) in resultaat.onderdrukt


def _zonder_cellen(maand: Maand, onderdrukt: Mapping[str, Resultaat]) -> Maand:
    """The month with every hidden count removed from its breakdowns."""
    if not onderdrukt:
        return maand
    inzet = maand.inzet_op_risicos

    def kolom(subjecten: Mapping[str, Any], naam: str) -> dict[str, Any]:
        return {
            uitsplitsing: {
                cat: n
                for cat, n in cijfers.items()
                if not verborgen(onderdrukt.get(uitsplitsing), naam, cat)
            }
            if isinstance(cijfers, dict)
            else cijfers
            for uitsplitsing, cijfers in subjecten.items()
        }

    vorige = inzet.vorige_maand
    if vorige is not None:
        vorige = vorige.model_copy(update={"subjecten": kolom(vorige.subjecten, VORIG)})
    update = {"subjecten": kolom(inzet.subjecten, HUIDIG), "vorige_maand": vorige}
    return maand.model_copy(update={"inzet_op_risicos": inzet.model_copy(update=update)})


# --- the guard -----------------------------------------------------------------------------------

_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


# The format characters (category Cf) of Unicode 14.0, Python 3.11's, as ranges: scanning all of
# Unicode for them costs ~30 ms, a noticeable part of building a month.
_CF_UNICODE_14 = (
    (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F),
    (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD),
    (0x110CD, 0x110CD), (0x13430, 0x13438), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001), (0xE0020, 0xE007F),
)  # fmt: skip


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


@functools.cache
def _onzichtbaar() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Characters that do not show (soft hyphen, zero-width space and joiners, tags, …): a copy
    with them looks the same to a reader, so the guard reads past them. Two patterns: those of
    the basic plane compile to a fast lookup table, a class with astral characters does not."""
    bekend = unicodedata.unidata_version == "14.0.0"
    reeksen = _CF_UNICODE_14 if bekend else cf_reeksen()
    basis = [(a, b) for a, b in reeksen if b <= 0xFFFF]
    astraal = [(a, b) for a, b in reeksen if b > 0xFFFF]  # none spans 0xFFFF
    return _klasse(basis), _klasse(astraal)


def _klasse(reeksen: Sequence[tuple[int, int]]) -> re.Pattern[str]:
    return re.compile(
        "[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in reeksen) + "]"
    )


_ASTRAAL = re.compile("[\U00010000-\U0010ffff]")


def zonder_onzichtbaar(text: str) -> str:
    basis, astraal = _onzichtbaar()
    text = basis.sub("", text)
    return astraal.sub("", text) if _ASTRAAL.search(text) else text


def _normaal(text: str) -> str:
    text = zonder_onzichtbaar(unicodedata.normalize("NFKC", text))
    return " ".join(text.split()).casefold()


def _zonder(text: str, labels: Sequence[str]) -> str:
    """Every label of a ground taken out: it is public, also where it holds a confidential word."""
    for label in labels:
        text = text.replace(label, "\x00")
    return text


def _lezingen(inhoud: str, labels: Sequence[str]) -> list[str]:
    """The output as a reader may see it: as is, entities decoded, Markdown escapes undone,
    both; normalised (see `_normaal`), so an escaped, re-cased or re-encoded copy is still found."""
    md = _MD_ESCAPE.sub(r"\1", inhoud)
    lezingen = dict.fromkeys((inhoud, html.unescape(inhoud), md, html.unescape(md)))
    return [_zonder(_normaal(v), labels) for v in lezingen]  # each distinct one once


def bewaak(
    programma: Programma, bestanden: Sequence[MaandBestand], uitvoer: Mapping[Path, str]
) -> None:
    """Stop if any public output holds a confidential text of the month or of the month before
    (`bestanden`; `uitvoer`: the public files and their text; for a PDF its extracted text)."""
    labels = sorted({_normaal(g.label) for g in programma.lakgronden}, key=len, reverse=True)
    geheimen = [
        (bestand, pad, lak.grond, _zonder(_normaal(lak.tekst), labels))
        for bestand in bestanden
        for pad, tekst in iter_teksten(bestand.maand)
        for lak in tekst.lakken
        if lak.tekst is not None
    ]
    if not geheimen:  # every mark of both months is bare: there is no text to look for
        return
    problemen = []
    for path, inhoud in uitvoer.items():
        lezingen = _lezingen(inhoud, labels)
        for bestand, pad, grond, geheim in geheimen:
            if any(geheim in lezing for lezing in lezingen):
                problemen.append(
                    bestand.doc.problem(
                        pad,
                        f"de vertrouwelijke tekst van de lakmarkering ({grond}) staat in "
                        f"{display_path(path)}; er is niets geschreven. Staat die tekst elders "
                        "ongelakt in het maandbestand, lak hem daar ook; is de gelakte tekst erg "
                        "kort, schrijf de passage voluit (een kort woord komt ook elders voor); "
                        "komt hij uit een eigen sjabloon, druk tekst dan af met "
                        "'| tekst(editie)'",
                    )
                )
    if problemen:
        raise MonitorError(sorted(set(problemen)))
