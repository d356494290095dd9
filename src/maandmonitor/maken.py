"""A build's work, a year per process: check the share's months in calendar order, render each
target in memory, guard every public output, and stage the files (build.py places them).

A month's public edition is guarded with the confidential texts of every month its data repeats
(last month's column, the earlier months of the year): a month among those whose file exists but
does not load stops it (fail closed). The months of a share stay loaded while its year needs them:
the year view and the guard of later months read them.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import sha
from .check.persoonsgegevens import SOORTEN, soorten_in
from .check.run import check_month
from .edities import per_editie
from .errors import MonitorError, Problem, display_path
from .load.files import MaandBestand
from .manifest import lopend
from .model import Programma
from .months import maand_terug, maandnaam, terugblik
from .options import DATAMAP, DIWOO, BouwOpties, Editie
from .parallel import per_stuk, processen_voor
from .publish.guard import Geheimen, bewaak, leesbaar, zonder_md_escapes
from .publish.strip import OpenbareMaand
from .render.month_view import OpenbareVormen, met_vorige_maand, render_month
from .workspace import Archief, Werkmap
from .write import Klaarzetten

if TYPE_CHECKING:
    from .heel_archief import Jaarstuk


@dataclass(frozen=True)
class Werk:
    """One process's share: the months of one year to check (in order) and the targets to make."""

    werkmap: Werkmap
    opties: BouwOpties
    staging: Klaarzetten
    maanden: tuple[str, ...]
    doelen: tuple[str, ...]  # a year's few: a frozenset each was 0.6 MB at 12,000 months
    alleen_controleren: bool = False  # another month has errors already: nothing will be made
    archiefpagina: bool = False  # the archive page is made: its share of it, if the whole year
    edities_apart: bool = False  # no other worker runs: each edition may get one (edities.py)


@dataclass
class Deel:
    """What a share gave: every month's outcome in the check cache's form (they cross the process
    boundary), per target the files staged with their sha256, and what stopped a target."""

    uitkomsten: list[tuple[str, dict[str, object]]] = field(default_factory=list)
    gemaakt: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    problemen: list[Problem] = field(default_factory=list)
    jaarstukken: dict[str, Jaarstuk] = field(default_factory=dict)  # for the archive page


def verdeel(
    werkmap: Werkmap, opties: BouwOpties, staging: Klaarzetten, te_maken: list[str]
) -> list[Werk]:
    werk = []
    for jaar in sorted({d[:4] for d in te_maken}):
        doelen = tuple(d for d in te_maken if d[:4] == jaar)
        maanden = [m for m in werkmap.months() if m[:4] == jaar and (jaar in doelen or m in doelen)]
        werk.append(Werk(werkmap, opties, staging, tuple(maanden), doelen))
    return werk


def voer_uit(werk: list[Werk], verwerk: Callable[[Deel], None]) -> None:
    """Every share's work, each `Deel` handed to `verwerk` in the order of `werk` as it comes
    (with workers: as each share is done), and not kept."""
    processen = processen_voor(len(werk), genoeg=sum(len(w.doelen) for w in werk) >= 8)
    if processen < 2:
        if not werk:
            return
        archief = Archief(werk[0].werkmap)  # one process: each month loaded once in all
        for w in werk:
            verwerk(_maak(dataclasses.replace(w, edities_apart=True), archief))
        return
    per_stuk(_maak, werk, processen, verwerk)


