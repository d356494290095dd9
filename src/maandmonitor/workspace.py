"""The workspace, opened once per command: its folders, its programme, its months and their bytes.

Every file of the workspace is read through `Werkmap`, which remembers the sha256 of the bytes it
first saw of each month. Whatever a command then does with a month (hash it for a cache key, check
it, render it) is about those bytes: a file that changes while the command runs is an error, never
a report of one version filed under the key of another.
"""

from __future__ import annotations

import functools
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .cache import sha
from .errors import MonitorError, Problem, UsageError, display_path, oorzaak
from .load.document import lees_bestand
from .load.files import MaandBestand, lees_programma, load_maand
from .model import Programma
from .months import (
    EERSTE,
    LAATSTE,
    bedoelde_maand,
    check_maand_arg,
    is_maand,
    is_maandbestand,
    maand_terug,
)

PROGRAMMA_BESTAND = "monitor.yaml"


@dataclass
class Werkmap:
    """The data folder (monitor.yaml and one JJJJ-MM.yaml per month) and the templates folder.

    `templates` is the workspace's own templates folder when it has one (`--templates`, or
    `templates/` beside the data folder), else None: then only the packaged templates are used."""

    data_dir: Path
    templates: Path | None = None
    _shas: dict[str, str | None] = field(default_factory=dict, repr=False)
    _programma: tuple[str, Programma, list[Problem]] | None = field(default=None, repr=False)
    _maanden: list[str] | None = field(default=None, repr=False)
    _naamfouten: list[Problem] = field(default_factory=list, repr=False)

    @classmethod
    def open(cls, data_dir: Path, templates: Path | None = None) -> Werkmap:
        """The workspace of `data_dir`; a usage error (exit 2) when there is none."""
        if waarom := _geen_map(data_dir):
            raise UsageError(f"datamap '{display_path(data_dir)}' {waarom}")
        if templates is not None and (waarom := _geen_map(templates)):
            raise UsageError(f"sjablonenmap '{display_path(templates)}' {waarom}")
        if templates is None and not _geen_map(data_dir.parent / "templates"):
            templates = data_dir.parent / "templates"
        return cls(data_dir, templates)

    # --- the programme ---------------------------------------------------------------------------

    @property
    def programma_pad(self) -> Path:
        return self.data_dir / PROGRAMMA_BESTAND

    @property
    def programma(self) -> Programma:
        """monitor.yaml, read and validated once; MonitorError with its problems."""
        return self._lees_programma()[1]

    @property
    def programma_sha(self) -> str:
        return self._lees_programma()[0]

    @property
    def programma_waarschuwingen(self) -> list[Problem]:
        """What monitor.yaml holds but does not use (warnings, errors under --strict)."""
        return self._lees_programma()[2]

    def _lees_programma(self) -> tuple[str, Programma, list[Problem]]:
        if self._programma is None:
            file = display_path(self.programma_pad)
            raw = lees_bestand(self.programma_pad, file)
            self._programma = (sha(raw), *lees_programma(file, raw))
        return self._programma

    @functools.cached_property
    def termen_pad(self) -> Path:
        return self.data_dir / self.programma.persoonsgegevens.termen

    @functools.cached_property
    def gevoelige_termen(self) -> tuple[str, ...]:
        """The workspace's sensitive terms, one a line (the line number is the index + 1; blank
        lines and '#' comments are empty). No file: none."""
        try:
            tekst = self.termen_pad.read_text(encoding="utf-8")
        except FileNotFoundError:
            return ()
        except (OSError, UnicodeDecodeError) as err:
            waarom = oorzaak(err) if isinstance(err, OSError) else "geen UTF-8"
            raise UsageError(
                f"{display_path(self.termen_pad)} kan niet gelezen worden: {waarom}"
            ) from None
        return tuple("" if r.lstrip().startswith("#") else r.strip() for r in tekst.splitlines())

    @functools.cached_property
    def termen_sha(self) -> str:
        return sha("\n".join(self.gevoelige_termen).encode())

    # --- the months ------------------------------------------------------------------------------

    def months(self) -> list[str]:
        """Every month that has a file, in calendar order (listed once per command). A file that
        looks like a month's but is named otherwise is never read: `naamfouten` says so; one
        named as a month that cannot be (`0000-01.yaml`, `2018-13.yaml`) is a usage error."""
        if self._maanden is None:
            try:
                namen = sorted(p.name for p in self.data_dir.iterdir())
            except OSError as err:
                raise UsageError(
                    f"datamap '{display_path(self.data_dir)}' kan niet gelezen worden: "
                    f"{oorzaak(err)}"
                ) from None
            maanden = [n[:7] for n in namen if is_maandbestand(n)]
            self._naamfouten = [p for n in namen if (p := self._naamfout(n, maanden))]
            self._maanden = maanden
        return self._maanden

    def _naamfout(self, naam: str, maanden: list[str]) -> Problem | None:
        if (bedoeld := bedoelde_maand(naam)) is None:
            return None
        if not is_maand(bedoeld):
            raise UsageError(
                f"{self._toon_map}{naam}: {bedoeld} is geen maand (maanden lopen van {EERSTE} "
                f"tot en met {LAATSTE}); hernoem of verwijder het bestand"
            )
        melding = (
            f"wordt niet gelezen: alleen {bedoeld}.yaml wordt gelezen"
            if bedoeld in maanden
            else f"wordt niet gelezen: noem het {bedoeld}.yaml"
        )
        return Problem(f"{self._toon_map}{naam}", 0, 0, "", melding, ernst="waarschuwing")

    @property
    def naamfouten(self) -> list[Problem]:
        """Files in the data folder that look like a month's but are not named JJJJ-MM.yaml, as
        warnings: they are never read, and that must not go unnoticed."""
        self.months()
        return self._naamfouten

    def month_path(self, maand: str) -> Path:
        return self.data_dir / f"{check_maand_arg(maand)}.yaml"

    def toon(self, maand: str) -> str:
        """The month's file as messages name it: `data/2018-06.yaml` (display_path's answer,
        without resolving the path of every file)."""
        return f"{self._toon_map}{maand}.yaml"

    @functools.cached_property
    def _toon_map(self) -> str:
        folder = display_path(self.data_dir)
        return "" if folder == "." else folder.removesuffix("/") + "/"

    def heeft(self, maand: str) -> bool:
        """Whether the month has a file (as listed when the command started)."""
        return maand in self._maanden_set

    @functools.cached_property
    def _maanden_set(self) -> frozenset[str]:
        return frozenset(self.months())

    def require_months(self, maanden: list[str]) -> None:
        """Usage errors (exit 2) for a malformed month or a month without a file."""
        for maand in maanden:
            path = self.month_path(maand)
            if not path.is_file():
                raise UsageError(f"maand {maand} bestaat niet: {display_path(path)} ontbreekt")

    def sha(self, maand: str | None) -> str | None:
        """The sha256 of the month's file as this command sees it (None: there is none)."""
        if maand is None:  # before 0001-01: no such month
            return None
        if maand not in self._shas:
            try:
                self._shas[maand] = sha(self._lees(maand)) if self.heeft(maand) else None
            except MonitorError:  # unreadable: loading it will say why
                self._shas[maand] = None
        return self._shas[maand]

    def lees(self, maand: str) -> bytes:
        """The month file's bytes; an error if they are not the bytes this command saw before."""
        raw = self._lees(maand)
        digest = sha(raw)
        if self._shas.setdefault(maand, digest) != digest:
            raise MonitorError(
                [
                    Problem(
                        self.toon(maand),
                        0,
                        0,
                        "",
                        "het bestand is veranderd terwijl maandmonitor liep; er is niets "
                        "gemaakt: start opnieuw",
                    )
                ]
            )
        return raw

    def _lees(self, maand: str) -> bytes:
        return lees_bestand(self.data_dir / f"{maand}.yaml", self.toon(maand))

    def laad(self, maand: str) -> MaandBestand:
        """One month, validated; MonitorError with every problem of the file."""
        return load_maand(self.toon(maand), self.lees(maand), self.programma, maand)


