"""Writing files: atomically, never over what the user wrote, and a run's outputs all at once.

- `schrijf_atomisch`: a temporary file in the same folder, renamed into place; a reader sees the
  old file or the new one, never half of one.
- `Gaandeweg`: the same for a file written piece by piece (the check cache, which is never held
  whole in memory).
- `schrijf_nieuw`: the same, but it refuses to replace an existing file (a hard link cannot
  clobber), for files the user edits (`maandmonitor new`).
- `Klaarzetten` (staging): a build writes every output of the run into a hidden folder next to
  the outputs first; only when everything was rendered and guarded are they renamed into place,
  one `rename` each. A failure before that leaves the output folder exactly as it was. What was
  staged (each file's path, target and sha256) is spooled as it comes (`gezet.py`), not held.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import itertools
import os
import posixpath
import secrets
import shutil
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from .errors import MonitorError, Problem, display_path, oorzaak
from .gezet import Gezet, Record
from .onderbreking import GEWIJZIGD, OPRUIMEN, na_afloop

_UMASK = os.umask(0o022)
os.umask(_UMASK)


def _data(inhoud: str | bytes) -> bytes:
    return inhoud.encode("utf-8") if isinstance(inhoud, str) else inhoud


def _als_gewoon_bestand(path: Path) -> None:
    path.chmod(0o666 & ~_UMASK)  # as any file the user makes (mkstemp makes it owner-only)


def _tijdelijke_naam(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


@contextlib.contextmanager
def _tijdelijk(path: Path) -> Iterator[Path]:
    """A temporary file's name beside `path`, removed at the end. It is known before the file
    is made (`mkstemp` only says once it returned), so an interrupt at any moment removes it
    too (`onderbreking.OPRUIMEN`)."""
    tmp = _tijdelijke_naam(path)
    OPRUIMEN[tmp] = functools.partial(tmp.unlink, missing_ok=True)
    try:
        yield tmp
    finally:
        tmp.unlink(missing_ok=True)
        OPRUIMEN.pop(tmp, None)


def schrijf_atomisch(path: Path, inhoud: str | bytes) -> None:
    with _tijdelijk(path) as tmp:
        with tmp.open("xb") as handle:
            handle.write(_data(inhoud))
        tmp.replace(path)


class Gaandeweg:
    """A file written piece by piece and put in place whole by `plaats`, as `schrijf_atomisch`
    puts one: until then it lies beside `path` under a temporary name, which `weg` removes, and
    so does an interrupt at any moment (`onderbreking.OPRUIMEN`, entered before it is made)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._tmp = _tijdelijke_naam(path)
        self._handle: BinaryIO | None = None
        OPRUIMEN[self._tmp] = self.weg
        try:
            self._handle = self._tmp.open("xb")
        except BaseException:
            self.weg()
            raise

    def schrijf(self, data: bytes) -> None:
        assert self._handle is not None
        self._handle.write(data)

    def plaats(self) -> None:
        try:
            assert self._handle is not None
            self._handle.close()
            self._tmp.replace(self.path)
        finally:
            self.weg()

    def weg(self) -> None:
        if self._handle is not None:
            self._handle.close()
        self._tmp.unlink(missing_ok=True)
        OPRUIMEN.pop(self._tmp, None)


def schrijf_nieuw(path: Path, tekst: str) -> None:
    """Write a new file; FileExistsError if it exists (also when it appeared meanwhile)."""
    with _tijdelijk(path) as tmp:
        with tmp.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(tekst)
            handle.flush()
            os.fsync(handle.fileno())
        with na_afloop():  # made and recorded, or not made
            os.link(tmp, path)
            GEWIJZIGD.append(path)


def kan_niet_schrijven(path: str, err: OSError) -> MonitorError:
    return MonitorError([Problem(path, 0, 0, "", f"kan niet schrijven: {oorzaak(err)}")])


# --- a run's outputs: staged, then renamed into place ---------------------------------------------

_VOORVOEGSEL = ".klaarzetten-"