def _maak(werk: Werk, archief: Archief | None = None) -> Deel:
    """Check the share's months in calendar order and make its targets, staged."""
    archief = archief or Archief(werk.werkmap)
    werkmap = werk.werkmap
    geheimen = Geheimen(
        archief.programma, werkmap.gevoelige_termen, display_path(werkmap.termen_pad)
    )
    deel = Deel()
    vormen = OpenbareVormen(archief.programma)
    maken = not werk.alleen_controleren  # until a month has errors: then only checking goes on
    jaar = werk.maanden[0][:4] if werk.maanden else ""
    for maand in werk.maanden:
        resultaat = check_month(archief, maand)
        deel.uitkomsten.append((maand, resultaat.for_cache()))
        maken = maken and resultaat.geldig
        if maken and maand in werk.doelen and resultaat.geladen is not None:
            maak = functools.partial(
                _maak_maand, werk, archief, geheimen, vormen, resultaat.geladen
            )
            _probeer(deel, maand, maak)
        # the year's months stay loaded: the year view and the guard of later months need them
        terug = maand_terug(maand, 2)
        archief.vergeet_voor(min(terug, f"{jaar}-01") if terug else None)
    alle = [m for m in werkmap.months() if m[:4] == jaar]
    pagina = maken and werk.archiefpagina and list(werk.maanden) == alle
    # the months' public forms, made once for the year view and the archive page
    publiek = (
        {
            b.maand.maand: vormen.van(b.maand)
            for m in werk.maanden
            if isinstance(b := archief.bestand(m), MaandBestand)
        }
        if "openbaar" in werk.opties.edities and (pagina or (maken and jaar in werk.doelen))
        else {}
    )
    if maken and jaar in werk.doelen:
        maak = functools.partial(_maak_jaar, werk, archief, geheimen, jaar, publiek)
        _probeer(deel, jaar, maak)
    if pagina:
        from .heel_archief import jaarstuk

        bestanden = [b for m in alle if isinstance(b := archief.bestand(m), MaandBestand)]
        try:
            deel.jaarstukken[jaar] = jaarstuk(werkmap, werk.opties, bestanden, publiek)
        except MonitorError as err:
            deel.problemen += err.problems
    return deel


def _probeer(deel: Deel, doel: str, maak: Callable[[], list[tuple[str, str]]]) -> None:
    try:
        deel.gemaakt[doel] = maak()
    except MonitorError as err:
        deel.problemen += err.problems


def _vereis_vastgesteld(opties: BouwOpties, bestanden: list[MaandBestand]) -> None:
    """`--definitief`: the public edition is made only of months that are signed off."""
    if not opties.definitief or "openbaar" not in opties.edities:
        return
    concepten = [b for b in bestanden if b.maand.status is None]
    if concepten:
        raise MonitorError(
            [
                b.doc.problem(
                    ("maand",),
                    f"{b.maand.maand} is niet vastgesteld (geen 'status: {{vastgesteld_op: "
                    "JJJJ-MM-DD, door: NAAM}'); met --definitief wordt alleen een vastgestelde "
                    "maand openbaar gemaakt",
                    at_key=True,
                )
                for b in concepten
            ]
        )


def _maak_maand(
    werk: Werk,
    archief: Archief,
    geheimen: Geheimen,
    vormen: OpenbareVormen,
    bestand: MaandBestand,
) -> list[tuple[str, str]]:
    maand = bestand.maand.maand
    _vereis_vastgesteld(werk.opties, [bestand])
    vorig = archief.vorige(maand)
    # with last month's column once: its public form is then made once for all that need it
    samen = met_vorige_maand(
        bestand.maand, vorig.maand if isinstance(vorig, MaandBestand) else None
    )
    gemaakt = per_editie(
        lambda edities, naar_pdf: render_month(
            archief.programma,
            samen,
            edities=edities,
            formaten=werk.opties.formaten,
            templates=werk.werkmap.templates,
            vormen=vormen,
            naar_pdf=naar_pdf,
        ),
        werk.opties,
        werk.edities_apart,
    )
    rendered: dict[tuple[Editie, str], str | bytes] = gemaakt.rendered
    bewaakt = _bewaakte_maanden(archief, bestand) if "openbaar" in werk.opties.edities else []
    if "openbaar" in werk.opties.edities:
        publiek = vormen.van(samen)
        rendered = {**rendered, **_publicatie(werk.opties, archief.programma, publiek, rendered)}
    return _zet_klaar(werk, geheimen, maand, rendered, bewaakt, gemaakt.gelezen)


