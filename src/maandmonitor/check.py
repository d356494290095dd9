"""Checking the workspace: load every month, run every rule (controle) on it, report everything.

A rule is a small function plus metadata (id, one-line Dutch description, severity), registered
with `@controle`. It gets the month in context (the programme, the file, earlier months' files) and
records on its `Toets` every item it checked: passed, failed (a located Problem saying expected vs
found) or skipped (with the reason). A skipped item is never counted as passed.

Which breakdowns must sum to the total is programme configuration (`uitsplitsingen` in
monitor.yaml), not code. Counts ≥ 0 are enforced by the model (`Aantal`), so no rule repeats that.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import multiprocessing
import os
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .errors import Ernst, MonitorError, Problem
from .load import (
    Document,
    MaandBestand,
    Pad,
    Werkmap,
    display_path,
    iter_teksten,
    load_maand,
    load_programma,
    maand_terug,
)
from .model import Gelakt, Maand, NietBeschikbaar, PersonenInRegie, Programma, Uitsplitsing

Uitkomst = Literal["geslaagd", "mislukt", "overgeslagen"]

INZET: Pad = ("inzet_op_risicos",)
PIR: Pad = (*INZET, "personen_in_regie")
VORIG: Pad = (*INZET, "vorige_maand")


# --- months in context -------------------------------------------------------------------------


def _einde(maand: str) -> dt.date:
    jaar, nummer = int(maand[:4]), int(maand[5:])
    return dt.date(jaar, nummer, calendar.monthrange(jaar, nummer)[1])


class Archief:
    """Month files, each loaded at most once: the months checked and the earlier ones they need."""

    def __init__(self, werkmap: Werkmap, programma: Programma) -> None:
        self.werkmap = werkmap
        self.programma = programma
        self._geladen: dict[str, MaandBestand | list[Problem]] = {}

    def laad(self, maand: str) -> MaandBestand | list[Problem]:
        if maand not in self._geladen:
            try:
                self._geladen[maand] = load_maand(self.werkmap, self.programma, maand)
            except MonitorError as err:
                self._geladen[maand] = err.problems
        return self._geladen[maand]

    def vergeet_voor(self, maand: str) -> None:
        """Drop the months before `maand`: checking month m needs m, m−1 and m−2 only."""
        for oud in [m for m in self._geladen if m < maand]:
            del self._geladen[oud]

    def bestand(self, maand: str) -> MaandBestand | str:
        """The loaded file of `maand`, or why there is none (the reason a rule is skipped)."""
        if isinstance(geladen := self._geladen.get(maand), MaandBestand):
            return geladen  # rules ask for the same earlier months over and over
        path = self.werkmap.month_path(maand)
        if not path.is_file():
            return f"{display_path(path)} bestaat niet"
        geladen = self.laad(maand)
        if isinstance(geladen, MaandBestand):
            return geladen
        return f"{display_path(path)} bevat fouten en is niet geladen"


@dataclass(frozen=True)
class Context:
    programma: Programma
    huidig: MaandBestand
    archief: Archief

    @property
    def maand(self) -> Maand:
        return self.huidig.maand

    @property
    def doc(self) -> Document:
        return self.huidig.doc

    def eerder(self, n: int) -> MaandBestand | str:
        """The file of `n` months before this one, or why it is not available."""
        return self.archief.bestand(maand_terug(self.maand.maand, n))


@dataclass(frozen=True)
class Cijfer:
    """A stated figure and where it stands."""

    waarde: int
    doc: Document
    pad: Pad

    def bron(self, hier: Document) -> str:
        """Where the figure stands, as seen from the file `hier`: 'regel 109' or 'file:109'."""
        line = self.doc.position(self.pad)[0]
        return f"regel {line}" if self.doc is hier else f"{self.doc.file}:{line}"


# --- rules -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Controle:
    id: str
    omschrijving: str
    ernst: Ernst
    toets: Callable[[Context, Toets], None]


CONTROLES: list[Controle] = []


def controle(
    ident: str, omschrijving: str, ernst: Ernst = "fout"
) -> Callable[[Callable[[Context, Toets], None]], Callable[[Context, Toets], None]]:
    def register(toets: Callable[[Context, Toets], None]) -> Callable[[Context, Toets], None]:
        CONTROLES.append(Controle(ident, omschrijving, ernst, toets))
        return toets

    return register


@dataclass
class Toets:
    """What one rule found in one month: items passed, problems, and skipped items with reasons."""

    controle: Controle
    geslaagd: int = 0
    problems: list[Problem] = field(default_factory=list)
    overgeslagen: list[str] = field(default_factory=list)

    @property
    def uitkomst(self) -> Uitkomst:
        if self.problems:
            return "mislukt"
        return "geslaagd" if self.geslaagd else "overgeslagen"

    def sla_over(self, reden: str) -> None:
        self.overgeslagen.append(reden)

    def controleer(self, klopt: bool, doc: Document, pad: Pad, melding: str) -> None:
        if klopt:
            self.geslaagd += 1
        else:
            c = self.controle
            self.problems.append(doc.problem(pad, melding, ernst=c.ernst, controle=c.id))

    def gelijk(
        self, doc: Document, pad: Pad, verwacht: int, uitleg: str, gevonden: int, waar: str = ""
    ) -> None:
        found = f"{gevonden} {waar}".rstrip()
        self.controleer(
            verwacht == gevonden, doc, pad, f"verwacht {verwacht} {uitleg}, gevonden {found}"
        )

    def hoogstens(self, doc: Document, pad: Pad, grens: int, uitleg: str, gevonden: int) -> None:
        self.controleer(
            gevonden <= grens, doc, pad, f"verwacht hoogstens {grens} {uitleg}, gevonden {gevonden}"
        )


def _totaal(ctx: Context) -> Cijfer:
    return Cijfer(ctx.maand.inzet_op_risicos.personen_in_regie.totaal, ctx.doc, (*PIR, "totaal"))


def _vorig_totaal(ctx: Context, n: int) -> Cijfer | str:
    """The totaal of `n` months back, from that month's file."""
    bestand = ctx.eerder(n)
    if isinstance(bestand, str):
        return f"totaal van {maand_terug(ctx.maand.maand, n)} onbekend: {bestand}"
    return _totaal(Context(ctx.programma, bestand, ctx.archief))


