"""The month's report: what the templates get besides the models, the charts, and the rendering
of every edition and format in memory.

Rendering receives checked months; it does not check. The public edition is rendered from the
month's public form (`publish.strip.openbare_maand`) only, never from the month itself.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..model import (
    Gelakt,
    InzetOpRisicos,
    Lakgrond,
    Maand,
    NietBeschikbaar,
    Programma,
    UitsplitsingDef,
    VorigeMaand,
    iter_teksten,
)
from ..months import maand_terug, maandnaam
from ..nl import datum
from ..options import (
    EDITIES,
    KANTOORFORMATEN,
    STANDAARD_FORMATEN,
    Editie,
    Formaat,
    Kantoorformaat,
    PdfMaker,
)
from ..publish.inventaris import onderdrukte_cellen, vindplaatsen
from ..publish.strip import OpenbareMaand, onderdrukking, openbare_maand, verborgen
from ..publish.suppress import HUIDIG, VORIG, Resultaat
from ..waarden import vul_in
from .charts import Grafiek, staafgrafiek
from .env import ONDERDRUKT, aantal, macro, make_env, procent, punt, render, zonder_lakvakken
from .plekken import BIJLAGE, GRAFIEKEN, grafiek_plek, met_grafieken, zonder_plekken


def _grafieken(
    programma: Programma, maand: Maand, onderdrukt: Mapping[str, Resultaat]
) -> list[Grafiek]:
    """The meldingen per month, and every breakdown with figures as monitor.yaml says (this
    month beside last month by default); none that would show a count suppression hides."""
    inzet = maand.inzet_op_risicos
    if inzet is None:
        return []
    grafieken = []
    if inzet.meldingen:
        grafieken.append(
            staafgrafiek(
                "meldingen",
                programma.bewoording.grafieken.meldingen,
                ["Aantal"],
                [(maandnaam(m.maand, hoofdletter=True), [len(m.items)]) for m in inzet.meldingen],
            )
        )
    huidig = maandnaam(maand.maand, hoofdletter=True)
    vorige = maand_terug(maand.maand, 1)
    eerder = maandnaam(vorige, hoofdletter=True) if vorige else ""  # 0001-01 has none
    vorig = inzet.vorige_maand.subjecten if inzet.vorige_maand else {}
    for definitie in programma.uitsplitsingen:
        soort = definitie.grafiek.maand
        cijfers = inzet.subjecten.get(definitie.id)
        if soort == "geen" or not isinstance(cijfers, dict) or definitie.id in onderdrukt:
            continue
        oud = vorig.get(definitie.id) if soort == "gegroepeerd" else None
        rijen = []
        for nummer, categorie in enumerate(definitie.categorieen, start=1):
            label = f"{nummer}. {categorie.label}" if definitie.genummerd else categorie.label
            waarden = [cijfers.get(categorie.id, 0)]
            if isinstance(oud, dict):
                waarden.insert(0, oud.get(categorie.id, 0))
            rijen.append((label, waarden))
        series = [eerder, huidig] if isinstance(oud, dict) else [huidig]
        titel = definitie.grafiek.titel or definitie.titel
        grafieken.append(staafgrafiek(definitie.id, titel, series, rijen))
    return grafieken


def _context(
    programma: Programma, maand: Maand, editie: Editie, onderdrukt: Mapping[str, Resultaat]
) -> dict[str, Any]:
    context = {
        "programma": programma,
        "maand": maand,
        "editie": editie,
        # a public edition of a month not signed off says so on every page and in its metadata
        "concept": editie == "openbaar" and maand.status is None,
        "grafiek_plek": grafiek_plek,
        "grafieken_plek": GRAFIEKEN,  # where a template without places puts every chart
        "bijlage_plek": BIJLAGE,
        "onderdrukt_teken": ONDERDRUKT,
        "inventaris": _inventaris(programma, maand),
        "vindplaatsen": vindplaatsen(programma, maand),
        "onderdrukte_cellen": sum(len(r.onderdrukt) for r in onderdrukt.values() if not r.geheel),
        "onderdrukte_tabellen": sum(r.geheel for r in onderdrukt.values()),
    }
    if maand.inzet_op_risicos is not None:
        context |= _cijfers(programma, maand.inzet_op_risicos, onderdrukt)
    return context


def _cijfers(
    programma: Programma, inzet: InzetOpRisicos, onderdrukt: Mapping[str, Resultaat]
) -> dict[str, Any]:
    """What the template of the person-centred approach gets besides the figures block."""
    totaal = inzet.personen_in_regie.totaal

    def deel(n: int) -> str:
        return procent(n, totaal)  # every breakdown sums to the total (rule checked)

    subjecten = []
    vorig = inzet.vorige_maand.subjecten if inzet.vorige_maand else {}
    for definitie in programma.uitsplitsingen:
        if definitie.id not in inzet.subjecten:
            continue
        cijfers = inzet.subjecten[definitie.id]
        resultaat = onderdrukt.get(definitie.id)
        kolom = functools.partial(_kolom, definitie, resultaat)
        geheel = resultaat is not None and resultaat.geheel
        # The table's columns, as printed; none when the table is not shown as figures.
        nu = cijfers if isinstance(cijfers, dict) and not geheel else None
        oud = vorig.get(definitie.id) if nu is not None else None
        gedrukt = None if nu is None else kolom(nu, HUIDIG, aantal)
        procenten = None if nu is None else kolom(nu, HUIDIG, deel)
        subjecten.append(
            {
                "def": definitie,
                "cijfers": gedrukt,
                "procent": procenten,
                "vorig": kolom(oud, VORIG, aantal) if isinstance(oud, dict) else None,
                "onderdrukt": resultaat is not None,
                "geheel": geheel,
                # the sentence would show what suppression hides
                "zin": _zin(programma, definitie, gedrukt, procenten)
                if gedrukt is not None and procenten is not None and resultaat is None
                else None,
                "gelakt": cijfers if isinstance(cijfers, Gelakt) else None,
                "grond": programma.grond(cijfers.gelakt).label
                if isinstance(cijfers, Gelakt)
                else None,
                "lakgrond": programma.grond(cijfers.gelakt)
                if isinstance(cijfers, Gelakt)
                else None,
                "niet_beschikbaar": cijfers.niet_beschikbaar
                if isinstance(cijfers, NietBeschikbaar)
                else None,
            }
        )
    casussen = [p.casussen for p in inzet.regiepartijen if p.casussen is not None]
    return {
        "inzet": inzet,
        "subjecten": subjecten,
        "regisseurs_totaal": inzet.regisseurs_totaal
        if inzet.regisseurs_totaal is not None
        else sum(p.regisseurs for p in inzet.regiepartijen),
        "casussen_totaal": sum(casussen),
    }


def _zin(
    programma: Programma,
    definitie: UitsplitsingDef,
    cijfers: Mapping[str, str],
    procenten: Mapping[str, str],
) -> str | None:
    """The breakdown's sentence, if monitor.yaml gives it one: a part per category, '…, … en …'."""
    if definitie.zin is None:
        return None
    delen = [
        vul_in(
            definitie.zin.volgende if index else definitie.zin.eerste,
            wie=c.in_zin or c.label,
            aantal=cijfers[c.id],
            procent=procenten[c.id],
            aanpak=programma.bewoording.aanpak,
        )
        for index, c in enumerate(definitie.categorieen)
    ]
    if len(delen) > 1:
        delen = [", ".join(delen[:-1]), delen[-1]]
    return punt(" en ".join(delen))


