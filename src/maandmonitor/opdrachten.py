"""What `validate` and `build` do once their arguments are read, and how every command ends: a
MonitorError as located lines on stderr and an exit code.

Nothing here imports typer: `__main__` runs these two commands straight from argumenten.py when
their arguments are plain ones, and cli.py runs them after typer read the arguments. Output goes
through `echo`, which writes as click.echo does (the text and a newline, then a flush).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from .errors import MonitorError, UsageError, display_path, oorzaak
from .options import EDITIES, FORMATEN

# A terminal's escape codes, as click.echo removes them from output that is not a terminal (a CI
# log, a file): an argument or a file name can hold them.
_ANSI = re.compile(r"\033\[[;?0-9]*[a-zA-Z]")


def echo(text: str = "", *, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    schrijf(stream, f"{text}\n")
    stream.flush()


def schrijf(stream: TextIO, text: str) -> None:
    """Every line the program writes goes through here (lines or whole pieces of lines)."""
    if "\033" in text and not stream.isatty():
        text = _ANSI.sub("", text)
    stream.write(text)


def echo_err(text: str) -> None:
    echo(text, err=True)


@contextmanager
def boundary(bij_fout: str = "") -> Iterator[None]:
    """Where MonitorError becomes messages on stderr and an exit code (1 data, 2 usage);
    `bij_fout`: a closing line after data errors ("niets gemaakt")."""
    try:
        yield
    except MonitorError as err:
        for problem in err.problems:
            echo_err(problem.located())
        if bij_fout and err.exit_code == 1 and err.niets_geschreven:
            fouten = sum(p.ernst == "fout" for p in err.problems) or len(err.problems)
            echo_err(f"{bij_fout}: {fouten} {'fout' if fouten == 1 else 'fouten'}.")
        raise SystemExit(err.exit_code) from None
    except OSError as err:  # a file system fault that no stage met nearer: where, and why
        naam = err.filename
        waar = display_path(Path(os.fsdecode(naam))) if isinstance(naam, str | bytes) else ""
        echo_err(f"{waar or 'maandmonitor'}: kan niet gelezen of geschreven worden: {oorzaak(err)}")
        raise SystemExit(1) from None


def validate(
    maanden: list[str] | None,
    data_dir: Path,
    format: str,
    strict: bool,
    cache: Path,
    geen_cache: bool,
) -> int:
    """`validate`: the report of the months (all of them without `maanden`); its exit code."""
    from .check.run import valideer_werkmap
    from .check.verslag import Verslag
    from .workspace import Werkmap

    verslag = Verslag(streng=strict, als_json=format == "json")
    with boundary():
        werkmap = Werkmap.open(data_dir)
        waarschuwingen = valideer_werkmap(
            werkmap,
            maanden or [],
            streng=strict,
            cache=None if geen_cache else cache,
            ontvanger=verslag,
        )
    for waarschuwing in waarschuwingen:
        echo_err(waarschuwing.located())
    if format == "json":
        for stuk in verslag.json():
            schrijf(sys.stdout, stuk)
        echo()
    else:
        for stuk in verslag.stderr():
            schrijf(sys.stderr, stuk)
        sys.stderr.flush()
        for stuk in verslag.stdout():
            schrijf(sys.stdout, stuk)
        sys.stdout.flush()
    return 0 if verslag.geldig else 1


def build(
    maand: str | None,
    alles: bool,
    editie: list[str] | None,
    format: str,
    out: Path,
    definitief: bool,
    data_dir: Path,
    templates: Path | None,
) -> int:
    """`build`: make a month, a year or (`alles`) everything not current; its exit code."""
    formaten = [f.strip().lower() for f in format.split(",") if f.strip()]
    onbekend = [f for f in formaten if f not in FORMATEN]
    if onbekend or not formaten:
        echo_err(
            f"maandmonitor: onbekend formaat '{','.join(onbekend)}': kies uit {', '.join(FORMATEN)}"
        )
        return 2
    from .edities import vooraf

    # One target's PDFs: their workers import WeasyPrint while this process imports the rest.
    with vooraf(editie or EDITIES, formaten if maand is not None else ()):
        return _build(maand, alles, editie, formaten, out, definitief, data_dir, templates)


def _build(
    maand: str | None,
    alles: bool,
    editie: list[str] | None,
    formaten: list[str],
    out: Path,
    definitief: bool,
    data_dir: Path,
    templates: Path | None,
) -> int:
    from .build import build as maak
    from .months import is_jaar, is_maand
    from .options import BouwOpties
    from .workspace import Werkmap

    opties = BouwOpties(
        out=out,
        edities=tuple(editie) if editie else EDITIES,  # type: ignore[arg-type]  # their choices
        formaten=tuple(dict.fromkeys(formaten)),  # type: ignore[arg-type]  # checked above
        definitief=definitief,
    )
    with boundary(bij_fout="Niets gemaakt"):
        if (maand is None) != alles:
            raise UsageError("geef een maand (JJJJ-MM), een jaar (JJJJ) of --all; één daarvan")
        if maand is not None and not (is_jaar(maand) or is_maand(maand)):
            raise UsageError(
                f"'{maand}' is geen maand of jaar: gebruik JJJJ-MM (bijv. 2018-06) of JJJJ (2018)"
            )
        resultaat = maak(Werkmap.open(data_dir, templates), opties, maand)
    for waarschuwing in resultaat.waarschuwingen:
        echo_err(waarschuwing.located())
    if maand is None:
        breedte = max((len(doel) for doel, _ in resultaat.doelen), default=0)
        for doel, gemaakt in resultaat.doelen:
            echo(f"{doel:<{breedte}}  {'gemaakt' if gemaakt else 'ongewijzigd'}")
        aantal = sum(g for _, g in resultaat.doelen)
        echo(f"{aantal} gemaakt, {len(resultaat.doelen) - aantal} ongewijzigd")
    else:
        echo(f"{'Jaaroverzicht' if is_jaar(maand) else 'Rapportage'} {maand} gemaakt:")
        for pad in resultaat.geschreven:
            echo(f"  {display_path(out / pad)}")
    if resultaat.verwijderd:
        # a single target made others stale (a later month, the year): say how to remake them
        ander = maand is not None and any(_doel_van(p) != maand for p in resultaat.verwijderd)
        echo(
            "Verwijderd, want niet meer actueel"
            + (" (maak alles opnieuw met: maandmonitor build --all)" if ander else "")
            + ":"
        )
        for pad in resultaat.verwijderd:
            echo(f"  {display_path(out / pad)}")
    if resultaat.onderbroken:  # it came while the files were put in place: they all were
        echo_err("maandmonitor: afgebroken, nadat alles hierboven geschreven was")
        return 128 + resultaat.onderbroken
    return 0


def _doel_van(pad: str) -> str:
    """The target of an output path: openbaar/2018-06/… or (the old layout) 2018-06/…."""
    delen = pad.split("/")
    return delen[1] if delen[0] in EDITIES else delen[0]
