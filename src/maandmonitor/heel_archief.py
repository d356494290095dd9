"""The targets of the archive as a whole, made by `build --all` in the parent after every month is
checked: the archive's data package (`--format data`, target ARCHIEF) and the archive page
(`index.html` in each edition's root, target INDEX). Both are made month by month from each
month's public form for the public edition, guarded with the confidential texts of every month
they draw on, and staged like every other output; the conductor (build.py) places and records
them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from .cache import sha
from .errors import MonitorError, display_path
from .load.files import MaandBestand
from .manifest import lopend
from .months import maand_terug
from .options import ARCHIEF, INDEX, BouwOpties, Editie
from .publish.guard import Geheimen, bewaak, tekst_van
from .publish.strip import OpenbareMaand, openbare_maand
from .render.archive_view import ArchiefMaand, render_archive
from .render.jaarcijfers import Jaarcijfers, jaarcijfers, openbare_maanden
from .render.month_view import met_vorige_maand
from .workspace import Archief, Werkmap
from .write import Klaarzetten


def _geheimen(werkmap: Werkmap) -> Geheimen:
    return Geheimen(werkmap.programma, werkmap.gevoelige_termen, display_path(werkmap.termen_pad))


def _geladen(archief: Archief, maand: str) -> MaandBestand:
    bestand = archief.laad(maand)
    if not isinstance(bestand, MaandBestand):  # checked clean before: cannot happen
        raise MonitorError(bestand)
    return bestand


def _zet(staging: Klaarzetten, pad: str, inhoud: str) -> tuple[str, str]:
    data = inhoud.encode("utf-8")
    staging.zet(pad, data)
    return pad, sha(data)


def maak_archiefpakket(
    werkmap: Werkmap, opties: BouwOpties, staging: Klaarzetten
) -> list[tuple[str, str]]:
    """The archive's data package: every month's own figures as its public edition has them.
    The files are guarded as written, each month's rows with its own confidential texts (rows
    of a month not among those, and datapackage.json, with every month's)."""
    from .publish.datapackage import (  # only when it is made
        archiefpakket,
        archiefrijen,
        leesbare_tekst,
        per_maand,
    )

    archief = Archief(werkmap)
    programma = archief.programma
    geheimen = _geheimen(werkmap)
    maanden = []
    bestanden: dict[str, MaandBestand] = {}
    for maand in werkmap.months():
        bestand = _geladen(archief, maand)
        vorig = archief.vorige(maand)
        publiek = openbare_maand(
            programma,
            met_vorige_maand(
                bestand.maand, vorig.maand if isinstance(vorig, MaandBestand) else None
            ),
        )
        maanden.append(archiefrijen(programma, publiek))
        bestanden[maand] = bestand
        archief.vergeet_voor(maand_terug(maand, 1))
    pakket = archiefpakket(programma, maanden)
    waar = {naam: opties.out / opties.bestand("openbaar", ARCHIEF, naam) for naam in pakket}
    for maand, delen in per_maand(pakket).items():
        wiens = [bestanden[maand]] if maand in bestanden else list(bestanden.values())
        bewaak(geheimen, wiens, {waar[naam]: tekst for naam, tekst in delen.items()})
    overig = {waar[n]: leesbare_tekst(n, t) for n, t in pakket.items() if not n.endswith(".csv")}
    bewaak(geheimen, list(bestanden.values()), overig)
    return [
        _zet(staging, opties.bestand("openbaar", ARCHIEF, naam), inhoud)
        for naam, inhoud in pakket.items()
    ]


@dataclass(frozen=True)
class Jaarstuk:
    """What the archive page shows of one year, per edition: its months' sign-off (the checks'
    outcome is added when the page is made) and its figures as the year view has them. Made
    where the year's months are loaded (a worker that made the year, or the parent), and
    guarded there with their confidential texts: the page adds only the programme's words."""

    maanden: dict[Editie, list[ArchiefMaand]]
    cijfers: dict[Editie, Jaarcijfers]  # empty for a programme without figures


def jaarstuk(
    werkmap: Werkmap,
    opties: BouwOpties,
    bestanden: list[MaandBestand],
    publiek: Mapping[str, OpenbareMaand] | None = None,
) -> Jaarstuk:
    """The year of `bestanden` (every month of it with a file, in order) for the archive page;
    the public edition from the months' public form only (`publiek`, where made already),
    guarded."""
    programma = werkmap.programma
    jaar = bestanden[0].maand.maand[:4]
    stuk = Jaarstuk({}, {})
    alle = {b.maand.maand: b.maand for b in bestanden}
    if "openbaar" in opties.edities:
        publiek = {
            m: publiek[m] if publiek and m in publiek else openbare_maand(programma, maand)
            for m, maand in alle.items()
        }
    for editie in opties.edities:
        modellen = list(
            openbare_maanden(programma, alle, publiek).values()
            if editie == "openbaar"
            else alle.values()
        )
        stuk.maanden[editie] = [
            ArchiefMaand(
                m.maand,
                "",
                m.status.vastgesteld_op if m.status else None,
                m.status.door if m.status else "",
            )
            for m in modellen
        ]
        if programma.persoonsgericht is not None:
            stuk.cijfers[editie] = jaarcijfers(
                programma,
                jaar,
                alle,
                editie=editie,
                lopend=lopend(werkmap, jaar),
                publiek=publiek,
            )
    if "openbaar" in opties.edities:
        gepubliceerd = (stuk.maanden["openbaar"], stuk.cijfers.get("openbaar"))
        pad = opties.out / opties.bestand("openbaar", INDEX, "html")
        bewaak(_geheimen(werkmap), bestanden, {pad: tekst_van(gepubliceerd)})
    return stuk


def maak_archiefpagina(
    werkmap: Werkmap,
    opties: BouwOpties,
    staging: Klaarzetten,
    uitkomsten: Mapping[str, str],
    stukken: Mapping[str, Jaarstuk],
) -> list[tuple[str, str]]:
    """The archive page of each edition: every month with the outcome of its checks
    (`uitkomsten`: its `overzicht.controles`) and its sign-off, and every year's figures.
    `stukken`: the years the workers made (their months were loaded there); the others are
    loaded here, a year at a time. The public page, put together, is guarded once more (the
    sensitive terms)."""
    archief = Archief(werkmap)
    per_jaar = {}
    for jaar in sorted({m[:4] for m in werkmap.months()}):
        if jaar not in stukken:
            bestanden = [_geladen(archief, m) for m in werkmap.months() if m[:4] == jaar]
            per_jaar[jaar] = jaarstuk(werkmap, opties, bestanden)
            archief.vergeet_voor(f"{int(jaar) + 1}-01")
        else:
            per_jaar[jaar] = stukken[jaar]
    maanden = {
        editie: [
            dataclasses.replace(m, controles=uitkomsten[m.maand])
            for stuk in per_jaar.values()
            for m in stuk.maanden[editie]
        ]
        for editie in opties.edities
    }
    jaren = {
        editie: [s.cijfers[editie] for s in per_jaar.values() if editie in s.cijfers]
        for editie in opties.edities
    }
    paginas = render_archive(werkmap.programma, maanden, jaren, templates=werkmap.templates)
    gezet = []
    for editie, pagina in sorted(paginas.items()):
        pad = opties.bestand(editie, INDEX, "html")
        if editie == "openbaar":
            bewaak(_geheimen(werkmap), [], {opties.out / pad: pagina})
        gezet.append(_zet(staging, pad, pagina))
    return gezet