def _kolom(
    definitie: UitsplitsingDef,
    resultaat: Resultaat | None,
    waarden: Mapping[str, int],
    kolom: str,
    opmaak: Callable[[int], str],
) -> dict[str, str]:
    """Each category's figure as printed: ONDERDRUKT where suppression hides it; a category
    missing from the file counts 0."""
    return {
        c.id: ONDERDRUKT if verborgen(resultaat, kolom, c.id) else opmaak(waarden.get(c.id, 0))
        for c in definitie.categorieen
    }


@dataclass(frozen=True)
class Lakregel:
    """One line of the inventory: a ground, and how often the edition withholds text under it."""

    grond: Lakgrond
    passages: int
    tabellen: int


def _inventaris(programma: Programma, maand: Maand) -> list[Lakregel]:
    """Per ground used this month: redacted passages (inline or whole) and whole tables."""
    passages = Counter(lak.grond for _, tekst in iter_teksten(maand) for lak in tekst.lakken)
    subjecten = maand.inzet_op_risicos.subjecten if maand.inzet_op_risicos else {}
    tabellen = Counter(u.gelakt for u in subjecten.values() if isinstance(u, Gelakt))
    return [
        Lakregel(grond, passages[grond.id], tabellen[grond.id])
        for grond in programma.lakgronden
        if passages[grond.id] or tabellen[grond.id]
    ]


