"""The rules (controles): every stated figure checked against its parts, the others and the
months before.

Which breakdowns must sum to the total is programme configuration (`uitsplitsingen` in
monitor.yaml), not code. Counts ≥ 0 are enforced by the model (`Aantal`), so no rule repeats that.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ..load.document import Document
from ..model import Gelakt, NietBeschikbaar, Pad, PersonenInRegie, Uitsplitsing
from ..months import maand_terug
from .toets import INZET, PIR, VORIG, Cijfer, Context, Getuige, Toets, controle


def _bron(sjabloon: str, cijfer: Cijfer, hier: Document) -> str:
    """`sjabloon` with where `cijfer` stands (seen from `hier`): made only for a message."""
    return sjabloon.format(cijfer.bron(hier))


def _lines(sjabloon: str, doc: Document, pad: Pad) -> str:
    """`sjabloon` with the lines the value at `pad` spans: made only for a message."""
    return sjabloon.format(doc.lines(pad))


def _totaal(ctx: Context) -> Cijfer:
    return Cijfer(ctx.maand.inzet.personen_in_regie.totaal, ctx.doc, (*PIR, "totaal"))


def _vorig_totaal(ctx: Context, n: int) -> Cijfer | str:
    """The totaal of `n` months back, from that month's file."""
    bestand = ctx.eerder(n)
    if isinstance(bestand, str):
        maand = maand_terug(ctx.maand.maand, n)
        return f"totaal van {maand} onbekend: {bestand}" if maand else bestand
    return _totaal(Context(ctx.programma, bestand, ctx.archief))


def _stroom(t: Toets, ctx: Context, pad: Pad, pir: PersonenInRegie, vorig: Cijfer) -> None:
    stroom = vorig.waarde + pir.instroom - pir.uitstroom
    t.gelijk(
        ctx.doc,
        (*pad, "totaal"),
        stroom,
        lambda: (
            f"= {vorig.waarde} (vorig totaal, {vorig.bron(ctx.doc)}) + {pir.instroom} "
            f"instroom − {pir.uitstroom} uitstroom"
        ),
        pir.totaal,
        getuige=Getuige(
            Cijfer(pir.totaal, ctx.doc, (*pad, "totaal")), "instroom/uitstroom", stroom
        ),
    )


@controle(
    "voorraad-stroom",
    "totaal = totaal vorige maand + instroom − uitstroom (ook vorige maand)",
    cijfers=True,
)
def voorraad_stroom(ctx: Context, t: Toets) -> None:
    inzet = ctx.maand.inzet
    eigen = inzet.vorige_maand.personen_in_regie if inzet.vorige_maand else None
    vorig = _vorig_totaal(ctx, 1)
    if isinstance(vorig, str) and eigen:
        vorig = Cijfer(eigen.totaal, ctx.doc, (*VORIG, "personen_in_regie", "totaal"))
    if isinstance(vorig, str):
        t.sla_over(f"personen_in_regie: {vorig}")
    else:
        _stroom(t, ctx, PIR, inzet.personen_in_regie, vorig)
    if eigen is None:
        t.sla_over("vorige_maand: staat niet in dit bestand")
        return
    voorvorig = _vorig_totaal(ctx, 2)
    if isinstance(voorvorig, str):
        t.sla_over(f"vorige_maand: {voorvorig}")
    else:
        _stroom(t, ctx, (*VORIG, "personen_in_regie"), eigen, voorvorig)


@controle(
    "uitstroom-lijst", "de lijst uitgestroomd heeft evenveel regels als uitstroom", cijfers=True
)
def uitstroom_lijst(ctx: Context, t: Toets) -> None:
    inzet = ctx.maand.inzet
    uitstroom = Cijfer(inzet.personen_in_regie.uitstroom, ctx.doc, (*PIR, "uitstroom"))
    pad = (*INZET, "uitgestroomd") if inzet.uitgestroomd else uitstroom.pad
    t.gelijk(
        ctx.doc,
        pad,
        uitstroom.waarde,
        lambda: (
            f"{'regel' if uitstroom.waarde == 1 else 'regels'} "
            f"(uitstroom, {uitstroom.bron(ctx.doc)})"
        ),
        len(inzet.uitgestroomd),
        "regel" if len(inzet.uitgestroomd) == 1 else "regels",
    )


