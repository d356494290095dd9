"""`maandmonitor list`: the archive at a glance, one line per month, with its sign-off.

Whether a month is in order comes from `check.validate_workspace`, the same report `validate`
gives, so the two can never disagree. The figures are read from the YAML as written (best effort),
so a month with an error elsewhere still shows its totaal. Whether its report is built and current
comes from what is on disk and the build manifest (manifest.status).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .check.report import MaandResultaat
from .check.run import validate_workspace
from .errors import MonitorError, Problem
from .load.document import parse_document
from .manifest import Status, status
from .workspace import Werkmap

KOPPEN = (
    "maand", "peildatum", "in regie", "instroom", "uitstroom", "status", "vastgesteld", "rapportage"
)  # fmt: skip
RECHTS = {"in regie", "instroom", "uitstroom"}  # numbers align right


@dataclass(frozen=True)
class MaandRegel:
    maand: str
    bestand: str
    peildatum: dt.date | None
    totaal: int | None
    instroom: int | None
    uitstroom: int | None
    geldig: bool
    status: str
    vastgesteld_op: dt.date | None  # None: a concept (or the file does not say)
    rapportage: Status

    def cellen(self) -> tuple[str, ...]:
        return (
            self.maand,
            self.peildatum.isoformat() if self.peildatum else "-",
            *(_getal(v) for v in (self.totaal, self.instroom, self.uitstroom)),
            self.status,
            self.vastgesteld_op.isoformat() if self.vastgesteld_op else "concept",
            self.rapportage,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "maand": self.maand,
            "bestand": self.bestand,
            "peildatum": self.peildatum.isoformat() if self.peildatum else None,
            "totaal": self.totaal,
            "instroom": self.instroom,
            "uitstroom": self.uitstroom,
            "geldig": self.geldig,
            "status": self.status,
            "vastgesteld_op": self.vastgesteld_op.isoformat() if self.vastgesteld_op else None,
            "rapportage": self.rapportage,
        }


@dataclass(frozen=True)
class Overzicht:
    maanden: list[MaandRegel]
    waarschuwingen: list[Problem] = field(default_factory=list)  # stderr: files not read, caches

    def lines(self) -> list[str]:
        if not self.maanden:
            return ["geen maandbestanden gevonden"]
        rows = [KOPPEN, *(m.cellen() for m in self.maanden)]
        widths = [max(len(row[i]) for row in rows) for i in range(len(KOPPEN))]
        return [
            "  ".join(
                cell.rjust(width) if kop in RECHTS else cell.ljust(width)
                for kop, cell, width in zip(KOPPEN, row, widths, strict=True)
            ).rstrip()
            for row in rows
        ]

    def as_json(self) -> dict[str, Any]:
        return {"versie": 1, "maanden": [m.as_json() for m in self.maanden]}


def archive_overview(werkmap: Werkmap, out: Path = Path("build")) -> Overzicht:
    rapport = validate_workspace(werkmap, cache=out / ".cache")
    if rapport.programma_problems:
        raise MonitorError(rapport.programma_problems)
    gebouwd = status(werkmap, out)
    regels = [_regel(werkmap, r, gebouwd[r.maand]) for r in rapport.maanden]
    waarschuwingen = rapport.naamfouten + rapport.programma_waarschuwingen
    return Overzicht(regels, waarschuwingen + rapport.cache_waarschuwingen)


def controles(resultaat: MaandResultaat) -> str:
    """The status column: errors, or the rules' outcome."""
    fouten = sum(p.ernst == "fout" for p in resultaat.problems)
    if fouten:
        return f"{fouten} fout" + ("en" if fouten > 1 else "")
    telling = resultaat.telling()
    return f"in orde ({telling['geslaagd']}/{telling['controles']} controles geslaagd)"


def _regel(werkmap: Werkmap, resultaat: MaandResultaat, rapportage: Status) -> MaandRegel:
    try:
        data = parse_document(werkmap.toon(resultaat.maand), werkmap.lees(resultaat.maand)).data
    except MonitorError:
        data = {}
    inzet = _get(data, "inzet_op_risicos")
    personen = _get(inzet, "personen_in_regie")
    peildatum = _get(data, "peildatum")
    vastgesteld = _get(_get(data, "status"), "vastgesteld_op")
    return MaandRegel(
        maand=resultaat.maand,
        bestand=resultaat.bestand,
        peildatum=peildatum if isinstance(peildatum, dt.date) else None,
        totaal=_int(_get(personen, "totaal")),
        instroom=_int(_get(personen, "instroom")),
        uitstroom=_int(_get(personen, "uitstroom")),
        geldig=resultaat.geldig,
        status=controles(resultaat),
        vastgesteld_op=vastgesteld if isinstance(vastgesteld, dt.date) else None,
        rapportage=rapportage,
    )


def _get(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _getal(value: int | None) -> str:
    return "-" if value is None else str(value)
