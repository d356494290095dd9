"""The command line: typer reads the arguments and writes the help; the commands' work is in
opdrachten.py (validate, build) or the module each calls."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import opdrachten
from .cli_nl import Typer
from .errors import UsageError
from .jsonuit import als_json
from .opdrachten import boundary, echo, echo_err
from .options import EDITIES, STANDAARD_FORMATEN

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
    raise typer.Exit(
        opdrachten.validate(maanden, data_dir, format.value, strict, cache, geen_cache)
    )


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
    edities = [e.value for e in editie] if editie else None
    raise typer.Exit(
        opdrachten.build(maand, alles, edities, format, out, definitief, data_dir, templates)
    )


@app.command(short_help="Druk het JSON Schema af (voor de editor).")
def schema(
    bestand: Annotated[
        SchemaBestand,
        typer.Option("--bestand", help="maand (JJJJ-MM.yaml) of monitor (monitor.yaml)."),
    ] = SchemaBestand.maand,
) -> None:
    """Druk het JSON Schema af, voor editors (yaml-language-server) en andere tools."""
    from .schema import json_schema

    echo(json.dumps(json_schema(bestand.value), ensure_ascii=False, indent=2))


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
        echo(line)


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
        echo(line)


def _vraag(waarde: str | None, optie: str, vraag: str) -> str:
    """An option's value, asked for in a terminal when it was not given; empty is refused."""
    if waarde is None:
        if not sys.stdin.isatty():
            raise UsageError(
                f"geef {optie} (of start init in een terminal: dan wordt het gevraagd)"
            )
        try:
            waarde = str(typer.prompt(vraag))
        except typer.Abort:  # the input ended at the question (Ctrl-D): click's prompt says Abort
            from .onderbreking import melding

            echo("")  # the question's line ends, as when the answer had been typed
            echo_err(f"maandmonitor: {melding()}")
            raise SystemExit(1) from None  # no signal came: a plain failure, as click's Abort is
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
        echo(als_json(overzicht.as_json()))
    else:
        for line in overzicht.lines():
            echo(line)


app.command("status", help="Hetzelfde als list.", short_help="Hetzelfde als list.")(list_months)
