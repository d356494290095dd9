"""The command line: parses arguments, calls the library, turns MonitorError into messages."""

from __future__ import annotations

import io
import json
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .cli_nl import Typer
from .errors import MonitorError, UsageError, display_path, oorzaak
from .onderbreking import Afgebroken, houd_tegen, melding, ruim_op, vang
from .options import EDITIES, FORMATEN, STANDAARD_FORMATEN

app = Typer(
    name="maandmonitor",
    help="De maandmonitor: maandbestanden controleren en de rapportage maken.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _versie(waarde: bool) -> None:
    if waarde:
        from importlib.metadata import version

        typer.echo(f"maandmonitor {version('maandmonitor')}")
        raise typer.Exit()


@app.callback()
def _algemeen(
    versie: Annotated[
        bool,
        typer.Option("--version", callback=_versie, is_eager=True, help="Toon de versie."),
    ] = False,
) -> None:
    """De maandmonitor: maandbestanden controleren en de rapportage maken."""


# Folders are not checked by click (`readable=False`): it would say so in English and without
# the cause; the workspace and the build say which folder, what could not be done and why.
DataDir = Annotated[
    Path,
    typer.Option(
        "--data-dir",
        help="Map met monitor.yaml en de maandbestanden (JJJJ-MM.yaml).",
        readable=False,
    ),
]


class Opmaak(StrEnum):
    """How a report is printed: for people, or for CI."""

    text = "text"
    json = "json"


EditieKeuze = StrEnum("EditieKeuze", {e: e for e in EDITIES})  # type: ignore[misc]


class SchemaBestand(StrEnum):
    maand = "maand"
    monitor = "monitor"


def echo_err(text: str) -> None:
    typer.echo(text, err=True)


_SURROGAAT = re.compile("[\udc80-\udcff]")


def als_json(data: object) -> str:
    """JSON for CI, as UTF-8 text: a byte of a path that is not UTF-8 (a surrogate escape) is
    written as its escape `\\udcXX`, which Python reads back as the same path."""
    tekst = json.dumps(data, ensure_ascii=False, indent=2)
    return _SURROGAAT.sub(lambda m: f"\\u{ord(m.group()):04x}", tekst)


def echo_lines(lines: list[str], *, err: bool = False) -> None:
    """Lines in blocks: an archive's report has thousands, and a write per line costs more than
    making the report; one write of all of them would hold the whole report twice in memory."""
    for start in range(0, len(lines), 1000):
        typer.echo("\n".join(lines[start : start + 1000]), err=err)


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
        raise typer.Exit(err.exit_code) from None
    except OSError as err:  # a file system fault that no stage met nearer: where, and why
        naam = err.filename
        waar = display_path(Path(os.fsdecode(naam))) if isinstance(naam, str | bytes) else ""
        echo_err(f"{waar or 'maandmonitor'}: kan niet gelezen of geschreven worden: {oorzaak(err)}")
        raise typer.Exit(1) from None


@app.command(short_help="Controleer maandbestanden (alle problemen, met regel en kolom).")
def validate(
    maanden: Annotated[
        list[str] | None,
        typer.Argument(metavar="MAAND", help="Maanden (JJJJ-MM); standaard alle maanden."),
    ] = None,
    data_dir: DataDir = Path("data"),
    format: Annotated[
        Opmaak, typer.Option("--format", help="text of json (voor CI).")
    ] = Opmaak.text,
    strict: Annotated[
        bool, typer.Option("--strict", help="Waarschuwingen tellen als fout (exitcode 1).")
    ] = False,
    cache: Annotated[
        Path,
        typer.Option(
            "--cache",
            help="Map waarin uitkomsten van ongewijzigde maanden bewaard worden.",
            readable=False,
        ),
    ] = Path("build/.cache"),
    geen_cache: Annotated[
        bool, typer.Option("--geen-cache", help="Alles opnieuw controleren, niets bewaren.")
    ] = False,
) -> None:
    """Controleer maandbestanden: alle problemen in één keer, met bestand:regel:kolom."""
    from .check.run import validate_workspace
    from .workspace import Werkmap

    with boundary():
        werkmap = Werkmap.open(data_dir)
        report = validate_workspace(
            werkmap, maanden or [], streng=strict, cache=None if geen_cache else cache
        )
    for waarschuwing in report.cache_waarschuwingen:
        echo_err(waarschuwing.located())
    if format is Opmaak.json:
        typer.echo(als_json(report.as_json()))
    else:
        echo_lines([problem.located() for problem in report.problems], err=True)
        echo_lines(report.summary_lines())
    raise typer.Exit(0 if report.geldig else 1)


@app.command(short_help="Maak de rapportage van een maand, een jaar of alles (--all).")
def build(
    maand: Annotated[
        str | None,
        typer.Argument(
            metavar="MAAND|JAAR",
            help="De maand (JJJJ-MM, bijv. 2018-06) of het jaar (JJJJ: het jaaroverzicht).",
        ),
    ] = None,
    alles: Annotated[
        bool,
        typer.Option(
            "--all", help="Alle maanden en jaren; alleen wat sinds de vorige keer veranderd is."
        ),
    ] = False,
    editie: Annotated[
        list[EditieKeuze] | None,
        typer.Option("--editie", help="intern of openbaar; standaard beide (herhaalbaar)."),
    ] = None,
    format: Annotated[
        str,
        typer.Option(
            "--format", help="Formaten, gescheiden door komma's: md,html,pdf,docx,odt,data."
        ),
    ] = ",".join(STANDAARD_FORMATEN),
    out: Annotated[Path, typer.Option("--out", help="Uitvoermap.", readable=False)] = Path("build"),
    definitief: Annotated[
        bool,
        typer.Option(
            "--definitief",
            help="Alleen een vastgestelde maand openbaar maken (status.vastgesteld_op).",
        ),
    ] = False,
    data_dir: DataDir = Path("data"),
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            help="Map met eigen sjablonen; standaard 'templates' naast de datamap.",
            readable=False,
        ),
    ] = None,
) -> None:
    """Controleer en maak de rapportage van een maand, het jaaroverzicht van een jaar, of met
    --all alles wat veranderd is (Markdown, HTML, PDF, Word, ODF, open data), per editie."""
    from .build import build as maak
    from .months import is_jaar, is_maand
    from .options import BouwOpties
    from .workspace import Werkmap

    formaten = [f.strip().lower() for f in format.split(",") if f.strip()]
    onbekend = [f for f in formaten if f not in FORMATEN]
    if onbekend or not formaten:
        echo_err(
            f"maandmonitor: onbekend formaat '{','.join(onbekend)}': kies uit {', '.join(FORMATEN)}"
        )
        raise typer.Exit(2)
    opties = BouwOpties(
        out=out,
        edities=tuple(e.value for e in editie) if editie else EDITIES,  # type: ignore[misc]
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
            typer.echo(f"{doel:<{breedte}}  {'gemaakt' if gemaakt else 'ongewijzigd'}")
        aantal = sum(g for _, g in resultaat.doelen)
        typer.echo(f"{aantal} gemaakt, {len(resultaat.doelen) - aantal} ongewijzigd")
    else:
        typer.echo(f"{'Jaaroverzicht' if is_jaar(maand) else 'Rapportage'} {maand} gemaakt:")
        for pad in resultaat.geschreven:
            typer.echo(f"  {display_path(out / pad)}")
    if resultaat.verwijderd:
        # a single target made others stale (a later month, the year): say how to remake them
        ander = maand is not None and any(_doel_van(p) != maand for p in resultaat.verwijderd)
        typer.echo(
            "Verwijderd, want niet meer actueel"
            + (" (maak alles opnieuw met: maandmonitor build --all)" if ander else "")
            + ":"
        )
        for pad in resultaat.verwijderd:
            typer.echo(f"  {display_path(out / pad)}")
    if resultaat.onderbroken:  # it came while the files were put in place: they all were
        echo_err("maandmonitor: afgebroken, nadat alles hierboven geschreven was")
        raise typer.Exit(128 + resultaat.onderbroken)


def _doel_van(pad: str) -> str:
    """The target of an output path: openbaar/2018-06/… or (the old layout) 2018-06/…."""
    delen = pad.split("/")
    return delen[1] if delen[0] in EDITIES else delen[0]


@app.command(short_help="Druk het JSON Schema af (voor de editor).")
def schema(
    bestand: Annotated[
        SchemaBestand,
        typer.Option("--bestand", help="maand (JJJJ-MM.yaml) of monitor (monitor.yaml)."),
    ] = SchemaBestand.maand,
) -> None:
    """Druk het JSON Schema af, voor editors (yaml-language-server) en andere tools."""
    from .schema import json_schema

    typer.echo(json.dumps(json_schema(bestand.value), ensure_ascii=False, indent=2))


@app.command(short_help="Begin het bestand van een nieuwe maand uit de vorige.")
def new(
    maand: Annotated[str, typer.Argument(metavar="MAAND", help="De nieuwe maand (JJJJ-MM).")],
    data_dir: DataDir = Path("data"),
    force_gap: Annotated[
        bool, typer.Option("--force-gap", help="Ook als de maand ervoor ontbreekt.")
    ] = False,
) -> None:
    """Maak het bestand van een nieuwe maand uit de vorige maand; overschrijft nooit iets."""
    from .scaffold import new_month
    from .workspace import Werkmap

    with boundary():
        nieuw = new_month(Werkmap.open(data_dir), maand, force_gap=force_gap)
    for line in nieuw.summary_lines():
        typer.echo(line)


@app.command(short_help="Begin een nieuwe werkmap: monitor.yaml met uitleg en de eerste maand.")
def init(
    map: Annotated[
        Path, typer.Argument(help="De map van de werkmap (wordt gemaakt); standaard de huidige.")
    ] = Path(),
    organisatie: Annotated[
        str | None,
        typer.Option("--organisatie", help="Bijv. 'Gemeente Utrecht'; anders gevraagd."),
    ] = None,
    programma: Annotated[
        str | None,
        typer.Option("--programma", help="Bijv. 'Aanpak Polarisatie'; anders gevraagd."),
    ] = None,
    maand: Annotated[
        str | None,
        typer.Option("--maand", help="De eerste maand (JJJJ-MM); standaard deze maand."),
    ] = None,
) -> None:
    """Maak een nieuwe werkmap: data/monitor.yaml (elke sleutel uitgelegd), schema/, een
    .gitignore en het eerste maandbestand om in te vullen. Overschrijft nooit iets."""
    import datetime as dt

    from .init import init_workspace

    with boundary():
        nieuw = init_workspace(
            map,
            organisatie=_vraag(organisatie, "--organisatie", "Naam van de organisatie"),
            programma=_vraag(programma, "--programma", "Naam van het programma"),
            maand=maand or dt.date.today().strftime("%Y-%m"),
        )
    for line in nieuw.summary_lines():
        typer.echo(line)


def _vraag(waarde: str | None, optie: str, vraag: str) -> str:
    """An option's value, asked for in a terminal when it was not given; empty is refused."""
    if waarde is None:
        if not sys.stdin.isatty():
            raise UsageError(
                f"geef {optie} (of start init in een terminal: dan wordt het gevraagd)"
            )
        waarde = str(typer.prompt(vraag))
    if not waarde.strip():
        raise UsageError(f"{optie} mag niet leeg zijn")
    return waarde.strip()


Formaat = Annotated[Opmaak, typer.Option("--format", help="text of json (voor CI).")]


@app.command("list", short_help="Het archief: per maand cijfers, controles en rapportage.")
def list_months(
    data_dir: DataDir = Path("data"),
    format: Formaat = Opmaak.text,
    out: Annotated[
        Path,
        typer.Option(
            "--out", help="Uitvoermap van build --all (voor 'rapportage').", readable=False
        ),
    ] = Path("build"),
) -> None:
    """Het archief in één oogopslag: per maand peildatum, cijfers, of hij in orde is en of de
    rapportage gemaakt is (volgens build --all)."""
    from .overzicht import archive_overview
    from .workspace import Werkmap

    with boundary():
        overzicht = archive_overview(Werkmap.open(data_dir), out)
    for waarschuwing in overzicht.waarschuwingen:
        echo_err(waarschuwing.located())
    if format is Opmaak.json:
        typer.echo(als_json(overzicht.as_json()))
    else:
        for line in overzicht.lines():
            typer.echo(line)


app.command("status", help="Hetzelfde als list.", short_help="Hetzelfde als list.")(list_months)


def main() -> None:
    """The program (started by `__main__.py`, which catches Ctrl-C before anything is imported)."""
    vang()
    for stream in (sys.stdout, sys.stderr):  # a path of any bytes is shown as those bytes
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="surrogateescape")
    try:
        try:
            app()
        finally:
            houd_tegen()  # done, one way or another: its last line must not be cut off
    except Afgebroken as onderbreking:
        ruim_op()
        echo_err(f"maandmonitor: {melding()}")
        sys.exit(128 + onderbreking.signum)
    except Exception as err:  # the last line of defence: never a traceback for the user
        if os.environ.get("MAANDMONITOR_DEBUG"):
            raise
        echo_err(  # not the exception's text: it could hold a value from the data
            f"maandmonitor: interne fout ({type(err).__name__}); "
            "meld dit aan de ontwikkelaars (MAANDMONITOR_DEBUG=1 toont details)"
        )
        sys.exit(70)
