"""The figures of one year, month by month, as the year view and the archive page show them.

From the month files present, each checked before. A month without a file takes what a later
month's report states about it: its personen in regie and breakdowns from the next month's
previous-month column (only a breakdown that report shows beside this month's: one it redacts
or does not show stays a gap), its meldingen from the first later file that lists them; the
remark says which report (`uit de maandmonitor van juni`). Months after the last file of a year in
progress (`lopend`: the last year of the archive) are "nog niet verschenen"; any other month
without a figure is a gap, never a zero.

The public edition is made from the months' public form only (`openbare_maand`: redacted tables
without figures, suppressed counts gone), and shows no figure of a breakdown whose small counts
are suppressed: a figure a month's public report hides never appears over the year either.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from ..model import Gelakt, Maand, NietBeschikbaar, Programma, UitsplitsingDef
from ..months import maand_terug, maanden_van, maandnaam
from ..options import Editie
from ..publish.strip import OpenbareMaand, openbare_maand

GEEN_BESTAND = "geen bestand"
NOG_NIET = "nog niet verschenen"
ONDERDRUKT_OPMERKING = "onderdrukt in de openbare editie"


def _uit(bron: str) -> str:
    return f"uit de maandmonitor van {maandnaam(bron)}"


@dataclass(frozen=True)
class JaarMaand:
    """One month of the year: its figures, each None where there is no figure (a gap)."""

    maand: str
    totaal: int | None = None
    on_hold: int | None = None
    instroom: int | None = None
    uitstroom: int | None = None
    meldingen: int | None = None
    opmerking: str = GEEN_BESTAND  # why figures are missing or whence they come; "" if its own
    later: bool = False  # its figures are what a later month's report states


@dataclass(frozen=True)
class UitsplitsingMaand:
    """One month of a breakdown: a figure per category (None: a gap), and the remark."""

    maand: str
    waarden: tuple[int | None, ...]
    opmerking: str
    later: bool = False


@dataclass(frozen=True)
class JaarUitsplitsing:
    """A breakdown over the months of the year."""

    definitie: UitsplitsingDef
    rijen: tuple[UitsplitsingMaand, ...]


@dataclass(frozen=True)
class Jaarcijfers:
    jaar: str
    rijen: tuple[JaarMaand, ...]
    uitsplitsingen: tuple[JaarUitsplitsing, ...]
    aanwezig: int  # months with a file

    @property
    def aangevuld(self) -> bool:
        return any(r.later for r in self.rijen)

    @property
    def nog_niet(self) -> bool:
        return any(r.opmerking == NOG_NIET for r in self.rijen)


def openbare_maanden(
    programma: Programma,
    maanden: Mapping[str, Maand],
    publiek: Mapping[str, OpenbareMaand] | None = None,
) -> dict[str, Maand]:
    """The public form of each month: made once per year's worker and handed to the year view
    and the archive page (`publiek`), or made here."""
    publiek = publiek or {}
    return {
        m: (publiek[m] if m in publiek else openbare_maand(programma, maand)).maand
        for m, maand in maanden.items()
    }


def jaarcijfers(
    programma: Programma,
    jaar: str,
    maanden: Mapping[str, Maand],
    *,
    editie: Editie,
    lopend: bool = False,
    publiek: Mapping[str, OpenbareMaand] | None = None,
) -> Jaarcijfers:
    """The year's figures for `editie` from its months with a file (`maanden`). `publiek`:
    their public forms where the caller made them already (`openbare_maanden`)."""
    if editie == "openbaar":
        maanden = openbare_maanden(programma, maanden, publiek)
    laatste = max(maanden, default=f"{jaar}-00") if lopend else f"{jaar}-12"
    rijen = tuple(_jaar_maand(m, maanden, laatste) for m in maanden_van(jaar))
    uitsplitsingen = []
    for definitie in programma.uitsplitsingen:
        u = tuple(_uitsplitsing_maand(m, maanden, laatste, definitie) for m in maanden_van(jaar))
        if editie == "openbaar" and definitie.onderdrukking.aan:
            u = tuple(_onderdrukt(r) for r in u)
        uitsplitsingen.append(JaarUitsplitsing(definitie, u))
    return Jaarcijfers(jaar, rijen, tuple(uitsplitsingen), len(maanden))


def _volgende(maand: str, maanden: Mapping[str, Maand]) -> Maand | None:
    """The next month's file, if there is one (there is none after 9999-12)."""
    volgende = maand_terug(maand, -1)
    return maanden.get(volgende) if volgende else None


def _later(maand: str, maanden: Mapping[str, Maand]) -> list[Maand]:
    return [maanden[m] for m in sorted(maanden) if m > maand]


