"""Ctrl-C and SIGTERM: an exception from the first moment, held off while files are put in place,
and reported with exactly what this process changed.

The handlers raise `Afgebroken`, an exception no library code catches, so that every `finally`
runs: the staging folder and temporary files are removed, worker processes ended. The entry point
(`__main__.py`) installs them before the command line and its libraries are imported; that is why
this module imports next to nothing.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Iterator

SIGNALEN = (signal.SIGINT, signal.SIGTERM)

# Every file this process replaced, made or removed in the user's folders, in order: what an
# interrupt says was changed (nothing else ever is). A build enters its files as text: a `Path`
# each would hold some 300 bytes a file of 25,000 (12,000 months) until the process ends.
GEWIJZIGD: list[os.PathLike[str] | str] = []

# What must not outlive the process (a temporary file, the staging folder), each with how to
# remove it. It is entered before it is made, and `ruim_op` runs once an interrupt has come:
# the `finally` that removes it in the normal course can itself be cut short by the signal.
OPRUIMEN: dict[os.PathLike[str], Callable[[], object]] = {}


class Afgebroken(BaseException):
    """Ctrl-C or SIGTERM, raised as an exception (not one that `except Exception` catches)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _onderbroken(signum: int, frame: object) -> None:
    raise Afgebroken(signum)


def vang() -> None:
    """Turn Ctrl-C and SIGTERM into `Afgebroken` from now on."""
    for signum in SIGNALEN:
        signal.signal(signum, _onderbroken)


def ruim_op() -> None:
    """Remove everything in OPRUIMEN (after an interrupt, with signals held off)."""
    for opruimen in list(OPRUIMEN.values()):
        with contextlib.suppress(OSError):
            opruimen()
    OPRUIMEN.clear()


def melding() -> str:
    """The one line an interrupt ends with: nothing changed, or exactly what was."""
    if not GEWIJZIGD:
        return "afgebroken: niets gewijzigd"
    from pathlib import Path

    from .errors import display_path

    al = ", ".join(display_path(Path(p)) for p in GEWIJZIGD)
    return f"afgebroken; al geschreven of verwijderd: {al}; verder niets gewijzigd"


def houd_tegen() -> None:
    """Hold off Ctrl-C and SIGTERM for the rest of the process: the command is done, and a
    signal now would only end it without its last line (Python restores the default handlers
    while it shuts down). A signal held off is dropped when the process exits."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALEN)


@contextlib.contextmanager
def na_afloop() -> Iterator[None]:
    """Hold off Ctrl-C and SIGTERM until the block is done (a cleanup, or a change and its
    record): one that came meanwhile is raised then, so it never cuts the block in half."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    oud = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALEN)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, oud)  # a held-off signal is raised here


class Uitgesteld:
    """A signal that came while `ononderbroken` held it off: its number (0: none came)."""

    signaal = 0


@contextlib.contextmanager
def ononderbroken() -> Iterator[Uitgesteld]:
    """Hold off Ctrl-C and SIGTERM while files are put in place and recorded: a signal that
    comes meanwhile is taken (not raised) when this ends, and reported in the result, so the
    caller can still say exactly what was written."""
    uitgesteld = Uitgesteld()
    if not hasattr(signal, "pthread_sigmask"):
        yield uitgesteld
        return
    oud = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALEN)
    try:
        yield uitgesteld
    finally:
        while wachtend := signal.sigpending() & set(SIGNALEN):
            uitgesteld.signaal = uitgesteld.signaal or int(min(wachtend))
            signal.sigtimedwait(wachtend, 0)  # taken: not delivered when unblocked
        signal.pthread_sigmask(signal.SIG_SETMASK, oud)
