"""Small-cell suppression: hand-worked tables, random tables, the reference month."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maandmonitor.model import Onderdrukking
from maandmonitor.publish.suppress import (
    GEEN,
    HUIDIG,
    VORIG,
    Cel,
    Interval,
    Resultaat,
    Tabel,
    Vergelijking,
    herleidbaar,
    onderdruk,
    primair,
    tabel_voor,
)
from maandmonitor.workspace import Werkmap

DATA = Path(__file__).resolve().parent.parent / "data"
REGEL = Onderdrukking(aan=True, drempel=3)
MET_NULLEN = Onderdrukking(aan=True, drempel=3, nul_onderdrukken=True)


def nu(*categorieen: str) -> frozenset[Cel]:
    return frozenset(Cel(HUIDIG, c) for c in categorieen)


# --- hand-worked examples ----------------------------------------------------------------------


def test_one_small_cell_gets_a_complement_the_smallest_other_count() -> None:
    tabel = Tabel.uitsplitsing({"a": 2, "b": 10, "c": 20})  # total 32 is published
    # a alone could be recomputed: 32 - 10 - 20 = 2. b is the smallest shown non-zero count.
    assert onderdruk(tabel, REGEL) == Resultaat(nu("a"), nu("b"), geheel=False)
    # a + b = 12, both at least 1 (zeros are always shown, so a hidden cell is not empty)
    assert herleidbaar(tabel, nu("a", "b"), REGEL) == {
        Cel(HUIDIG, "a"): Interval(1, 11),
        Cel(HUIDIG, "b"): Interval(1, 11),
    }


def test_a_single_suppression_is_recomputable_from_the_total() -> None:
    tabel = Tabel.uitsplitsing({"a": 2, "b": 10, "c": 20})
    assert herleidbaar(tabel, nu("a"), REGEL) == {Cel(HUIDIG, "a"): Interval(2, 2)}


def test_nothing_below_the_threshold_nothing_suppressed() -> None:
    assert onderdruk(Tabel.uitsplitsing({"vrouw": 10, "man": 45}), REGEL) == GEEN


def test_rule_off_suppresses_nothing() -> None:
    tabel = Tabel.uitsplitsing({"a": 1, "b": 2, "c": 20})
    assert onderdruk(tabel, Onderdrukking(aan=False, drempel=3)) == GEEN
    assert primair(tabel, Onderdrukking(aan=False)) == frozenset()


def test_zeros_are_not_sensitive_by_default() -> None:
    regel = Onderdrukking(aan=True)
    assert (regel.drempel, regel.nul_onderdrukken) == (3, False)
    assert onderdruk(Tabel.uitsplitsing({"a": 0, "b": 10, "c": 20}), regel) == GEEN


def test_zeros_are_never_the_complement_when_zeros_are_shown() -> None:
    # Hiding a zero beside its total tells nothing: 2 + x = 2 gives x = 0 (sdcTools #194).
    tabel = Tabel.uitsplitsing({"a": 2, "b": 0, "c": 0, "d": 40})
    assert onderdruk(tabel, REGEL) == Resultaat(nu("a"), nu("d"), geheel=False)


def test_only_zeros_beside_the_small_cell_withholds_the_whole_table() -> None:
    # 2 of 2 persons are in category a: every pattern of cells leaves a recomputable.
    tabel = Tabel.uitsplitsing({"a": 2, "b": 0, "c": 0})
    assert onderdruk(tabel, REGEL) == Resultaat(nu("a"), frozenset(), geheel=True)


def test_a_single_category_withholds_the_whole_table() -> None:
    assert onderdruk(Tabel.uitsplitsing({"a": 1}), REGEL).geheel


def test_two_ones_beside_a_shown_total_are_not_enough() -> None:
    # sdcTools #194, example 3: 15 = 10 + 3 + x + y with x, y >= 1 gives x = y = 1.
    tabel = Tabel.uitsplitsing({"a": 10, "b": 3, "c": 1, "d": 1})
    assert herleidbaar(tabel, nu("c", "d"), REGEL)[Cel(HUIDIG, "c")] == Interval(1, 1)
    resultaat = onderdruk(tabel, REGEL)
    assert resultaat == Resultaat(nu("c", "d"), nu("b"), geheel=False)
    assert herleidbaar(tabel, resultaat.onderdrukt, REGEL)[Cel(HUIDIG, "c")] == Interval(1, 3)


def test_sensitive_zeros_get_a_non_zero_complement() -> None:
    # sdcTools #194, example 2: hiding 0 beside 0 (15 = 10 + 5 + x + y) gives x = y = 0.
    tabel = Tabel.uitsplitsing({"a": 10, "b": 5, "c": 0, "d": 0})
    assert herleidbaar(tabel, nu("c", "d"), MET_NULLEN)[Cel(HUIDIG, "c")] == Interval(0, 0)
    assert onderdruk(tabel, MET_NULLEN) == Resultaat(nu("c", "d"), nu("b"), geheel=False)


def test_sensitive_zeros_where_the_total_is_small() -> None:
    # Everything is below the threshold and hidden; the total (2) is published anyway.
    tabel = Tabel.uitsplitsing({"a": 2, "b": 0, "c": 0})
    resultaat = onderdruk(tabel, MET_NULLEN)
    assert resultaat == Resultaat(nu("a", "b", "c"), frozenset(), geheel=False)
    assert set(herleidbaar(tabel, resultaat.onderdrukt, MET_NULLEN).values()) == {Interval(0, 2)}


def test_two_month_columns_are_protected_each_against_its_own_total() -> None:
    tabel = Tabel.uitsplitsing({"a": 2, "b": 10, "c": 20}, {"a": 10, "b": 1, "c": 20})
    resultaat = onderdruk(tabel, REGEL)
    assert resultaat.primair == {Cel(HUIDIG, "a"), Cel(VORIG, "b")}
    assert resultaat.secundair == {Cel(HUIDIG, "b"), Cel(VORIG, "a")}
    assert not any(i.punt for i in herleidbaar(tabel, resultaat.onderdrukt, REGEL).values())


def test_a_shown_change_per_category_links_the_columns() -> None:
    # With the change shown, a hidden current cell beside a shown previous cell is recomputable.
    huidig, vorig = {"a": 2, "b": 10, "c": 20}, {"a": 4, "b": 9, "c": 20}
    tabel = Tabel.uitsplitsing(huidig, vorig, verschil=True)
    assert Vergelijking(((Cel(HUIDIG, "a"), 1), (Cel(VORIG, "a"), -1)), -2) in tabel.vergelijkingen
    assert herleidbaar(tabel, nu("a", "b"), REGEL)[Cel(HUIDIG, "a")].punt
    resultaat = onderdruk(tabel, REGEL)
    assert resultaat.onderdrukt == nu("a", "b") | {Cel(VORIG, "a"), Cel(VORIG, "b")}
    intervallen = herleidbaar(tabel, resultaat.onderdrukt, REGEL)
    assert intervallen[Cel(HUIDIG, "a")] == Interval(1, 10)


def test_cells_hidden_earlier_stay_hidden() -> None:
    tabel = Tabel.uitsplitsing({"a": 5, "b": 10, "c": 20}, {"a": 1, "b": 10, "c": 20})
    resultaat = onderdruk(tabel, REGEL, vooraf={Cel(VORIG, "b")})
    assert resultaat.onderdrukt == {Cel(VORIG, "a"), Cel(VORIG, "b")}


def test_the_audit_refuses_a_hidden_zero_when_zeros_are_shown() -> None:
    tabel = Tabel.uitsplitsing({"a": 2, "b": 0, "c": 9})
    with pytest.raises(ValueError, match="een 0 wordt nooit onderdrukt"):
        herleidbaar(tabel, nu("a", "b"), REGEL)


def test_a_table_must_agree_with_its_totals() -> None:
    with pytest.raises(ValueError, match="gepubliceerd totaal"):
        Tabel.uitsplitsing({"a": 2, "b": 10}, totaal=13)
    with pytest.raises(ValueError, match="in geen som"):
        Tabel(((Cel(HUIDIG, "a"), 2),), ())


def test_the_reference_month_is_unchanged() -> None:
    werkmap = Werkmap.open(DATA)
    programma = werkmap.programma
    risico = werkmap.laad("2018-06").maand.inzet_op_risicos
    vorig = risico.vorige_maand
    assert vorig is not None and vorig.personen_in_regie is not None
    gezien = []
    for definitie in programma.uitsplitsingen:
        tabel = tabel_voor(
            risico.subjecten.get(definitie.id),
            vorig.subjecten.get(definitie.id),
            totaal=risico.personen_in_regie.totaal,
            vorig_totaal=vorig.personen_in_regie.totaal,
        )
        if tabel is not None:
            gezien.append(definitie.id)
            assert onderdruk(tabel, definitie.onderdrukking) == GEEN
    # leeftijd is redacted as a whole, stadsdeel is not available: neither is a published table
    assert gezien == ["gender", "risicocategorie"]


# --- properties --------------------------------------------------------------------------------

aantallen = st.lists(st.integers(0, 30), min_size=2, max_size=8)
regels = st.builds(
    Onderdrukking, aan=st.just(True), drempel=st.integers(1, 5), nul_onderdrukken=st.booleans()
)


@st.composite
def tabellen(draw: st.DrawFn, aantal: st.SearchStrategy[list[int]] = aantallen) -> Tabel:
    huidig = draw(aantal)
    categorieen = [f"c{i}" for i in range(len(huidig))]
    vorig = None
    if draw(st.booleans()):
        vorig = dict(
            zip(
                categorieen,
                draw(st.lists(st.integers(0, 30), min_size=len(huidig), max_size=len(huidig))),
                strict=True,
            )
        )
    return Tabel.uitsplitsing(
        dict(zip(categorieen, huidig, strict=True)), vorig, verschil=draw(st.booleans())
    )


def toegestaan(tabel: Tabel, regel: Onderdrukking) -> frozenset[Cel]:
    """Every cell the rule allows to hide: all of them, or all non-zero ones."""
    return frozenset(c for c, n in tabel.cellen if n > 0 or regel.nul_onderdrukken)


@settings(max_examples=300, deadline=None)
@given(tabellen(), regels)
def test_every_suppressed_cell_lies_in_an_interval(tabel: Tabel, regel: Onderdrukking) -> None:
    resultaat = onderdruk(tabel, regel)
    waarden = tabel.waarden
    ondergrens = 0 if regel.nul_onderdrukken else 1
    assert resultaat.primair == {c for c, n in tabel.cellen if ondergrens <= n < regel.drempel}
    assert resultaat.onderdrukt <= toegestaan(tabel, regel)  # a shown zero stays shown
    intervallen = herleidbaar(tabel, resultaat.onderdrukt, regel)
    assert all(i.laag <= waarden[c] <= i.hoog for c, i in intervallen.items())
    if resultaat.geheel:
        # withholding the table was unavoidable: even hiding every allowed cell leaves a point
        alles = herleidbaar(tabel, toegestaan(tabel, regel), regel)
        assert any(i.punt for i in alles.values())
    else:
        assert not any(i.punt for i in intervallen.values())
    for cel in resultaat.primair:
        if intervallen[cel].hoog < regel.drempel:
            # not shown to be small only because nothing non-zero beside it is left to hide
            naast = {c for v in tabel.vergelijkingen if cel in v.cellen for c in v.cellen}
            assert all(c in resultaat.onderdrukt for c in naast if waarden[c] > 0)


@settings(max_examples=300, deadline=None)
@given(tabellen(st.lists(st.integers(0, 3), min_size=2, max_size=3)), regels, st.data())
def test_the_audit_is_exact(tabel: Tabel, regel: Onderdrukking, data: st.DataObject) -> None:
    kandidaten = sorted(toegestaan(tabel, regel))
    verborgen = data.draw(
        st.sets(st.sampled_from(kandidaten), max_size=4) if kandidaten else st.just(set())
    )
    ondergrens = 0 if regel.nul_onderdrukken else 1
    volgorde = sorted(verborgen)
    sommen = [v for v in tabel.vergelijkingen if all(a == 1 for _, a in v.termen)]
    kolomtotaal = {v.termen[0][0].kolom: v.waarde for v in sommen}
    bereik = [range(ondergrens, kolomtotaal[c.kolom] + 1) for c in volgorde]
    gezien: dict[Cel, set[int]] = {c: set() for c in volgorde}
    vast = tabel.waarden
    for keuze in itertools.product(*bereik):
        waarden = vast | dict(zip(volgorde, keuze, strict=True))
        if all(sum(a * waarden[c] for c, a in v.termen) == v.waarde for v in tabel.vergelijkingen):
            for cel, n in zip(volgorde, keuze, strict=True):
                gezien[cel].add(n)
    verwacht = {c: Interval(min(s), max(s)) for c, s in gezien.items()}
    assert herleidbaar(tabel, verborgen, regel) == verwacht
