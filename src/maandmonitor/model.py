"""The programme (monitor.yaml) and the month (YYYY-MM.yaml), as frozen pydantic models.

Validation happens once, at the edge (load/); after that the models are trusted values.
References to the programme (grounds, partners, sections, categories) are checked in
load/files.py, because they need both files. Text and its redaction marks: marks.py.

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
    ConfigDict,
    Discriminator,
    Field,
    GetCoreSchemaHandler,
    StringConstraints,
    Tag,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError, core_schema

from .marks import Tekst, geen_interne_markering, geen_richtingteken, lijkt_op_markering
from .months import MAAND_PATTERN


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]*$")]
MaandId = Annotated[str, StringConstraints(pattern=MAAND_PATTERN)]
Aantal = Annotated[int, Field(ge=0)]

# --- text that is never redacted ----------------------------------------------------------------


def _no_mark(text: str, info: ValidationInfo) -> str:
    geen_richtingteken(text)
    geen_interne_markering(text)
    if lijkt_op_markering(text, (info.context or {}).get("lakgronden") or ()):
        raise PydanticCustomError(
            "lak_niet_toegestaan",
            "een lakmarkering is hier niet toegestaan (dit veld wordt nooit gelakt)",
            {},
        )
    return text


class _NoMark:
    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.with_info_after_validator_function(_no_mark, handler(source))


# Text that can never be redacted (headings, names of partners): a mark in it is an error.
PlatteTekst = Annotated[str, StringConstraints(min_length=1), _NoMark()]

# --- wording from monitor.yaml ------------------------------------------------------------------

PLAATSHOUDER = re.compile(r"\{([a-z_]+)\}")


class Plaatshouders:
    """Wording from monitor.yaml in which `{naam}` stands for a value the report fills in: only
    the names given here. It stays plain text: filled in by `vul_in`, never run as a template."""

    def __init__(self, *namen: str) -> None:
        self.namen = namen

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def _check(self, text: str) -> str:
        for naam in PLAATSHOUDER.findall(text):
            if naam not in self.namen:
                bekend = ", ".join(f"{{{n}}}" for n in self.namen) or "geen"
                raise PydanticCustomError(
                    "plaatshouder",
                    "onbekende plaatshouder {naam}; hier bekend: {bekend}",
                    {"naam": f"{{{naam}}}", "bekend": bekend},
                )
        return text


def vul_in(zin: str, **waarden: str) -> str:
    """The wording with each `{naam}` replaced by its value."""

    def waarde(match: re.Match[str]) -> str:
        if match.group(1) not in waarden:
            raise TypeError(f"plaatshouder {match.group()} niet ingevuld")
        return waarden[match.group(1)]

    return PLAATSHOUDER.sub(waarde, zin)


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


TooiId = Annotated[
    str, StringConstraints(pattern=r"^https://identifier\.overheid\.nl/tooi/id/[a-z_]+/[a-z0-9_]+$")
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
        description="De verantwoordelijke organisatie, bijv. "
        "https://identifier.overheid.nl/tooi/id/gemeente/gm0363 (gemeente Amsterdam)."
    )
    informatiecategorie: TooiBegrip = Field(
        description="De informatiecategorie van de Woo (art. 3.3), als TOOI-begrip."
    )
    documentsoort: TooiBegrip = Field(
        default="https://identifier.overheid.nl/tooi/def/thes/kern/c_cccba364",
        description="De documentsoort, als TOOI-begrip; standaard voortgangsrapport.",
    )


class Rijlabels(Model):
    """De rijen van de tabel met personen in regie."""

    totaal: PlatteTekst = "Totaal aantal personen in regie"
    on_hold: PlatteTekst = "Personen on hold"
    instroom: PlatteTekst = "Nieuwe instroom sinds vorige maand"
    uitstroom: PlatteTekst = "Uitstroom sinds vorige maand"


class Grafiektitels(Model):
    """De titels van de grafieken die niet bij een uitsplitsing horen."""

    meldingen: PlatteTekst = "Meldingen per maand"
    personen_in_regie: PlatteTekst = Field(
        default="Personen in regie per maand", description="Jaaroverzicht."
    )
    stroom: PlatteTekst = Field(
        default="Instroom en uitstroom per maand", description="Jaaroverzicht."
    )


class Bewoording(Model):
    """De woorden van de rapportage die per programma verschillen. In een zin staat {naam} voor
    wat de rapportage invult: {maand} (juni), {jaar} (2018), {programma}, {aantal} (het aantal
    secties, in letters), {aanpak}, {meldpunt}."""

    inleiding: Annotated[PlatteTekst, Plaatshouders("maand", "jaar", "programma")] = (
        "Voor u ligt de maandmonitor over de maand {maand} {jaar} van het programma {programma}."
    )
    indeling: Annotated[PlatteTekst, Plaatshouders("aantal")] = Field(
        default="De monitor is ingedeeld in {aantal} secties:",
        description="De zin boven de lijst van secties; {aantal} telt de secties.",
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
    """Meldingen, informatieverzoeken en adviesvragen bij het Meld- en Adviespunt in één maand."""

    maand: MaandId
    aantal: Aantal | None = Field(
        default=None, description="Het genoemde aantal; moet gelijk zijn aan het aantal items."
    )
    items: list[Item]


class PersonenInRegie(Model):
    totaal: Aantal = Field(description="Totaal aantal personen in regie op de peildatum.")
    on_hold: Aantal = Field(description="Personen 'ON HOLD'.")
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
        default=[], description="Meld- en Adviespunt: per maand van dit jaar de meldingen."
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
