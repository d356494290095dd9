"""The public edition's figures as open data: a Frictionless Data Package.

One CSV per table of the report (personen in regie, regiepartijen, every breakdown, meldingen per
month) and the inventory list, with `datapackage.json` describing each as a Table Schema: field
names, Dutch titles and descriptions, types, and `missingValues`. Everything is read from the
public form of the month (strip.py): a count that suppression hides is `x` (as CBS writes it) and
a redacted or unavailable table has empty counts, never their value. The archive's package
(`build --all --format data`) has the same tables with a row per month: each month's own figures,
as its own report published them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from ..marks import Lak, Tekst
from ..model import (
    Gelakt,
    InzetOpRisicos,
    NietBeschikbaar,
    PersonenInRegie,
    Programma,
    Uitsplitsing,
)
from ..months import maand_terug
from ..options import DATAMAP, INVENTARIS, MELDINGEN, PARTIJEN, PERSONEN
from ..waarden import vul_in
from .inventaris import vindplaatsen
from .strip import OpenbareMaand, verborgen
from .suppress import HUIDIG, VORIG

ONDERDRUKT = "x"  # a suppressed count; "" is a count that is not there (redacted, unavailable)
MISSING = ["", ONDERDRUKT]


Waarde = int | str | bool | None


@dataclass(frozen=True)
class Veld:
    naam: str
    titel: str
    beschrijving: str
    soort: str = "integer"  # Table Schema type

    def schema(self) -> dict[str, str]:
        uit = {"name": self.naam, "title": self.titel, "description": self.beschrijving}
        return {**uit, "type": self.soort}


MAAND = Veld("maand", "Maand", "De maand waarover het cijfer gaat (JJJJ-MM).", "yearmonth")


@dataclass
class Tabel:
    naam: str
    titel: str
    beschrijving: str
    velden: tuple[Veld, ...]
    rijen: list[tuple[Waarde, ...]] = field(default_factory=list)

    def csv(self) -> str:
        uit = io.StringIO()
        schrijver = csv.writer(uit, lineterminator="\n")
        schrijver.writerow([v.naam for v in self.velden])
        for rij in self.rijen:
            schrijver.writerow(
                ["" if w is None else str(w).lower() if isinstance(w, bool) else w for w in rij]
            )
        return uit.getvalue()

    def bron(self) -> dict[str, object]:
        return {
            "name": self.naam,
            "path": f"{self.naam}.csv",
            "profile": "tabular-data-resource",
            "title": self.titel,
            "description": self.beschrijving,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {"fields": [v.schema() for v in self.velden], "missingValues": MISSING},
        }


def _tabellen(programma: Programma) -> list[Tabel]:
    """The empty tables, in the report's order: those of the figures only where the programme
    has a person-centred approach (without, its months have no figures), then the inventory."""
    cijfers = _cijfertabellen(programma) if programma.persoonsgericht is not None else []
    return [*cijfers, _inventaris()]


def _cijfertabellen(programma: Programma) -> list[Tabel]:
    """The tables of the figures, in the programme's own words (`bewoording`), as its report
    names them."""
    woorden = programma.bewoording
    rijen = woorden.personen_in_regie
    tabellen = [
        Tabel(
            PERSONEN,
            "Aantal personen in regie",
            f"Personen in {woorden.aanpak} op de peildatum, en de stroom sinds de maand ervoor.",
            (
                MAAND,
                Veld("totaal", rijen.totaal, "Op de peildatum."),
                Veld("on_hold", rijen.on_hold, "In de aanpak, tijdelijk niet actief."),
                Veld("instroom", rijen.instroom, "Sinds de maand ervoor."),
                Veld("uitstroom", rijen.uitstroom, "Sinds de maand ervoor."),
            ),
        ),
        Tabel(
            PARTIJEN,
            "Regiepartijen",
            "Per regiepartij het aantal regisseurs en het aantal casussen waarover zij regie "
            "voert.",
            (
                MAAND,
                Veld("partij", "Regiepartij", "De partij die regie voert.", "string"),
                Veld("regisseurs", "Aantal regisseurs", "Casusregisseurs van de partij."),
                Veld("toelichting", "Toelichting", "Bij de regisseurs, bijv. 'duo'.", "string"),
                Veld("casussen", "Aantal casussen", "0 staat in de rapportage als '-'."),
            ),
        ),
    ]
    for definitie in programma.uitsplitsingen:
        tabellen.append(
            Tabel(
                definitie.id,
                definitie.titel,
                f"{definitie.titel}: de personen in regie per categorie. Een onderdrukt aantal is "
                f"'{ONDERDRUKT}'; een gelakte of niet beschikbare tabel heeft lege aantallen.",
                (
                    MAAND,
                    Veld("categorie", "Categorie", "De id van de categorie.", "string"),
                    Veld(
                        "omschrijving",
                        "Omschrijving",
                        "De categorie zoals de rapportage haar noemt.",
                        "string",
                    ),
                    Veld(
                        "aantal", "Aantal personen", f"'{ONDERDRUKT}': onderdrukt (klein aantal)."
                    ),
                    Veld("opmerking", "Opmerking", "Waarom een aantal ontbreekt.", "string"),
                ),
            )
        )
    tabellen += [
        Tabel(
            MELDINGEN,
            woorden.grafieken.meldingen,
            vul_in(woorden.meldingen, meldpunt=woorden.meldpunt) + ", per maand.",
            (MAAND, Veld("aantal", "Aantal", "Het aantal in de maand.")),
        ),
    ]
    return tabellen


def _inventaris() -> Tabel:
    return Tabel(
        INVENTARIS,
        "Inventarislijst van de lakkingen",
        "Elke gelakte passage of tabel met haar lakgrond en vindplaats in de rapportage.",
        (
            MAAND,
            Veld("volgnummer", "Nr.", "Volgnummer binnen de rapportage van de maand."),
            Veld("lakgrond", "Lakgrond", "Het label van de lakgrond.", "string"),
            Veld(
                "weigeringsgrond",
                "Weigeringsgrond",
                "Een weigeringsgrond van de Woo (art. 5.1).",
                "boolean",
            ),
            Veld("soort", "Soort", "passage of tabel", "string"),
            Veld("sectie", "Sectie", "De sectie (§) van de rapportage.", "string"),
            Veld("blok", "Blok", "Het blok (kop) binnen de sectie.", "string"),
            Veld("item", "Item", "Het item binnen het blok.", "string"),
        ),
    )


def _tekst(programma: Programma, tekst: Tekst | None) -> str:
    """A public Tekst as plain text: a redaction is its ground's label."""
    if tekst is None:
        return ""
    return "".join(
        programma.grond(d.grond).label if isinstance(d, Lak) else d for d in tekst.delen
    ).strip()


