"""Work on every core: the one place where worker processes are started, and made to end.

Workers are forked, so they inherit what the parent loaded (imports, compiled templates, the
workspace and the sha256 of every file it has seen). A worker must never outlive its parent: on
Linux it asks the kernel for SIGKILL when the parent dies (`prctl(PR_SET_PDEATHSIG)`), elsewhere
a thread watches the parent. Ctrl-C is the parent's to handle; leaving the pool kills the workers.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_PR_SET_PDEATHSIG = 1


def beschikbare_kernen() -> int:
    """The cores this process may run on (`taskset` limits them; os.cpu_count does not see it);
    1 where a process cannot be forked (Windows)."""
    if not hasattr(os, "fork"):
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def in_processen(functie: Callable[[T], R], stukken: Sequence[T], processen: int) -> list[R]:
    """`functie` over `stukken` in `processen` forked workers, results in order. An exception in a
    worker is raised here; any way out of here ends every worker."""
    import multiprocessing  # only where workers are started: a few ms of every command else

    context = multiprocessing.get_context("fork")
    with context.Pool(processen, initializer=_als_werker, initargs=(os.getpid(),)) as pool:
        return pool.map(functie, stukken, chunksize=1)


def _als_werker(ouder: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the parent, which ends us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: the pool ends us so
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    else:
        threading.Thread(target=_bewaak_ouder, args=(ouder,), daemon=True).start()
    if os.getppid() != ouder:  # the parent died before the death signal was asked for
        os._exit(1)


def _bewaak_ouder(ouder: int) -> None:
    while os.getppid() == ouder:
        time.sleep(0.5)
    os._exit(1)
