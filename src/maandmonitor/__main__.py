"""The program `maandmonitor` (also `python -m maandmonitor`).

Ctrl-C and SIGTERM are caught from the first moment: importing the command line and its libraries
takes a fifth of a second, in which a signal would otherwise print a traceback or end the process
without a word. `--version`, `-h` and the plain arguments of `validate` and `build` are read
without typer (hulp.py, argumenten.py): typer only costs time there.
"""

from __future__ import annotations

import io
import os
import sys


def main() -> None:
    if _snel(sys.argv[1:]):
        return
    # A pydantic plugin would see every value validated, the confidential ones too; looking for
    # plugins also scans every installed package's metadata (a twentieth of a build's own work).
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
    from .onderbreking import Afgebroken, houd_tegen, melding, ruim_op, vang

    vang()
    for stream in (sys.stdout, sys.stderr):  # a path of any bytes is shown as those bytes
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="surrogateescape")
    try:
        try:
            _opdracht(sys.argv[1:])
        finally:
            houd_tegen()  # done, one way or another: its last line must not be cut off
    except Afgebroken as onderbreking:
        ruim_op()
        sys.stderr.write(f"maandmonitor: {melding()}\n")
        sys.exit(128 + onderbreking.signum)
    except Exception as err:  # the last line of defence: never a traceback for the user
        if os.environ.get("MAANDMONITOR_DEBUG"):
            raise
        sys.stderr.write(  # not the exception's text: it could hold a value from the data
            f"maandmonitor: interne fout ({type(err).__name__}); "
            "meld dit aan de ontwikkelaars (MAANDMONITOR_DEBUG=1 toont details)\n"
        )
        sys.exit(70)


def _opdracht(argumenten: list[str]) -> None:
    from .argumenten import lees

    gelezen = lees(argumenten)
    if gelezen is None:
        from .cli import app

        app()
        return
    from . import opdrachten

    naam, waarden = gelezen
    sys.exit(getattr(opdrachten, naam)(**waarden))


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
