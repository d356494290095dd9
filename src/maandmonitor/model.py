"""The programme (monitor.yaml) and the month (YYYY-MM.yaml), as frozen pydantic models.

Validation happens once, at the edge (load/); after that the models are trusted values.
References to the programme (grounds, partners, sections, categories) are checked in
load/files.py, because they need both files. Text and its redaction marks: marks.py; the kinds
of value the models are built from: waarden.py; the programme's own words and style:
bewoording.py.

The docstrings of the models are in Dutch: pydantic makes them the descriptions in the JSON Schema,
which editors show to the user.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    Discriminator,
    Field,
    GetCoreSchemaHandler,
    StringConstraints,
    Tag,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError, core_schema

from .bewoording import Bewoording, Grafiekkeuze, Huisstijl, Uitsplitsingszin
from .marks import Tekst
from .waarden import Aantal, Id, MaandId, Model, PlatteTekst

# --- the programme -----------------------------------------------------------------------------


class Sectie(Model):
    """Een genummerde sectie (§) van de rapportage."""

    id: Id
    nummer: Annotated[int, Field(ge=1)]
    titel: PlatteTekst
    omschrijving: PlatteTekst = Field(description="Regel in de inleiding.")
    ondertitel: PlatteTekst | None = None
    persoonsgerichte_aanpak: bool = Field(
        default=False,
        description="De cijfers van de persoonsgerichte aanpak staan in deze sectie (hoogstens "
        "één sectie). Geen enkele: de maandbestanden hebben geen blok inzet_op_risicos.",
    )
    vaste_blokken: list[PlatteTekst] = Field(
        default=[],
        description="Koppen van de blokken die elke maand terugkomen: `maandmonitor new` zet ze "
        "in het nieuwe maandbestand, ook als de vorige maand er een wegliet.",
    )


class Categorie(Model):
    id: Id
    label: PlatteTekst
    in_zin: PlatteTekst | None = Field(
        default=None,
        description="Hoe de categorie in de zin onder de tabel heet ('vrouwen'); standaard het "
        "label.",
    )


class Onderdrukking(Model):
    """Onderdrukking van kleine aantallen in de openbare editie."""

    aan: bool = False
    drempel: Annotated[int, Field(ge=1)] = 3
    nul_onderdrukken: bool = False


class UitsplitsingDef(Model):
    """Een uitsplitsing van de personen in regie; telt op tot personen_in_regie.totaal."""

    id: Id
    titel: PlatteTekst
    categorieen: Annotated[list[Categorie], Field(min_length=1)]
    genummerd: bool = False
    liggend: bool = Field(
        default=False, description="Categorieën als kolommen, de maand als rij (zoals gender)."
    )
    onderdrukking: Onderdrukking = Onderdrukking()
    grafiek: Grafiekkeuze = Grafiekkeuze()
    zin: Uitsplitsingszin | None = Field(
        default=None,
        description="Een zin onder de tabel met elke categorie en haar percentage; zonder: geen "
        "zin.",
    )


class Lakgrond(Model):
    """Een grond waarop tekst uit de openbare editie wordt gelakt."""

    id: Id
    label: PlatteTekst = Field(description="Wat de openbare editie in plaats van de tekst toont.")
    weigeringsgrond: bool = Field(
        description="true: een weigeringsgrond van de Woo (art. 5.1); false: buiten reikwijdte."
    )
    omschrijving: PlatteTekst


class Persoonsgegevens(Model):
    """De controle op ongemarkeerde persoonsgegevens (BSN, e-mail, telefoon, adres, IBAN,
    geboortedatum, kenteken, gevoelige termen) in de tekst van de maandbestanden."""

    toegestaan: list[PlatteTekst] = Field(
        default=[],
        description="Teksten die ongemarkeerd mogen blijven, precies zoals ze in de tekst staan "
        "(bijv. het openbare e-mailadres van het programma).",
    )
    termen: PlatteTekst = Field(
        default="gevoelige_termen.txt",
        description="Bestand naast monitor.yaml met een gevoelige term per regel (namen van "
        "personen in de aanpak); hoort niet in git. Ontbreekt het, dan zijn er geen termen.",
    )


TOOI_ID = "https://identifier.overheid.nl/tooi/id/"
# An organisation's TOOI identifier; a municipality's code is gm and its 4-digit CBS code.
_TOOI_ID = rf"^{re.escape(TOOI_ID)}(?:gemeente/gm[0-9]{{4}}|(?!gemeente/)[a-z_]+/[a-z0-9_]+)$"


def _tooi_id(text: str) -> str:
    if re.fullmatch(_TOOI_ID, text):
        return text
    voorbeeld = f"{TOOI_ID}gemeente/gm0363"
    if text.startswith(f"{TOOI_ID}gemeente/"):
        raise PydanticCustomError(
            "tooi",
            f"geen TOOI-code van een gemeente: verwacht gm met de CBS-code van 4 cijfers, bijv. "
            f"{voorbeeld}",
            {},
        )
    raise PydanticCustomError(
        "tooi",
        f"geen TOOI-identificatie van een organisatie: verwacht {TOOI_ID}<soort>/<code>, bijv. "
        f"{voorbeeld}",
        {},
    )


TooiId = Annotated[
    str, AfterValidator(_tooi_id), WithJsonSchema({"type": "string", "pattern": _TOOI_ID})
]
TooiBegrip = Annotated[
    str,
    StringConstraints(
        pattern=r"^https://identifier\.overheid\.nl/tooi/def/thes/kern/c_[0-9a-f]{8}$"
    ),
]


class Woo(Model):
    """Wat de Woo-index over de openbare editie moet weten (DiWoo-metadata), als TOOI-waarden."""

    organisatie: TooiId = Field(
        description="De verantwoordelijke organisatie als TOOI-identificatie, voor een gemeente "
        "https://identifier.overheid.nl/tooi/id/gemeente/gm gevolgd door de CBS-code (4 cijfers)."
    )
    informatiecategorie: TooiBegrip = Field(
        description="De informatiecategorie van de Woo (art. 3.3), als TOOI-begrip."
    )
    documentsoort: TooiBegrip = Field(
        default="https://identifier.overheid.nl/tooi/def/thes/kern/c_cccba364",
        description="De documentsoort, als TOOI-begrip; standaard voortgangsrapport.",
    )


class Programma(Model):
    """monitor.yaml: wat van maand tot maand gelijk blijft."""

    titel: PlatteTekst
    programma: PlatteTekst
    organisatie: PlatteTekst
    locale: Literal["nl"] = "nl"
    secties: Annotated[list[Sectie], Field(min_length=1)]
    regiepartijen: list[PlatteTekst] = []
    uitsplitsingen: list[UitsplitsingDef] = []
    lakgronden: Annotated[list[Lakgrond], Field(min_length=1)]
    persoonsgegevens: Persoonsgegevens = Persoonsgegevens()
    woo: Woo | None = Field(
        default=None,
        description="Voor de DiWoo-metadata naast de openbare editie; zonder woo is die er niet.",
    )
    bewoording: Bewoording = Bewoording()
    huisstijl: Huisstijl = Huisstijl()

    @property
    def persoonsgericht(self) -> Sectie | None:
        """The section that holds the figures of the person-centred approach, if any."""
        return next((s for s in self.secties if s.persoonsgerichte_aanpak), None)

    def grond(self, grond_id: str) -> Lakgrond:
        return next(g for g in self.lakgronden if g.id == grond_id)

    def uitsplitsing(self, uitsplitsing_id: str) -> UitsplitsingDef:
        return next(u for u in self.uitsplitsingen if u.id == uitsplitsing_id)


# --- the month ---------------------------------------------------------------------------------


class ItemMetVervolg(Model):
    """Een opsommingsteken met alinea's die erbij horen."""

    tekst: Tekst
    vervolg: list[Tekst] = []


