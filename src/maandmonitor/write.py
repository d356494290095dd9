"""Writing files: atomically, never over what the user wrote, and a run's outputs all at once.

- `schrijf_atomisch`: a temporary file in the same folder, renamed into place; a reader sees the
  old file or the new one, never half of one.
- `schrijf_nieuw`: the same, but it refuses to replace an existing file (a hard link cannot
  clobber), for files the user edits (`maandmonitor new`).
- `Klaarzetten` (staging): a build writes every output of the run into a hidden folder next to
  the outputs first; only when everything was rendered and guarded are they renamed into place,
  one `rename` each. A failure before that leaves the output folder exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import MonitorError, Problem, display_path, oorzaak

_UMASK = os.umask(0o022)
os.umask(_UMASK)


def _data(inhoud: str | bytes) -> bytes:
    return inhoud.encode("utf-8") if isinstance(inhoud, str) else inhoud


def _als_gewoon_bestand(path: Path) -> None:
    path.chmod(0o666 & ~_UMASK)  # as any file the user makes (mkstemp makes it owner-only)


def schrijf_atomisch(path: Path, inhoud: str | bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(_data(inhoud))
        _als_gewoon_bestand(Path(tmp))
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def schrijf_nieuw(path: Path, tekst: str) -> None:
    """Write a new file; FileExistsError if it exists (also when it appeared meanwhile)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with tmp.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(tekst)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def kan_niet_schrijven(path: str, err: OSError) -> MonitorError:
    return MonitorError([Problem(path, 0, 0, "", f"kan niet schrijven: {oorzaak(err)}")])


# --- a run's outputs: staged, then renamed into place ---------------------------------------------

_VOORVOEGSEL = ".klaarzetten-"


@dataclass
class Klaarzetten:
    """The staging folder of one run, inside the output folder (so every rename stays on one file
    system). Workers of the run write into it too; it is made before they are forked."""

    out: Path
    map: Path = field(init=False)
    _nieuw: list[Path] = field(init=False)  # folders made for it, gone again if left empty

    def __post_init__(self) -> None:
        _ruim_achtergelaten_op(self.out)
        self._nieuw = [p for p in (self.out, *self.out.parents) if not p.exists()]
        self.map = self.out / f"{_VOORVOEGSEL}{os.getpid()}-{secrets.token_hex(4)}"
        try:
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
        shutil.rmtree(self.map, ignore_errors=True)
        for folder in self._nieuw:
            with contextlib.suppress(OSError):
                folder.rmdir()

    def plaats(self, bestanden: Sequence[str], weg: Sequence[str]) -> None:
        """Remove the files in `weg` and rename every staged file into place (run it inside
        `ononderbroken`). If the file system fails midway, the error names exactly what was
        already replaced or removed."""
        gedaan: list[str] = []
        mappen: set[Path] = set()
        try:
            for relatief in weg:  # first: what is not current must never outlive a failure
                (self.out / relatief).unlink(missing_ok=True)
                gedaan.append(relatief)
                _verwijder_lege_mappen((self.out / relatief).parent, self.out)
            for relatief in bestanden:
                doel = self.out / relatief
                if doel.parent not in mappen:
                    doel.parent.mkdir(parents=True, exist_ok=True)
                    mappen.add(doel.parent)
                self._plek(relatief).replace(doel)
                gedaan.append(relatief)
        except OSError as err:
            raise _half_geschreven(self.out, gedaan, err) from None


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


def _verwijder_lege_mappen(folder: Path, tot: Path) -> None:
    while folder != tot and folder.is_relative_to(tot):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


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


@dataclass
class Uitgesteld:
    """A signal (SIGINT, SIGTERM) that came while `ononderbroken` held it off: its number."""

    signaal: int = 0


@contextlib.contextmanager
def ononderbroken() -> Iterator[Uitgesteld]:
    """Hold off Ctrl-C and SIGTERM while files are put in place and recorded: a signal that
    comes meanwhile is taken (not raised) when this ends, and reported in the result, so the
    caller can still say exactly what was written."""
    uitgesteld = Uitgesteld()
    if not hasattr(signal, "pthread_sigmask"):
        yield uitgesteld
        return
    signalen = {signal.SIGINT, signal.SIGTERM}
    oud = signal.pthread_sigmask(signal.SIG_BLOCK, signalen)
    try:
        yield uitgesteld
    finally:
        wachtend = signal.sigpending() & signalen
        if wachtend:
            uitgesteld.signaal = int(min(wachtend))
            signal.sigtimedwait(wachtend, 0)  # taken: not delivered when unblocked
        signal.pthread_sigmask(signal.SIG_SETMASK, oud)
