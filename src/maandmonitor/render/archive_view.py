"""The archive page (`index.html` of each edition's root): every month and year with a link and
its status, and the core figures across all years as tables of year totals and charts.

Built from the same year figures as the year views (`jaarcijfers`, per edition: the public one
from the months' public form only, with nothing of a breakdown whose small counts are
suppressed), so the page never shows a figure that a month's public report or year view hides.
Like the year view it holds figures and dates only, never text from the month files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..model import Programma
from ..months import maandnaam
from ..options import Editie
from .charts import tekstbreedte
from .env import macro, make_env, render
from .jaarcijfers import Jaarcijfers, JaarMaand
from .tijdgrafiek import Lijn, Tijdgrafiek, toelichting


@dataclass(frozen=True)
class ArchiefMaand:
    """A month of the archive as the page lists it."""

    maand: str
    controles: str  # "in orde (38/40 controles geslaagd)"
    vastgesteld_op: dt.date | None  # None: a concept
    door: str  # who signed it off: the internal edition's only ("" in the public one)


@dataclass(frozen=True)
class Jaartotaal:
    """A year in one row: its months with figures, the stand at its last, the flows summed."""

    jaar: str
    bestanden: int
    met_cijfers: int
    stand: JaarMaand | None  # the last month with a totaal
    instroom: int | None
    uitstroom: int | None
    meldingen: int | None


def _som(rijen: Sequence[JaarMaand], veld: str) -> int | None:
    waarden = [getattr(r, veld) for r in rijen if getattr(r, veld) is not None]
    return sum(waarden) if waarden else None


def _jaartotaal(cijfers: Jaarcijfers) -> Jaartotaal:
    met = [r for r in cijfers.rijen if r.totaal is not None]
    return Jaartotaal(
        cijfers.jaar,
        cijfers.aanwezig,
        len(met),
        met[-1] if met else None,
        _som(cijfers.rijen, "instroom"),
        _som(cijfers.rijen, "uitstroom"),
        _som(cijfers.rijen, "meldingen"),
    )


@dataclass(frozen=True)
class Jaarstand:
    """A breakdown at the end of a year: its last month with figures."""

    jaar: str
    maand: str | None
    waarden: tuple[int | None, ...]


def _jaarstanden(jaren: Sequence[Jaarcijfers], index: int) -> list[Jaarstand]:
    standen = []
    for cijfers in jaren:
        rijen = [
            r for r in cijfers.uitsplitsingen[index].rijen if any(w is not None for w in r.waarden)
        ]
        laatste = rijen[-1] if rijen else None
        leeg = (None,) * len(cijfers.uitsplitsingen[index].definitie.categorieen)
        standen.append(
            Jaarstand(
                cijfers.jaar,
                laatste.maand if laatste else None,
                laatste.waarden if laatste else leeg,
            )
        )
    return standen


def _grafieken(programma: Programma, jaren: Sequence[Jaarcijfers]) -> list[Tijdgrafiek]:
    """Across all years: the persons in the approach and every breakdown per month (from the
    first month with a figure to the last), inflow, outflow and meldingen per year."""
    alle = [r for j in jaren for r in j.rijen]
    met = [i for i, r in enumerate(alle) if r.totaal is not None]
    begin, eind = (met[0], met[-1] + 1) if met else (0, 0)
    rijen = alle[begin:eind]
    namen = tuple(maandnaam(r.maand, jaar=True) for r in rijen)
    stap = max(3, min(24, 640 // max(1, len(rijen))))
    labels = _jaarlabels([r.maand for r in rijen], stap)
    later = frozenset(i for i, r in enumerate(rijen) if r.later)
    kleur = programma.huisstijl.kleur
    titels = programma.bewoording.grafieken
    kolommen = programma.bewoording.kolommen

    def per_maand(
        id: str, titel: str, reeksen: tuple[Lijn, ...], open_: frozenset[int]
    ) -> Tijdgrafiek:
        return Tijdgrafiek(
            id, titel, "lijn", namen, labels, reeksen, kleur, open_, stap,
            toelichting("lijn", namen, reeksen, open_),
        )  # fmt: skip

    def lijn(naam: str, veld: str) -> Lijn:
        return Lijn(naam, tuple(getattr(r, veld) for r in rijen))

    totalen = [_jaartotaal(j) for j in jaren]
    jaarnamen = tuple(t.jaar for t in totalen)

    def per_jaar(id: str, titel: str, reeksen: tuple[Lijn, ...]) -> Tijdgrafiek:
        return Tijdgrafiek(
            id, titel, "staaf", jaarnamen, tuple(enumerate(jaarnamen)), reeksen, kleur,
            stap=max(48, min(120, 480 // max(1, len(jaarnamen)))),
            toelichting=toelichting("staaf", jaarnamen, reeksen, ()),
        )  # fmt: skip

    grafieken = [
        per_maand(
            "archief-regie",
            titels.personen_in_regie,
            (lijn(kolommen.totaal, "totaal"), lijn(kolommen.on_hold, "on_hold")),
            later,
        ),
        per_jaar(
            "archief-stroom",
            titels.stroom_per_jaar,
            (
                Lijn(kolommen.instroom, tuple(t.instroom for t in totalen)),
                Lijn(kolommen.uitstroom, tuple(t.uitstroom for t in totalen)),
            ),
        ),
        per_jaar(
            "archief-meldingen",
            titels.meldingen_per_jaar,
            (Lijn(kolommen.meldingen, tuple(t.meldingen for t in totalen)),),
        ),
    ]
    for index, definitie in enumerate(programma.uitsplitsingen):
        if definitie.grafiek.jaar == "geen":
            continue
        u = [r for j in jaren for r in j.uitsplitsingen[index].rijen][begin:eind]
        reeksen = tuple(
            Lijn(
                f"{i + 1}. {c.label}" if definitie.genummerd else c.label,
                tuple(r.waarden[i] for r in u),
            )
            for i, c in enumerate(definitie.categorieen)
        )
        open_ = frozenset(i for i, r in enumerate(u) if r.later)
        grafieken.append(
            per_maand(f"archief-{definitie.id}", f"{definitie.titel} per maand", reeksen, open_)
        )
    return [g for g in grafieken if g.heeft_cijfers]


def _jaarlabels(maanden: Sequence[str], stap: int) -> tuple[tuple[int, str], ...]:
    """The year under its first month on the axis; every n-th year where they would touch."""
    eerste = [(i, m[:4]) for i, m in enumerate(maanden) if i == 0 or m.endswith("-01")]
    ruimte = tekstbreedte("0000", Tijdgrafiek.GROOTTE) + 8
    elke = max(1, -(-ruimte // (12 * stap)))
    return tuple(label for n, label in enumerate(eerste) if n % elke == 0)


def render_archive(
    programma: Programma,
    maanden: Mapping[Editie, Sequence[ArchiefMaand]],
    jaren: Mapping[Editie, Sequence[Jaarcijfers]],
    *,
    templates: Path | None = None,
) -> dict[Editie, str]:
    """The archive page of each edition in `maanden` (its every month, in order), in memory.
    `jaren`: per edition every year's figures (none where the programme has no figures)."""
    env = make_env(programma, templates)
    teken = macro(env, "jaargrafiek.html.j2", "jaargrafiek")
    result: dict[Editie, str] = {}
    for editie, lijst in maanden.items():
        per_jaar = jaren.get(editie, [])
        context: dict[str, Any] = {
            "programma": programma,
            "editie": editie,
            "maanden": lijst,
            "jaren": [_jaartotaal(j) for j in per_jaar],
            "uitsplitsingen": [
                (definitie, _jaarstanden(per_jaar, i))
                for i, definitie in enumerate(programma.uitsplitsingen)
                if per_jaar
            ],
            "grafieken": [Markup(teken(g)) for g in _grafieken(programma, per_jaar)],
        }
        result[editie] = render(env, "archief.html.j2", context)
    return result
