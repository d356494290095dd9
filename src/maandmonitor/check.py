"""Checking the workspace: load every month, report every problem of every month in one run."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import MonitorError, Problem, UsageError
from .load import MaandBestand, Werkmap, check_maand_arg, display_path, load_maand, load_programma
from .model import Programma


@dataclass
class MaandResultaat:
    maand: str
    bestand: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def geldig(self) -> bool:
        return not any(p.ernst == "fout" for p in self.problems)


@dataclass
class Rapport:
    """The outcome of `validate`: per month, and the problems of monitor.yaml itself."""

    programma_problems: list[Problem] = field(default_factory=list)
    maanden: list[MaandResultaat] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return self.programma_problems + [p for m in self.maanden for p in m.problems]

    @property
    def geldig(self) -> bool:
        return not any(p.ernst == "fout" for p in self.problems)

    def summary_lines(self) -> list[str]:
        if self.programma_problems:
            return [
                f"monitor.yaml: {len(self.programma_problems)} fout(en); maanden niet gecontroleerd"
            ]
        lines = []
        for m in self.maanden:
            fouten = sum(p.ernst == "fout" for p in m.problems)
            state = "in orde" if not fouten else f"{fouten} fout(en)"
            lines.append(f"{m.maand}: {state}")
        if not self.maanden:
            lines.append("geen maandbestanden gevonden")
        return lines

    def as_json(self) -> dict[str, Any]:
        return {
            "versie": 1,
            "geldig": self.geldig,
            "programma": [_problem_json(p) for p in self.programma_problems],
            "maanden": [
                {
                    "maand": m.maand,
                    "bestand": m.bestand,
                    "geldig": m.geldig,
                    "problemen": [_problem_json(p) for p in m.problems],
                }
                for m in self.maanden
            ],
        }


def _problem_json(p: Problem) -> dict[str, Any]:
    return {
        "bestand": p.file,
        "regel": p.line,
        "kolom": p.column,
        "pad": p.path,
        "melding": p.message,
        "ernst": p.ernst,
        "controle": p.controle,
    }


def validate_workspace(data_dir: Path, maanden: list[str]) -> Rapport:
    werkmap = Werkmap(data_dir)
    werkmap.require_dir()
    for maand in maanden:
        check_maand_arg(maand)
        if not werkmap.month_path(maand).is_file():
            raise UsageError(
                f"maand {maand} bestaat niet: {display_path(werkmap.month_path(maand))} ontbreekt"
            )
    rapport = Rapport()
    try:
        programma = load_programma(werkmap)
    except MonitorError as err:
        rapport.programma_problems = err.problems
        return rapport
    for maand in maanden or werkmap.months():
        rapport.maanden.append(_check_month(werkmap, programma, maand))
    return rapport


def _check_month(werkmap: Werkmap, programma: Programma, maand: str) -> MaandResultaat:
    resultaat = MaandResultaat(maand, display_path(werkmap.month_path(maand)))
    try:
        bestand: MaandBestand = load_maand(werkmap, programma, maand)
    except MonitorError as err:
        resultaat.problems = err.problems
        return resultaat
    del bestand  # the rules (next step) run on the loaded month
    return resultaat
