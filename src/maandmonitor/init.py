"""`maandmonitor init`: a new workspace, ready for its first month, without touching the engine.

It writes `data/monitor.yaml` (every key explained in Dutch comments, from `werkmap/monitor.yaml`
in the package, with the organisation and programme filled in), `schema/` (what `maandmonitor
schema` prints), a `.gitignore` and the first month's file to fill in (made by `new`'s scaffold
from monitor.yaml alone). It never overwrites: a folder that already holds a workspace is refused,
and so is one where any of those files exists; a `.gitignore` of its own is left alone, and the
summary says what to add to it. Everything or nothing: a file that cannot be written takes the
ones written before it away again.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import MonitorError, Problem, display_path
from .load.files import load_programma
from .months import check_maand_arg, is_maandbestand
from .scaffold import month_text, quote
from .schema import json_schema
from .workspace import PROGRAMMA_BESTAND
from .write import kan_niet_schrijven, schrijf_nieuw

_PLAATSHOUDER = re.compile(r"@(organisatie|programma)@")  # in werkmap/monitor.yaml
GITIGNORE = (
    "# De uitvoer van maandmonitor: wordt gemaakt, hoort niet in git (build/intern nooit naar\n"
    "# buiten).\n"
    "/build/\n"
    "# Namen van personen in de aanpak (monitor.yaml, persoonsgegevens.termen).\n"
    "gevoelige_termen.txt\n"
)


@dataclass(frozen=True)
class NieuweWerkmap:
    """What `init` wrote, and what the user does next."""

    geschreven: list[str]
    invullen: list[str]
    eigen_gitignore: str | None  # a .gitignore that was there already: left as it was
    maand: str
    map: str  # the workspace, as the user calls it

    def summary_lines(self) -> list[str]:
        lines = ["Nieuwe werkmap gemaakt:", *(f"  {pad}" for pad in self.geschreven)]
        if self.eigen_gitignore:
            lines.append(
                f"{self.eigen_gitignore} bestond al en is niet veranderd: zet er zelf /build/ "
                "en gevoelige_termen.txt in."
            )
        monitor, maandbestand = self.geschreven[:2]
        daar = "" if self.map == "." else f" (in {self.map})"
        lines += [
            f"Pas {monitor} aan het programma aan (elke sleutel staat erin uitgelegd).",
            f"Vul dan {maandbestand} in:",
            *(f"  - {regel}" for regel in self.invullen),
            f"Daarna{daar}: maandmonitor validate {self.maand}, en maandmonitor build {self.maand}",
        ]
        return lines


def init_workspace(folder: Path, *, organisatie: str, programma: str, maand: str) -> NieuweWerkmap:
    """Write a new workspace in `folder` (made if needed); MonitorError when one is there."""
    check_maand_arg(maand)
    data = folder / "data"
    bestaand = [p for p in (data / PROGRAMMA_BESTAND,) if p.exists()]
    if data.is_dir():
        bestaand += sorted(p for p in data.iterdir() if is_maandbestand(p.name))
    if bestaand:
        raise MonitorError(
            [
                _problem(
                    display_path(folder),
                    f"bevat al een werkmap ({', '.join(display_path(p) for p in bestaand)}); "
                    "niets geschreven",
                )
            ]
        )
    monitor = _monitor_yaml(organisatie, programma)
    programma_model = load_programma(display_path(data / PROGRAMMA_BESTAND), monitor.encode())
    eerste, invullen = month_text(programma_model, maand, None, "`maandmonitor init`")
    bestanden = {
        data / PROGRAMMA_BESTAND: monitor,
        data / f"{maand}.yaml": eerste,
        folder / "schema" / "maand.schema.json": _schema("maand"),
        folder / "schema" / "monitor.schema.json": _schema("monitor"),
    }
    gitignore = folder / ".gitignore"
    eigen = display_path(gitignore) if gitignore.exists() else None
    if eigen is None:
        bestanden[gitignore] = GITIGNORE
    al_daar = [display_path(p) for p in bestanden if p.exists()]
    if al_daar:
        raise MonitorError(
            [
                _problem(pad, "bestaat al; niets geschreven (init overschrijft nooit)")
                for pad in al_daar
            ]
        )
    _schrijf_alles(bestanden)
    geschreven = [display_path(p) for p in bestanden]
    return NieuweWerkmap(geschreven, invullen, eigen, maand, display_path(folder))


def _monitor_yaml(organisatie: str, programma: str) -> str:
    """The commented monitor.yaml, with the two names as YAML strings (never read as YAML). In
    one pass: a name that holds the other's placeholder stays as it was given."""
    text = (resources.files("maandmonitor") / "werkmap" / "monitor.yaml").read_text("utf-8")
    namen = {"organisatie": organisatie, "programma": programma}
    return _PLAATSHOUDER.sub(lambda m: quote(namen[m.group(1)]), text)


def _schema(bestand: str) -> str:
    return json.dumps(json_schema(bestand), ensure_ascii=False, indent=2) + "\n"


def _schrijf_alles(bestanden: dict[Path, str]) -> None:
    """Every file, never over an existing one; on a failure the files and folders made so far
    are removed again, so that nothing half is left."""
    gemaakt: list[Path] = []
    try:
        for pad, tekst in bestanden.items():
            for map_ in reversed([pad.parent, *pad.parent.parents]):
                if not map_.exists():
                    map_.mkdir()
                    gemaakt.append(map_)
            schrijf_nieuw(pad, tekst)
            gemaakt.append(pad)
    except OSError as err:
        naam = display_path(pad)
        for weg in reversed(gemaakt):
            if weg.is_dir():
                weg.rmdir()
            else:
                weg.unlink()
        if isinstance(err, FileExistsError):
            raise MonitorError([_problem(naam, "bestaat al; niets geschreven")]) from None
        raise kan_niet_schrijven(naam, err) from None


def _problem(file: str, message: str) -> Problem:
    return Problem(file, 0, 0, "", message)