@dataclass
class Klaarzetten:
    """The staging folder of one run, inside the output folder (so every rename stays on one file
    system). Workers of the run write into it too; it is made before they are forked. Until
    `opruimen`, an interrupt at any moment removes it (`onderbreking.OPRUIMEN`)."""

    out: Path
    map: Path = field(init=False)
    gezet: Gezet = field(init=False)  # what was staged, recorded by `noteer`
    _nieuw: list[Path] = field(init=False, default_factory=list)  # made for it: gone if empty

    def __post_init__(self) -> None:
        _ruim_achtergelaten_op(self.out)
        self.map = self.out / f"{_VOORVOEGSEL}{os.getpid()}-{secrets.token_hex(4)}"
        self.gezet = Gezet(self.map)
        OPRUIMEN[self.map] = self.opruimen
        try:
            self._nieuw = [p for p in (self.out, *self.out.parents) if not p.exists()]
            self.out.mkdir(parents=True, exist_ok=True)
            self.map.mkdir()
        except OSError as err:
            self.opruimen()
            raise self._fout(err) from None

    def _plek(self, relatief: str) -> Path:
        """Staged files lie side by side: no folders to make twice (a mkdir is not free)."""
        return self.map / relatief.replace("/", "%")

    def zet(self, relatief: str, inhoud: bytes) -> None:
        path = self._plek(relatief)
        try:
            path.write_bytes(inhoud)
            _als_gewoon_bestand(path)
        except OSError as err:  # a full disk shows here, not at the rename
            raise self._fout(err) from None

    def _fout(self, err: OSError) -> MonitorError:
        return kan_niet_schrijven(display_path(self.out), err)

    def opruimen(self) -> None:
        """Remove the staging folder, and the output folder if it was made for nothing."""
        self.gezet.sluit()
        shutil.rmtree(self.map, ignore_errors=True)
        for folder in self._nieuw:
            with contextlib.suppress(OSError):
                folder.rmdir()
        OPRUIMEN.pop(self.map, None)

    def noteer(self, doel: str, bestanden: Iterable[tuple[str, str]]) -> None:
        """Record the files staged for `doel`, each with its sha256 (in the parent process,
        which places them): spooled, not held (gezet.py)."""
        try:
            for pad, sha in sorted(bestanden):
                self.gezet.voeg_toe(Record(pad, doel, sha))
        except OSError as err:
            raise self._fout(err) from None

    def plaats(self, weg: Sequence[str]) -> None:
        """Remove the files in `weg` and rename every staged file that was recorded into place
        (run it inside `ononderbroken`). Every folder a file goes to is made (and must be
        writable) before anything is replaced; if the file system still fails midway, the error
        names exactly what was already replaced or removed."""
        mappen = frozenset(posixpath.dirname(r.pad) for r in self.gezet)
        self._maak_mappen(sorted(mappen.union(posixpath.dirname(p) for p in weg), key=_als_delen))
        gedaan = 0
        try:
            for relatief in weg:  # first: what is not current must never outlive a failure
                (self.out / relatief).unlink(missing_ok=True)
                gedaan += 1
                GEWIJZIGD.append(os.path.join(self.out, relatief))  # noqa: PTH118  (text)
                _verwijder_lege_mappen(self.out, posixpath.dirname(relatief), mappen)
            for record in self.gezet:
                self._plek(record.pad).replace(self.out / record.pad)
                gedaan += 1
                GEWIJZIGD.append(os.path.join(self.out, record.pad))  # noqa: PTH118  (text)
        except OSError as err:
            al = itertools.islice(itertools.chain(weg, (r.pad for r in self.gezet)), gedaan)
            raise _half_geschreven(self.out, list(al), err) from None

    def _maak_mappen(self, mappen: Sequence[str]) -> None:
        """Make every folder (relative to `out`) and check it can be written: a file where a
        folder must go, or a folder without write permission, shows here, before anything is
        replaced. On failure the empty folders made for it are removed again."""
        for gedaan, relatief in enumerate(mappen):
            folder = self.out / relatief
            try:
                folder.mkdir(parents=True, exist_ok=True)
                if not os.access(folder, os.W_OK | os.X_OK):
                    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
            except OSError as err:
                for gemaakt in mappen[: gedaan + 1]:
                    _verwijder_lege_mappen(self.out, gemaakt)
                raise kan_niet_schrijven(display_path(folder), err) from None


def _als_delen(relatief: str) -> str:
    """A folder's place in the order of its parts, as `Path` sorts: a name before the longer
    names it begins (`2018` before `2018-01`), whatever character follows."""
    return relatief.replace("/", "\x00")


def _half_geschreven(out: Path, gedaan: list[str], err: OSError) -> MonitorError:
    al = ", ".join(display_path(out / p) for p in gedaan) or "niets"
    fout = MonitorError(
        [
            Problem(
                display_path(out),
                0,
                0,
                "",
                f"schrijven mislukt ({oorzaak(err)}); al vervangen of verwijderd: {al}; "
                "de rest is niet veranderd. Maak de build opnieuw",
            )
        ]
    )
    fout.niets_geschreven = not gedaan
    return fout


def _verwijder_lege_mappen(
    out: Path, relatief: str, behoud: AbstractSet[str] = frozenset()
) -> None:
    """Remove the folder `relatief` (below `out`) and then its parents while they are empty,
    up to `out` or a folder in `behoud`."""
    while relatief and relatief not in behoud:
        try:
            (out / relatief).rmdir()
        except OSError:
            return
        relatief = posixpath.dirname(relatief)


def _ruim_achtergelaten_op(out: Path) -> None:
    """Staging folders of runs that were killed (kill -9 leaves no chance to clean up)."""
    with contextlib.suppress(OSError):
        for oud in out.glob(f"{_VOORVOEGSEL}*"):
            pid = oud.name.removeprefix(_VOORVOEGSEL).split("-", 1)[0]
            if pid.isdigit() and not _leeft(int(pid)):
                shutil.rmtree(oud, ignore_errors=True)


def _leeft(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