def _publicatie(
    opties: BouwOpties,
    programma: Programma,
    publiek: OpenbareMaand,
    rendered: Mapping[tuple[Editie, str], str | bytes],
) -> dict[tuple[Editie, str], str | bytes]:
    """Beside the public edition of a month: its figures as a data package (`--format data`)
    and its DiWoo metadata, both from the month's public form only (with last month's column)."""
    maand = publiek.maand.maand
    uit: dict[tuple[Editie, str], str | bytes] = {}
    if "data" in opties.formaten:
        from .publish.datapackage import maandpakket

        titel = f"{programma.titel} {maandnaam(maand, jaar=True)}"
        uit.update(
            {
                ("openbaar", naam): inhoud
                for naam, inhoud in maandpakket(programma, publiek, titel).items()
            }
        )
    if programma.woo is not None:
        from .publish.diwoo import diwoo_xml

        namen = sorted(  # what this build writes: not the renderings only guarded
            opties.bestand("openbaar", maand, f).split("/", 2)[2]
            for e, f in [*rendered, *uit]
            if e == "openbaar" and (f in opties.formaten or f.startswith(f"{DATAMAP}/"))
        )
        uit[("openbaar", DIWOO)] = diwoo_xml(
            programma, programma.woo, publiek.maand, opties.formaten, namen
        )
    return uit


def _maak_jaar(
    werk: Werk,
    archief: Archief,
    geheimen: Geheimen,
    jaar: str,
    publiek: Mapping[str, OpenbareMaand],
) -> list[tuple[str, str]]:
    bestanden = [b for m in werk.maanden if isinstance(b := archief.bestand(m), MaandBestand)]
    _vereis_vastgesteld(werk.opties, bestanden)
    from .render.year_view import render_year  # a month's build has no year view

    gemaakt = per_editie(
        lambda edities, naar_pdf: render_year(
            archief.programma,
            jaar,
            {b.maand.maand: b.maand for b in bestanden},
            lopend=lopend(werk.werkmap, jaar),
            edities=edities,
            formaten=werk.opties.formaten,
            templates=werk.werkmap.templates,
            publiek=publiek,
            naar_pdf=naar_pdf,
        ),
        werk.opties,
        werk.edities_apart,
    )
    return _zet_klaar(werk, geheimen, jaar, gemaakt.rendered, bestanden, gemaakt.gelezen)


def _bewaakte_maanden(archief: Archief, bestand: MaandBestand) -> list[MaandBestand]:
    """The month and every month whose texts or figures its data repeats: last month (its column)
    and the earlier months of the year (the meldingen). One of those that exists but does not
    load, and the public edition is not made: its confidential texts would be unknown."""
    maand = bestand.maand.maand
    bewaakt, problemen = [bestand], []
    for eerder in terugblik(maand):
        if not archief.werkmap.heeft(eerder):
            continue
        geladen = archief.laad(eerder)
        if isinstance(geladen, MaandBestand):
            bewaakt.append(geladen)
            continue
        inzet = bestand.maand.inzet_op_risicos
        pad: tuple[str, ...] = (
            ("inzet_op_risicos", "vorige_maand")
            if inzet and inzet.vorige_maand and eerder == maand_terug(maand, 1)
            else ()
        )
        problemen.append(
            bestand.doc.problem(
                pad,
                f"de openbare editie van {maand} wordt niet gemaakt: "
                f"{archief.werkmap.toon(eerder)} bevat fouten en is niet "
                f"geladen, en {maand} herhaalt cijfers of teksten van die maand; herstel eerst "
                "dat bestand",
                at_key=True,
            )
        )
        problemen += geladen
    if problemen:
        raise MonitorError(problemen)
    return bewaakt