def _stroom(t: Toets, ctx: Context, pad: Pad, pir: PersonenInRegie, vorig: Cijfer) -> None:
    t.gelijk(
        ctx.doc,
        (*pad, "totaal"),
        vorig.waarde + pir.instroom - pir.uitstroom,
        f"= {vorig.waarde} (vorig totaal, {vorig.bron(ctx.doc)}) + {pir.instroom} instroom "
        f"− {pir.uitstroom} uitstroom",
        pir.totaal,
    )


@controle(
    "voorraad-stroom", "totaal = totaal vorige maand + instroom − uitstroom (ook vorige maand)"
)
def voorraad_stroom(ctx: Context, t: Toets) -> None:
    inzet = ctx.maand.inzet_op_risicos
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


@controle("uitstroom-lijst", "de lijst uitgestroomd heeft evenveel regels als uitstroom")
def uitstroom_lijst(ctx: Context, t: Toets) -> None:
    inzet = ctx.maand.inzet_op_risicos
    uitstroom = Cijfer(inzet.personen_in_regie.uitstroom, ctx.doc, (*PIR, "uitstroom"))
    pad = (*INZET, "uitgestroomd") if inzet.uitgestroomd else uitstroom.pad
    t.gelijk(
        ctx.doc,
        pad,
        uitstroom.waarde,
        f"{'regel' if uitstroom.waarde == 1 else 'regels'} (uitstroom, {uitstroom.bron(ctx.doc)})",
        len(inzet.uitgestroomd),
        "regel" if len(inzet.uitgestroomd) == 1 else "regels",
    )


@controle("meldingen-aantal", "een genoemd aantal meldingen is gelijk aan het aantal items")
def meldingen_aantal(ctx: Context, t: Toets) -> None:
    zonder = []
    for index, maand in enumerate(ctx.maand.inzet_op_risicos.meldingen):
        pad = (*INZET, "meldingen", index)
        if maand.aantal is None:
            zonder.append(maand.maand)
            continue
        uitleg = f"(het aantal items, {ctx.doc.lines((*pad, 'items'))})"
        t.gelijk(ctx.doc, (*pad, "aantal"), len(maand.items), uitleg, maand.aantal)
    if zonder:
        t.sla_over(f"geen aantal genoemd bij {', '.join(zonder)}")