def _vul(programma: Programma, publiek: OpenbareMaand, tabellen: Sequence[Tabel]) -> None:
    maand = publiek.maand
    naam = maand.maand
    per_naam = {t.naam: t for t in tabellen}
    if maand.inzet_op_risicos is not None:  # a programme without figures has only the inventory
        _vul_cijfers(programma, publiek, maand.inzet_op_risicos, per_naam)
    for v in vindplaatsen(programma, maand):
        per_naam[INVENTARIS].rijen.append(
            (
                naam,
                v.volgnummer,
                v.grond.label,
                v.grond.weigeringsgrond,
                v.soort,
                v.sectie,
                v.blok,
                v.item,
            )
        )


def _vul_cijfers(
    programma: Programma,
    publiek: OpenbareMaand,
    inzet: InzetOpRisicos,
    per_naam: dict[str, Tabel],
) -> None:
    naam = publiek.maand.maand
    # the columns the report shows: last month's only where the month has one
    kolommen: list[tuple[str, str, PersonenInRegie | None, Mapping[str, Uitsplitsing]]] = []
    if inzet.vorige_maand is not None and (vorige := maand_terug(naam, 1)) is not None:
        v = inzet.vorige_maand
        kolommen.append((vorige, VORIG, v.personen_in_regie, v.subjecten))
    kolommen.append((naam, HUIDIG, inzet.personen_in_regie, inzet.subjecten))
    pir = per_naam[PERSONEN].rijen
    for wanneer, _, p, _ in kolommen:
        if p is not None:
            pir.append((wanneer, p.totaal, p.on_hold, p.instroom, p.uitstroom))
    for partij in inzet.regiepartijen:
        per_naam[PARTIJEN].rijen.append(
            (
                naam,
                partij.partij,
                partij.regisseurs,
                _tekst(programma, partij.toelichting),
                partij.casussen or 0,
            )
        )
    for definitie in programma.uitsplitsingen:
        resultaat = publiek.onderdrukt.get(definitie.id)
        for wanneer, kolomnaam, _, subjecten in kolommen:
            cijfers = subjecten.get(definitie.id)
            if cijfers is None:
                continue
            for c in definitie.categorieen:
                aantal: Waarde
                if isinstance(cijfers, Gelakt):
                    aantal, opmerking = None, f"gelakt ({programma.grond(cijfers.gelakt).label})"
                elif isinstance(cijfers, NietBeschikbaar):
                    aantal, opmerking = None, "niet beschikbaar"
                elif verborgen(resultaat, kolomnaam, c.id):
                    aantal, opmerking = ONDERDRUKT, "onderdrukt"
                else:
                    aantal, opmerking = cijfers.get(c.id, 0), ""
                per_naam[definitie.id].rijen.append((wanneer, c.id, c.label, aantal, opmerking))
    for melding in inzet.meldingen:
        per_naam[MELDINGEN].rijen.append((melding.maand, len(melding.items)))


