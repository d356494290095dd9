"""The inventory list of a Woo decision: every redaction with where it is (section, block, item),
and, for the internal edition, every count the public edition suppresses.

Both are read from a month's model: the public form (strip.py) has the same marks in the same
places, so the list is the same in both editions, and it names places, never text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..model import Gelakt, Lakgrond, Maand, Pad, Programma, iter_teksten
from ..months import maand_terug, maandnaam
from ..nl import datum
from .suppress import HUIDIG, VORIG, Cel, Resultaat


@dataclass(frozen=True)
class Vindplaats:
    """One redaction: its number, its ground, and where it stands in the report."""

    volgnummer: int
    grond: Lakgrond
    sectie: str
    blok: str
    item: str
    soort: str  # "passage" or "tabel"


def vindplaatsen(programma: Programma, maand: Maand) -> list[Vindplaats]:
    """Every redaction of the month in the order of the report's data."""
    plaatsen = []
    for pad, tekst in iter_teksten(maand):
        for lak in tekst.lakken:
            sectie, blok, item = _plek(programma, maand, pad)
            plaatsen.append((programma.grond(lak.grond), sectie, blok, item, "passage"))
    pga = _pga_sectie(programma)
    subjecten = maand.inzet_op_risicos.subjecten if maand.inzet_op_risicos else {}
    for definitie in programma.uitsplitsingen:
        tabel = subjecten.get(definitie.id)
        if isinstance(tabel, Gelakt):
            plaatsen.append(
                (programma.grond(tabel.gelakt), pga, "Subjecten", definitie.titel, "tabel")
            )
    return [Vindplaats(i, *p) for i, p in enumerate(plaatsen, start=1)]


def _sectie(programma: Programma, sectie_id: str) -> str:
    sectie = next((s for s in programma.secties if s.id == sectie_id), None)
    return f"§ {sectie.nummer}: {sectie.titel}" if sectie else sectie_id


def _pga_sectie(programma: Programma) -> str:
    sectie = next((s for s in programma.secties if s.persoonsgerichte_aanpak), None)
    return _sectie(programma, sectie.id) if sectie else ""


def _alinea(rest: Pad) -> str:
    """', alinea 2' for the second paragraph under an item (vervolg[0] is the item's 2nd)."""
    if len(rest) >= 2 and rest[0] == "vervolg" and isinstance(rest[1], int):
        return f", alinea {rest[1] + 2}"
    return ""


def _plek(programma: Programma, maand: Maand, pad: Pad) -> tuple[str, str, str]:
    """(section, block, item) of a text at `pad` in the month's model."""
    if pad[0] == "activiteiten":
        _, sectie_id, b, _, i, *rest = pad
        blok = maand.activiteiten[str(sectie_id)][int(b)]
        return (
            _sectie(programma, str(sectie_id)),
            blok.kop or f"blok {int(b) + 1} (zonder kop)",
            f"{int(i) + 1}{_alinea(tuple(rest))}",
        )
    inzet = maand.inzet  # a text outside the activities is in the figures block
    veld, *rest = pad[1:]
    pga = _pga_sectie(programma)
    if veld == "meldingen":
        m, _, i, *verder = rest
        naam = maandnaam(inzet.meldingen[int(m)].maand, jaar=True)
        return pga, f"Meldingen {naam}", f"{int(i) + 1}{_alinea(tuple(verder))}"
    if veld == "uitgestroomd":
        i, *verder = rest
        return pga, "Uitstroom", f"{int(i) + 1}{_alinea(tuple(verder))}"
    if veld == "regiepartijen":
        return pga, "Regiepartijen", f"{inzet.regiepartijen[int(rest[0])].partij} (toelichting)"
    overleg = inzet.overleggen[int(rest[0])]
    onderdeel = f"alinea {int(rest[2]) + 2}" if rest[1] == "vervolg" else str(rest[1])
    return (
        pga,
        f"Overleggen {maandnaam(maand.maand)}",
        f"{datum(overleg.datum, 'd MMMM')}, {onderdeel}",
    )


@dataclass(frozen=True)
class OnderdrukteCel:
    """A count the public edition hides (internal edition only: it shows the count)."""

    uitsplitsing: str
    maand: str
    categorie: str
    aantal: int
    soort: str  # "primair" (small), "secundair" (would recompute one), "hele tabel"


def onderdrukte_cellen(
    programma: Programma, maand: Maand, onderdrukt: Mapping[str, Resultaat]
) -> list[OnderdrukteCel]:
    """Per breakdown, the cells suppression hides in the public edition, with their counts from
    this month's model (the internal one) and last month's column."""
    inzet = maand.inzet_op_risicos
    if inzet is None:
        return []
    vorige = inzet.vorige_maand.subjecten if inzet.vorige_maand else {}
    cellen = []
    for definitie in programma.uitsplitsingen:
        resultaat = onderdrukt.get(definitie.id)
        if resultaat is None:
            continue
        for kolom in (HUIDIG, VORIG):
            bron = (inzet.subjecten if kolom == HUIDIG else vorige).get(definitie.id)
            if not isinstance(bron, dict):
                continue
            wanneer = maand.maand if kolom == HUIDIG else maand_terug(maand.maand, 1)
            naam = maandnaam(wanneer) if wanneer else ""  # 0001-01 has no last month
            for categorie in definitie.categorieen:
                cel = Cel(kolom, categorie.id)
                if resultaat.geheel:
                    soort = "hele tabel"
                elif cel in resultaat.primair:
                    soort = "primair"
                elif cel in resultaat.secundair:
                    soort = "secundair"
                else:
                    continue
                aantal = bron.get(categorie.id, 0)
                cellen.append(OnderdrukteCel(definitie.titel, naam, categorie.label, aantal, soort))
    return cellen