def _dict_or_other(dict_tag: str, other_tag: str) -> Any:
    return lambda v: dict_tag if isinstance(v, dict) else other_tag


Item = Annotated[
    Annotated[Tekst, Tag("<tekst>")] | Annotated[ItemMetVervolg, Tag("<met vervolg>")],
    Discriminator(_dict_or_other("<met vervolg>", "<tekst>")),
]


class Blok(Model):
    """Een opsomming, met een kop als die er is."""

    kop: PlatteTekst | None = None
    items: Annotated[list[Item], Field(min_length=1)]


class MeldingenMaand(Model):
    """De meldingen bij het meldpunt (bewoording.meldpunt in monitor.yaml) in één maand."""

    maand: MaandId
    aantal: Aantal | None = Field(
        default=None, description="Het genoemde aantal; moet gelijk zijn aan het aantal items."
    )
    items: list[Item]


class PersonenInRegie(Model):
    totaal: Aantal = Field(description="Totaal aantal personen in regie op de peildatum.")
    on_hold: Aantal = Field(description="Personen in de aanpak die tijdelijk niet actief zijn.")
    instroom: Aantal = Field(description="Nieuwe instroom sinds vorige maand.")
    uitstroom: Aantal = Field(description="Uitstroom sinds vorige maand.")


class Regiepartij(Model):
    partij: PlatteTekst = Field(description="Een regiepartij uit monitor.yaml.")
    regisseurs: Aantal
    toelichting: Tekst | None = Field(
        default=None, description="Bijv. '11 achtervang', 'duo', 'niet actief'."
    )
    casussen: Aantal | None = Field(description="null: geen casussen ('-' in de tabel).")


class Gelakt(Model):
    """Een hele tabel die uit de openbare editie wordt gelakt."""

    gelakt: Id = Field(description="De lakgrond uit monitor.yaml.")
    cijfers: dict[Id, Aantal] | None = Field(
        default=None, description="De vertrouwelijke cijfers (alleen in de interne editie)."
    )


