"""Every syntax error PyYAML can give is said in Dutch (issue B8): its problem texts are read
from the installed PyYAML itself (the source of its scanner, parser and reader, and the libyaml
built into it), so a PyYAML that adds one fails here rather than print English to a user."""

from __future__ import annotations

import ast
import importlib.util
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from maandmonitor.load.syntax import _SYNTAX_MESSAGES, ALGEMEEN, vertaal

from .test_check import edit

Run = Callable[..., tuple[int, str, str]]
GEHEIM = "Jansen"  # what PyYAML fills in: a message never repeats it

# Where each error class of PyYAML takes its problem text (positional argument, keyword).
_PROBLEEM = {
    "ScannerError": (2, "problem"),
    "ParserError": (2, "problem"),
    "ReaderError": (4, "reason"),
}


def _uit_de_bron() -> tuple[list[str], list[str]]:
    """The problem texts of PyYAML's scanner, parser and reader, as their source writes them
    ('... %r' where PyYAML fills something in), and the source of those it makes otherwise."""
    teksten, anders = [], []
    for module in ("scanner", "parser", "reader"):
        bron = Path(importlib.util.find_spec(f"yaml.{module}").origin).read_text("utf-8")
        for knoop in ast.walk(ast.parse(bron)):
            if not isinstance(knoop, ast.Call) or not isinstance(knoop.func, ast.Name):
                continue
            if knoop.func.id not in _PROBLEEM:
                continue
            plaats, naam = _PROBLEEM[knoop.func.id]
            gegeven = {k.arg: k.value for k in knoop.keywords}
            waarde = knoop.args[plaats] if len(knoop.args) > plaats else gegeven.get(naam)
            if isinstance(waarde, ast.BinOp) and isinstance(waarde.op, ast.Mod):
                waarde = waarde.left
            if isinstance(waarde, ast.Constant) and isinstance(waarde.value, str):
                teksten.append(waarde.value)
            elif waarde is not None and not (
                isinstance(waarde, ast.Constant) and waarde.value is None
            ):
                anders.append(f"{module}: {ast.unparse(waarde)}")
    return sorted(set(teksten)), sorted(set(anders))


# libyaml's problem texts, from the compiled module: C strings of these forms.
_LIBYAML = re.compile(
    r"(?:found|did not find|could not find) .*"
    r"|(?:block sequence entries|mapping keys|mapping values) are not allowed .*"
    r"|control characters are not allowed|input is too long|invalid Unicode character"
    r"|invalid (?:leading|trailing) UTF-8 octet|invalid length of a UTF-8 sequence"
    r"|incomplete UTF-\S+ .*"
)


def _uit_libyaml() -> list[str]:
    spec = importlib.util.find_spec("yaml._yaml")
    if spec is None or spec.origin is None:
        return []
    data = Path(spec.origin).read_bytes()
    strings = {s.decode("ascii") for s in re.findall(rb"[\x20-\x7e]{6,}(?=\x00)", data)}
    return sorted(s for s in strings if _LIBYAML.fullmatch(s))


PYYAML, ANDERS = _uit_de_bron()
LIBYAML = _uit_libyaml()
DUTCH = set(_SYNTAX_MESSAGES.values())


def _ingevuld(tekst: str) -> str:
    """The problem as PyYAML words it, with GEHEIM where it fills in what it found."""
    return tekst.replace("%r", repr(GEHEIM)).replace("%s", GEHEIM).replace("%d", "4")


def test_pyyaml_is_read() -> None:
    assert len(PYYAML) >= 30
    assert "mapping values are not allowed here" in PYYAML
    if yaml.__with_libyaml__:
        assert len(LIBYAML) >= 40
        assert "did not find expected node content" in LIBYAML


@pytest.mark.parametrize("probleem", PYYAML)
def test_every_problem_of_pyyaml_is_said_in_dutch(probleem: str) -> None:
    melding = vertaal(_ingevuld(probleem))
    assert melding in DUTCH, f"geen Nederlandse tekst voor {probleem!r} in _SYNTAX_MESSAGES"
    assert GEHEIM not in melding


@pytest.mark.parametrize("probleem", LIBYAML)
def test_every_problem_of_libyaml_is_said_in_dutch(probleem: str) -> None:
    assert vertaal(probleem) in DUTCH, f"geen Nederlandse tekst voor {probleem!r}"


def test_a_problem_pyyaml_makes_otherwise_is_known() -> None:
    """Only the URI escape's decoding error is not a text of PyYAML's (it is Python's codec's,
    English): it gets the general Dutch message."""
    assert ANDERS == ["reader: exc.reason", "scanner: str(exc)"]
    assert vertaal("'utf-8' codec can't decode byte 0xff") is None
    assert ALGEMEEN not in DUTCH  # a problem in the table is never only the general text


@pytest.mark.parametrize(
    ("oud", "nieuw", "waar", "melding"),
    [
        pytest.param(
            "    - kop: Inkoop\n",
            '    - kop: Inkoop\n      extra: [Producten:, "x"]\n',
            "84:24",
            "onverwachte ':' in een lijst '[…]' of mapping '{…}': zet de tekst tussen "
            "aanhalingstekens",
            id="colon-in-flow",
        ),
        pytest.param(
            "    - kop: Inkoop\n",
            "    - kop: Inkoop\n      extra: [Jansen, - x]\n",
            "84:23",
            "hier verwacht YAML een waarde: begint de tekst met een teken dat in YAML iets "
            "betekent (zoals '-', ',', '[' of '{'), zet hem dan tussen aanhalingstekens",
            id="node-content",
        ),
        pytest.param(
            "- Inzageverzoek in persoonsgegevens afgehandeld.",
            "- Inzageverzoek in persoonsgegevens\x07 afgehandeld.",
            "41:44",
            "een teken dat YAML niet toestaat (een stuurteken, vaak onzichtbaar): haal het weg "
            "of typ de tekst opnieuw",
            id="control-character",
        ),
    ],
)
def test_a_syntax_error_is_one_located_dutch_line(
    workspace: Path, run: Run, oud: str, nieuw: str, waar: str, melding: str
) -> None:
    edit(oud, nieuw)
    code, _, err = run("validate")
    assert code == 1
    assert err.splitlines() == [f"data/2018-06.yaml:{waar}: {melding}"]