@controle(
    "meldingen-aantal", "een genoemd aantal meldingen is gelijk aan het aantal items", cijfers=True
)
def meldingen_aantal(ctx: Context, t: Toets) -> None:
    zonder = []
    for index, maand in enumerate(ctx.maand.inzet.meldingen):
        pad = (*INZET, "meldingen", index)
        if maand.aantal is None:
            zonder.append(maand.maand)
            continue
        uitleg = functools.partial(_lines, "(het aantal items, {})", ctx.doc, (*pad, "items"))
        t.gelijk(ctx.doc, (*pad, "aantal"), len(maand.items), uitleg, maand.aantal)
    if zonder:
        t.sla_over(f"geen aantal genoemd bij {', '.join(zonder)}")


@controle(
    "meldingen-maanden",
    "meldingen per maand van dit jaar, op volgorde, tot en met deze maand",
    cijfers=True,
)
def meldingen_maanden(ctx: Context, t: Toets) -> None:
    maand = ctx.maand.maand
    vorige = ""  # the latest month so far ("" is before every month)
    if not ctx.maand.inzet.meldingen:
        t.sla_over("geen meldingen in dit bestand")
    for index, melding in enumerate(ctx.maand.inzet.meldingen):
        na = f"na {vorige}" if vorige else f"vanaf {maand[:4]}-01"
        t.controleer(
            melding.maand[:4] == maand[:4] and vorige < melding.maand <= maand,
            ctx.doc,
            (*INZET, "meldingen", index, "maand"),
            f"verwacht een maand {na} en uiterlijk {maand}, gevonden {melding.maand}",
        )
        vorige = max(vorige, melding.maand)


@controle(
    "meldingen-eerdere-maanden",
    "meldingen per maand gelijk aan het bestand van vorige maand",
    cijfers=True,
)
def meldingen_eerdere_maanden(ctx: Context, t: Toets) -> None:
    vorige = ctx.eerder(1)
    if isinstance(vorige, str):
        t.sla_over(vorige)
        return
    if vorige.maand.maand[:4] != ctx.maand.maand[:4]:
        t.sla_over("eerste maand van het jaar")
        return
    hier = {m.maand: (i, len(m.items)) for i, m in enumerate(ctx.maand.inzet.meldingen)}
    for index, melding in enumerate(vorige.maand.inzet.meldingen):
        daar = Cijfer(len(melding.items), vorige.doc, (*INZET, "meldingen", index, "items"))
        uitleg = functools.partial(_bron, f"meldingen in {melding.maand} ({{}})", daar, ctx.doc)
        if melding.maand not in hier:
            t.controleer(
                False,
                ctx.doc,
                (*INZET, "meldingen"),
                f"verwacht {daar.waarde} {uitleg()}, ontbreekt",
            )
            continue
        i, aantal = hier[melding.maand]
        t.gelijk(ctx.doc, (*INZET, "meldingen", i, "items"), daar.waarde, uitleg, aantal)


@controle(
    "casussen-totaal", "de casussen van de regiepartijen tellen op tot het totaal", cijfers=True
)
def casussen_totaal(ctx: Context, t: Toets) -> None:
    pad = (*INZET, "regiepartijen")
    totaal = _totaal(ctx)
    som = sum(p.casussen or 0 for p in ctx.maand.inzet.regiepartijen)
    t.gelijk(
        ctx.doc,
        pad,
        totaal.waarde,
        lambda: f"(totaal, {totaal.bron(ctx.doc)})",
        som,
        lambda: f"(som van de casussen, {ctx.doc.lines(pad)})",
        getuige=Getuige(totaal, "de casussen", som),
    )


