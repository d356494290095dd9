"""`build --all`: every month and every year, each rebuilt only when one of its inputs changed.

A target is a month (`build/JJJJ-MM/`) or a year (`build/JJJJ/`). Its key is a sha256 over
everything its output depends on:

- shared by all targets: the tool's version and the sha256 of the package itself (code and
  packaged templates, so a development checkout never keeps stale output either), `monitor.yaml`,
  the workspace templates, and the requested editions and formats;
- a month: its own file and the previous month's file (the previous-month column);
- a year: the files of its months (which months there are, and what they say).

The manifest `build/.cache/manifest.json` records per target the key and the sha256 of each file
written. A target is "ongewijzigd" only when its key is unchanged and every file it wrote is still
there with the same bytes; anything else (a missing, corrupt or foreign manifest, an output deleted
or edited by hand) rebuilds it, with the very functions `build MAAND` and `build JJJJ` use, so the
output is byte-identical to a full build. Deleting `build/` is always safe.

All months are validated first: when any has an error, nothing is built (fail closed).
"""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from .check import Archief, beschikbare_kernen, validate_workspace
from .checkcache import PAKKET, file_sha, folder_sha, sha
from .errors import MonitorError, Problem
from .jaar import build_year
from .load import PROGRAMMA_BESTAND, Werkmap, display_path, load_programma, maand_terug
from .render import (
    EDITIES,
    STANDAARD_FORMATEN,
    BouwOpties,
    Editie,
    Formaat,
    _write_atomically,
    build_month,
)

MANIFEST = Path(".cache") / "manifest.json"

Status = Literal["gemaakt", "verouderd", "niet gemaakt"]


# --- the manifest ---------------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class Instellingen(_Strict):
    """The build options that are part of every key; kept so that `list` can recompute keys."""

    edities: tuple[Editie, ...]
    formaten: tuple[Formaat, ...]
    sjablonen: str  # the workspace templates folder


class Doel(_Strict):
    invoer: str  # the key: sha256 of the inputs
    uitvoer: dict[str, str]  # path relative to the output folder → sha256 of its bytes


class Manifest(_Strict):
    versie: Literal[1] = 1
    instellingen: Instellingen
    doelen: dict[str, Doel]


def read_manifest(out: Path) -> Manifest | None:
    """The manifest, or None when there is none or it cannot be trusted (then all is rebuilt)."""
    try:
        return Manifest.model_validate_json((out / MANIFEST).read_bytes(), strict=False)
    except (OSError, ValueError, ValidationError):
        return None


class Sleutels:
    """The key of every target, from the workspace as it is now."""

    def __init__(self, werkmap: Werkmap, instellingen: Instellingen) -> None:
        self.werkmap = werkmap
        sjablonen = Path(instellingen.sjablonen)
        self.gedeeld = {
            "maandmonitor": version("maandmonitor"),
            "pakket": folder_sha(PAKKET),
            "monitor": file_sha(werkmap.data_dir / PROGRAMMA_BESTAND),
            "sjablonen": folder_sha(sjablonen) if sjablonen.is_dir() else None,
            "instellingen": instellingen.model_dump(mode="json"),
        }
        self._bestanden: dict[str, str | None] = {}

    def _bestand(self, maand: str) -> str | None:
        if maand not in self._bestanden:
            self._bestanden[maand] = file_sha(self.werkmap.month_path(maand))
        return self._bestanden[maand]

    def _sleutel(self, invoer: dict[str, object]) -> str:
        return sha(json.dumps({**self.gedeeld, **invoer}, sort_keys=True).encode())

    def maand(self, maand: str) -> str:
        vorige = maand_terug(maand, 1)
        return self._sleutel({"maand": self._bestand(maand), "vorige": self._bestand(vorige)})

    def jaar(self, jaar: str, maanden: Sequence[str]) -> str:
        return self._sleutel({"maanden": {m: self._bestand(m) for m in maanden if m[:4] == jaar}})


def _actueel(doel: Doel | None, sleutel: str, out: Path) -> bool:
    return (
        doel is not None
        and doel.invoer == sleutel
        and all(file_sha(out / pad) == digest for pad, digest in doel.uitvoer.items())
    )


# --- building -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bouwresultaat:
    """Per target whether it was built; the warnings of the months (printed, not fatal)."""

    doelen: list[tuple[str, bool]]
    waarschuwingen: list[Problem]

    def lines(self) -> list[str]:
        breedte = max((len(doel) for doel, _ in self.doelen), default=0)
        lines = [
            f"{doel:<{breedte}}  {'gemaakt' if gemaakt else 'ongewijzigd'}"
            for doel, gemaakt in self.doelen
        ]
        gemaakt = sum(g for _, g in self.doelen)
        lines.append(f"{gemaakt} gemaakt, {len(self.doelen) - gemaakt} ongewijzigd")
        return lines


def _doelen(maanden: Sequence[str]) -> list[str]:
    """Every month, and each year right after its last month."""
    jaren = sorted({m[:4] for m in maanden})
    return sorted([*maanden, *jaren], key=lambda doel: (doel[:4], len(doel) == 4, doel))


