"""The program `maandmonitor` (also `python -m maandmonitor`).

Ctrl-C and SIGTERM are caught from the first moment: importing the command line and its libraries
takes a fifth of a second, in which a signal would otherwise print a traceback or end the process
without a word.
"""

from __future__ import annotations

import sys

from .onderbreking import Afgebroken, melding, vang


def main() -> None:
    vang()
    try:
        from .cli import main as opdracht
    except Afgebroken as onderbreking:
        sys.stderr.write(f"maandmonitor: {melding()}\n")
        raise SystemExit(128 + onderbreking.signum) from None
    opdracht()


if __name__ == "__main__":
    main()