def _jaar_maand(maand: str, maanden: Mapping[str, Maand], laatste: str) -> JaarMaand:
    eigen = maanden.get(maand)
    if eigen is not None:
        inzet = eigen.inzet
        stand = inzet.personen_in_regie
        return JaarMaand(
            maand,
            totaal=stand.totaal,
            on_hold=stand.on_hold,
            instroom=stand.instroom,
            uitstroom=stand.uitstroom,
            # this month's meldingen as its own file states them
            meldingen=next((len(m.items) for m in inzet.meldingen if m.maand == maand), None),
            opmerking="",
        )
    if maand > laatste:
        return JaarMaand(maand, opmerking=NOG_NIET)
    volgende = _volgende(maand, maanden)
    vorig = volgende.inzet.vorige_maand if volgende else None
    pir = vorig.personen_in_regie if vorig else None
    melding = next(
        (
            (later.maand, len(m.items))
            for later in _later(maand, maanden)
            for m in later.inzet.meldingen
            if m.maand == maand
        ),
        None,
    )
    if pir is None and melding is None:
        return JaarMaand(maand)
    delen = []
    if volgende is not None and pir is not None:
        delen.append(("cijfers", volgende.maand))
    if melding is not None:
        delen.append(("meldingen", melding[0]))
    if len({bron for _, bron in delen}) == 1:
        wat = "" if len(delen) == 2 else f"{delen[0][0]} "
        opmerking = f"{GEEN_BESTAND}; {wat}{_uit(delen[0][1])}"
    else:  # the previous-month column of one, the meldingen of another
        opmerking = f"{GEEN_BESTAND}; cijfers {_uit(delen[0][1])}, meldingen {_uit(delen[1][1])}"
    return JaarMaand(
        maand,
        totaal=pir.totaal if pir else None,
        on_hold=pir.on_hold if pir else None,
        instroom=pir.instroom if pir else None,
        uitstroom=pir.uitstroom if pir else None,
        meldingen=melding[1] if melding else None,
        opmerking=opmerking,
        later=True,
    )


def _uitsplitsing_maand(
    maand: str, maanden: Mapping[str, Maand], laatste: str, definitie: UitsplitsingDef
) -> UitsplitsingMaand:
    gaten: tuple[int | None, ...] = (None,) * len(definitie.categorieen)
    eigen = maanden.get(maand)
    if eigen is not None:
        cijfers = eigen.inzet.subjecten.get(definitie.id)
        bron = ""
    elif maand > laatste:
        return UitsplitsingMaand(maand, gaten, NOG_NIET)
    else:
        volgende = _volgende(maand, maanden)
        cijfers = _vorige_kolom(volgende, definitie)
        if volgende is None or cijfers is None:
            return UitsplitsingMaand(maand, gaten, GEEN_BESTAND)
        bron = volgende.maand
    if isinstance(cijfers, dict):
        waarden = tuple(cijfers.get(c.id, 0) for c in definitie.categorieen)
        opmerking = f"{GEEN_BESTAND}; {_uit(bron)}" if bron else ""
        return UitsplitsingMaand(maand, waarden, opmerking, later=bool(bron))
    # why there are no figures here: redacted, not available, not stated
    if isinstance(cijfers, Gelakt):
        reden = "gelakt"
    elif isinstance(cijfers, NietBeschikbaar):
        reden = "niet beschikbaar"
    else:
        reden = "niet in het maandbestand"
    if bron:
        reden = f"{GEEN_BESTAND}; {reden} in de maandmonitor van {maandnaam(bron)}"
    return UitsplitsingMaand(maand, gaten, reden)


def _vorige_kolom(
    volgende: Maand | None, definitie: UitsplitsingDef
) -> dict[str, int] | Gelakt | NietBeschikbaar | None:
    """What the next month's report shows of this breakdown for the month before it: its
    previous-month column, only where that report shows the breakdown's figures at all."""
    if volgende is None or volgende.inzet.vorige_maand is None:
        return None
    if not isinstance(volgende.inzet.subjecten.get(definitie.id), dict):
        return None  # redacted or not available there: no column beside it
    return volgende.inzet.vorige_maand.subjecten.get(definitie.id)


def _onderdrukt(rij: UitsplitsingMaand) -> UitsplitsingMaand:
    """Fail closed until small-cell suppression is applied over the year: where the programme
    suppresses small counts of a breakdown, the public edition shows none of them, so that it
    can never reveal what a month's public report suppressed."""
    gaten = (None,) * len(rij.waarden)
    cijfers = any(w is not None for w in rij.waarden)
    opmerking = ONDERDRUKT_OPMERKING if cijfers else rij.opmerking
    return replace(rij, waarden=gaten, opmerking=opmerking, later=False)
