"""The programme's own words and house style in monitor.yaml, and what a breakdown shows beside its
table (its sentence, its charts), as models with neutral Dutch defaults: nothing of one
programme is written in the package. The docstrings and descriptions are Dutch: they are the
JSON Schema's, which editors show.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from .waarden import Model, Plaatshouders, PlatteTekst


class Grafiekkeuze(Model):
    """Welke grafieken een uitsplitsing met cijfers krijgt, en hoe."""

    maand: Literal["gegroepeerd", "staven", "geen"] = Field(
        default="gegroepeerd",
        description="In de maandrapportage: gegroepeerd (deze maand naast vorige maand), staven "
        "(alleen deze maand) of geen.",
    )
    jaar: Literal["lijnen", "staven", "geen"] = Field(
        default="lijnen",
        description="In het jaaroverzicht: lijnen (een lijn per categorie), staven (per maand een "
        "staaf per categorie) of geen.",
    )
    titel: PlatteTekst | None = Field(
        default=None,
        description="De titel van de grafiek; standaard de titel van de uitsplitsing (in het "
        "jaaroverzicht met 'per maand' erachter).",
    )


class Uitsplitsingszin(Model):
    """De zin onder de tabel: het eerste deel met de eerste categorie, dan een deel per volgende
    categorie ('…, … en …'). {wie}: de categorie (in_zin), {aantal}, {procent}: uitgerekend."""

    eerste: Annotated[PlatteTekst, Plaatshouders("wie", "aantal", "procent", "aanpak")] = (
        "Het aantal {wie} in {aanpak} is momenteel {aantal} ({procent})"
    )
    volgende: Annotated[PlatteTekst, Plaatshouders("wie", "aantal", "procent", "aanpak")] = (
        "het aantal {wie} is {aantal} ({procent})"
    )


class Rijlabels(Model):
    """De rijen van de tabel met personen in regie."""

    totaal: PlatteTekst = "Totaal aantal personen in regie"
    on_hold: PlatteTekst = "Personen on hold"
    instroom: PlatteTekst = "Nieuwe instroom sinds vorige maand"
    uitstroom: PlatteTekst = "Uitstroom sinds vorige maand"


class Kolommen(Model):
    """De korte namen van de cijfers in het jaaroverzicht en op de archiefpagina: de koppen van
    de kolommen en de namen van de lijnen in de grafieken."""

    totaal: PlatteTekst = "Totaal in regie"
    on_hold: PlatteTekst = "On hold"
    instroom: PlatteTekst = "Instroom"
    uitstroom: PlatteTekst = "Uitstroom"
    meldingen: PlatteTekst = "Meldingen"


class Grafiektitels(Model):
    """De titels van de grafieken die niet bij een uitsplitsing horen."""

    meldingen: PlatteTekst = "Meldingen per maand"
    personen_in_regie: PlatteTekst = Field(
        default="Personen in regie per maand", description="Jaaroverzicht."
    )
    stroom: PlatteTekst = Field(
        default="Instroom en uitstroom per maand", description="Jaaroverzicht."
    )
    stroom_per_jaar: PlatteTekst = Field(
        default="Instroom en uitstroom per jaar", description="Archiefpagina."
    )
    meldingen_per_jaar: PlatteTekst = Field(
        default="Meldingen per jaar", description="Archiefpagina."
    )


class Bewoording(Model):
    """De woorden van de rapportage die per programma verschillen. In een zin staat {naam} voor
    wat de rapportage invult: {maand} (juni), {jaar} (2018), {programma}, {aantal} (het aantal
    secties, in letters), {secties} (het aantal met het woord: één sectie, drie secties),
    {aanpak}, {meldpunt}."""

    inleiding: Annotated[PlatteTekst, Plaatshouders("maand", "jaar", "programma")] = (
        "Voor u ligt de maandmonitor over de maand {maand} {jaar} van het programma {programma}."
    )
    indeling: Annotated[PlatteTekst, Plaatshouders("aantal", "secties")] = Field(
        default="De monitor is ingedeeld in {secties}:",
        description="De zin boven de lijst van secties; {aantal} telt de secties (drie), "
        "{secties} met het woord erbij (één sectie, drie secties).",
    )
    aanpak: PlatteTekst = Field(
        default="de persoonsgerichte aanpak",
        description="De naam van de persoonsgerichte aanpak zoals in een zin, met lidwoord.",
    )
    meldpunt: PlatteTekst = Field(
        default="het meldpunt", description="De naam van het meldpunt, zoals in een zin."
    )
    meldingen: Annotated[PlatteTekst, Plaatshouders("meldpunt")] = Field(
        default="Aantal meldingen bij {meldpunt}", description="De kop boven de meldingen."
    )
    overleggen: Annotated[PlatteTekst, Plaatshouders("aanpak", "maand", "jaar")] = Field(
        default="Overleggen van {aanpak} in {maand}:", description="De kop boven de overleggen."
    )
    personen_in_regie: Rijlabels = Rijlabels()
    kolommen: Kolommen = Kolommen()
    grafieken: Grafiektitels = Grafiektitels()


def _kleur(text: str) -> str:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", text):
        raise PydanticCustomError("kleur", "geen kleur: verwacht #rrggbb, bijv. #1f6f43", {})
    return text


def _lettertype(text: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 -]{0,59}", text):
        raise PydanticCustomError(
            "lettertype",
            "geen naam van een lettertype: alleen letters, cijfers, spaties en '-'",
            {},
        )
    return text


class Huisstijl(Model):
    """De huisstijl van de HTML en PDF."""

    kleur: Annotated[str, AfterValidator(_kleur)] = Field(
        default="#1f6f43",
        description="De steunkleur (lijnen, de staven van deze maand): #rrggbb, met minstens 3:1 "
        "contrast op wit.",
        json_schema_extra={"pattern": "^#[0-9a-fA-F]{6}$"},
    )
    lettertype: Annotated[str, AfterValidator(_lettertype)] | None = Field(
        default=None,
        description="Het lettertype van de tekst, als de lezer het heeft; anders Arial.",
    )