@controle(
    "meldingen-maanden", "meldingen per maand van dit jaar, op volgorde, tot en met deze maand"
)
def meldingen_maanden(ctx: Context, t: Toets) -> None:
    maand = ctx.maand.maand
    vorige = maand_terug(f"{maand[:4]}-01", 1)
    if not ctx.maand.inzet_op_risicos.meldingen:
        t.sla_over("geen meldingen in dit bestand")
    for index, melding in enumerate(ctx.maand.inzet_op_risicos.meldingen):
        t.controleer(
            vorige < melding.maand <= maand,
            ctx.doc,
            (*INZET, "meldingen", index, "maand"),
            f"verwacht een maand na {vorige} en uiterlijk {maand}, gevonden {melding.maand}",
        )
        vorige = max(vorige, melding.maand)


@controle(
    "meldingen-eerdere-maanden", "meldingen per maand gelijk aan het bestand van vorige maand"
)
def meldingen_eerdere_maanden(ctx: Context, t: Toets) -> None:
    vorige = ctx.eerder(1)
    if isinstance(vorige, str):
        t.sla_over(vorige)
        return
    if vorige.maand.maand[:4] != ctx.maand.maand[:4]:
        t.sla_over("eerste maand van het jaar")
        return
    hier = {m.maand: (i, len(m.items)) for i, m in enumerate(ctx.maand.inzet_op_risicos.meldingen)}
    for index, melding in enumerate(vorige.maand.inzet_op_risicos.meldingen):
        daar = Cijfer(len(melding.items), vorige.doc, (*INZET, "meldingen", index, "items"))
        uitleg = f"meldingen in {melding.maand} ({daar.bron(ctx.doc)})"
        if melding.maand not in hier:
            t.controleer(
                False, ctx.doc, (*INZET, "meldingen"), f"verwacht {daar.waarde} {uitleg}, ontbreekt"
            )
            continue
        i, aantal = hier[melding.maand]
        t.gelijk(ctx.doc, (*INZET, "meldingen", i, "items"), daar.waarde, uitleg, aantal)


@controle("casussen-totaal", "de casussen van de regiepartijen tellen op tot het totaal")
def casussen_totaal(ctx: Context, t: Toets) -> None:
    pad = (*INZET, "regiepartijen")
    totaal = _totaal(ctx)
    t.gelijk(
        ctx.doc,
        pad,
        totaal.waarde,
        f"(totaal, {totaal.bron(ctx.doc)})",
        sum(p.casussen or 0 for p in ctx.maand.inzet_op_risicos.regiepartijen),
        f"(som van de casussen, {ctx.doc.lines(pad)})",
    )


@controle("regisseurs-totaal", "de regisseurs van de regiepartijen tellen op tot regisseurs_totaal")
def regisseurs_totaal(ctx: Context, t: Toets) -> None:
    inzet = ctx.maand.inzet_op_risicos
    if inzet.regisseurs_totaal is None:
        t.sla_over("regisseurs_totaal staat niet in dit bestand")
        return
    pad = (*INZET, "regiepartijen")
    t.gelijk(
        ctx.doc,
        (*INZET, "regisseurs_totaal"),
        sum(p.regisseurs for p in inzet.regiepartijen),
        f"(som van de regisseurs, {ctx.doc.lines(pad)})",
        inzet.regisseurs_totaal,
    )


_LEADING_NUMBER = re.compile(r"\s*([0-9]+)\b")


@controle("toelichting-aantal", "een aantal in de toelichting ('11 achtervang') ≤ de regisseurs")
def toelichting_aantal(ctx: Context, t: Toets) -> None:
    for index, partij in enumerate(ctx.maand.inzet_op_risicos.regiepartijen):
        eerste = partij.toelichting.delen[0] if partij.toelichting else None
        match = _LEADING_NUMBER.match(eerste) if isinstance(eerste, str) else None
        if match:
            pad = (*INZET, "regiepartijen", index)
            regisseurs = Cijfer(partij.regisseurs, ctx.doc, (*pad, "regisseurs"))
            t.hoogstens(
                ctx.doc,
                (*pad, "toelichting"),
                regisseurs.waarde,
                f"(regisseurs, {regisseurs.bron(ctx.doc)})",
                int(match.group(1)),
            )
    if not t.geslaagd and not t.problems:
        t.sla_over("geen toelichting die met een aantal begint")


