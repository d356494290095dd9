"""The two kinds of workspace file as validated models: the programme and a month.

Both are parsed from bytes the caller read (the workspace reads each file once, and hashes those
very bytes for its caches), and every reference from a month to the programme is checked here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import MonitorError, Problem
from ..marks import onbekende_grond
from ..model import Maand, Programma
from ..months import maand_terug
from ..options import EIGEN_GRAFIEKEN, EIGEN_TABELLEN
from ..publish.tooi import DOCUMENTSOORTEN, INFORMATIECATEGORIEEN
from .document import NIET_HERHAALD, Document, lees_document, toonbaar
from .locate import validate_document


def load_programma(file: str, raw: bytes) -> Programma:
    """monitor.yaml (named `file` in messages) as a validated Programma."""
    return lees_programma(file, raw)[0]


def lees_programma(file: str, raw: bytes) -> tuple[Programma, list[Problem]]:
    """monitor.yaml as a validated Programma, with its warnings (what it holds but does not
    use); MonitorError with its errors."""
    doc, problems = lees_document(file, raw)
    if doc is None:
        raise MonitorError(problems)
    try:
        programma = validate_document(doc, Programma)
    except MonitorError as err:
        raise MonitorError(sorted(set(problems + err.problems))) from None
    for field in ("secties", "regiepartijen", "uitsplitsingen", "lakgronden"):
        seen: set[str] = set()
        for index, item in enumerate(getattr(programma, field)):
            ident = item if isinstance(item, str) else item.id
            if ident in seen:
                problems.append(doc.problem((field, index), f"'{ident}' staat er dubbel in"))
            seen.add(ident)
    for index, uitsplitsing in enumerate(programma.uitsplitsingen):
        for namen, van in (
            (EIGEN_TABELLEN, "een tabel in het datapakket"),
            (EIGEN_GRAFIEKEN, "een grafiek in het jaaroverzicht en op de archiefpagina"),
        ):
            if uitsplitsing.id in namen:
                melding = f"'{uitsplitsing.id}' is al de naam van {van} ({', '.join(namen)})"
                pad = ("uitsplitsingen", index, "id")
                problems.append(doc.problem(pad, f"{melding}: kies een andere id"))
                break
        ids = [c.id for c in uitsplitsing.categorieen]
        for dubbel in sorted({i for i in ids if ids.count(i) > 1}):
            pad = ("uitsplitsingen", index, "categorieen")
            problems.append(doc.problem(pad, f"categorie '{dubbel}' staat er dubbel in"))
    if programma.woo is not None:
        for veld, lijst in (
            ("informatiecategorie", INFORMATIECATEGORIEEN),
            ("documentsoort", DOCUMENTSOORTEN),
        ):
            if getattr(programma.woo, veld) not in lijst:
                problems.append(
                    doc.problem(("woo", veld), f"geen {veld} uit de TOOI-lijst van DiWoo 0.9.8")
                )
    gemarkeerd = [i for i, s in enumerate(programma.secties) if s.persoonsgerichte_aanpak]
    for index in gemarkeerd[1:]:
        problems.append(
            doc.problem(
                ("secties", index, "persoonsgerichte_aanpak"),
                f"al bij sectie '{programma.secties[gemarkeerd[0]].id}': de cijfers van de "
                "persoonsgerichte aanpak staan in hoogstens één sectie",
            )
        )
    if problems:
        raise MonitorError(problems)
    return programma, list(_niet_gebruikt(doc, programma))


def _niet_gebruikt(doc: Document, programma: Programma) -> Iterator[Problem]:
    """Partners and breakdowns are those of the figures block: without a section with the
    person-centred approach no month has one, so they do nothing."""
    if programma.persoonsgericht is not None:
        return
    for veld in ("regiepartijen", "uitsplitsingen"):
        if veld in doc.data:
            yield doc.problem(
                (veld,),
                "wordt niet gebruikt: geen sectie in monitor.yaml heeft persoonsgerichte_aanpak: "
                "true, dus er zijn geen cijfers; haal het weg, of zet persoonsgerichte_aanpak: "
                "true bij de sectie met de cijfers",
                at_key=True,
                ernst="waarschuwing",
            )


@dataclass(frozen=True)
class MaandBestand:
    """A validated month together with its source, for locating what the rules find."""

    maand: Maand
    doc: Document


def load_maand(file: str, raw: bytes, programma: Programma, maand: str) -> MaandBestand:
    """The month file of `maand` (named `file` in messages) as a validated Maand: every problem
    of the file at once, the YAML level's and those of every part that could be read."""
    doc, problems = lees_document(file, raw)
    if doc is None:
        raise MonitorError(problems)
    problems += [
        p for p in _reference_problems(doc, programma) if (p.line, p.column) not in doc.onleesbaar
    ]
    try:
        month = validate_document(doc, Maand, {"lakgronden": {g.id for g in programma.lakgronden}})
    except MonitorError as err:
        raise MonitorError(sorted(set(problems + err.problems))) from None
    if month.maand != maand:
        problems.append(
            doc.problem(
                ("maand",), f"'{month.maand}' hoort niet in {maand}.yaml: verwacht '{maand}'"
            )
        )
    inzet = month.inzet_op_risicos
    if inzet is not None and inzet.vorige_maand is not None and maand_terug(maand, 1) is None:
        pad = ("inzet_op_risicos", "vorige_maand")
        problems.append(doc.problem(pad, f"er is geen maand vóór {maand}", at_key=True))
    if problems:
        raise MonitorError(sorted(set(problems)))
    return MaandBestand(month, doc)


