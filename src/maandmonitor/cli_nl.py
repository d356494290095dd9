"""Click's own texts in Dutch: the help screens and the usage errors.

typer vendors click (`typer._click`, a private module: pyproject.toml pins typer to the versions
whose click this was tried with) with its texts in English and no gettext, and typer's
few texts of its own (the headings, "default", "required") go through gettext's global domain.
So they are translated here, where they come out, and nowhere else:

- the help formatter: the usage line, the headings, the notes after an option's help and the
  names of the value types;
- the help option's own help text;
- `toon`: a usage error written in Dutch from the exception's fields (its class, the parameter,
  the value pydantic refused), rather than from its English text. Only click's errors that carry
  nothing but a sentence (`ctx.fail`) are recognised by their sentence, in `_ZINNEN`.

`Typer` is typer's own, with a group and commands that use all of this; the group's `main` is
the one boundary every usage error passes, also under typer's CliRunner.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any

import typer
from pydantic import ValidationError
from typer._click import exceptions as fouten
from typer._click.core import Parameter
from typer._click.formatting import HelpFormatter
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandFunctionType

HULP = "Toon deze uitleg en stop."
_KOPPEN = {"Arguments": "Argumenten", "Options": "Opties", "Commands": "Commando's"}
_NOTEN = {"default": "standaard", "required": "verplicht", "env var": "omgevingsvariabele"}
_SOORTEN = {
    "str": "tekst",
    "path": "pad",
    "file": "bestand",
    "directory": "map",
    "int": "geheel getal",
    "float": "getal",
    "bool": "ja/nee",
    "datetime": "datum",
}
_PYDANTIC = {
    "int_parsing": "geen geheel getal",
    "float_parsing": "geen getal",
    "bool_parsing": "geen ja/nee-waarde",
}


class _Opmaak(HelpFormatter):
    """typer's help, in Dutch where typer and click write their own words."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "Gebruik: " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_KOPPEN.get(heading, heading))

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        super().write_dl([(_soort(a), _noot(b)) for a, b in rows], col_max, col_spacing)


def _soort(term: str) -> str:
    """`--out <path>` → `--out <pad>`; `<list[intern|openbaar]>` → `<intern|openbaar>`."""

    def vertaal(match: re.Match[str]) -> str:
        soort = re.sub(r"^list\[(.*)\]$", r"\1", match.group(1))
        return "<" + "|".join(_SOORTEN.get(deel, deel) for deel in soort.split("|")) + ">"

    return re.sub(r"<([^<>]+)>", vertaal, term)


def _noot(uitleg: str) -> str:
    """typer's note at the end of an option's help, `[default: build; required]`, in Dutch."""

    def vertaal(match: re.Match[str]) -> str:
        noten = []
        for noot in match.group(1).split("; "):
            naam, scheiding, rest = noot.partition(": ")
            noten.append(_NOTEN.get(naam, naam) + scheiding + rest)
        return "[" + "; ".join(noten) + "]"

    return re.sub(r"\[((?:default: |required|env var: )[^\]]*)\]$", vertaal, uitleg)


class _Context(typer.Context):
    formatter_class = _Opmaak


def _met_hulp(optie: Parameter | None) -> Any:
    if optie is not None:
        optie.help = HULP  # type: ignore[attr-defined]  # an Option: it has help
    return optie


class Commando(TyperCommand):
    context_class = _Context

    def get_help_option(self, ctx: Any) -> Any:
        return _met_hulp(super().get_help_option(ctx))


class Groep(TyperGroup):
    context_class = _Context

    def get_help_option(self, ctx: Any) -> Any:
        return _met_hulp(super().get_help_option(ctx))

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """typer's main without its standalone mode, so that this one shows the errors."""
        kwargs = {"windows_expand_args": windows_expand_args, **extra}
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **kwargs)
        try:
            uitkomst = super().main(args, prog_name, complete_var, False, **kwargs)
        except fouten.ClickException as fout:
            toon(fout)
            sys.exit(fout.exit_code)
        # without standalone_mode, typer returns typer.Exit's code, or what the command returned
        sys.exit(uitkomst if isinstance(uitkomst, int) else 0)