@controle(
    "regisseurs-totaal",
    "de regisseurs van de regiepartijen tellen op tot regisseurs_totaal",
    cijfers=True,
)
def regisseurs_totaal(ctx: Context, t: Toets) -> None:
    inzet = ctx.maand.inzet
    if inzet.regisseurs_totaal is None:
        t.sla_over("regisseurs_totaal staat niet in dit bestand")
        return
    pad = (*INZET, "regiepartijen")
    t.gelijk(
        ctx.doc,
        (*INZET, "regisseurs_totaal"),
        sum(p.regisseurs for p in inzet.regiepartijen),
        lambda: f"(som van de regisseurs, {ctx.doc.lines(pad)})",
        inzet.regisseurs_totaal,
    )


_LEADING_NUMBER = re.compile(r"\s*([0-9]+)\b")


@controle(
    "toelichting-aantal",
    "een aantal in de toelichting ('11 achtervang') ≤ de regisseurs",
    cijfers=True,
)
def toelichting_aantal(ctx: Context, t: Toets) -> None:
    for index, partij in enumerate(ctx.maand.inzet.regiepartijen):
        eerste = partij.toelichting.delen[0] if partij.toelichting else None
        match = _LEADING_NUMBER.match(eerste) if isinstance(eerste, str) else None
        if match:
            pad = (*INZET, "regiepartijen", index)
            regisseurs = Cijfer(partij.regisseurs, ctx.doc, (*pad, "regisseurs"))
            t.hoogstens(
                ctx.doc,
                (*pad, "toelichting"),
                regisseurs.waarde,
                functools.partial(_bron, "(regisseurs, {})", regisseurs, ctx.doc),
                int(match.group(1)),
            )
    if not t.geslaagd and not t.problems:
        t.sla_over("geen toelichting die met een aantal begint")


def _tabel(subjecten: dict[str, Uitsplitsing], naam: str) -> tuple[dict[str, int], Pad, bool] | str:
    """A breakdown's figures, their path below `subjecten` and whether they are redacted (then
    no message may repeat them), or why there are none."""
    tabel = subjecten.get(naam)
    if tabel is None:
        return "staat niet in dit bestand"
    if isinstance(tabel, NietBeschikbaar):
        return "niet beschikbaar"
    if isinstance(tabel, Gelakt):
        if tabel.cijfers is None:
            return f"gelakt ({tabel.gelakt}), de cijfers staan niet in het bestand"
        return tabel.cijfers, (naam, "cijfers"), True
    return tabel, (naam,), False


def _kolommen(
    ctx: Context,
) -> Iterator[tuple[Pad, dict[str, Uitsplitsing], Cijfer | str, set[str]]]:
    """Each month column of breakdowns in this file: its path, breakdowns, total, and the
    breakdowns whose figures no message may repeat because the file they come from redacts them
    (for the previous-month column: last month's file)."""
    inzet = ctx.maand.inzet
    yield (*INZET, "subjecten"), inzet.subjecten, _totaal(ctx), set()
    vorige = inzet.vorige_maand
    if vorige and vorige.subjecten:
        totaal: Cijfer | str
        if vorige.personen_in_regie:
            pad = (*VORIG, "personen_in_regie", "totaal")
            totaal = Cijfer(vorige.personen_in_regie.totaal, ctx.doc, pad)
        else:
            totaal = _vorig_totaal(ctx, 1)
        daar = ctx.eerder(1)
        gelakt = (
            {k for k, v in daar.maand.inzet.subjecten.items() if isinstance(v, Gelakt)}
            if not isinstance(daar, str)
            else set()
        )
        yield (*VORIG, "subjecten"), vorige.subjecten, totaal, gelakt