def _reference_problems(doc: Document, programma: Programma) -> Iterator[Problem]:
    """Every id the month uses must exist in monitor.yaml: sections, partners, breakdowns,
    categories, the grounds of whole tables (those of marks in text: `Tekst._validate`). Checked
    on the raw data, so that they are reported together with pydantic's problems, even when the
    model does not validate."""
    data = doc.data
    if programma.persoonsgericht is None and "inzet_op_risicos" in data:
        yield doc.problem(
            ("inzet_op_risicos",),
            "dit programma heeft geen persoonsgerichte aanpak (geen sectie met "
            "persoonsgerichte_aanpak: true in monitor.yaml): haal dit blok weg",
            at_key=True,
        )
    elif (
        programma.persoonsgericht is not None
        and "inzet_op_risicos" not in data
        and not doc.mist_regels(())  # lines left out after a syntax error may have held it
    ):
        yield doc.problem(("inzet_op_risicos",), "verplicht veld ontbreekt")
    secties = [s.id for s in programma.secties]
    for sectie in _mapping(data.get("activiteiten")):
        if sectie not in secties:
            yield doc.problem(
                ("activiteiten", sectie),
                f"onbekende sectie {_genoemd(sectie)}; bekend: {', '.join(sorted(secties))}",
                at_key=True,
            )
    inzet = _mapping(data.get("inzet_op_risicos"))
    partijen = inzet.get("regiepartijen")
    for index, partij in enumerate(partijen if isinstance(partijen, list) else []):
        naam = _mapping(partij).get("partij")
        if isinstance(naam, str) and naam not in programma.regiepartijen:
            yield doc.problem(
                ("inzet_op_risicos", "regiepartijen", index, "partij"),
                f"{_genoemd(naam)} is geen regiepartij uit monitor.yaml",
            )
    uitsplitsingen = {u.id: u for u in programma.uitsplitsingen}
    gronden = {g.id for g in programma.lakgronden}
    for prefix, subjecten in (
        (("inzet_op_risicos", "subjecten"), inzet.get("subjecten")),
        (
            ("inzet_op_risicos", "vorige_maand", "subjecten"),
            _mapping(inzet.get("vorige_maand")).get("subjecten"),
        ),
    ):
        for naam, waarde in _mapping(subjecten).items():
            if naam not in uitsplitsingen:
                yield doc.problem(
                    (*prefix, naam),
                    f"onbekende uitsplitsing {_genoemd(naam)}; bekend: {', '.join(uitsplitsingen)}",
                    at_key=True,
                )
                continue
            waarde = _mapping(waarde)
            bekend = [c.id for c in uitsplitsingen[naam].categorieen]
            verpakt = "gelakt" in waarde or "niet_beschikbaar" in waarde
            cijfers, pad = (
                (_mapping(waarde.get("cijfers")), (*prefix, naam, "cijfers"))
                if verpakt
                else (waarde, (*prefix, naam))
            )
            for categorie in cijfers:
                if categorie not in bekend:
                    yield doc.problem(
                        (*pad, categorie),
                        f"onbekende categorie {_genoemd(categorie, 'gelakt' in waarde)}; "
                        f"bekend: {', '.join(bekend)}",
                        at_key=True,
                    )
            grond = waarde.get("gelakt")
            if isinstance(grond, str) and grond not in gronden:
                yield doc.problem((*prefix, naam, "gelakt"), _unknown_ground(grond, gronden))


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _unknown_ground(grond: str, gronden: set[str]) -> str:
    return onbekende_grond(grond, gronden)


def _genoemd(naam: str, verborgen: bool = False) -> str:
    """A name from the month file as a message quotes it, unless it may be confidential."""
    return f"'{naam}'" if toonbaar(naam) and not verborgen else f"(naam {NIET_HERHAALD[1:]}"