def _geen_map(folder: Path) -> str | None:
    """Why `folder` is not a folder (Dutch, for a message), or None when it is one."""
    try:
        return None if stat.S_ISDIR(folder.stat().st_mode) else "is geen map"
    except FileNotFoundError:
        return "bestaat niet"
    except OSError as err:
        return f"kan niet gelezen worden: {oorzaak(err)}"


class Archief:
    """Months loaded in this process, each at most once: the months a command works on and the
    earlier ones their rules, columns and guard need. Months are dropped (`vergeet_voor`) when no
    longer needed, so that memory stays flat over a long archive."""

    def __init__(self, werkmap: Werkmap) -> None:
        self.werkmap = werkmap
        self._geladen: dict[str, MaandBestand | list[Problem]] = {}

    @property
    def programma(self) -> Programma:
        return self.werkmap.programma

    def laad(self, maand: str) -> MaandBestand | list[Problem]:
        if maand not in self._geladen:
            try:
                self._geladen[maand] = self.werkmap.laad(maand)
            except MonitorError as err:
                self._geladen[maand] = err.problems
        return self._geladen[maand]

    def vergeet_voor(self, maand: str | None) -> None:
        """Drop the months before `maand` (None: a month before 0001-01, so none)."""
        for oud in [m for m in self._geladen if maand and m < maand]:
            del self._geladen[oud]

    def bestand(self, maand: str | None) -> MaandBestand | str:
        """The loaded file of `maand`, or why there is none (the reason a rule is skipped);
        `maand` None: a month before the first there is."""
        if maand is None:
            return f"er is geen maand vóór {EERSTE}"
        if isinstance(geladen := self._geladen.get(maand), MaandBestand):
            return geladen  # rules ask for the same earlier months over and over
        if not self.werkmap.heeft(maand):
            return f"{self.werkmap.toon(maand)} bestaat niet"
        geladen = self.laad(maand)
        if isinstance(geladen, MaandBestand):
            return geladen
        return f"{self.werkmap.toon(maand)} bevat fouten en is niet geladen"

    def vorige(self, maand: str) -> MaandBestand | str:
        return self.bestand(maand_terug(maand, 1))
