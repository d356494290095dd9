"""The program `maandmonitor` (also `python -m maandmonitor`).

Ctrl-C and SIGTERM are caught from the first moment: importing the command line and its libraries
takes a fifth of a second, in which a signal would otherwise print a traceback or end the process
without a word.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    if _snel(sys.argv[1:]):
        return
    from .onderbreking import Afgebroken, melding, vang

    vang()
    try:
        from .cli import main as opdracht
    except Afgebroken as onderbreking:
        sys.stderr.write(f"maandmonitor: {melding()}\n")
        raise SystemExit(128 + onderbreking.signum) from None
    opdracht()


def _snel(argumenten: list[str]) -> bool:
    """`--version` and `[COMMANDO] -h` from the texts the command line prints (hulp.py, made by
    tools/hulp.py), when the terminal is wide enough for them to be those texts (click wraps at
    the terminal's width up to 80 columns)."""
    from .hulp import HULP, VERSIE

    if argumenten == ["--version"]:
        sys.stdout.write(f"maandmonitor {VERSIE}\n")
        return True
    if not argumenten or argumenten[-1] not in ("-h", "--help") or len(argumenten) > 2:
        return False
    tekst = HULP.get(argumenten[0] if len(argumenten) == 2 else "")
    if tekst is None or _kolommen() < 80:
        return False
    sys.stdout.write(tekst)
    return True


def _kolommen() -> int:
    """The terminal's width as click reads it (shutil.get_terminal_size, without its import)."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


if __name__ == "__main__":
    main()
