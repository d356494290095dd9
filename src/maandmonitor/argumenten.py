"""The plain arguments of `validate` and `build`, read without typer and click.

Reading a command line with typer costs a tenth of a `build 2018-06` (typer, click and a pydantic
adapter per parameter), for arguments such as `build 2018-06 --format pdf`. So `__main__` reads
those here, from the parameters as typer declares them (hulp.py, written by tools/hulp.py from
the command line itself), and runs the command in opdrachten.py directly.

`lees` reads only what it reads exactly as click does: known long options, `--optie waarde` and
`--optie=waarde`, flags, a choice among its choices, the arguments in between. Anything else (a
help option, a short option, an unknown or misspelt option, a missing, empty or dash-led value,
`--`, too many arguments, another command) gives None, and typer reads the line as always, with
its help and its Dutch usage errors. tests/test_argumenten.py holds both readings side by side.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from .hulp import PARAMETERS


def lees(argumenten: list[str]) -> tuple[str, dict[str, Any]] | None:
    """(command, its keyword arguments as cli.py passes them to opdrachten.py), or None."""
    if not argumenten or argumenten[0] not in PARAMETERS:
        return None
    parameters = cast(list[dict[str, Any]], PARAMETERS[argumenten[0]])
    opties = {naam: p for p in parameters for naam in p["opties"]}
    waarden: dict[str, Any] = {}
    los: list[str] = []
    rest = iter(argumenten[1:])
    for argument in rest:
        if argument in ("", "-") or (argument[0] == "-" and not argument.startswith("--")):
            return None  # an empty argument, stdin's '-', a short option: typer's
        if not argument.startswith("--"):
            los.append(argument)
            continue
        naam, is_, waarde = argument.partition("=")
        p = opties.get(naam)
        if p is None:
            return None  # '--', an unknown option: typer's
        if p["soort"] == "vlag":
            if is_:
                return None
            waarden[p["naam"]] = True
            continue
        if not is_:
            waarde = next(rest, "")
        if not waarde or waarde[0] == "-" or (p["keuzes"] and waarde not in p["keuzes"]):
            return None
        waarde_ = Path(waarde) if p["pad"] else waarde
        if p["meer"]:
            waarden.setdefault(p["naam"], []).append(waarde_)
        else:
            waarden[p["naam"]] = waarde_  # the last one counts, as in click
    (positie,) = [p for p in parameters if p["soort"] == "argument"]
    if positie["meer"]:
        waarden[positie["naam"]] = los or None
    elif len(los) > 1:
        return None
    else:
        waarden[positie["naam"]] = los[0] if los else None
    for p in parameters:
        if p["naam"] not in waarden:
            standaard = p["standaard"]
            waarden[p["naam"]] = Path(standaard) if p["pad"] and standaard else standaard
    return argumenten[0], waarden
