"""Dutch everywhere the user reads (issue 15): click's and typer's own texts too, in every
command's help and in every kind of usage error."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import typer

from maandmonitor.cli import app

Run = Callable[..., tuple[int, str, str]]

# Words of click's and typer's English texts ("Show this message and exit.", "Try … for help.",
# "Error: Invalid value for …", "Missing argument", "No such option", "Got unexpected extra
# argument(s)", "Did you mean", "Choose from", "[default: …]", "[required]") that Dutch has not
# ("of", "is" and "extra" it has).
ENGLISH = {
    "show", "this", "message", "and", "exit", "try", "for", "help", "usage", "error", "invalid",
    "value", "values", "missing", "such", "option", "options", "arguments", "commands", "command",
    "got", "unexpected", "did", "you", "mean", "possible", "choose", "from", "default",
    "required", "requires", "does", "not", "take", "takes", "one", "the", "aborted",
}  # fmt: skip
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def english(text: str) -> set[str]:
    """The English words in `text`, leaving out option names (--help) and the values the user
    typed or may type (between quotes)."""
    text = re.sub(r"--?[\w-]+|(?<![A-Za-z])'[^'\n]*'", " ", text)
    return {w for w in re.findall(r"[A-Za-z]+", text) if w.lower() in ENGLISH}


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_every_help_is_dutch(run: Run, command: list[str]) -> None:
    code, out, err = run(*command, "-h")
    assert (code, err) == (0, "")
    assert out.startswith(f"Gebruik: maandmonitor {' '.join(command)}".rstrip() + " [OPTIES]")
    assert "Toon deze uitleg en stop." in out
    assert not english(out), out


@pytest.mark.parametrize(
    "args",
    [
        *(["--bogus"] if c == "" else [c, "--bogus"] for c in ["", *COMMANDS]),
        ["validate", "--formt", "json"],
        ["validate", "--format", "xml"],
        ["build", "2018-06", "--editie", "public"],
        ["build", "--out"],
        ["build", "--all=ja"],
        ["new"],
        ["list", "extra"],
        ["frob"],
        ["buld"],
        [],
    ],
)
def test_every_usage_error_is_dutch(run: Run, args: list[str]) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert not english(out + err), out + err
    assert "Fout: " in err or err.startswith("Gebruik: ")


def test_a_usage_error_in_full(run: Run) -> None:
    assert run("build", "2018-06", "--editie", "public") == (
        2,
        "",
        "Gebruik: maandmonitor build [OPTIES] [MAAND|JAAR]\n"
        "Probeer 'maandmonitor build -h' voor uitleg.\n\n"
        "Fout: ongeldige waarde voor '--editie': 'public' is geen keuze; kies uit intern, "
        "openbaar\n",
    )
    assert run("validate", "--formt", "json")[2].endswith(
        "Fout: onbekende optie --formt; bedoelt u --format?\n"
    )
    assert run("new")[2].endswith("Fout: argument 'MAAND' ontbreekt\n")


def test_typer_is_pinned_to_the_versions_whose_click_the_cli_uses() -> None:
    """cli_nl.py subclasses and catches typer's vendored click (`typer._click`, a private module
    since typer 0.26; before, typer required click itself) with the signatures of typer 0.29
    (0.26 to 0.28 fail this file: `get_error_hint` took a ctx). So pyproject.toml allows exactly
    the versions that were tried, and only cli_nl.py imports typer's private modules."""
    import tomllib
    from importlib.metadata import version

    from packaging.requirements import Requirement

    from .conftest import REPO

    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    [typer_] = [r for r in map(Requirement, project["dependencies"]) if r.name == "typer"]
    assert version("typer") in typer_.specifier
    assert [
        v for v in ("0.25.1", "0.28.0", "0.29.0", "0.29.2", "0.30.0") if v in typer_.specifier
    ] == [
        "0.29.0",
        "0.29.2",
    ]
    elders = [
        p.relative_to(REPO).as_posix()
        for p in sorted((REPO / "src").rglob("*.py"))
        if p.name != "cli_nl.py" and re.search(r"\btyper\._", p.read_text("utf-8"))
    ]
    assert elders == []


def test_terminal_escape_codes_do_not_reach_a_log(tmp_path: Path) -> None:
    """As click.echo did: output that is not a terminal (a CI log) gets no escape codes from an
    argument quoted in a message."""
    uit = subprocess.run(
        [str(Path(sys.executable).parent / "maandmonitor"), "build", "\x1b[2J\x1b[31mROOD"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert uit.returncode == 2
    assert "'ROOD'" in uit.stderr and "\x1b" not in uit.stderr