def _tabel(subjecten: dict[str, Uitsplitsing], naam: str) -> tuple[dict[str, int], Pad] | str:
    """A breakdown's figures and their path below `subjecten`, or why there are none."""
    tabel = subjecten.get(naam)
    if tabel is None:
        return "staat niet in dit bestand"
    if isinstance(tabel, NietBeschikbaar):
        return "niet beschikbaar"
    if isinstance(tabel, Gelakt):
        if tabel.cijfers is None:
            return f"gelakt ({tabel.gelakt}), de cijfers staan niet in het bestand"
        return tabel.cijfers, (naam, "cijfers")
    return tabel, (naam,)


def _kolommen(ctx: Context) -> Iterator[tuple[Pad, dict[str, Uitsplitsing], Cijfer | str]]:
    """Each month column of breakdowns in this file: its path, breakdowns and total."""
    inzet = ctx.maand.inzet_op_risicos
    yield (*INZET, "subjecten"), inzet.subjecten, _totaal(ctx)
    vorige = inzet.vorige_maand
    if vorige and vorige.subjecten:
        totaal: Cijfer | str
        if vorige.personen_in_regie:
            pad = (*VORIG, "personen_in_regie", "totaal")
            totaal = Cijfer(vorige.personen_in_regie.totaal, ctx.doc, pad)
        else:
            totaal = _vorig_totaal(ctx, 1)
        yield (*VORIG, "subjecten"), vorige.subjecten, totaal


@controle("uitsplitsing-telt-op", "elke uitsplitsing uit monitor.yaml telt op tot het totaal")
def uitsplitsing_telt_op(ctx: Context, t: Toets) -> None:
    for kolom, subjecten, totaal in _kolommen(ctx):
        naam_kolom = kolom[1:]
        for uitsplitsing in ctx.programma.uitsplitsingen:
            if kolom[1] == "vorige_maand" and uitsplitsing.id not in subjecten:
                continue  # a previous-month column shows only the breakdowns it states
            label = ".".join(str(p) for p in (*naam_kolom, uitsplitsing.id))
            tabel = _tabel(subjecten, uitsplitsing.id)
            if isinstance(tabel, str) or isinstance(totaal, str):
                t.sla_over(f"{label}: {tabel if isinstance(tabel, str) else totaal}")
                continue
            cijfers, sub = tabel
            pad = (*kolom, *sub)
            t.gelijk(
                ctx.doc,
                pad,
                totaal.waarde,
                f"(totaal, {totaal.bron(ctx.doc)})",
                sum(cijfers.values()),
                f"(som van {uitsplitsing.id}, {ctx.doc.lines(pad)})",
            )


@controle("on-hold-binnen-totaal", "on_hold is niet groter dan het totaal (ook vorige maand)")
def on_hold_binnen_totaal(ctx: Context, t: Toets) -> None:
    inzet = ctx.maand.inzet_op_risicos
    kolommen = [(PIR, inzet.personen_in_regie)]
    if inzet.vorige_maand and inzet.vorige_maand.personen_in_regie:
        kolommen.append(((*VORIG, "personen_in_regie"), inzet.vorige_maand.personen_in_regie))
    for pad, pir in kolommen:
        totaal = Cijfer(pir.totaal, ctx.doc, (*pad, "totaal"))
        uitleg = f"(totaal, {totaal.bron(ctx.doc)})"
        t.hoogstens(ctx.doc, (*pad, "on_hold"), pir.totaal, uitleg, pir.on_hold)


