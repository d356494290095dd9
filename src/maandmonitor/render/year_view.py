"""The year view: the months of one year side by side, as tables and inline SVG charts, each
chart after the table it illustrates.

The figures come from `jaarcijfers` (a month without a file takes what a later report states
about it; the public edition only from the months' public form). The year view holds only
figures, never text from the data, so there is nothing to redact; it is still rendered per
edition, through the same Jinja environment and Markdown → HTML step as a month, and the build
guards its public edition like any other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from markupsafe import Markup

from ..model import Maand, Programma, UitsplitsingDef
from ..months import korte_maandnaam, maandnaam
from ..options import EDITIES, KANTOORFORMATEN, STANDAARD_FORMATEN, Editie, Formaat, PdfMaker
from ..publish.strip import OpenbareMaand
from .env import macro, make_env, render
from .jaarcijfers import NOG_NIET, Jaarcijfers, jaarcijfers
from .plekken import grafiek_plek, met_grafieken, zonder_plekken
from .tijdgrafiek import Lijn, Tijdgrafiek, toelichting


def _grafieken(programma: Programma, cijfers: Jaarcijfers) -> list[Tijdgrafiek]:
    """The core figures, and every breakdown as monitor.yaml says (lines by default); no chart
    without a single figure."""
    rijen = cijfers.rijen
    namen = tuple(maandnaam(r.maand) for r in rijen)
    labels = tuple((i, korte_maandnaam(r.maand)) for i, r in enumerate(rijen))
    nog_niet = {i for i, r in enumerate(rijen) if r.opmerking == NOG_NIET}
    titels = programma.bewoording.grafieken
    kolommen = programma.bewoording.kolommen

    def grafiek(
        id: str,
        titel: str,
        soort: Literal["lijn", "staaf"],
        reeksen: tuple[Lijn, ...],
        later: set[int],
    ) -> Tijdgrafiek:
        return Tijdgrafiek(
            id,
            titel,
            soort,
            tuple(maandnaam(r.maand, hoofdletter=True) for r in rijen),
            labels,
            reeksen,
            programma.huisstijl.kleur,
            frozenset(later),
            toelichting=toelichting(soort, namen, reeksen, later, nog_niet),
        )

    def lijn(naam: str, veld: str) -> Lijn:
        return Lijn(naam, tuple(getattr(r, veld) for r in rijen))

    later = {i for i, r in enumerate(rijen) if r.later}
    grafieken = [
        grafiek(
            "jaar-regie",
            titels.personen_in_regie,
            "lijn",
            (lijn(kolommen.totaal, "totaal"), lijn(kolommen.on_hold, "on_hold")),
            later,
        ),
        grafiek(
            "jaar-stroom",
            titels.stroom,
            "staaf",
            (lijn(kolommen.instroom, "instroom"), lijn(kolommen.uitstroom, "uitstroom")),
            later,
        ),
        grafiek(
            "jaar-meldingen",
            titels.meldingen,
            "staaf",
            (lijn(kolommen.meldingen, "meldingen"),),
            later,
        ),
    ]
    for u in cijfers.uitsplitsingen:
        keuze = u.definitie.grafiek
        if keuze.jaar == "geen":
            continue
        reeksen = tuple(
            Lijn(_categorie(u.definitie, i), tuple(r.waarden[i] for r in u.rijen))
            for i in range(len(u.definitie.categorieen))
        )
        titel = keuze.titel or f"{u.definitie.titel} per maand"
        soort: Literal["lijn", "staaf"] = "lijn" if keuze.jaar == "lijnen" else "staaf"
        aangevuld = {i for i, r in enumerate(u.rijen) if r.later}
        grafieken.append(grafiek(f"jaar-{u.definitie.id}", titel, soort, reeksen, aangevuld))
    return [g for g in grafieken if g.heeft_cijfers]


def _categorie(definitie: UitsplitsingDef, index: int) -> str:
    label = definitie.categorieen[index].label
    return f"{index + 1}. {label}" if definitie.genummerd else label


# --- rendering ------------------------------------------------------------------------------------


def render_year(
    programma: Programma,
    jaar: str,
    maanden: dict[str, Maand],
    *,
    lopend: bool = False,
    edities: Sequence[Editie] = EDITIES,
    formaten: Sequence[Formaat] = STANDAARD_FORMATEN,
    templates: Path | None = None,
    publiek: Mapping[str, OpenbareMaand] | None = None,
    naar_pdf: PdfMaker | None = None,
) -> dict[tuple[Editie, str], str | bytes]:
    """Every requested edition and format of the year view, in memory, and the forms they are
    made from (see render_month). `maanden`: the year's months with a file; `lopend`: the year
    is the archive's last, so the months after its last file are not out yet; `publiek`: the
    months' public forms, where made already; `naar_pdf`: as render_month's."""
    env = make_env(programma, templates)
    result: dict[tuple[Editie, str], str | bytes] = {}
    for editie in edities:
        cijfers = jaarcijfers(
            programma, jaar, maanden, editie=editie, lopend=lopend, publiek=publiek
        )
        context: dict[str, Any] = {
            "programma": programma,
            "jaar": jaar,
            "editie": editie,
            "rijen": cijfers.rijen,
            "uitsplitsingen": cijfers.uitsplitsingen,
            "aanwezig": cijfers.aanwezig,
            "aangevuld": cijfers.aangevuld,
            "nog_niet": cijfers.nog_niet,
            "grafiek_plek": grafiek_plek,
            # as a month's: a public year view of a month not yet signed off is a concept
            "concept": editie == "openbaar" and any(m.status is None for m in maanden.values()),
        }
        markdown = render(env, "jaar.md.j2", context)
        result[(editie, "md")] = zonder_plekken(markdown)
        if "html" in formaten or "pdf" in formaten:
            grafieken = _grafieken(programma, cijfers)
            teken = macro(env, "jaargrafiek.html.j2", "jaargrafiek")
            figuren = {g.id: teken(g) for g in grafieken}
            inhoud = met_grafieken(markdown, figuren, pakket=templates is None)
            page = render(env, "jaar.html.j2", {**context, "inhoud": Markup(inhoud)})
            result[(editie, "html")] = page
            if "pdf" in formaten:
                from .pdf import in_dit_proces  # WeasyPrint is optional and slow to import

                result[(editie, "pdf")] = (naar_pdf or in_dit_proces)(
                    editie, page, [(g.id, g.titel, g.beschrijving) for g in grafieken]
                )
        for formaat in KANTOORFORMATEN:
            if formaat in formaten:  # the tables; the charts repeat them
                from .docx import naar_document, voor_pandoc

                titel = f"{programma.titel} {jaar}: jaaroverzicht"
                label = "Openbare editie (Woo)" if editie == "openbaar" else "Interne editie"
                result[(editie, formaat)] = naar_document(
                    voor_pandoc(markdown)[0],
                    formaat,
                    titel=titel + (" (CONCEPT)" if context["concept"] else ""),
                    ondertitel=label,
                    kop="CONCEPT" if context["concept"] else "",
                    voet=f"{titel} · {label}",
                    afbeeldingen=[],
                    datum=dt.date(int(jaar), 12, 31),
                )
    return result
