"""Small-cell suppression for the public edition: primary and secondary, with an exact audit.

A breakdown is published as a `Tabel`: cells (column, category) with their true counts, and the
linear equations that the public edition makes known (each shown column sums to a shown total;
optionally a shown change per category). `onderdruk` chooses the cells to hide, `herleidbaar`
computes what an attacker can still learn about each hidden cell. The method and the guarantee are
described in docs/onderdrukking.md. This module is pure: no I/O, no rendering.

The attacker is assumed to know every published figure and the rule in monitor.yaml, and that
counts are non-negative integers. When zeros are not sensitive, zeros are always shown (never
chosen as secondary either, as sdcTable does with its `z` status), so the attacker also knows
that every hidden cell is at least 1; the audit uses that knowledge (sdcTools issue #194).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from ..model import Onderdrukking, Uitsplitsing

HUIDIG = "huidig"
VORIG = "vorig"


class Cel(NamedTuple):
    """One published count: its column (HUIDIG, VORIG, ...) and its category id."""

    kolom: str
    categorie: str


class Interval(NamedTuple):
    """The values a hidden cell can still take, given everything published: [laag, hoog]."""

    laag: int
    hoog: int

    @property
    def punt(self) -> bool:
        """The cell is determined: it can be recomputed from what is published."""
        return self.laag == self.hoog


@dataclass(frozen=True)
class Vergelijking:
    """A published linear relation: sum of coefficient × cell equals `waarde` (a shown figure)."""

    termen: tuple[tuple[Cel, int], ...]
    waarde: int

    @property
    def cellen(self) -> tuple[Cel, ...]:
        return tuple(cel for cel, _ in self.termen)


@dataclass(frozen=True)
class Tabel:
    """A published table: the true counts in display order, and the published equations.

    Every cell must appear with a positive coefficient in at least one equation whose
    coefficients are all non-negative (a sum to a shown total): that bounds every cell.
    """

    cellen: tuple[tuple[Cel, int], ...]
    vergelijkingen: tuple[Vergelijking, ...]

    def __post_init__(self) -> None:
        waarden = self.waarden
        if len(waarden) != len(self.cellen):
            raise ValueError("een cel staat dubbel in de tabel")
        if any(n < 0 for n in waarden.values()):
            raise ValueError("een aantal is negatief")
        for vgl in self.vergelijkingen:
            if len(set(vgl.cellen)) != len(vgl.cellen):
                raise ValueError("een cel staat dubbel in een vergelijking")
            if any(cel not in waarden for cel in vgl.cellen):
                raise ValueError("een vergelijking noemt een onbekende cel")
            if sum(a * waarden[cel] for cel, a in vgl.termen) != vgl.waarde:
                raise ValueError("de cijfers kloppen niet met een gepubliceerd totaal")
        for cel in waarden:
            if not any(_begrenst(vgl, cel) for vgl in self.vergelijkingen):
                raise ValueError(f"cel {cel} staat in geen som met een getoond totaal")

    @property
    def waarden(self) -> dict[Cel, int]:
        return dict(self.cellen)

    @classmethod
    def uitsplitsing(
        cls,
        huidig: Mapping[str, int] | None,
        vorig: Mapping[str, int] | None = None,
        *,
        totaal: int | None = None,
        vorig_totaal: int | None = None,
        verschil: bool = False,
    ) -> Tabel:
        """A breakdown as the report shows it: this month's column, optionally last month's.

        Each shown column sums to its shown total (`personen_in_regie.totaal`, this month's or
        last month's; by default the column's sum, which rule uitsplitsing-telt-op guarantees).
        `verschil`: the table also shows the change per category, which links the columns.
        The stock–flow identity (totaal = vorig totaal + instroom − uitstroom) only relates
        totals, which are all published, so it tells nothing more about the cells.
        """
        cellen: list[tuple[Cel, int]] = []
        vergelijkingen: list[Vergelijking] = []
        for kolom, waarden, gegeven in ((VORIG, vorig, vorig_totaal), (HUIDIG, huidig, totaal)):
            if waarden is None:
                continue
            kolomcellen = [(Cel(kolom, cat), n) for cat, n in waarden.items()]
            cellen += kolomcellen
            som = sum(waarden.values()) if gegeven is None else gegeven
            vergelijkingen.append(Vergelijking(tuple((c, 1) for c, _ in kolomcellen), som))
        if verschil and huidig is not None and vorig is not None:
            for cat in huidig:
                if cat in vorig:
                    termen = ((Cel(HUIDIG, cat), 1), (Cel(VORIG, cat), -1))
                    vergelijkingen.append(Vergelijking(termen, huidig[cat] - vorig[cat]))
        return cls(tuple(cellen), tuple(vergelijkingen))


@dataclass(frozen=True)
class Resultaat:
    """The suppression pattern of one table."""

    primair: frozenset[Cel]
    secundair: frozenset[Cel]
    # No safe pattern exists (some hidden cell stays recomputable whatever else is hidden):
    # withhold every cell of the table; the totals are published elsewhere anyway.
    geheel: bool

    @property
    def onderdrukt(self) -> frozenset[Cel]:
        return self.primair | self.secundair


GEEN = Resultaat(frozenset(), frozenset(), geheel=False)


def tabel_voor(
    huidig: Uitsplitsing | None,
    vorig: Uitsplitsing | None = None,
    *,
    totaal: int | None = None,
    vorig_totaal: int | None = None,
) -> Tabel | None:
    """The published table of a breakdown in a month file; None when no figures of it are shown.

    A redacted (`gelakt`) or unavailable column is not published, so it is not in the table.
    """
    nu = huidig if isinstance(huidig, dict) else None
    toen = vorig if isinstance(vorig, dict) else None
    if nu is None and toen is None:
        return None
    return Tabel.uitsplitsing(nu, toen, totaal=totaal, vorig_totaal=vorig_totaal)


def primair(tabel: Tabel, regel: Onderdrukking) -> frozenset[Cel]:
    """Cells the frequency rule marks as sensitive: 0 < n < drempel (n = 0 too if configured)."""
    if not regel.aan:
        return frozenset()
    ondergrens = 0 if regel.nul_onderdrukken else 1
    return frozenset(cel for cel, n in tabel.cellen if ondergrens <= n < regel.drempel)


def onderdruk(tabel: Tabel, regel: Onderdrukking, vooraf: Iterable[Cel] = ()) -> Resultaat:
    """Primary suppression, then secondary suppression until the audit finds every hidden cell safe.

    `vooraf`: cells that must be hidden anyway, e.g. last month's column as it was hidden in last
    month's public edition; ignored when the rule is off (`aan: false`: nothing is hidden).
    Deterministic: the same table and rule always give the same pattern.
    """
    if not regel.aan:
        return GEEN
    eerst = primair(tabel, regel)
    verplicht = frozenset(vooraf) - eerst
    _controleer_nullen(tabel, verplicht, regel)
    onderdrukt = set(eerst | verplicht)
    if not onderdrukt:
        return GEEN
    while True:
        _eenvoudige_heuristiek(tabel, regel, onderdrukt)
        intervallen = herleidbaar(tabel, onderdrukt, regel)
        geheel = False
        toegevoegd = False
        for cel, interval in intervallen.items():
            te_klein = cel in eerst and interval.hoog < regel.drempel
            if not (interval.punt or te_klein):
                continue
            extra = _kies(tabel, regel, onderdrukt, cel, nul_mag=interval.punt)
            if extra is None and interval.punt:
                extra = _kies(tabel, regel, onderdrukt, None, nul_mag=True)
            if extra is not None:
                onderdrukt.add(extra)
                toegevoegd = True
                break
            geheel = geheel or interval.punt
        if not toegevoegd:
            return Resultaat(eerst, frozenset(onderdrukt) - eerst, geheel=geheel)


def herleidbaar(
    tabel: Tabel, onderdrukt: Iterable[Cel], regel: Onderdrukking
) -> dict[Cel, Interval]:
    """The audit: for each hidden cell, the exact range of values consistent with the publication.

    Computed over non-negative integers (at least 1 when zeros are always shown), with every
    published equation; exact, by interval propagation and a bounded search (tables are small).
    """
    waarden = tabel.waarden
    gevraagd = set(onderdrukt)
    verborgen = [cel for cel, _ in tabel.cellen if cel in gevraagd]
    _controleer_nullen(tabel, frozenset(verborgen), regel)
    ondergrens = 0 if regel.nul_onderdrukken else 1
    stelsel = _stelsel(tabel, frozenset(verborgen))
    grenzen: _Grenzen = {}
    for cel in verborgen:
        hoog = min(
            vgl.waarde // a
            for vgl in tabel.vergelijkingen
            for c, a in vgl.termen
            if c == cel and _begrenst(vgl, cel)
        )
        grenzen[cel] = (ondergrens, hoog)
    basis = _propageer(stelsel, grenzen)
    if basis is None:  # cannot happen: Tabel checks that the true counts satisfy every equation
        raise AssertionError("de echte cijfers voldoen niet aan de vergelijkingen")
    uitkomst: dict[Cel, Interval] = {}
    for cel in verborgen:
        laag, hoog = basis[cel]
        echt = waarden[cel]
        laag = next(v for v in range(laag, echt + 1) if _haalbaar(stelsel, {**basis, cel: (v, v)}))
        hoog = next(
            v for v in range(hoog, echt - 1, -1) if _haalbaar(stelsel, {**basis, cel: (v, v)})
        )
        uitkomst[cel] = Interval(laag, hoog)
    return uitkomst


# --- secondary suppression ---------------------------------------------------------------------


def _eenvoudige_heuristiek(tabel: Tabel, regel: Onderdrukking, onderdrukt: set[Cel]) -> None:
    """sdcTable SIMPLEHEURISTIC-like: an equation with exactly one hidden cell gets a second."""
    gewijzigd = True
    while gewijzigd:
        gewijzigd = False
        for vgl in tabel.vergelijkingen:
            verborgen = [c for c in vgl.cellen if c in onderdrukt]
            if len(verborgen) != 1:
                continue
            extra = _kies(tabel, regel, onderdrukt, verborgen[0], nul_mag=True, binnen=vgl)
            if extra is not None:
                onderdrukt.add(extra)
                gewijzigd = True


def _kies(
    tabel: Tabel,
    regel: Onderdrukking,
    onderdrukt: set[Cel],
    naast: Cel | None,
    *,
    nul_mag: bool,
    binnen: Vergelijking | None = None,
) -> Cel | None:
    """The complementary cell: the smallest shown non-zero count in an equation with `naast`.

    A zero is chosen only if zeros are sensitive (otherwise zeros are always shown), only when
    `nul_mag`, and only if no non-zero cell is available: a hidden zero beside a known total is
    easily bounded (sdcTools #194). `naast=None`: any equation that holds a hidden cell.
    Ties go to the first cell in table order.
    """
    if binnen is not None:
        vergelijkingen: Iterable[Vergelijking] = (binnen,)
    elif naast is not None:
        vergelijkingen = (v for v in tabel.vergelijkingen if naast in v.cellen)
    else:
        vergelijkingen = (v for v in tabel.vergelijkingen if onderdrukt & set(v.cellen))
    kandidaten = {c for v in vergelijkingen for c in v.cellen} - onderdrukt
    volgorde = {cel: i for i, (cel, _) in enumerate(tabel.cellen)}
    waarden = tabel.waarden
    niet_nul = [c for c in kandidaten if waarden[c] > 0]
    if not niet_nul:
        if not (nul_mag and regel.nul_onderdrukken):
            return None
        niet_nul = list(kandidaten)
    return min(niet_nul, key=lambda c: (waarden[c], volgorde[c]), default=None)


def _controleer_nullen(tabel: Tabel, cellen: frozenset[Cel], regel: Onderdrukking) -> None:
    if regel.nul_onderdrukken:
        return
    waarden = tabel.waarden
    if any(waarden[c] == 0 for c in cellen):
        raise ValueError("een 0 wordt nooit onderdrukt als nullen niet gevoelig zijn")


def _begrenst(vgl: Vergelijking, cel: Cel) -> bool:
    """The equation is a sum with `cel` in it: it bounds `cel` from above."""
    return all(a >= 0 for _, a in vgl.termen) and any(c == cel and a > 0 for c, a in vgl.termen)


# --- the exact audit ---------------------------------------------------------------------------

_Grenzen = dict[Cel, tuple[int, int]]
_Stelsel = list[tuple[tuple[tuple[Cel, int], ...], int]]


def _stelsel(tabel: Tabel, verborgen: frozenset[Cel]) -> _Stelsel:
    """The equations over the hidden cells, with the shown cells filled in."""
    waarden = tabel.waarden
    stelsel: _Stelsel = []
    for vgl in tabel.vergelijkingen:
        termen = tuple((c, a) for c, a in vgl.termen if c in verborgen)
        rest = vgl.waarde - sum(a * waarden[c] for c, a in vgl.termen if c not in verborgen)
        if termen:
            stelsel.append((termen, rest))
    return stelsel


def _propageer(stelsel: _Stelsel, grenzen: _Grenzen) -> _Grenzen | None:
    """Tighten the bounds until nothing changes (bounds consistency); None if infeasible."""
    grenzen = dict(grenzen)
    gewijzigd = True
    while gewijzigd:
        gewijzigd = False
        for termen, waarde in stelsel:
            for i, (cel, a) in enumerate(termen):
                anderen = [t for j, t in enumerate(termen) if j != i]
                rest_laag = sum(min(b * grenzen[c][0], b * grenzen[c][1]) for c, b in anderen)
                rest_hoog = sum(max(b * grenzen[c][0], b * grenzen[c][1]) for c, b in anderen)
                van, tot = waarde - rest_hoog, waarde - rest_laag  # a·cel lies in [van, tot]
                if a < 0:
                    van, tot, a = -tot, -van, -a
                laag, hoog = grenzen[cel]
                nieuw = (max(laag, -(-van // a)), min(hoog, tot // a))
                if nieuw[0] > nieuw[1]:
                    return None
                if nieuw != (laag, hoog):
                    grenzen[cel] = nieuw
                    gewijzigd = True
    return grenzen


def _haalbaar(stelsel: _Stelsel, grenzen: _Grenzen) -> bool:
    """Is there an integer solution within the bounds? Depth-first, smallest domain first."""
    begrensd = _propageer(stelsel, grenzen)
    if begrensd is None:
        return False
    open_ = [c for c, (laag, hoog) in begrensd.items() if laag < hoog]
    if not open_:
        return True
    cel = min(open_, key=lambda c: begrensd[c][1] - begrensd[c][0])
    laag, hoog = begrensd[cel]
    return any(_haalbaar(stelsel, {**begrensd, cel: (v, v)}) for v in range(laag, hoog + 1))