def _pakket(naam: str, titel: str, beschrijving: str, tabellen: Sequence[Tabel]) -> dict[str, str]:
    beschrijving_json = {
        "profile": "tabular-data-package",
        "name": naam,
        "title": titel,
        "description": beschrijving,
        "resources": [t.bron() for t in tabellen],
    }
    bestanden = {f"{DATAMAP}/{t.naam}.csv": t.csv() for t in tabellen}
    bestanden[f"{DATAMAP}/datapackage.json"] = (
        json.dumps(beschrijving_json, ensure_ascii=False, indent=2) + "\n"
    )
    return bestanden


def maandpakket(programma: Programma, publiek: OpenbareMaand, titel: str) -> dict[str, str]:
    """The package of one month: its files by name (data/…), as the report shows the figures
    (last month's column as rows of last month)."""
    tabellen = _tabellen(programma)
    _vul(programma, publiek, tabellen)
    return _pakket(
        f"maandmonitor-{publiek.maand.maand}",
        f"{titel}: de gepubliceerde cijfers",
        f"{programma.programma}. De cijfers van de openbare editie, per tabel van de rapportage.",
        tabellen,
    )


def archiefrijen(
    programma: Programma, publiek: OpenbareMaand
) -> list[tuple[str, list[tuple[Waarde, ...]]]]:
    """A month's rows for the archive's package: only its own month's figures."""
    tabellen = _tabellen(programma)
    _vul(programma, publiek, tabellen)
    eigen = publiek.maand.maand
    return [(t.naam, [r for r in t.rijen if r[0] == eigen]) for t in tabellen]


def archiefpakket(
    programma: Programma, maanden: Sequence[Sequence[tuple[str, list[tuple[Waarde, ...]]]]]
) -> dict[str, str]:
    """The archive's package: the tables of every month (rows from `archiefrijen`), in order."""
    tabellen = _tabellen(programma)
    per_naam = {t.naam: t for t in tabellen}
    for rijen in maanden:
        for naam, eigen in rijen:
            per_naam[naam].rijen += eigen
    return _pakket(
        "maandmonitor-archief",
        f"{programma.titel}: de gepubliceerde cijfers van alle maanden",
        f"{programma.programma}. Per maand de cijfers van haar openbare editie.",
        tabellen,
    )


# --- what the guard reads ------------------------------------------------------------------------


def leesbare_tekst(naam: str, inhoud: str) -> str:
    """A file of a package as the guard reads it: the exact text written, and its values as a
    program reads them (a CSV's cells unquoted, a JSON's strings decoded): CSV doubles a `"`
    and JSON escapes one, so a confidential text with a quote is not in the bytes as such."""
    if naam.endswith(".csv"):
        waarden = [cel for _, rij in _rijen(inhoud) for cel in rij]
    elif naam.endswith(".json"):
        waarden = list(_teksten(json.loads(inhoud)))
    else:
        return inhoud
    return "\n".join([inhoud, *waarden])


def per_maand(bestanden: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """The CSV files of the archive's package as the guard reads them a month at a time (each
    month's rows against its own confidential texts): per month (a row's first cell), per file,
    the exact text of the header and of that month's rows, then their cells unquoted."""
    delen: dict[str, dict[str, tuple[list[str], list[str]]]] = {}
    for naam, inhoud in bestanden.items():
        if not naam.endswith(".csv"):
            continue
        rijen = _rijen(inhoud)
        kop, velden = next(rijen, ("", []))
        for tekst, rij in rijen:
            bron, cellen = delen.setdefault(rij[0] if rij else "", {}).setdefault(
                naam, ([kop], list(velden))
            )
            bron.append(tekst)
            cellen += rij
    return {
        maand: {naam: "\n".join(["".join(bron), *cellen]) for naam, (bron, cellen) in d.items()}
        for maand, d in delen.items()
    }


def _rijen(inhoud: str) -> Iterator[tuple[str, list[str]]]:
    """Each row of a CSV, with the exact text it was read from (a quoted cell may hold a line
    break: a row can span lines)."""
    regels = list(io.StringIO(inhoud))  # split at "\n" only, as csv writes and reads rows
    lezer = csv.reader(regels)
    gelezen = 0
    for rij in lezer:
        yield "".join(regels[gelezen : lezer.line_num]), rij
        gelezen = lezer.line_num


def _teksten(waarde: object) -> Iterator[str]:
    """Every string of a JSON value, keys included."""
    if isinstance(waarde, str):
        yield waarde
    elif isinstance(waarde, dict):
        for sleutel, binnen in waarde.items():
            yield sleutel
            yield from _teksten(binnen)
    elif isinstance(waarde, list):
        for binnen in waarde:
            yield from _teksten(binnen)