def build_all(
    data_dir: Path,
    *,
    out: Path = Path("build"),
    edities: Sequence[Editie] = EDITIES,
    formaten: Sequence[Formaat] = STANDAARD_FORMATEN,
    templates: Path | None = None,
) -> Bouwresultaat:
    rapport = validate_workspace(data_dir, [], cache=out / ".cache")
    if not rapport.geldig:  # fail closed: the problems of every month that has an error
        fouten = [p for m in rapport.maanden if not m.geldig for p in m.problems]
        raise MonitorError(rapport.programma_problems + fouten)
    werkmap = Werkmap(data_dir)
    maanden = werkmap.months()
    if templates is None:
        templates = data_dir.parent / "templates"
    instellingen = Instellingen(
        edities=tuple(edities), formaten=tuple(formaten), sjablonen=str(templates)
    )
    sleutels = Sleutels(werkmap, instellingen)
    vorig = read_manifest(out)
    vorige_doelen = vorig.doelen if vorig else {}
    alle = _doelen(maanden)
    sleutel = {d: sleutels.jaar(d, maanden) if len(d) == 4 else sleutels.maand(d) for d in alle}
    te_maken = [d for d in alle if not _actueel(vorige_doelen.get(d), sleutel[d], out)]
    opties = BouwOpties(out=out, edities=edities, formaten=formaten, templates=templates)
    gemaakt = _build_targets(data_dir, opties, te_maken)
    doelen = {
        d: Doel(
            invoer=sleutel[d],
            uitvoer={p.relative_to(out).as_posix(): file_sha(p) or "" for p in gemaakt[d]},
        )
        if d in gemaakt
        else vorige_doelen[d]
        for d in alle
    }
    uitkomst = [(d, d in gemaakt) for d in alle]
    _write_manifest(out, Manifest(instellingen=instellingen, doelen=doelen))
    waarschuwingen = [p for m in rapport.maanden for p in m.problems]
    return Bouwresultaat(uitkomst, waarschuwingen)


def _build_targets(data_dir: Path, opties: BouwOpties, doelen: list[str]) -> dict[str, list[Path]]:
    """Build the targets, a year at a time (its months in order, then the year view), the years
    spread over the machine's cores. Every month was validated before, so a problem here (the
    public-edition guard) stops the whole build."""
    per_jaar = [[d for d in doelen if d[:4] == jaar] for jaar in sorted({d[:4] for d in doelen})]
    processen = min(beschikbare_kernen(), len(per_jaar))
    if processen < 2 or len(doelen) < 8:  # a few targets: not worth starting workers
        delen = [_build_run(data_dir, opties, doelen)]
    else:
        context = multiprocessing.get_context("fork")  # workers inherit imports and templates
        with ProcessPoolExecutor(processen, mp_context=context) as pool:
            n = len(per_jaar)
            delen = list(pool.map(_build_run, [data_dir] * n, [opties] * n, per_jaar))
    problemen = [p for deel in delen if isinstance(deel, list) for p in deel]
    if problemen:
        raise MonitorError(problemen)
    return {d: paden for deel in delen if isinstance(deel, dict) for d, paden in deel.items()}


def _build_run(
    data_dir: Path, opties: BouwOpties, doelen: list[str]
) -> dict[str, list[Path]] | list[Problem]:
    """Build targets in this process, months in calendar order sharing what is loaded (the next
    month needs this one for its previous-month column, the year view all months of its year).
    Returns the problems if one fails: an exception would not cross the process boundary intact."""
    werkmap = Werkmap(data_dir)
    archief = Archief(werkmap, load_programma(werkmap))
    gebouwd: dict[str, list[Path]] = {}
    try:
        for doel in doelen:
            if len(doel) == 4:  # its months, and the two before January their rules look at
                archief.vergeet_voor(maand_terug(f"{doel}-01", 2))
                gebouwd[doel] = build_year(data_dir, doel, archief=archief, **opties).paden
            else:
                archief.vergeet_voor(min(maand_terug(doel, 2), f"{doel[:4]}-01"))
                gebouwd[doel] = build_month(data_dir, doel, archief=archief, **opties).paden
    except MonitorError as err:
        return err.problems
    return gebouwd


def _write_manifest(out: Path, manifest: Manifest) -> None:
    path = out / MANIFEST
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(path, manifest.model_dump_json(indent=1) + "\n")
    except OSError as err:
        raise MonitorError(
            [Problem(display_path(path), 0, 0, "", f"kan niet schrijven: {err.strerror}")]
        ) from None


def build_status(data_dir: Path, out: Path) -> dict[str, Status]:
    """Per month: built and current ("gemaakt"), built from other inputs ("verouderd"), or not
    built by `build --all` ("niet gemaakt"), judged with the options of the last `build --all`."""
    werkmap = Werkmap(data_dir)
    maanden = werkmap.months()
    manifest = read_manifest(out)
    if manifest is None:
        return dict.fromkeys(maanden, "niet gemaakt")
    sleutels = Sleutels(werkmap, manifest.instellingen)
    status: dict[str, Status] = {}
    for maand in maanden:
        doel = manifest.doelen.get(maand)
        if doel is None:
            status[maand] = "niet gemaakt"
        else:
            actueel = _actueel(doel, sleutels.maand(maand), out)
            status[maand] = "gemaakt" if actueel else "verouderd"
    return status
