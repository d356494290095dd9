"""One round (issue 15): a problem at the YAML level does not hide the others. Every lexical
problem of the file is reported at once, a syntax error is read past, and the schema problems
of every part that could be read come with them; what only echoes a problem already reported
(the schema's view of a value YAML could not read, a key missing where lines were left out) is
not repeated."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .test_check import edit

Run = Callable[..., tuple[int, str, str]]

# Mistakes of every kind, spread over the month file: three syntax errors (an unclosed quote,
# a tab, an unquoted ': '), two lexical ones (' #', `no`), two in the schema (a type, a category).
MISTAKES = [
    ("peildatum: 2018-07-04", 'peildatum: "2018-07-04'),
    ("        - Bij de docenten van Toptaal.", "        - Bij de docenten van Toptaal #3."),
    ("    - kop: Inkoop", "\t- kop: Inkoop"),
    ("achtervang, casussen: 8}", "achtervang, casussen: acht}"),
    ("toelichting: duo, casussen: 6", "toelichting: no, casussen: 6"),
    ("vrouw: 10", "vrouwen: 10"),
    ("      onderwerp: Regieoverleg", "      onderwerp: Regieoverleg: extra"),
]


def test_every_mistake_of_a_month_in_one_run(workspace: Path, run: Run) -> None:
    for old, new in MISTAKES:
        edit(old, new)
    code, out, err = run("validate")
    assert code == 1
    assert err.splitlines() == [
        "data/2018-06.yaml:5:12: aanhalingsteken niet gesloten: de tekst loopt door tot regel 33; "
        "sluit hem op dezelfde regel",
        "data/2018-06.yaml:27:38: activiteiten.verbinden[0].items[0]: ' #' begint in YAML een "
        "commentaar, dus '#3.' valt weg: zet de hele tekst tussen aanhalingstekens",
        "data/2018-06.yaml:83:1: tab gevonden: spring in met spaties, niet met tabs",
        "data/2018-06.yaml:118:79: inzet_op_risicos.regiepartijen[1].casussen: 'acht' is geen "
        "geheel getal",
        "data/2018-06.yaml:120:57: inzet_op_risicos.regiepartijen[3].toelichting: 'no' is "
        "dubbelzinnig (YAML 1.1 leest het als ja/nee): bedoelt u de tekst, zet die dan tussen "
        'aanhalingstekens ("no")',
        "data/2018-06.yaml:130:14: inzet_op_risicos.subjecten.gender.vrouwen: onbekende "
        "categorie 'vrouwen'; bekend: vrouw, man",
        "data/2018-06.yaml:161:30: onverwachte ':' (zet tekst met ': ' tussen aanhalingstekens)",
    ]
    assert out.startswith("2018-06: niet in orde (7 fouten)")


def test_a_second_document_is_one_problem(workspace: Path, run: Run) -> None:
    """What follows '---' is not read as this file, so nothing is 'missing' from it."""
    edit("\ninzet_op_risicos:\n", "\n---\ninzet_op_risicos:\n")
    code, _, err = run("validate")
    assert code == 1
    assert err.splitlines() == [
        "data/2018-06.yaml:93:1: meer dan één YAML-document ('---'); gebruik er één"
    ]


def test_a_value_yaml_misreads_is_not_also_a_schema_problem(workspace: Path, run: Run) -> None:
    edit("on_hold: 2, instroom: 0", "on_hold: 02, instroom: 0")  # a number: the schema wants one
    edit("datum: 2018-06-12", "datum: *d")  # an alias: read as nothing, not as a missing date
    code, _, err = run("validate")
    assert code == 1
    assert [line.split(": ", 2)[1:] for line in err.splitlines()] == [
        [
            "inzet_op_risicos.personen_in_regie.on_hold",
            "'02' is dubbelzinnig (YAML 1.1 leest het als een ander getal): bedoelt u het "
            "getal, schrijf 2; bedoelt u tekst, zet die tussen aanhalingstekens",
        ],
        [
            "inzet_op_risicos.overleggen[2].datum",
            "aliassen (*d) zijn niet toegestaan: schrijf de waarde uit",
        ],
    ]


def _regel(nummer: int, nieuw: str) -> None:
    """Line `nummer` (from 1) of the month file replaced."""
    pad = Path("data/2018-06.yaml")
    regels = pad.read_text("utf-8").split("\n")
    regels[nummer - 1] = nieuw
    pad.write_text("\n".join(regels), "utf-8")


TAB = "tab gevonden: spring in met spaties, niet met tabs"
COLON = "onverwachte ':' (zet tekst met ': ' tussen aanhalingstekens)"


@pytest.mark.parametrize(
    ("tab", "regel"),
    [
        # an item among items: nothing under it
        (41, "\t- Inzageverzoek in persoonsgegevens afgehandeld."),
        # the last item of its block: the next line is the next section's key
        (43, "\t- Nieuwe versie convenant iPGA-R."),
        # a block of its own: the lines under it are its own
        (80, "\t- kop: Integriteit"),
    ],
)
def test_a_tab_in_the_indentation_hides_no_later_error(
    workspace: Path, run: Run, tab: int, regel: str
) -> None:
    """The tab's width is unknown: leaving out everything deeper than column 0 hid the rest of
    the top-level block, here an unquoted ': ' on line 83 that showed only in a second run."""
    assert Path("data/2018-06.yaml").read_text("utf-8").split("\n")[82] == "    - kop: Inkoop"
    _regel(tab, regel)
    _regel(83, "    - kop: Inkoop: 2018")
    code, _, err = run("validate")
    assert code == 1
    assert err.splitlines() == [
        f"data/2018-06.yaml:{tab}:1: {TAB}",
        f"data/2018-06.yaml:83:18: {COLON}",
    ]