def render_month(
    programma: Programma,
    maand: Maand,
    *,
    vorig: Maand | None = None,
    edities: Sequence[Editie] = EDITIES,
    formaten: Sequence[Formaat] = STANDAARD_FORMATEN,
    templates: Path | None = None,
    vormen: OpenbareVormen | None = None,
    naar_pdf: PdfMaker | None = None,
) -> dict[tuple[Editie, str], str | bytes]:
    """Every requested edition and format, in memory, and the forms they are made from (the
    Markdown always, the HTML page for a PDF too): the guard reads every one of them, also one
    that is not written. `vorig`: last month's file, when there is one (for the previous-month
    column); `templates`: the workspace's own templates, if any; `vormen`: the public forms the
    caller made or will ask for again; `naar_pdf`: what makes a PDF of a page, if not this
    process (edities.py)."""
    maand = met_vorige_maand(maand, vorig)
    vormen = vormen or OpenbareVormen(programma)
    env = make_env(programma, templates)
    pakket = templates is None
    result: dict[tuple[Editie, str], str | bytes] = {}
    for editie in edities:
        if editie == "openbaar":
            publiek = vormen.van(maand)
            model, onderdrukt = publiek.maand, publiek.onderdrukt
        else:
            model, onderdrukt = maand, {}
        context = _context(programma, model, editie, onderdrukt)
        if editie == "intern":
            publiek_verborgen = onderdrukking(programma, maand)
            context["onderdrukte_cellen_lijst"] = onderdrukte_cellen(
                programma, maand, publiek_verborgen
            )
        basis = render(env, "maandmonitor.md.j2", context)
        # The inventory list follows the inventory; the public Markdown file keeps the
        # reference's plain text (the golden file), every other output has it.
        markdown = basis + "\n" + render(env, "inventarislijst.md.j2", context)
        bestand = markdown if editie == "intern" else basis
        result[(editie, "md")] = zonder_lakvakken(zonder_plekken(bestand))
        grafieken = _grafieken(programma, model, onderdrukt)
        if "html" in formaten or "pdf" in formaten:
            teken = macro(env, "grafiek.html.j2", "grafiek")
            figuren = {g.id: teken(g, programma.huisstijl.kleur) for g in grafieken}
            inhoud = met_grafieken(markdown, figuren, pakket=pakket)
            page = render(env, "maandmonitor.html.j2", {**context, "inhoud": Markup(inhoud)})
            result[(editie, "html")] = page
            if "pdf" in formaten:
                from .pdf import in_dit_proces  # WeasyPrint is optional and slow to import

                result[(editie, "pdf")] = (naar_pdf or in_dit_proces)(
                    editie, page, [(g.id, g.titel, g.beschrijving) for g in grafieken]
                )
        for formaat in KANTOORFORMATEN:
            if formaat in formaten:
                result[(editie, formaat)] = _document(env, context, markdown, formaat, grafieken)
    return result


class OpenbareVormen:
    """Each month's public form made once, however often a build asks for it (its rendering,
    data package and DiWoo metadata, its year's view): the strip walks the whole model. Kept per
    month for the very `Maand` it was made of: last month's column makes another object."""

    def __init__(self, programma: Programma) -> None:
        self.programma = programma
        self._vormen: dict[str, tuple[Maand, OpenbareMaand]] = {}

    def van(self, maand: Maand) -> OpenbareMaand:
        bewaard = self._vormen.get(maand.maand)
        if bewaard is None or bewaard[0] is not maand:
            bewaard = (maand, openbare_maand(self.programma, maand))
            self._vormen[maand.maand] = bewaard
        return bewaard[1]


def _document(
    env: Any,
    context: dict[str, Any],
    markdown: str,
    formaat: Kantoorformaat,
    grafieken: Sequence[Grafiek],
) -> bytes:
    """The report as Word or ODF, from the same Markdown; the charts as SVG images."""
    from .docx import Afbeelding, naar_document, voor_pandoc  # pandoc only when asked for

    teken = macro(env, "grafiek.html.j2", "grafiek")
    afbeeldingen = {}
    for g in grafieken:
        figuur = teken(g, context["programma"].huisstijl.kleur)
        svg = figuur[figuur.index("<svg") : figuur.index("</svg>") + len("</svg>")]
        afbeeldingen[g.id] = Afbeelding(svg, g.beschrijving, g.titel)
    programma, maand = context["programma"], context["maand"]
    titel = f"{programma.titel} {maandnaam(maand.maand, jaar=True)}"
    editie = (
        "Openbare editie (Woo)"
        if context["editie"] == "openbaar"
        else "Interne editie – vertrouwelijk"
    )
    tekst, volgorde = voor_pandoc(markdown, afbeeldingen)
    return naar_document(
        tekst,
        formaat,
        titel=titel + (" (CONCEPT)" if context["concept"] else ""),
        ondertitel=editie,
        kop="CONCEPT" if context["concept"] else "",
        voet=f"{titel} · {editie} · peildatum {datum(maand.peildatum)}",
        afbeeldingen=volgorde,
        datum=maand.peildatum,
    )


def met_vorige_maand(maand: Maand, vorig: Maand | None) -> Maand:
    """The month with last month's column: as the file states it, or else from last month's
    file (the rules check that the two agree where both exist). A breakdown that last month's
    file redacts stays redacted in this column, whatever this file states: a figure withheld last
    month is never published now."""
    inzet = maand.inzet_op_risicos
    if vorig is None or inzet is None:
        return maand
    daar = vorig.inzet
    if inzet.vorige_maand is None:
        kolom = VorigeMaand.model_construct(  # parts already validated
            personen_in_regie=daar.personen_in_regie, subjecten=daar.subjecten
        )
    else:
        gelakt = {k: v for k, v in daar.subjecten.items() if isinstance(v, Gelakt)}
        if not gelakt.keys() & inzet.vorige_maand.subjecten.keys():
            return maand
        subjecten = {k: gelakt.get(k, v) for k, v in inzet.vorige_maand.subjecten.items()}
        kolom = inzet.vorige_maand.model_copy(update={"subjecten": subjecten})
    return maand.model_copy(
        update={"inzet_op_risicos": inzet.model_copy(update={"vorige_maand": kolom})}
    )
