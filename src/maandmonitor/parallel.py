"""Work on every core: the one place where worker processes are started, and made to end.

Workers are forked, so they inherit what the parent loaded (imports, compiled templates, the
workspace and the sha256 of every file it has seen); each takes every n-th share and sends each
share's result back through a pipe of its own as soon as it has it. The parent reads them in the
order of the shares (share i from worker i mod n), so a result is handed on as it comes and
neither side holds more than a share's. No helper threads, no pool to shut down: the parent reads
the pipes and reaps the workers, and on any way out (an error, Ctrl-C, SIGTERM) kills them.

A worker never outlives its parent: on Linux it asks the kernel for SIGKILL when the parent dies
(`prctl(PR_SET_PDEATHSIG)`), elsewhere a thread watches the parent. SIGINT and SIGTERM are held
off while the workers are forked, so that no worker ever runs the parent's signal handler.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_PR_SET_PDEATHSIG = 1
_SIGNALEN = {signal.SIGINT, signal.SIGTERM}


def beschikbare_kernen() -> int:
    """The cores this process may run on (`taskset` limits them; os.cpu_count does not see it);
    1 where a process cannot be forked (Windows)."""
    if not hasattr(os, "fork"):
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def processen_voor(stukken: int, genoeg: bool) -> int:
    """How many processes for `stukken` shares: one when there is too little work (`genoeg`
    false: a second process would cost more than it saves) or only one core."""
    return min(beschikbare_kernen(), stukken) if genoeg else 1


class WerkerFout(RuntimeError):
    """A worker failed in a way the parent cannot tell otherwise (a bug): its traceback."""


def in_processen(functie: Callable[[T], R], stukken: Sequence[T], processen: int) -> list[R]:
    """`functie` over `stukken` in `processen` forked workers, results in the order of
    `stukken`. An unexpected error in a worker is raised here as WerkerFout."""
    resultaten: list[R] = []
    per_stuk(functie, stukken, processen, resultaten.append)
    return resultaten


def per_stuk(
    functie: Callable[[T], R],
    stukken: Sequence[T],
    processen: int,
    verwerk: Callable[[R], None],
) -> None:
    """`functie` over `stukken` in `processen` forked workers; each result is passed to
    `verwerk` as it comes, in the order of `stukken`, and not kept. An unexpected error in a
    worker is raised here as WerkerFout; an error in `verwerk` ends the workers as any other."""
    werkers: dict[int, int] = {}  # pid → read end of its pipe, while not reaped
    ouder = os.getpid()  # here, not in the worker: the parent may die before the worker asks
    oud = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALEN)
    try:
        try:
            for nummer in range(processen):
                lezen, schrijven = os.pipe()
                pid = os.fork()
                if pid == 0:  # the worker: never returns
                    os.close(lezen)
                    _werk(functie, stukken, nummer, processen, schrijven, oud, ouder)
                os.close(schrijven)
                werkers[pid] = lezen
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, oud)  # a pending signal is raised here
        _verzamel(werkers, len(stukken), verwerk)
    finally:
        for pid, lezen in werkers.items():  # only on the way out early: else all are reaped
            _beeindig(pid)
            if lezen >= 0:
                os.close(lezen)


def _werk(
    functie: Callable[[T], R],
    stukken: Sequence[T],
    nummer: int,
    processen: int,
    schrijven: int,
    masker: set[int | signal.Signals],
    ouder: int,
) -> None:
    """In the worker: each of its shares' results pickled into its pipe as soon as it is
    there (the parent reads them in turn); then out, without the parent's `finally` blocks or
    exit handlers."""
    code = 0
    try:
        with os.fdopen(schrijven, "wb") as pijp:
            try:
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
                signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler
                _sterf_met(ouder)
                signal.pthread_sigmask(signal.SIG_SETMASK, masker)
                for i in range(nummer, len(stukken), processen):
                    # pickled whole before it is written: a result that cannot be pickled is an
                    # error of its own, never half a result in the pipe
                    pijp.write(pickle.dumps(functie(stukken[i]), protocol=pickle.HIGHEST_PROTOCOL))
                    pijp.flush()
            except BaseException:
                code = 1
                pijp.write(pickle.dumps(WerkerFout(traceback.format_exc())))
    except BaseException:
        code = 1
    finally:
        os._exit(code)


class Werker(Generic[T, R]):
    """A forked worker that serves requests in turn: the answer of its `opstart` first (read with
    `opstart_antwoord`), then that of `functie` on each request sent. For work that can start
    before its input is known (an import), while the parent makes that input. Made by
    `start_werkers`; ends with `beeindig`, and never outlives the parent."""

    def __init__(self, verzoeken: int, antwoorden: int, kind: int | None = None) -> None:
        self.pid = kind  # the process, once known (a copy's: with its first answer)
        self._kind = kind  # this process's child: reaped when it ends
        self._verzoeken = os.fdopen(verzoeken, "wb")
        self._antwoorden = os.fdopen(antwoorden, "rb")
        self._opgestart: list[object] = []

    def opstart_antwoord(self) -> object:
        """What `opstart` gave (waited for once)."""
        if not self._opgestart:
            eerste: tuple[int, object] = self._lees()  # type: ignore[assignment]
            self.pid, antwoord = eerste
            if isinstance(antwoord, WerkerFout):
                raise antwoord
            self._opgestart.append(antwoord)
        return self._opgestart[0]

    def stuur(self, verzoek: T) -> None:
        self._verzoeken.write(pickle.dumps(verzoek, protocol=pickle.HIGHEST_PROTOCOL))
        self._verzoeken.flush()

    def ontvang(self) -> R:
        """The answer to the oldest request not yet answered."""
        self.opstart_antwoord()
        antwoord: R = self._lees()  # type: ignore[assignment]
        return antwoord

    def _lees(self) -> object:
        try:
            antwoord = pickle.load(self._antwoorden)
        except EOFError:
            raise WerkerFout("een werkproces stopte zonder uitkomst") from None
        if isinstance(antwoord, WerkerFout):
            raise antwoord
        return antwoord

    def sluit(self) -> None:
        """Its pipes closed: a worker waiting for a request ends on that (the first after its
        copies); the parent's child is waited for."""
        for pijp in (self._verzoeken, self._antwoorden):
            pijp.close()
        if self._kind is not None:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._kind, 0)
            self._kind = None

    def beeindig(self) -> None:
        """Killed, whatever it is doing (on the way out with an error), and its pipes closed."""
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        self.sluit()