@controle(
    "vorige-maand-gelijk", "de cijfers van vorige maand zijn die uit het bestand van vorige maand"
)
def vorige_maand_gelijk(ctx: Context, t: Toets) -> None:
    eigen = ctx.maand.inzet_op_risicos.vorige_maand
    if eigen is None:
        t.sla_over("vorige_maand staat niet in dit bestand")
        return
    vorige = ctx.eerder(1)
    if isinstance(vorige, str):
        t.sla_over(vorige)
        return
    daar = vorige.maand.inzet_op_risicos
    if eigen.personen_in_regie:
        for veld in PersonenInRegie.model_fields:
            _zelfde(
                t,
                ctx,
                (*VORIG, "personen_in_regie", veld),
                getattr(eigen.personen_in_regie, veld),
                Cijfer(getattr(daar.personen_in_regie, veld), vorige.doc, (*PIR, veld)),
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
            )


def _zelfde(t: Toets, ctx: Context, pad: Pad, gevonden: int, daar: Cijfer) -> None:
    t.gelijk(ctx.doc, pad, daar.waarde, f"({daar.bron(ctx.doc)})", gevonden)


@controle("overleg-in-maand", "de overleggen vallen in de verslagmaand")
def overleg_in_maand(ctx: Context, t: Toets) -> None:
    einde = _einde(ctx.maand.maand)
    begin = einde.replace(day=1)
    for index, overleg in enumerate(ctx.maand.inzet_op_risicos.overleggen):
        t.controleer(
            begin <= overleg.datum <= einde,
            ctx.doc,
            (*INZET, "overleggen", index, "datum"),
            f"verwacht een datum van {begin} tot en met {einde}, gevonden {overleg.datum}",
        )
    if not ctx.maand.inzet_op_risicos.overleggen:
        t.sla_over("geen overleggen in dit bestand")


@controle("peildatum-na-maand", "de peildatum ligt na het einde van de verslagmaand")
def peildatum_na_maand(ctx: Context, t: Toets) -> None:
    einde = _einde(ctx.maand.maand)
    gevonden = ctx.maand.peildatum
    melding = f"verwacht een datum na {einde} (einde van de verslagmaand), gevonden {gevonden}"
    t.controleer(gevonden > einde, ctx.doc, ("peildatum",), melding)


@controle(
    "peildatum-tijdig",
    "de peildatum ligt niet meer dan een maand na de verslagmaand",
    "waarschuwing",
)
def peildatum_tijdig(ctx: Context, t: Toets) -> None:
    uiterlijk = _einde(maand_terug(ctx.maand.maand, -1))
    gevonden = ctx.maand.peildatum
    melding = f"verwacht uiterlijk {uiterlijk} (einde van de maand erna), gevonden {gevonden}"
    t.controleer(gevonden <= uiterlijk, ctx.doc, ("peildatum",), melding)


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


# --- the report --------------------------------------------------------------------------------


def _blokkerend(problems: list[Problem], streng: bool) -> list[Problem]:
    return [p for p in problems if p.ernst == "fout" or streng]


