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

import itertools
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal

from .cache import file_sha, folder_sha, pakket_sha, sha
from .errors import Problem, display_path, oorzaak
from .gezet import Record
from .months import maanden_van, terugblik
from .options import ARCHIEF, EDITIES, INDEX, BouwOpties
from .workspace import Werkmap
from .write import Gaandeweg

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
    """Output file (relative to the output folder) → (key of its target, sha256 of its bytes).

    `build/.cache/manifest.json` is one JSON document with a file on each line, sorted, so that
    it is never held whole in memory (at 12,000 months some 25,000 files):

        {"versie":2,"bestanden":{
        "intern/2018-06/maandmonitor-2018-06-intern.md":["<key>","<sha256>"],
        …
        }}

    Opening it notes only where the lines of each folder (`openbaar/2018-06/`; a file in an
    edition's root on its own) begin; a folder's lines are read when one of its files
    is asked for. A manifest in any other layout of the same document (one line, as builds
    before wrote it, or edited by hand) is read whole; anything else means "nothing is known
    to be current". A build writes the new manifest as it goes, merging the stored lines with
    what it made, and puts it in place at the end (atomically)."""

    out: Path
    _oud: BinaryIO | None = field(default=None, repr=False)
    _plaats: dict[str, int] = field(default_factory=dict, repr=False)
    _heel: dict[str, tuple[str, str]] | None = field(default=None, repr=False)
    _map: tuple[str, dict[str, tuple[str, str]]] | None = field(default=None, repr=False)

    @classmethod
    def lees(cls, out: Path) -> Manifest:
        manifest = cls(out)
        try:
            manifest._oud = (out / MANIFEST).open("rb")
            if manifest._oud.readline(len(_KOP)) == _KOP and manifest._index():
                return manifest
            manifest._oud.seek(0)
            manifest._heel = _heel(manifest._oud.read())  # another layout: read whole
        except OSError:
            manifest._plaats = {}
        manifest.sluit()
        return manifest

    def _index(self) -> bool:
        """Where each folder's lines begin; False when they are not sorted (not this layout)."""
        assert self._oud is not None
        plaats = self._oud.tell()
        vorige = None
        for regel in self._oud:
            if (gelezen := _lijn(regel)) is not None:
                if vorige is not None and gelezen[0] <= vorige:  # not as a build writes it
                    self._plaats = {}
                    return False
                vorige = gelezen[0]
                self._plaats.setdefault(_groep(vorige), plaats)
            plaats += len(regel)
        return True

    def sluit(self) -> None:
        if self._oud is not None:
            self._oud.close()
            self._oud = None

    def entry(self, bestand: str) -> tuple[str, str] | None:
        """The key and sha256 recorded for `bestand`, or None."""
        if self._heel is not None:
            return self._heel.get(bestand)
        groep = _groep(bestand)
        if self._map is None or self._map[0] != groep:  # a folder's files are asked in turn
            self._map = (groep, dict(self._regels(groep)))
        return self._map[1].get(bestand)

    def _regels(self, groep: str) -> Iterator[tuple[str, tuple[str, str]]]:
        """The stored files of `groep`: the lines from where it begins, while they are its."""
        begin = self._plaats.get(groep)
        if begin is None or self._oud is None:
            return
        try:
            self._oud.seek(begin)
            while regel := self._oud.readline():
                if (gelezen := _lijn(regel)) is not None:
                    if _groep(gelezen[0]) != groep:
                        return
                    yield gelezen
        except OSError:
            return

    def actueel(self, bestand: str, sleutel: str) -> bool:
        """Made from the inputs with this key, and still the bytes that were made."""
        entry = self.entry(bestand)
        if entry is None or entry[0] != sleutel:
            return False
        return file_sha(self.out / bestand) == entry[1]

    def schrijf(
        self, weg: Iterable[str], nieuw: Iterable[Record], sleutel: Mapping[str, str]
    ) -> Problem | None:
        """The manifest with `weg` left out and `nieuw` (each file with its target and its
        sha256, sorted by file, as `Gezet` gives them) recorded with the target's `sleutel`,
        written as it goes and put in place atomically; the stored one is closed. Nothing is
        written when nothing changes."""
        weg = set(weg)
        pad = self.out / MANIFEST
        erbij = iter(nieuw)
        begin = next(erbij, None)
        try:
            if not weg and begin is None and self._heel is None and self._oud is not None:
                return None  # the stored lines, as they are
            pad.parent.mkdir(parents=True, exist_ok=True)
            bestand = Gaandeweg(pad)
            try:
                bestand.schrijf(_KOP)
                eerste = True
                nieuwe = itertools.chain([] if begin is None else [begin], erbij)
                for regel in _samen(self._opgeslagen(), nieuwe, sleutel, weg):
                    bestand.schrijf(regel if eerste else b",\n" + regel)
                    eerste = False
                bestand.schrijf(_SLOT)
                self.sluit()  # an open file cannot be replaced everywhere (Windows)
                bestand.plaats()
            finally:
                bestand.weg()
        except OSError as err:
            return Problem(
                display_path(pad),
                0,
                0,
                "",
                f"cache niet bijgewerkt ({oorzaak(err)}); de volgende keer kost dat alleen tijd",
                ernst="waarschuwing",
            )
        finally:
            self.sluit()
        return None

    def _opgeslagen(self) -> Iterator[tuple[str, bytes]]:
        """Every stored file with its line (without comma and newline), sorted by file."""
        if self._heel is not None:
            for bestand in sorted(self._heel):
                yield bestand, _regel(bestand, self._heel[bestand])
            return
        if self._oud is None:
            return
        self._oud.seek(0)
        self._oud.readline(len(_KOP))
        for regel in self._oud:
            if (gelezen := _lijn(regel)) is not None:
                yield gelezen[0], regel.rstrip(b"\n").removesuffix(b",")


