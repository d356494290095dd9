"""The outcome of every month's checks, kept between runs of `validate`, `list` and `build`.

Parsing YAML and validating the model cost about a millisecond a month; an archive of a thousand
months is checked on every commit. A month's outcome depends only on its own file, the two files
before it (the cross-month rules look back two months), `monitor.yaml` and the tool itself, so it
is stored under a sha256 of exactly those bytes (as the workspace read them), with the folder the
files are named from (messages carry paths). Anything that does not match is checked afresh; a
missing, damaged or foreign file only costs time. Deleting it is always safe.

`controles.json` is one JSON document with a month on each line, so that it is read and written
a line at a time and never held whole in memory (at 12,000 months it is some 10 MB):

    {"gedeeld":"<sha256>","maanden":{
    "2018-05":{"bestand":…,"sleutel":…,…},
    "2018-06":{…}
    }}

Opening it only notes where each month's line starts; a month's line is read and checked when
that month is asked for. The outcomes of a run are written as they come into a new file, which
replaces the old one at the end (atomically); a run that changes nothing writes nothing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import BinaryIO

import pydantic
import yaml

from ..cache import pakket_sha, sha
from ..errors import Problem, display_path, oorzaak
from ..months import maand_terug
from ..workspace import Werkmap
from ..write import Gaandeweg
from .report import MaandResultaat

BESTAND = "controles.json"
VERSIE = 2

# A month's line: its key, and where its sleutel stands (sort_keys puts it after "problemen";
# inside a JSON string a quote is escaped, so this text only occurs as the key itself).
_REGEL = re.compile(rb'"([0-9]{4}-[0-9]{2})":\{')
_SLEUTEL = re.compile(rb',"sleutel":"([0-9a-f]{64})",')
_SLOT = b"\n}}\n"


class Uitslagen:
    """The stored outcomes in `folder/controles.json`: read a month at a time, written as they
    come."""

    def __init__(self, folder: Path, werkmap: Werkmap) -> None:
        self.path = folder / BESTAND
        self.werkmap = werkmap
        self.gedeeld = sha(
            json.dumps(
                [
                    VERSIE,
                    pakket_sha(),
                    pydantic.VERSION,
                    yaml.__version__,
                    werkmap.programma_sha,
                    werkmap.termen_sha,
                    display_path(werkmap.data_dir),
                ]
            ).encode()
        )
        self._kop = b'{"gedeeld":' + json.dumps(self.gedeeld).encode() + b',"maanden":{\n'
        self._oud: BinaryIO | None = None
        # per month of the stored file: where its line starts, its sleutel (as a digest: 12,000
        # of them are held)
        self._plaats: dict[str, tuple[int, bytes | None]] = {}
        self._nieuw: Gaandeweg | None = None  # the new file, begun at the first change
        self._fout: OSError | None = None  # why the new file cannot be written
        self._in_nieuw: set[str] = set()  # the months the new file holds (or will)
        self._overgenomen: list[str] = []  # stored lines it takes over, until it is begun
        self._geschreven = 0  # lines in the new file
        self._veranderd = False  # it holds a month that is not in the stored file as it is
        self._mappen: list[Path] = []  # the folders made for the new file, while not in place
        self._open_oud()

    def _open_oud(self) -> None:
        try:
            self._oud = self.path.open("rb")
            # another version (v1 was one long line), another workspace, damaged
            if self._oud.readline(len(self._kop)) != self._kop:
                self.sluit()
                return
            plaats = self._oud.tell()
            for regel in self._oud:
                if (maand := _REGEL.match(regel)) is not None:
                    sleutel = _SLEUTEL.search(regel)
                    self._plaats[maand.group(1).decode()] = (
                        plaats,
                        bytes.fromhex(sleutel.group(1).decode()) if sleutel else None,
                    )
                plaats += len(regel)
        except OSError:
            self.sluit()
            self._plaats = {}

    def sluit(self) -> None:
        """Close the stored file, and remove the new one if it was not put in place: a run that
        stops before `schrijf` (a build with errors) leaves the cache as it was."""
        if self._oud is not None:
            self._oud.close()
            self._oud = None
        if self._nieuw is not None:
            self._nieuw.weg()
            self._nieuw = None
        for map in self._mappen:  # made for it, innermost first: a failed run leaves nothing
            try:
                map.rmdir()
            except OSError:
                break
        self._mappen = []

    def __enter__(self) -> Uitslagen:
        return self

    def __exit__(self, *exc: object) -> None:
        self.sluit()

    def sleutel(self, maand: str) -> str:
        return sha(json.dumps([self.werkmap.sha(maand_terug(maand, n)) for n in range(3)]).encode())

    def lijkt_bewaard(self, maand: str) -> bool:
        """Whether the stored file seems to hold the outcome of `maand` for its inputs as they
        are: only to plan the work; `lees` is what decides."""
        plaats = self._plaats.get(maand)
        return plaats is not None and plaats[1] == bytes.fromhex(self.sleutel(maand))

    def _regel(self, maand: str) -> bytes | None:
        """The stored line of `maand` (without its comma and newline), or None."""
        plaats = self._plaats.get(maand)
        if plaats is None or self._oud is None:
            return None
        try:
            self._oud.seek(plaats[0])
            regel = self._oud.readline()  # every line ends in a newline
        except OSError:
            return None
        return regel.rstrip(b"\n").removesuffix(b",")

    def lees(self, maand: str, streng: bool) -> MaandResultaat | None:
        """The stored outcome of `maand`, when its inputs are unchanged and it is whole."""
        regel = self._regel(maand)
        if regel is None:
            return None
        try:
            entry = json.loads(b"{" + regel + b"}").get(maand)
        except (ValueError, RecursionError):
            return None
        if not isinstance(entry, dict) or entry.get("sleutel") != self.sleutel(maand):
            return None
        try:
            resultaat = MaandResultaat.from_json(maand, entry, streng)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError):
            return None  # not in this shape: checked afresh
        self._neem_over(maand, regel)
        return resultaat

    def bewaar(self, resultaat: MaandResultaat) -> None:
        entry = {"sleutel": self.sleutel(resultaat.maand), **resultaat.for_cache()}
        regel = json.dumps({resultaat.maand: entry}, sort_keys=True, separators=(",", ":"))
        regel_b = regel[1:-1].encode()  # ASCII with escapes: a path of any bytes is read back
        if regel_b == self._regel(resultaat.maand):
            self._neem_over(resultaat.maand, regel_b)
        elif resultaat.maand not in self._in_nieuw:
            self._in_nieuw.add(resultaat.maand)
            self._veranderd = True
            self._voeg_toe(regel_b)

    def _neem_over(self, maand: str, regel: bytes) -> None:
        """`maand`'s stored line goes into the new file as it was."""
        if maand in self._in_nieuw:
            return
        self._in_nieuw.add(maand)
        if self._nieuw is None:
            self._overgenomen.append(maand)  # written if a new file is begun
        else:
            self._voeg_toe(regel)

    def _voeg_toe(self, regel: bytes) -> None:
        if self._fout is not None:
            return
        try:
            if self._nieuw is None:
                self._begin()
            assert self._nieuw is not None
            self._nieuw.schrijf((b",\n" if self._geschreven else b"") + regel)
            self._geschreven += 1
        except OSError as err:
            self._stop(err)

    def _begin(self) -> None:
        """The new file, with the stored lines taken over so far."""
        nieuw = [m for m in (self.path.parent, *self.path.parent.parents) if not m.exists()]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._mappen = nieuw  # removed again if the file is not put in place
        self._nieuw = Gaandeweg(self.path)
        self._nieuw.schrijf(self._kop)
        overgenomen, self._overgenomen = self._overgenomen, []
        for maand in overgenomen:
            regel = self._regel(maand)
            if regel is None:  # the stored file cannot be read after all: the month is lost
                continue
            self._nieuw.schrijf((b",\n" if self._geschreven else b"") + regel)
            self._geschreven += 1

    def _stop(self, err: OSError) -> None:
        self._fout = err
        if self._nieuw is not None:
            self._nieuw.weg()
            self._nieuw = None

    def schrijf(self) -> Problem | None:
        """Put the new file in place, unless nothing changed; a warning when that is not
        possible."""
        try:
            if self._fout is None and self._nieuw is None:
                if not self._veranderd and len(self._in_nieuw) == len(self._plaats):
                    return None  # every stored month, as it was, and nothing else
                try:
                    self._begin()
                except OSError as err:
                    self._stop(err)
            if self._nieuw is not None:
                if self._oud is not None:  # every line it gives is copied by now; and an
                    self._oud.close()  # open file cannot be replaced everywhere (Windows)
                    self._oud = None
                try:
                    self._nieuw.schrijf(_SLOT)
                    self._nieuw.plaats()
                    self._mappen = []
                except OSError as err:
                    self._stop(err)
                self._nieuw = None
        finally:
            self.sluit()
        if self._fout is None:
            return None
        return Problem(
            display_path(self.path),
            0,
            0,
            "",
            f"cache niet bijgewerkt ({oorzaak(self._fout)}); de volgende keer kost dat alleen tijd",
            ernst="waarschuwing",
        )