def _zet_klaar(
    werk: Werk,
    geheimen: Geheimen,
    doel: str,
    rendered: Mapping[tuple[Editie, str], str | bytes],
    bewaakt: list[MaandBestand],
    gelezen: Mapping[tuple[Editie, str], str],
) -> list[tuple[str, str]]:
    """Guard every public rendering (also the Markdown and HTML a PDF is made from when they are
    not asked for: text that a PDF's layout breaks up is whole there), then stage the outputs
    asked for; each file with its sha256. `gelezen`: the text of a PDF that its edition's worker
    read already (edities.py)."""
    opties = werk.opties
    uitvoer = {
        opties.bestand(e, doel, f): inhoud
        for (e, f), inhoud in sorted(rendered.items())
        if f in opties.formaten or f == DIWOO or f.startswith(f"{DATAMAP}/")
    }
    openbaar = {
        opties.out / pad: gelezen.get((editie, formaat))
        or _leesbare_tekst(opties.out / pad, formaat, inhoud)
        for (editie, formaat), inhoud in rendered.items()
        if editie == "openbaar"
        for pad in [opties.bestand(editie, doel, formaat)]
    }
    pdf = opties.out / opties.bestand("openbaar", doel, "pdf")
    if pdf in openbaar and not leesbaar(openbaar[pdf], str(rendered["openbaar", "md"])):
        raise _onleesbaar(pdf)
    if openbaar:
        bewaak(geheimen, bewaakt, openbaar)
        _geen_persoonsgegevens(werk, doel, str(rendered["openbaar", "md"]))
    gezet = []
    for pad, inhoud in uitvoer.items():
        if pad.endswith(".xml"):
            from .publish.diwoo import welgevormd  # imported by the build that made the XML

            welgevormd(display_path(opties.out / pad), inhoud)
        data = inhoud.encode("utf-8") if isinstance(inhoud, str) else inhoud
        werk.staging.zet(pad, data)
        gezet.append((pad, sha(data)))
    return gezet


def _geen_persoonsgegevens(werk: Werk, doel: str, markdown: str) -> None:
    """The month files were scanned (rule `persoonsgegevens`); the public output is scanned too,
    for what reaches it by another way: monitor.yaml's wording, a workspace's own template."""
    toegestaan = werk.werkmap.programma.persoonsgegevens.toegestaan
    soorten = sorted({SOORTEN[s] for s, _ in soorten_in(zonder_md_escapes(markdown), toegestaan)})
    if soorten:
        pad = werk.opties.out / werk.opties.bestand("openbaar", doel, "md")
        raise MonitorError(
            [
                Problem(
                    display_path(pad),
                    0,
                    0,
                    "",
                    f"mogelijk een persoonsgegeven ({', '.join(soorten)}) in de openbare editie, "
                    "niet uit een maandbestand: komt het uit monitor.yaml of een eigen sjabloon? "
                    "Haal het weg, of sta het toe in monitor.yaml (persoonsgegevens.toegestaan); "
                    "er is niets geschreven",
                )
            ]
        )


def _leesbare_tekst(pad: Path, formaat: str, inhoud: str | bytes) -> str:
    """What the guard reads: the text itself, or everything a reader of a PDF, DOCX or ODT sees."""
    if isinstance(inhoud, str):
        if not formaat.endswith((".csv", ".json")):
            return inhoud
        from .publish.datapackage import leesbare_tekst  # a data package's: also as read

        return leesbare_tekst(formaat, inhoud)
    if formaat == "pdf":
        from .publish.pdffont import OnleesbarePdf
        from .publish.pdftekst import pdf_tekst

        try:
            return pdf_tekst(inhoud)
        except OnleesbarePdf:
            raise _onleesbaar(pad) from None
    from .render.docx import document_tekst

    return document_tekst(inhoud, display_path(pad))


def _onleesbaar(pdf: Path) -> MonitorError:
    return MonitorError(
        [
            Problem(
                display_path(pdf),
                0,
                0,
                "",
                "de tekst van de PDF laat zich niet lezen, dus niet controleren; er is niets "
                "geschreven",
            )
        ]
    )
