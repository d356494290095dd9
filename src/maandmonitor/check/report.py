"""The outcome of checking: per month every rule's result, and the whole report (text and JSON)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from ..errors import Problem
from ..load.files import MaandBestand
from .toets import CONTROLES, Controle, Toets


def _mogelijke_controles() -> tuple[list[Controle], ...]:
    """The rules a month's outcome can hold: all of them, those without the figures block (a
    programme without one), or none (a month that did not load)."""
    return CONTROLES, [c for c in CONTROLES if not c.cijfers], []


def _problemen(lijst: list[Any]) -> list[Problem]:
    if type(lijst) is not list:
        raise ValueError("not a list of problems")
    return [Problem.from_json(p) for p in lijst]


def _blokkerend(problems: list[Problem], streng: bool) -> list[Problem]:
    return [p for p in problems if p.ernst == "fout" or streng]


def blokkeert(problems: list[Problem], streng: bool) -> bool:
    """Whether any of the problems makes the outcome not in order."""
    return any(p.ernst == "fout" or streng for p in problems)


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
        """The outcome `for_cache` gave; ValueError (or KeyError, TypeError) for anything else:
        a cache entry of another shape is checked afresh, never reported."""
        gecontroleerd, toetsen = d["gecontroleerd"], d["toetsen"]
        ids = [t[0] for t in toetsen] if type(toetsen) is list else None
        controles = next((r for r in _mogelijke_controles() if [c.id for c in r] == ids), None)
        if (
            type(d["bestand"]) is not str
            or type(gecontroleerd) is not bool
            or controles is None
            or gecontroleerd != bool(controles)
            or not all(
                type(geslaagd) is int
                and geslaagd >= 0
                and type(over) is list
                and all(type(r) is str for r in over)
                for _, geslaagd, _, over in toetsen
            )
        ):
            raise ValueError("not the outcome of a month")
        return cls(
            maand,
            d["bestand"],
            problems=_problemen(d["problemen"]),
            toetsen=[
                Toets(controle, geslaagd, _problemen(fouten), over)
                for controle, (_, geslaagd, fouten, over) in zip(controles, toetsen, strict=True)
            ],
            gecontroleerd=gecontroleerd,
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


GEEN_MAANDEN = "geen maandbestanden gevonden"


def programma_regel(problems: list[Problem]) -> str:
    """The summary when monitor.yaml has errors: the months are not checked."""
    return f"monitor.yaml: {len(problems)} fout(en); maanden niet gecontroleerd"


def slotregels(
    maanden: int, fout: list[str], waarschuwingen: int, naamfouten: int, streng: bool
) -> list[str]:
    """The summary's last lines: monitor.yaml's warnings, the files that are not read, and the
    verdict over `maanden` months of which those in `fout` are not in order."""
    lines = []
    if n := waarschuwingen:
        lines.append(
            f"monitor.yaml: {n} {'waarschuwing' if n == 1 else 'waarschuwingen'}"
            f"{', geteld als fout (--strict)' if streng else ''} (zie hierboven)"
        )
    if n := naamfouten:
        lines.append(
            f"{n} {'bestand wordt' if n == 1 else 'bestanden worden'} niet gelezen: "
            f"{'een fout' if streng else 'een waarschuwing'} (zie hierboven)"
        )
    if maanden > 1:  # the verdict last, where it stays in view
        lines.append(
            f"{maanden} maanden: {maanden - len(fout)} in orde"
            + (f", niet in orde: {', '.join(fout)}" if fout else "")
        )
    return lines


def kop_json(
    geldig: bool, streng: bool, programma: list[Problem], naamfouten: list[Problem]
) -> dict[str, Any]:
    """The JSON report without its months (`maanden`, the last key, is empty)."""
    return {
        "versie": 1,
        "geldig": geldig,
        "streng": streng,
        "programma": [p.as_json() for p in programma],
        "bestandsnamen": [p.as_json() for p in naamfouten],
        "maanden": [],
    }


class Ontvanger(Protocol):
    """What the outcome of `validate` goes to, as it comes: the files that are not read, the
    errors of monitor.yaml (then no month follows) or its warnings, each month in order."""

    def bestandsnamen(self, problems: list[Problem]) -> None: ...

    def programma(self, problems: list[Problem]) -> None: ...

    def waarschuwingen(self, problems: list[Problem]) -> None: ...

    def maand(self, resultaat: MaandResultaat) -> None: ...


@dataclass
class Rapport:
    """The outcome of `validate`, whole: per month, the problems of monitor.yaml itself, and the
    files that look like a month's but are not read (warnings). `list` reads it; `validate`
    writes the same report as it comes (verslag.py), never holding it whole."""

    programma_problems: list[Problem] = field(default_factory=list)
    programma_waarschuwingen: list[Problem] = field(default_factory=list)
    naamfouten: list[Problem] = field(default_factory=list)
    maanden: list[MaandResultaat] = field(default_factory=list)
    streng: bool = False
    cache_waarschuwingen: list[Problem] = field(default_factory=list)  # stderr only, not in JSON

    def bestandsnamen(self, problems: list[Problem]) -> None:
        self.naamfouten = problems

    def programma(self, problems: list[Problem]) -> None:
        self.programma_problems = problems

    def waarschuwingen(self, problems: list[Problem]) -> None:
        self.programma_waarschuwingen = problems

    def maand(self, resultaat: MaandResultaat) -> None:
        self.maanden.append(resultaat)

    @property
    def problems(self) -> list[Problem]:
        return [
            *self.programma_problems,
            *self.programma_waarschuwingen,
            *self.naamfouten,
            *(p for m in self.maanden for p in m.problems),
        ]

    @property
    def geldig(self) -> bool:
        return not _blokkerend(self.problems, self.streng)

    def summary_lines(self) -> list[str]:
        if self.programma_problems:
            return [programma_regel(self.programma_problems)]
        lines = [line for m in self.maanden for line in m.summary_lines()] or [GEEN_MAANDEN]
        fout = [m.maand for m in self.maanden if not m.geldig]
        return lines + slotregels(
            len(self.maanden),
            fout,
            len(self.programma_waarschuwingen),
            len(self.naamfouten),
            self.streng,
        )

    def as_json(self) -> dict[str, Any]:
        programma = [*self.programma_problems, *self.programma_waarschuwingen]
        kop = kop_json(self.geldig, self.streng, programma, self.naamfouten)
        return {**kop, "maanden": [m.as_json() for m in self.maanden]}
