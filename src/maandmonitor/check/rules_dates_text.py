"""The rules on dates and on text: the month's meetings and peildatum and its vaststelling, and
text that holds what belongs in the figures (a percentage) or nowhere (personal data).

Registered after the rules on figures (rules.py), so the report lists them in this order.
"""

from __future__ import annotations

import re

from ..model import iter_teksten
from ..months import laatste_dag, maand_terug
from .persoonsgegevens import SOORTEN, zoek
from .toets import INZET, Context, Toets, controle


@controle("overleg-in-maand", "de overleggen vallen in de verslagmaand", cijfers=True)
def overleg_in_maand(ctx: Context, t: Toets) -> None:
    einde = laatste_dag(ctx.maand.maand)
    begin = einde.replace(day=1)
    for index, overleg in enumerate(ctx.maand.inzet.overleggen):
        t.controleer(
            begin <= overleg.datum <= einde,
            ctx.doc,
            (*INZET, "overleggen", index, "datum"),
            f"verwacht een datum van {begin} tot en met {einde}, gevonden {overleg.datum}",
        )
    if not ctx.maand.inzet.overleggen:
        t.sla_over("geen overleggen in dit bestand")


@controle("peildatum-na-maand", "de peildatum ligt na het einde van de verslagmaand")
def peildatum_na_maand(ctx: Context, t: Toets) -> None:
    einde = laatste_dag(ctx.maand.maand)
    if maand_terug(ctx.maand.maand, -1) is None:
        t.sla_over(f"er is geen datum na {einde}")
        return
    gevonden = ctx.maand.peildatum
    melding = f"verwacht een datum na {einde} (einde van de verslagmaand), gevonden {gevonden}"
    t.controleer(gevonden > einde, ctx.doc, ("peildatum",), melding)


@controle(
    "peildatum-tijdig",
    "de peildatum ligt niet meer dan een maand na de verslagmaand",
    "waarschuwing",
)
def peildatum_tijdig(ctx: Context, t: Toets) -> None:
    volgende = maand_terug(ctx.maand.maand, -1)
    if volgende is None:
        t.sla_over(f"er is geen maand na {ctx.maand.maand}")
        return
    uiterlijk = laatste_dag(volgende)
    gevonden = ctx.maand.peildatum
    melding = f"verwacht uiterlijk {uiterlijk} (einde van de maand erna), gevonden {gevonden}"
    t.controleer(gevonden <= uiterlijk, ctx.doc, ("peildatum",), melding)


@controle(
    "vaststelling-na-peildatum",
    "de maand is vastgesteld op of na de peildatum, dus na het einde van de verslagmaand",
)
def vaststelling_na_peildatum(ctx: Context, t: Toets) -> None:
    if ctx.maand.status is None:
        t.sla_over("geen status (concept)")
        return
    gevonden, peildatum = ctx.maand.status.vastgesteld_op, ctx.maand.peildatum
    einde = laatste_dag(ctx.maand.maand)
    pad = ("status", "vastgesteld_op")
    if peildatum > einde:  # where the peildatum stands is asked only when the check fails
        t.controleer(gevonden >= peildatum, ctx.doc, pad, lambda: _na_peildatum(ctx))
    else:  # the peildatum itself is wrong (peildatum-na-maand says so): at least after the month
        melding = f"verwacht een datum na {einde} (einde van de verslagmaand), gevonden {gevonden}"
        t.controleer(gevonden > einde, ctx.doc, pad, melding)


def _na_peildatum(ctx: Context) -> str:
    assert ctx.maand.status is not None
    peildatum, regel = ctx.maand.peildatum, ctx.doc.position(("peildatum",))[0]
    gevonden = ctx.maand.status.vastgesteld_op
    return f"verwacht de peildatum ({peildatum}, regel {regel}) of later, gevonden {gevonden}"


_PERCENTAGE = re.compile(r"[0-9]+(?:[.,][0-9]+)?\s?%")


@controle(
    "geen-getypt-percentage",
    "geen percentages in de tekst: de rapportage rekent ze uit de cijfers",
    "waarschuwing",
)
def geen_getypt_percentage(ctx: Context, t: Toets) -> None:
    if "%" not in ctx.doc.text:  # the common case: no need to walk every text
        t.geslaagd += 1
        return
    for pad, tekst in iter_teksten(ctx.maand):
        for deel in tekst.delen:
            if isinstance(deel, str) and (match := _PERCENTAGE.search(deel)):
                t.controleer(
                    False,
                    ctx.doc,
                    pad,
                    f"getypt percentage '{match.group()}': verwacht geen, "
                    "de rapportage berekent percentages uit de cijfers",
                )
    if not t.problems:
        t.geslaagd += 1


@controle(
    "persoonsgegevens",
    "geen ongemarkeerde persoonsgegevens met een herkenbare vorm (BSN, e-mail, telefoon, …)",
)
def persoonsgegevens(ctx: Context, t: Toets) -> None:
    werkmap = ctx.archief.werkmap
    regels = ctx.programma.persoonsgegevens
    gezien = set()
    for vondst in zoek(ctx.doc.data, regels.toegestaan, werkmap.gevoelige_termen):
        if (vondst.pad, vondst.soort, vondst.term) in gezien:
            continue
        gezien.add((vondst.pad, vondst.soort, vondst.term))
        if vondst.soort == "term":
            bestand = werkmap.termen_pad.name
            melding = (
                f"een gevoelige term ({bestand}, regel {vondst.term}) staat ongemarkeerd in de "
                "tekst: lak hem met een lakmarkering, [[grond: …]]"
            )
        else:
            melding = (
                f"mogelijk een persoonsgegeven ({SOORTEN[vondst.soort]}) ongemarkeerd in de tekst: "
                "lak het met een lakmarkering, [[grond: …]], of sta het toe in monitor.yaml "
                "(persoonsgegevens.toegestaan)"
            )
        t.controleer(False, ctx.doc, vondst.pad, melding)
    if not gezien:
        t.geslaagd += 1