@dataclass
class MaandResultaat:
    maand: str
    bestand: str
    problems: list[Problem] = field(default_factory=list)
    toetsen: list[Toets] = field(default_factory=list)  # empty when the file did not load
    geladen: MaandBestand | None = None
    gecontroleerd: bool = False  # the file loaded and every rule ran on it
    streng: bool = False

    @property
    def geldig(self) -> bool:
        return not _blokkerend(self.problems, self.streng)

    def vereis_geldig(self) -> MaandBestand:
        """The loaded month, for rendering; MonitorError when it has blocking problems."""
        if self.geladen is None or not self.geldig:
            raise MonitorError(self.problems)
        return self.geladen

    def for_cache(self) -> dict[str, Any]:
        return {
            "bestand": self.bestand,
            "gecontroleerd": self.gecontroleerd,
            "problemen": [p.as_json() for p in self.problems],
            "toetsen": [
                [t.controle.id, t.geslaagd, [p.as_json() for p in t.problems], t.overgeslagen]
                for t in self.toetsen
            ],
        }

    @classmethod
    def from_json(cls, maand: str, d: dict[str, Any], streng: bool) -> MaandResultaat:
        controles = {c.id: c for c in CONTROLES}
        return cls(
            maand,
            d["bestand"],
            problems=[Problem.from_json(p) for p in d["problemen"]],
            toetsen=[
                Toets(controles[ident], geslaagd, [Problem.from_json(p) for p in fouten], over)
                for ident, geslaagd, fouten, over in d["toetsen"]
            ],
            gecontroleerd=d["gecontroleerd"],
            streng=streng,
        )

    def telling(self) -> dict[str, int]:
        uitkomsten = [t.uitkomst for t in self.toetsen]
        return {
            "controles": len(uitkomsten),
            **{u: uitkomsten.count(u) for u in ("geslaagd", "mislukt", "overgeslagen")},
        }

    def summary_lines(self) -> list[str]:
        aantallen = [
            f"{n} {ernst}{'en' if n != 1 else ''}"
            for ernst in ("fout", "waarschuwing")
            if (n := sum(p.ernst == ernst for p in self.problems))
        ]
        state = "in orde" if self.geldig else "niet in orde"
        if aantallen:
            state += f" ({', '.join(aantallen)})"
        if not self.gecontroleerd:
            return [f"{self.maand}: {state}; controles niet uitgevoerd: bestand niet geladen"]
        telling = self.telling()
        lines = [
            f"{self.maand}: {state} — {telling['controles']} controles: "
            f"{telling['geslaagd']} geslaagd, {telling['mislukt']} mislukt, "
            f"{telling['overgeslagen']} overgeslagen"
        ]
        for toets in self.toetsen:
            details = [f"{toets.geslaagd} geslaagd"] if toets.geslaagd else []
            if toets.problems:
                details.append(f"{len(toets.problems)} mislukt")
            text = ", ".join(details)
            if toets.overgeslagen:
                text += ("; " if text else "") + "overgeslagen: " + "; ".join(toets.overgeslagen)
            if toets.controle.ernst == "waarschuwing":
                text += " (waarschuwing)"
            lines.append(f"  {toets.uitkomst:<13}{toets.controle.id:<27}{text}".rstrip())
        return lines

    def as_json(self) -> dict[str, Any]:
        return {
            "maand": self.maand,
            "bestand": self.bestand,
            "geldig": self.geldig,
            "problemen": [p.as_json() for p in self.problems],
            "gecontroleerd": self.gecontroleerd,
            "samenvatting": self.telling(),
            "controles": [
                {
                    "id": t.controle.id,
                    "omschrijving": t.controle.omschrijving,
                    "ernst": t.controle.ernst,
                    "uitkomst": t.uitkomst,
                    "geslaagd": t.geslaagd,
                    "mislukt": len(t.problems),
                    "overgeslagen": t.overgeslagen,
                }
                for t in self.toetsen
            ],
        }


@dataclass
class Rapport:
    """The outcome of `validate`: per month, and the problems of monitor.yaml itself."""

    programma_problems: list[Problem] = field(default_factory=list)
    maanden: list[MaandResultaat] = field(default_factory=list)
    streng: bool = False

    @property
    def problems(self) -> list[Problem]:
        return self.programma_problems + [p for m in self.maanden for p in m.problems]

    @property
    def geldig(self) -> bool:
        return not _blokkerend(self.problems, self.streng)

    def summary_lines(self) -> list[str]:
        if self.programma_problems:
            return [
                f"monitor.yaml: {len(self.programma_problems)} fout(en); maanden niet gecontroleerd"
            ]
        lines = [line for m in self.maanden for line in m.summary_lines()]
        if not lines:
            return ["geen maandbestanden gevonden"]
        if len(self.maanden) > 1:  # the verdict last, where it stays in view
            fout = [m.maand for m in self.maanden if not m.geldig]
            lines.append(
                f"{len(self.maanden)} maanden: {len(self.maanden) - len(fout)} in orde"
                + (f", niet in orde: {', '.join(fout)}" if fout else "")
            )
        return lines

    def as_json(self) -> dict[str, Any]:
        return {
            "versie": 1,
            "geldig": self.geldig,
            "streng": self.streng,
            "programma": [p.as_json() for p in self.programma_problems],
            "maanden": [m.as_json() for m in self.maanden],
        }