class Typer(typer.Typer):
    """typer's Typer, with every text of its own in Dutch."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            cls=Groep,
            options_metavar="[OPTIES]",
            subcommand_metavar="COMMANDO [ARGUMENTEN]...",
            **kwargs,
        )

    def command(
        self, name: str | None = None, **kwargs: Any
    ) -> Callable[[CommandFunctionType], CommandFunctionType]:
        kwargs.setdefault("cls", Commando)
        return super().command(name, **kwargs)


# --- usage errors ---------------------------------------------------------------------------------


def toon(fout: fouten.ClickException) -> None:
    """A usage error as click shows it (usage, where to find help, the error), in Dutch."""
    if isinstance(fout, fouten.NoArgsIsHelpError):  # its message is the (Dutch) help
        typer.echo(fout.format_message(), err=True)
        return
    ctx = getattr(fout, "ctx", None)
    if ctx is not None:
        typer.echo(ctx.get_usage(), err=True)
        if ctx.command.get_help_option(ctx) is not None:
            hulp = ctx.help_option_names[0]
            typer.echo(f"Probeer '{ctx.command_path} {hulp}' voor uitleg.", err=True)
        typer.echo("", err=True)
    typer.echo(f"Fout: {melding(fout)}", err=True)


def melding(fout: fouten.ClickException) -> str:
    if isinstance(fout, fouten.MissingParameter):
        soort = fout.param_type or (fout.param.param_type_name if fout.param else "")
        keuzes = _keuzes(fout.param)
        wat = {"argument": "argument", "option": "optie"}.get(soort, "waarde")
        return f"{wat} {_naam(fout)} ontbreekt" + (f": kies uit {keuzes}" if keuzes else "")
    if isinstance(fout, fouten.BadParameter):
        return f"ongeldige waarde voor {_naam(fout)}: {_waarde(fout)}"
    if isinstance(fout, fouten.NoSuchOption):
        tekst = f"onbekende optie {fout.option_name}"
        if fout.possibilities:
            tekst += f"; bedoelt u {' of '.join(sorted(fout.possibilities))}?"
        return tekst
    return _zin(fout.message)


def _naam(fout: fouten.BadParameter) -> str:
    if isinstance(fout.param_hint, str):
        return fout.param_hint
    if fout.param_hint is not None:
        return " / ".join(repr(x) for x in fout.param_hint)
    return fout.param.get_error_hint() if fout.param else "de waarde"


def _keuzes(param: Any) -> str:
    keuzes = getattr(getattr(param, "type_descriptor", None), "choices", None) or ()
    return ", ".join(str(k.value if isinstance(k, Enum) else k) for k in keuzes)


def _waarde(fout: fouten.BadParameter) -> str:
    """What is wrong with the value: from pydantic's error (typer converts values with
    pydantic), or else from click's sentence."""
    oorzaak = fout.__cause__
    if isinstance(oorzaak, ValidationError) and (errors := oorzaak.errors()):
        waarde = errors[0].get("input")
        if keuzes := _keuzes(fout.param):
            return f"{waarde!r} is geen keuze; kies uit {keuzes}"
        return f"{waarde!r} is {_PYDANTIC.get(errors[0]['type'], 'geen geldige waarde')}"
    return _zin(fout.message)


# The errors click raises with nothing but an English sentence (ctx.fail, the parser).
_ZINNEN: list[tuple[str, Callable[[re.Match[str]], str]]] = [
    (
        r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)",
        lambda m: f"te veel argumenten: {m[1]}",
    ),
    (
        r"No such command '(.*)'\.(?: Did you mean (.*)\?)?",
        lambda m: f"onbekend commando '{m[1]}'" + (f"; bedoelt u {m[2]}?" if m[2] else ""),
    ),
    (r"Missing command\.", lambda m: "geef een commando"),
    (r"Option '(.*)' does not take a value\.", lambda m: f"optie '{m[1]}' heeft geen waarde"),
    (r"Option '(.*)' requires .*", lambda m: f"optie '{m[1]}' heeft een waarde nodig"),
    (r"Argument '(.*)' takes (\d+) values\.", lambda m: f"argument '{m[1]}' heeft {m[2]} waarden"),
    (r"Value (.*) is not a valid .*", lambda m: f"{m[1]} is geen geldige waarde"),
]


def _zin(tekst: str) -> str:
    for patroon, vertaal in _ZINNEN:
        if match := re.fullmatch(patroon, tekst, re.DOTALL):
            return vertaal(match)
    return tekst  # our own (Dutch) usage errors, and anything click adds later