@controle(
    "uitsplitsing-telt-op",
    "elke uitsplitsing uit monitor.yaml telt op tot het totaal",
    cijfers=True,
)
def uitsplitsing_telt_op(ctx: Context, t: Toets) -> None:
    for kolom, subjecten, totaal, gelakt_daar in _kolommen(ctx):
        naam_kolom = kolom[1:]
        for uitsplitsing in ctx.programma.uitsplitsingen:
            if kolom[1] == "vorige_maand" and uitsplitsing.id not in subjecten:
                continue  # a previous-month column shows only the breakdowns it states
            label = ".".join(str(p) for p in (*naam_kolom, uitsplitsing.id))
            tabel = _tabel(subjecten, uitsplitsing.id)
            if isinstance(tabel, str) or isinstance(totaal, str):
                t.sla_over(f"{label}: {tabel if isinstance(tabel, str) else totaal}")
                continue
            cijfers, sub, gelakt = tabel
            pad = (*kolom, *sub)
            som = sum(cijfers.values())
            t.gelijk(
                ctx.doc,
                pad,
                totaal.waarde,
                functools.partial(_bron, "(totaal, {})", totaal, ctx.doc),
                som,
                functools.partial(_lines, f"(som van {uitsplitsing.id}, {{}})", ctx.doc, pad),
                geheim=gelakt or uitsplitsing.id in gelakt_daar,
                getuige=Getuige(totaal, uitsplitsing.id, som, uitsplitsing=True),
            )


@controle(
    "on-hold-binnen-totaal",
    "on_hold is niet groter dan het totaal (ook vorige maand)",
    cijfers=True,
)
def on_hold_binnen_totaal(ctx: Context, t: Toets) -> None:
    inzet = ctx.maand.inzet
    kolommen = [(PIR, inzet.personen_in_regie)]
    if inzet.vorige_maand and inzet.vorige_maand.personen_in_regie:
        kolommen.append(((*VORIG, "personen_in_regie"), inzet.vorige_maand.personen_in_regie))
    for pad, pir in kolommen:
        totaal = Cijfer(pir.totaal, ctx.doc, (*pad, "totaal"))
        uitleg = functools.partial(_bron, "(totaal, {})", totaal, ctx.doc)
        t.hoogstens(ctx.doc, (*pad, "on_hold"), pir.totaal, uitleg, pir.on_hold)


@controle(
    "vorige-maand-gelijk",
    "de cijfers van vorige maand zijn die uit het bestand van vorige maand",
    cijfers=True,
)
def vorige_maand_gelijk(ctx: Context, t: Toets) -> None:
    eigen = ctx.maand.inzet.vorige_maand
    if eigen is None:
        t.sla_over("vorige_maand staat niet in dit bestand")
        return
    vorige = ctx.eerder(1)
    if isinstance(vorige, str):
        t.sla_over(vorige)
        return
    daar = vorige.maand.inzet
    if eigen.personen_in_regie:
        for veld in PersonenInRegie.model_fields:
            pad = (*VORIG, "personen_in_regie", veld)
            eigen_cijfer = Cijfer(getattr(eigen.personen_in_regie, veld), ctx.doc, pad)
            bron = Cijfer(getattr(daar.personen_in_regie, veld), vorige.doc, (*PIR, veld))
            t.gelijk(
                ctx.doc,
                pad,
                bron.waarde,
                functools.partial(_bron, "({})", bron, ctx.doc),
                eigen_cijfer.waarde,
                getuige=Getuige(eigen_cijfer, "het bestand van vorige maand", bron.waarde),
            )
    for naam in eigen.subjecten:
        hier, ginds = _tabel(eigen.subjecten, naam), _tabel(daar.subjecten, naam)
        if isinstance(hier, str) or isinstance(ginds, str):
            reden = (
                f"{hier} (dit bestand)" if isinstance(hier, str) else f"{ginds} ({vorige.doc.file})"
            )
            t.sla_over(f"subjecten.{naam}: {reden}")
            continue
        for categorie in [*hier[0], *(c for c in ginds[0] if c not in hier[0])]:
            _zelfde(
                t,
                ctx,
                (*VORIG, "subjecten", *hier[1], categorie),
                hier[0].get(categorie, 0),
                Cijfer(
                    ginds[0].get(categorie, 0),
                    vorige.doc,
                    (*INZET, "subjecten", *ginds[1], categorie),
                ),
                geheim=hier[2] or ginds[2],
            )


def _zelfde(
    t: Toets, ctx: Context, pad: Pad, gevonden: int, daar: Cijfer, *, geheim: bool = False
) -> None:
    uitleg = functools.partial(_bron, "({})", daar, ctx.doc)
    t.gelijk(ctx.doc, pad, daar.waarde, uitleg, gevonden, geheim=geheim)