def validate_workspace(
    data_dir: Path, maanden: list[str], *, streng: bool = False, cache: Path | None = None
) -> Rapport:
    """Check the months (all by default). With `cache` (a folder), outcomes of months whose
    inputs did not change are taken from the last run (see checkcache.py)."""
    werkmap = Werkmap(data_dir)
    werkmap.require_months(maanden)
    rapport = Rapport(streng=streng)
    try:
        programma = load_programma(werkmap)
    except MonitorError as err:
        rapport.programma_problems = err.problems
        return rapport
    uitslagen = None
    if cache is not None:
        from .checkcache import Uitslagen

        uitslagen = Uitslagen(cache, werkmap)
    alle = maanden or werkmap.months()
    bewaard: dict[str, MaandResultaat] = {}
    for maand in alle:
        opgeslagen = uitslagen.lees(maand) if uitslagen else None
        if opgeslagen is not None:
            with contextlib.suppress(KeyError, TypeError, ValueError):  # not in this shape: check
                bewaard[maand] = MaandResultaat.from_json(maand, opgeslagen, streng)
    nieuw = _controleer(werkmap, programma, [m for m in alle if m not in bewaard], streng)
    for maand in alle:
        if maand in bewaard:
            rapport.maanden.append(bewaard[maand])
        else:
            rapport.maanden.append(nieuw[maand])
            if uitslagen:
                uitslagen.bewaar(maand, nieuw[maand].for_cache())
    if uitslagen:
        uitslagen.schrijf()
    return rapport


# Below this many months a second process costs more than it saves.
PARALLEL_VANAF = 48


def beschikbare_kernen() -> int:
    """The cores this process may run on (`taskset` limits them; os.cpu_count does not see it);
    1 where a process cannot be forked (Windows): workers are forked, to inherit what is loaded."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _controleer(
    werkmap: Werkmap, programma: Programma, maanden: list[str], streng: bool
) -> dict[str, MaandResultaat]:
    """Check the months, on every core when there are many: each process takes a run of
    consecutive months, so it loads each month once (and the two before its first one)."""
    processen = min(beschikbare_kernen(), len(maanden) // (PARALLEL_VANAF // 2))
    if processen < 2:
        return dict(_controleer_reeks(Archief(werkmap, programma), maanden, streng))
    stuk = -(-len(maanden) // (processen * 4))  # a few runs per process, so none waits long
    reeksen = [maanden[i : i + stuk] for i in range(0, len(maanden), stuk)]
    context = multiprocessing.get_context("fork")  # workers inherit the imports
    with ProcessPoolExecutor(processen, mp_context=context) as pool:
        delen = pool.map(
            _controleer_in_proces, [werkmap] * len(reeksen), reeksen, [streng] * len(reeksen)
        )
        return {
            maand: MaandResultaat.from_json(maand, uitslag, streng)
            for deel in delen
            for maand, uitslag in deel
        }


def _controleer_in_proces(
    werkmap: Werkmap, maanden: list[str], streng: bool
) -> list[tuple[str, dict[str, Any]]]:
    """A worker's share, as the check cache stores outcomes (they cross the process boundary)."""
    archief = Archief(werkmap, load_programma(werkmap))
    return [(m, r.for_cache()) for m, r in _controleer_reeks(archief, maanden, streng)]


def _controleer_reeks(
    archief: Archief, maanden: list[str], streng: bool
) -> Iterator[tuple[str, MaandResultaat]]:
    for maand in maanden:
        resultaat = check_month(archief, maand, streng=streng)
        resultaat.geladen = None  # the report needs the outcome only: memory stays flat
        archief.vergeet_voor(maand_terug(maand, 2))
        yield maand, resultaat


def check_month(archief: Archief, maand: str, *, streng: bool = False) -> MaandResultaat:
    """Load one month and run every rule on it; `build` renders only when the result is geldig."""
    geladen = archief.laad(maand)
    if not isinstance(geladen, MaandBestand):
        bestand = display_path(archief.werkmap.month_path(maand))
        return MaandResultaat(maand, bestand, problems=geladen, streng=streng)
    resultaat = MaandResultaat(maand, geladen.doc.file, streng=streng)
    resultaat.geladen = geladen
    resultaat.gecontroleerd = True
    ctx = Context(archief.programma, geladen, archief)
    for regel in CONTROLES:
        toets = Toets(regel)
        regel.toets(ctx, toets)
        resultaat.toetsen.append(toets)
    resultaat.problems = sorted(p for t in resultaat.toetsen for p in t.problems)
    return resultaat
