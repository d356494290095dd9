"""What the builds made: per output file, the key of its inputs and the sha256 of its bytes.

A target is a month (JJJJ-MM), a year (JJJJ), or the archive as a whole (its data package,
its page). Its key is a sha256 over everything its output
depends on, as the workspace read it:

- shared by all targets: the package itself (code and packaged templates, so a development
  checkout never keeps stale output either), `monitor.yaml`, the sensitive terms and the
  workspace's own templates;
- a month: its own file, last month's (its previous-month column) and the earlier months of its
  year (the guard reads the confidential texts of all of them);
- a year: its months, and whether it is the archive's last (its months after the last file
  are "nog niet verschenen" rather than missing).
- the archive's data package and its page: every month.

Whether a target's months are free of errors is not part of its key: every build checks that.

A file under an edition's folder is *current* when `build/.cache/manifest.json` records it with
its target's key as it is now and the file still has the bytes recorded. Nothing else is trusted:
a file that is missing from the manifest, edited by hand or made from other inputs is stale, and a
build removes (or rebuilds) it. A manifest that is missing, damaged or foreign means "nothing is
known to be current"; deleting `build/` is always safe.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .cache import file_sha, folder_sha, lees_json, pakket_sha, schrijf_json, sha
from .errors import Problem
from .months import maanden_van, terugblik
from .options import ARCHIEF, EDITIES, INDEX, BouwOpties
from .workspace import Werkmap

MANIFEST = Path(".cache") / "manifest.json"
VERSIE = 2

Status = Literal["gemaakt", "deels gemaakt", "verouderd", "niet gemaakt"]


class Sleutels:
    """The key of every target, from the workspace as this command read it."""

    def __init__(self, werkmap: Werkmap) -> None:
        self.werkmap = werkmap
        self.gedeeld = {
            "pakket": pakket_sha(),
            "monitor": werkmap.programma_sha,
            "termen": werkmap.termen_sha,  # the guard looks for them in public outputs
            "sjablonen": folder_sha(werkmap.templates) if werkmap.templates else None,
        }

    def _sleutel(self, maanden: list[str], **meer: object) -> str:
        bestanden = {m: self.werkmap.sha(m) for m in maanden}
        inhoud = {**self.gedeeld, **meer, "maanden": bestanden}
        return sha(json.dumps(inhoud, sort_keys=True).encode())

    def maand(self, maand: str) -> str:
        return self._sleutel([*terugblik(maand), maand])

    def jaar(self, jaar: str) -> str:
        return self._sleutel(maanden_van(jaar), lopend=lopend(self.werkmap, jaar))

    def doel(self, doel: str) -> str:
        if doel in (ARCHIEF, INDEX):  # the archive's data package and page: every month
            return self._sleutel(self.werkmap.months())
        return self.jaar(doel) if len(doel) == 4 else self.maand(doel)


@dataclass
class Manifest:
    """Output file (relative to the output folder) → (key of its target, sha256 of its bytes)."""

    bestanden: dict[str, tuple[str, str]] = field(default_factory=dict)
    _shas: dict[str, str | None] = field(default_factory=dict, repr=False)

    @classmethod
    def lees(cls, out: Path) -> Manifest:
        data = lees_json(out / MANIFEST)
        if not isinstance(data, dict) or data.get("versie") != VERSIE:
            return cls()
        bestanden = data.get("bestanden")
        if not isinstance(bestanden, dict):
            return cls()
        return cls(
            {
                pad: (waarde[0], waarde[1])
                for pad, waarde in bestanden.items()
                if isinstance(waarde, list)
                and len(waarde) == 2
                and all(isinstance(w, str) for w in waarde)
            }
        )

    def actueel(self, out: Path, bestand: str, sleutel: str) -> bool:
        """Made from the inputs with this key, and still the bytes that were made."""
        entry = self.bestanden.get(bestand)
        if entry is None or entry[0] != sleutel:
            return False
        if bestand not in self._shas:  # each output read once per command
            self._shas[bestand] = file_sha(out / bestand)
        return self._shas[bestand] == entry[1]

    def schrijf(self, out: Path) -> Problem | None:
        bestanden = {pad: list(self.bestanden[pad]) for pad in sorted(self.bestanden)}
        return schrijf_json(out / MANIFEST, {"versie": VERSIE, "bestanden": bestanden})


def lopend(werkmap: Werkmap, jaar: str) -> bool:
    """Whether `jaar` is the last year of the archive: a year in progress."""
    return werkmap.months()[-1][:4] == jaar if werkmap.months() else False


def op_schijf(out: Path, doel: str) -> list[str]:
    """Every file in the target's folders of both editions (the archive page: in their roots),
    relative to `out`."""
    if doel == INDEX:
        return [f"{e}/index.html" for e in EDITIES if (out / e / "index.html").is_file()]
    gevonden = []
    for editie in EDITIES:
        folder = out / editie / doel
        if folder.is_dir():
            gevonden += [
                p.relative_to(out).as_posix() for p in sorted(folder.rglob("*")) if p.is_file()
            ]
    return gevonden


def status(werkmap: Werkmap, out: Path) -> dict[str, Status]:
    """Per month, judged from what is on disk: any file not known to be current ("verouderd");
    else every file a `build` makes by default, both editions in Markdown and HTML and the DiWoo
    metadata if monitor.yaml asks for it ("gemaakt"),
    some of them ("deels gemaakt"), or none at all ("niet gemaakt")."""
    manifest = Manifest.lees(out)
    sleutels = Sleutels(werkmap)
    standaard = BouwOpties(diwoo=werkmap.programma.woo is not None)
    uitkomst: dict[str, Status] = {}
    for maand in werkmap.months():
        bestanden = op_schijf(out, maand)
        sleutel = sleutels.maand(maand)
        if not bestanden:
            uitkomst[maand] = "niet gemaakt"
        elif not all(manifest.actueel(out, b, sleutel) for b in bestanden):
            uitkomst[maand] = "verouderd"
        elif set(standaard.bestanden(maand)) <= set(bestanden):
            uitkomst[maand] = "gemaakt"
        else:
            uitkomst[maand] = "deels gemaakt"
    return uitkomst