def start_werkers(
    opstart: Callable[[], object], functie: Callable[[T], R], aantal: int
) -> list[Werker[T, R]]:
    """`aantal` workers, of which one is forked now: it runs `opstart` once, then forks the
    others from itself, so that what `opstart` imported is there in each (copy-on-write) and
    was paid for once. End them all with `sluit` when done, `beeindig` on an error. The first
    is the parent's child; the copies are its children, and die with it."""
    ouder = os.getpid()
    paren = [(os.pipe(), os.pipe()) for _ in range(aantal)]  # per worker: requests, answers
    oud = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALEN)
    try:
        pid = os.fork()
        if pid == 0:  # the first worker: never returns
            for (_, verzoeken), (antwoorden, _) in paren:
                os.close(verzoeken)
                os.close(antwoorden)
            _dien(opstart, functie, [(v, a) for (v, _), (_, a) in paren], oud, ouder)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, oud)
    for (lezen, _), (_, schrijven) in paren:
        os.close(lezen)
        os.close(schrijven)
    return [
        Werker[T, R](verzoeken, antwoorden, pid if nummer == 0 else None)
        for nummer, ((_, verzoeken), (antwoorden, _)) in enumerate(paren)
    ]


def _dien(
    opstart: Callable[[], object],
    functie: Callable[[T], R],
    pijpen: list[tuple[int, int]],
    masker: set[int | signal.Signals],
    ouder: int,
) -> None:
    """In the first worker: `opstart`, then a copy of itself for each pair of pipes but the
    first; each answers its own requests until the parent closes its end; then out, as
    `_werk`."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler
        _sterf_met(ouder)
        signal.pthread_sigmask(signal.SIG_SETMASK, masker)
        try:
            antwoord = opstart()
        except BaseException:
            antwoord = WerkerFout(traceback.format_exc())
        eigen = pijpen[0]
        kopieen: list[int] = []
        for nummer in range(1, len(pijpen)):
            eerste = os.getpid()
            kopie = os.fork()
            if kopie == 0:
                _sterf_met(eerste)
                eigen, kopieen = pijpen[nummer], []
                break
            kopieen.append(kopie)
        for paar in pijpen:
            if paar != eigen:
                os.close(paar[0])
                os.close(paar[1])
        code = _beantwoord(antwoord, functie, *eigen)
        for kopie in kopieen:  # they end when the parent closes their pipes, as this one did
            os.waitpid(kopie, 0)
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _beantwoord(antwoord: object, functie: Callable[[T], R], lezen: int, schrijven: int) -> int:
    with os.fdopen(lezen, "rb") as verzoeken, os.fdopen(schrijven, "wb") as pijp:
        try:
            pijp.write(pickle.dumps((os.getpid(), antwoord), protocol=pickle.HIGHEST_PROTOCOL))
            pijp.flush()
            while True:
                try:
                    verzoek = pickle.load(verzoeken)
                except EOFError:
                    return 0
                pijp.write(pickle.dumps(functie(verzoek), protocol=pickle.HIGHEST_PROTOCOL))
                pijp.flush()
        except BaseException:
            pijp.write(pickle.dumps(WerkerFout(traceback.format_exc())))
            return 1


def _sterf_met(ouder: int) -> None:
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    else:
        threading.Thread(target=_bewaak_ouder, args=(ouder,), daemon=True).start()
    if os.getppid() != ouder:  # the parent died before the death signal was asked for
        os._exit(1)


def _bewaak_ouder(ouder: int) -> None:
    while os.getppid() == ouder:
        time.sleep(0.5)
    os._exit(1)


def _verzamel(werkers: dict[int, int], aantal: int, verwerk: Callable[[R], None]) -> None:
    """Read the results in the order of the shares, share i from worker i mod n (a worker
    blocked on a full pipe waits for its turn); reap each worker once its pipe is at its end.
    A reaped worker leaves `werkers`."""
    pids = list(werkers)
    pijpen = {}
    for pid in pids:
        lezen, werkers[pid] = werkers[pid], -1  # from here the file object closes it
        pijpen[pid] = os.fdopen(lezen, "rb")
    try:
        for i in range(aantal):
            pid = pids[i % len(pids)]
            try:
                uitkomst = pickle.load(pijpen[pid])
            except EOFError:
                _, status = os.waitpid(pid, 0)
                del werkers[pid]
                raise WerkerFout(
                    f"werkproces {pid} stopte zonder uitkomst (status {status})"
                ) from None
            if isinstance(uitkomst, WerkerFout):
                raise uitkomst
            verwerk(uitkomst)
            del uitkomst
        for pid in pids:
            pijpen[pid].read()  # to its end: the worker has closed it
            os.waitpid(pid, 0)
            del werkers[pid]
    finally:
        for pijp in pijpen.values():
            pijp.close()


def _beeindig(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