class NietBeschikbaar(Model):
    """Een uitsplitsing die deze maand ontbreekt (iets anders dan nullen)."""

    niet_beschikbaar: PlatteTekst = Field(description="Waarom de cijfers ontbreken.")


def _uitsplitsing_tag(value: Any) -> str:
    if isinstance(value, dict):
        if "gelakt" in value:
            return "<gelakt>"
        if "niet_beschikbaar" in value:
            return "<niet beschikbaar>"
    return "<cijfers>"


Uitsplitsing = Annotated[
    Annotated[dict[Id, Aantal], Tag("<cijfers>")]
    | Annotated[Gelakt, Tag("<gelakt>")]
    | Annotated[NietBeschikbaar, Tag("<niet beschikbaar>")],
    Discriminator(_uitsplitsing_tag),
]


class VorigeMaand(Model):
    """De cijfers van vorige maand zoals toen gerapporteerd; mag weg als dat bestand bestaat."""

    personen_in_regie: PersonenInRegie | None = None
    subjecten: dict[Id, Uitsplitsing] = {}


class Overleg(Model):
    """Een overleg in de verslagmaand: '13 juni: Regieoverleg. Aanwezig: …. Agendapunten: …'."""

    datum: dt.date
    onderwerp: Tekst
    aanwezig: Tekst | None = None
    tekst: Tekst | None = None
    vervolg: list[Tekst] = []


class InzetOpRisicos(Model):
    """De cijfers van de persoonsgerichte aanpak: alleen als een sectie in monitor.yaml
    persoonsgerichte_aanpak: true heeft."""

    meldingen: list[MeldingenMaand] = Field(
        default=[], description="Het meldpunt: per maand van dit jaar de meldingen."
    )
    personen_in_regie: PersonenInRegie
    uitgestroomd: list[Item] = Field(default=[], description="Een regel per uitgestroomde persoon.")
    regiepartijen: list[Regiepartij]
    regisseurs_totaal: Aantal | None = Field(default=None, description="TOTAAL van de regisseurs.")
    subjecten: dict[Id, Uitsplitsing] = Field(
        default={}, description="Uitsplitsingen uit monitor.yaml: gender, leeftijd, ..."
    )
    vorige_maand: VorigeMaand | None = None
    overleggen: list[Overleg] = []


class Vaststelling(Model):
    """Dat de maand is vastgesteld voor publicatie: wanneer en door wie."""

    vastgesteld_op: dt.date = Field(description="Datum waarop de maand is vastgesteld.")
    door: PlatteTekst = Field(
        description="Wie de maand vaststelde (naam of functie); staat alleen in de interne editie."
    )


class _AfwezigNietLeeg:
    """An optional block that is absent or a mapping, never null: validated as the block alone
    (so an error inside it is located as usual, and the schema offers only the mapping); the
    default None is not validated."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return handler(InzetOpRisicos)


def _zonder_standaard(schema: dict[str, Any]) -> None:
    """No default in the JSON Schema: a file either has the block or leaves it out, never null."""
    del schema["default"]


class Maand(Model):
    """Eén maandbestand, data/JJJJ-MM.yaml."""

    maand: MaandId = Field(description="De verslagmaand, JJJJ-MM; gelijk aan de bestandsnaam.")
    peildatum: dt.date = Field(description="Datum waarop de cijfers zijn opgemaakt.")
    status: Vaststelling | None = Field(
        default=None,
        description="Vastgesteld voor publicatie; zonder status is de maand een concept en draagt "
        "de openbare editie CONCEPT.",
    )
    activiteiten: dict[Id, list[Blok]] = Field(
        default={}, description="Per sectie-id uit monitor.yaml: blokken met opsommingen."
    )
    inzet_op_risicos: Annotated[InzetOpRisicos | None, _AfwezigNietLeeg()] = Field(
        default=None,
        description="De cijfers van de persoonsgerichte aanpak: verplicht als een sectie in "
        "monitor.yaml persoonsgerichte_aanpak: true heeft, anders niet toegestaan.",
        json_schema_extra=_zonder_standaard,
    )

    @property
    def inzet(self) -> InzetOpRisicos:
        """The figures block, for code that runs only for a programme that has one."""
        if self.inzet_op_risicos is None:
            raise TypeError("dit programma heeft geen persoonsgerichte aanpak")
        return self.inzet_op_risicos


Pad = tuple[str | int, ...]


def iter_teksten(value: Any, pad: Pad = ()) -> Iterator[tuple[Pad, Tekst]]:
    """Every Tekst in a model, with the path to it: the single walk that finds all redactions."""
    if isinstance(value, Tekst):
        yield pad, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from iter_teksten(getattr(value, name), (*pad, name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from iter_teksten(item, (*pad, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_teksten(item, (*pad, key))
