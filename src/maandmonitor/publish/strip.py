"""The public (Woo) edition's data: the month as the public may know it, before any rendering.

`openbare_maand` maps a validated month to its public form, in which confidential text and figures
no longer exist: every `Lak.tekst` and every `Gelakt.cijfers` is None, the name of whoever
signed the month off is gone, and the counts that
small-cell suppression hides (suppress.py) are removed. It walks the model generically, so a new
field holding a `Tekst` cannot be forgotten; a value of a type it does not know stops it. The
public edition is rendered from that form only; `guard.py` then reads what was rendered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..marks import Lak, Tekst
from ..model import Gelakt, Maand, Programma, Vaststelling
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
    if isinstance(value, Vaststelling):  # who signed off is a name: the internal edition's only
        return value.model_copy(update={"door": ""})
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
    if inzet is None:
        return {}
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
    inzet = maand.inzet  # something is suppressed: there are figures

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