_KOP = b'{"versie":' + str(VERSIE).encode() + b',"bestanden":{\n'
_SLOT = b"\n}}\n"
# a file's line: its path as JSON writes it (ASCII with escapes), its key and its sha256
_LIJN = re.compile(rb'("(?:[^"\\\n]|\\.)*"):\["([0-9a-f]{64})","([0-9a-f]{64})"\],?\n?\Z')


def _lijn(regel: bytes) -> tuple[str, tuple[str, str]] | None:
    """The file a stored line is of, with its key and sha256; None when it is not such a line."""
    if (gevonden := _LIJN.match(regel)) is None:
        return None
    try:
        pad = json.loads(gevonden.group(1))
    except ValueError:
        return None
    if not isinstance(pad, str):
        return None
    return pad, (gevonden.group(2).decode(), gevonden.group(3).decode())


def _groep(pad: str) -> str:
    """The lines read together: a target's folder in an edition (`openbaar/2018-06/`, whose
    files sort side by side), or a file in an edition's root on its own."""
    delen = pad.split("/", 2)
    return f"{delen[0]}/{delen[1]}/" if len(delen) == 3 else pad


def _regel(pad: str, entry: tuple[str, str]) -> bytes:
    return json.dumps({pad: list(entry)}, separators=(",", ":"))[1:-1].encode()


def _heel(data: bytes) -> dict[str, tuple[str, str]]:
    """A manifest in another layout of the same document, read whole; {} when it is not one."""
    try:
        gelezen = json.loads(data)
    except (ValueError, RecursionError):
        return {}
    if not isinstance(gelezen, dict) or gelezen.get("versie") != VERSIE:
        return {}
    bestanden = gelezen.get("bestanden")
    if not isinstance(bestanden, dict):
        return {}
    return {
        pad: (waarde[0], waarde[1])
        for pad, waarde in bestanden.items()
        if isinstance(waarde, list) and len(waarde) == 2 and all(isinstance(w, str) for w in waarde)
    }


def _samen(
    opgeslagen: Iterator[tuple[str, bytes]],
    nieuw: Iterator[Record],
    sleutel: Mapping[str, str],
    weg: set[str],
) -> Iterator[bytes]:
    """The lines of the new manifest, sorted: the stored ones but those of `weg` and of
    `nieuw`, and `nieuw`'s (both sorted by file: merged as they come)."""
    nieuw = _oplopend(nieuw)
    volgende = next(nieuw, None)
    for pad, regel in opgeslagen:
        while volgende is not None and volgende.pad < pad:
            yield _regel(volgende.pad, (sleutel[volgende.doel], volgende.sha))
            volgende = next(nieuw, None)
        if pad not in weg and (volgende is None or volgende.pad != pad):
            yield regel
    while volgende is not None:
        yield _regel(volgende.pad, (sleutel[volgende.doel], volgende.sha))
        volgende = next(nieuw, None)


def _oplopend(records: Iterator[Record]) -> Iterator[Record]:
    """`records`, stopped if one is not after the one before: merged out of order, a file could
    keep a line of an earlier build and be judged current when it is not."""
    vorige = ""
    for record in records:
        if record.pad <= vorige:
            raise RuntimeError(f"manifest: {record.pad} na {vorige}, niet oplopend")
        vorige = record.pad
        yield record


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
        elif not all(manifest.actueel(b, sleutel) for b in bestanden):
            uitkomst[maand] = "verouderd"
        elif set(standaard.bestanden(maand)) <= set(bestanden):
            uitkomst[maand] = "gemaakt"
        else:
            uitkomst[maand] = "deels gemaakt"
    manifest.sluit()
    return uitkomst
