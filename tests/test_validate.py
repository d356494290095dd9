"""`maandmonitor validate`: the reference month is clean; every defect gets one located message."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import outputs

Run = Callable[..., tuple[int, str, str]]
MONTH = Path("data/2018-06.yaml")


def edit(old: str, new: str) -> None:
    text = MONTH.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"fixture text not found: {old!r}"
    MONTH.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_reference_month_is_valid(workspace: Path, run: Run) -> None:
    code, out, err = run("validate")
    assert (code, err) == (0, "")
    assert "2018-06: in orde" in out


# (what to change, into what, the one message expected). Line numbers refer to data/2018-06.yaml.
DEFECTS = [
    pytest.param(
        "casussen: 8}",
        "casussen: acht}",
        "data/2018-06.yaml:118:79: inzet_op_risicos.regiepartijen[1].casussen: "
        "'acht' is geen geheel getal",
        id="wrong-type",
    ),
    pytest.param(
        "casussen: 14",
        "casussen: -3",
        "data/2018-06.yaml:122:47: inzet_op_risicos.regiepartijen[5].casussen: "
        "mag niet negatief zijn (gevonden: -3)",
        id="negative",
    ),
    pytest.param(
        "peildatum: 2018-07-04",
        "peildatum: 2018-07-04\npeildatum: 2018-07-05",
        "data/2018-06.yaml:6:1: peildatum: dubbele sleutel 'peildatum' (staat ook op regel 5)",
        id="duplicate-key",
    ),
    pytest.param(
        "  regisseurs_totaal: 36",
        "  regisseurs_totaal: 36\n  regiseurs: 36",
        "data/2018-06.yaml:128:3: inzet_op_risicos.regiseurs: onbekende sleutel; "
        "bedoelt u 'regisseurs_totaal'?",
        id="unknown-key",
    ),
    pytest.param(
        "on_hold: 2, instroom: 0",
        "on_hld: 2, instroom: 0",
        "data/2018-06.yaml:109:35: inzet_op_risicos.personen_in_regie.on_hld: onbekende "
        "sleutel; bedoelt u 'on_hold'?",
        id="misspelt-required-key",
    ),
    pytest.param(
        "totaal: 55",
        "totaal: " + "5" * 5000,
        "data/2018-06.yaml:109:31: inzet_op_risicos.personen_in_regie.totaal: een getal van meer "
        "dan 4300 cijfers: schrijf een gewoon getal, of zet tekst tussen aanhalingstekens",
        id="too-many-digits",
    ),
    pytest.param(
        "        - Bij de docenten van Toptaal.",
        "        - Bij de docenten van Toptaal #3.",
        "data/2018-06.yaml:27:38: activiteiten.verbinden[0].items[0]: ' #' begint in YAML een "
        "commentaar, dus '#3.' valt weg: zet de hele tekst tussen aanhalingstekens",
        id="comment-in-text",
    ),
    pytest.param(
        "        - Bij de docenten van Toptaal.",
        "        - 10 juli: bij de docenten van Toptaal.",
        "data/2018-06.yaml:27:11: activiteiten.verbinden[0].items[0]: deze regel bevat ': ' en "
        "wordt daardoor gelezen als 'sleutel: waarde': zet de hele tekst tussen aanhalingstekens",
        id="colon-in-text",
    ),
    pytest.param(
        '        - "[[5.1.2.d]]"',
        "        - [[5.1.2.d]]",
        "data/2018-06.yaml:68:11: activiteiten.overkoepelend[3].items[1]: verwacht tekst, "
        'gevonden een lijst: een lakmarkering moet tussen aanhalingstekens, "[[grond]]"',
        id="unquoted-mark",
    ),
    pytest.param(
        "      onderwerp: Regieoverleg",
        "      onderwerp: Regieoverleg\n      wie: OOV",
        "data/2018-06.yaml:162:7: inzet_op_risicos.overleggen[3].wie: onbekende sleutel; "
        "toegestaan: aanwezig, datum, onderwerp, tekst, vervolg",
        id="unknown-key-no-match",
    ),
    pytest.param(
        "    - kop: Inkoop",
        "\t- kop: Inkoop",
        "data/2018-06.yaml:83:1: tab gevonden: spring in met spaties, niet met tabs",
        id="tab-indent",
    ),
    pytest.param(
        "personen_in_regie: {totaal: 55",
        "personen_in_regie: &p {totaal: 55",
        "data/2018-06.yaml:109:22: inzet_op_risicos.personen_in_regie: "
        "ankers (&p) zijn niet toegestaan: schrijf de waarde uit",
        id="anchor",
    ),
    pytest.param(
        "toelichting: duo, casussen: 6",
        "toelichting: no, casussen: 6",
        "data/2018-06.yaml:120:57: inzet_op_risicos.regiepartijen[3].toelichting: 'no' is "
        "dubbelzinnig (YAML 1.1 leest het als ja/nee): bedoelt u de tekst, zet die dan tussen "
        'aanhalingstekens ("no")',
        id="norway",
    ),
    pytest.param(
        "casussen: 14",
        "casussen: 014",
        "data/2018-06.yaml:122:47: inzet_op_risicos.regiepartijen[5].casussen: '014' is "
        "dubbelzinnig (YAML 1.1 leest het als een ander getal): bedoelt u het getal, schrijf "
        "14; bedoelt u tekst, zet die tussen aanhalingstekens",
        id="octal",
    ),
    pytest.param(
        "kop: Inkoop",
        "kop: 12:30",
        "data/2018-06.yaml:83:12: activiteiten.robuuste_organisatie[1].kop: '12:30' is "
        "dubbelzinnig (YAML 1.1 leest het als een ander getal): zet tekst tussen "
        "aanhalingstekens, of schrijf een gewoon getal",
        id="sexagesimal",
    ),
    pytest.param(
        "kop: Inkoop",
        "kop: !!str Inkoop",
        "data/2018-06.yaml:83:12: activiteiten.robuuste_organisatie[1].kop: "
        "YAML-tags (tag:yaml.org,2002:str) zijn niet toegestaan",
        id="tag",
    ),
    pytest.param(
        "datum: 2018-06-12",
        "datum: 2018-06-31",
        "data/2018-06.yaml:158:14: inzet_op_risicos.overleggen[2].datum: "
        "'2018-06-31' is geen bestaande datum",
        id="bad-date",
    ),
    pytest.param(
        "peildatum: 2018-07-04",
        "peildatum: vierjuli",
        "data/2018-06.yaml:5:12: peildatum: 'vierjuli' is geen datum (verwacht JJJJ-MM-DD)",
        id="date-as-text",
    ),
    pytest.param(
        "{totaal: 55, on_hold: 2,",
        "{totaal: 55,",
        "data/2018-06.yaml:109:22: inzet_op_risicos.personen_in_regie.on_hold: "
        "verplicht veld ontbreekt",
        id="missing",
    ),
    pytest.param(
        "maand: 2018-06",
        "maand: 2018-07",
        "data/2018-06.yaml:4:8: maand: '2018-07' hoort niet in 2018-06.yaml: verwacht '2018-06'",
        id="month-mismatch",
    ),
    pytest.param(
        "vrouw: 10",
        "vrouwen: 10",
        "data/2018-06.yaml:130:14: inzet_op_risicos.subjecten.gender.vrouwen: "
        "onbekende categorie 'vrouwen'; bekend: vrouw, man",
        id="unknown-category",
    ),
    pytest.param(
        "partij: AcVZ",
        "partij: ACVZ",
        "data/2018-06.yaml:122:16: inzet_op_risicos.regiepartijen[5].partij: "
        "'ACVZ' is geen regiepartij uit monitor.yaml",
        id="unknown-choice",
    ),
    pytest.param(
        "uitreizigers: 8",
        "uitreizigers: [8]",
        "data/2018-06.yaml:136:21: inzet_op_risicos.subjecten.risicocategorie.uitreizigers: "
        "verwacht een geheel getal, gevonden lijst",
        id="list-for-number",
    ),
    pytest.param(
        "[[5.1.2.d]]",
        "[[5.1.2.x]]",
        "data/2018-06.yaml:68:11: activiteiten.overkoepelend[3].items[1]: onbekende lakgrond "
        "'5.1.2.x'; bekend: 5.1.2.c, 5.1.2.d, 5.1.2.e, buiten-reikwijdte",
        id="unknown-ground",
    ),
    pytest.param(
        "[[5.1.2.c]] Dossier",
        "[[5.1.2.c Dossier",
        "data/2018-06.yaml:82:11: activiteiten.robuuste_organisatie[0].items[0]: "
        "lakmarkering niet gesloten: '[[' zonder ']]'",
        id="unclosed-mark",
    ),
    pytest.param(
        "kop: Inkoop",
        "kop: Inkoop [[5.1.2.e]]",
        "data/2018-06.yaml:83:12: activiteiten.robuuste_organisatie[1].kop: "
        "een lakmarkering is hier niet toegestaan (dit veld wordt nooit gelakt)",
        id="mark-not-allowed",
    ),
    pytest.param(
        "gelakt: 5.1.2.e",
        "gelakt: 5.1.2.f",
        "data/2018-06.yaml:131:24: inzet_op_risicos.subjecten.leeftijd.gelakt: onbekende "
        "lakgrond '5.1.2.f'; bekend: 5.1.2.c, 5.1.2.d, 5.1.2.e, buiten-reikwijdte",
        id="unknown-ground-table",
    ),
    pytest.param(
        "  robuuste_organisatie:",
        "  robuuste_organisatje:",
        "data/2018-06.yaml:79:3: activiteiten.robuuste_organisatje: onbekende sectie "
        "'robuuste_organisatje'; bekend: beschermen, inzet_op_risicos, overkoepelend, "
        "robuuste_organisatie, verbinden",
        id="unknown-section",
    ),
]


@pytest.mark.parametrize(("old", "new", "message"), DEFECTS)
def test_defect_is_located(workspace: Path, run: Run, old: str, new: str, message: str) -> None:
    edit(old, new)
    code, out, err = run("validate", "2018-06")
    assert code == 1
    assert err.splitlines() == [message]
    assert "Traceback" not in out + err


RAW_DEFECTS = [
    pytest.param(
        b"a: \xff\n",
        "data/2018-06.yaml:1:4: geen geldige UTF-8 (byte 0xff); sla het bestand op als UTF-8",
        id="not-utf8",
    ),
    pytest.param(
        "a: é".encode() + b"\xff\n",
        "data/2018-06.yaml:1:5: geen geldige UTF-8 (byte 0xff); sla het bestand op als UTF-8",
        id="not-utf8-after-a-letter-of-two-bytes",  # the column in characters, as an editor's
    ),
    pytest.param(b"", "data/2018-06.yaml:1:1: het bestand is leeg", id="empty"),
    pytest.param(
        b"# alleen commentaar\n", "data/2018-06.yaml:1:1: het bestand is leeg", id="only-comment"
    ),
    pytest.param(
        b"- a\n- b\n",
        "data/2018-06.yaml:1:1: het bestand moet een mapping zijn (sleutel: waarde), geen lijst",
        id="not-a-mapping",
    ),
    pytest.param(
        b'a: "open\n',
        "data/2018-06.yaml:2:1: bestand houdt onverwacht op (ontbreekt een aanhalingsteken?)",
        id="broken-yaml",
    ),
    pytest.param(
        'a: 1\nb: "een\u2028twee"\n'.encode(),
        "data/2018-06.yaml:2:8: bevat een regelscheidingsteken (U+2028): YAML leest het als een "
        "nieuwe regel, een editor toont het vaak niet; vervang het door een gewone nieuwe regel of "
        "haal het weg",
        id="line-separator",
    ),
    pytest.param(
        b"a: x\n" + b"b: " + b"y" * (1024 * 1024) + b"\n",
        "data/2018-06.yaml:1:1: bestand is groter dan 1024 KiB",
        id="too-large",
    ),
]


@pytest.mark.parametrize(("content", "message"), RAW_DEFECTS)
def test_unreadable_file_is_located(
    workspace: Path, run: Run, content: bytes, message: str
) -> None:
    MONTH.write_bytes(content)
    code, _, err = run("validate", "2018-06")
    assert code == 1
    assert err.splitlines() == [message]


@pytest.mark.parametrize("einde", ["\r", "\r\n", "\x85"], ids=["cr", "crlf", "nel"])
def test_line_ends_of_any_kind_are_lines_as_yaml_reads_them(
    workspace: Path, run: Run, einde: str
) -> None:
    """A file saved with CR line ends (or NEL) is read as the lines YAML reads: the comment in a
    list item is found where it stands, and a value on a line with a mark is not quoted."""
    edit("        - Bij de docenten van Toptaal.", "        - Bij de docenten van Toptaal #3.")
    edit("peildatum: 2018-07-04", 'peildatum: {d: 0123, t: "[[5.1.2.e: Geheim]]"}')
    tekst = MONTH.read_text(encoding="utf-8")
    MONTH.write_bytes(tekst.replace("\n", einde).encode())
    code, _, err = run("validate", "2018-06")
    assert code == 1
    assert "data/2018-06.yaml:27:38: activiteiten.verbinden[0].items[0]: ' #' begint" in err
    regel = tekst[: tekst.index("peildatum:")].count("\n") + 1
    assert f"data/2018-06.yaml:{regel}:" in err and "0123" not in err and "Geheim" not in err


def test_alias_bomb_is_refused_quickly(workspace: Path, run: Run) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    MONTH.write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.perf_counter()
    code, _, err = run("validate", "2018-06")
    assert code == 1
    assert time.perf_counter() - started < 5, "alias expansion must never be walked"
    assert "data/2018-06.yaml:1:5: a0: ankers (&a0) zijn niet toegestaan" in err


def test_every_problem_reported_in_one_run(workspace: Path, run: Run) -> None:
    edit("casussen: 8}", "casussen: acht}")
    edit("vrouw: 10", "vrouwen: 10")
    edit("[[5.1.2.d]]", "[[5.1.2.x]]")
    code, _, err = run("validate")
    assert code == 1
    assert len(err.splitlines()) == 3


@pytest.mark.parametrize("month", ["2018-13", "../x", "2018-6", "juni"])
def test_malformed_month_argument_is_usage_error(workspace: Path, run: Run, month: str) -> None:
    code, _, err = run("validate", month)
    assert code == 2
    assert err.strip() == (
        f"maandmonitor: '{month}' is geen maand: gebruik JJJJ-MM, bijvoorbeeld 2018-06"
    )


def test_unknown_month_is_usage_error(workspace: Path, run: Run) -> None:
    code, _, err = run("validate", "2018-07")
    assert code == 2
    assert err.strip() == "maandmonitor: maand 2018-07 bestaat niet: data/2018-07.yaml ontbreekt"


def test_missing_data_dir_is_usage_error(workspace: Path, run: Run) -> None:
    code, _, err = run("validate", "--data-dir", "nergens")
    assert code == 2
    assert err.strip() == "maandmonitor: datamap 'nergens' bestaat niet"


def test_broken_programme_is_reported(workspace: Path, run: Run) -> None:
    programme = Path("data/monitor.yaml")
    programme.write_text(
        programme.read_text(encoding="utf-8").replace("  - id: 5.1.2.d", "  - id: 5.1.2.c"),
        encoding="utf-8",
    )
    code, _, err = run("validate")
    assert code == 1
    assert "data/monitor.yaml:" in err and "'5.1.2.c' staat er dubbel in" in err


def test_json_report(workspace: Path, run: Run) -> None:
    edit("casussen: 8}", "casussen: acht}")
    code, out, _ = run("validate", "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["versie"] == 1 and report["geldig"] is False
    [month] = report["maanden"]
    assert month["maand"] == "2018-06" and month["bestand"] == "data/2018-06.yaml"
    assert month["problemen"] == [
        {
            "bestand": "data/2018-06.yaml",
            "regel": 118,
            "kolom": 79,
            "pad": "inzet_op_risicos.regiepartijen[1].casussen",
            "melding": "'acht' is geen geheel getal",
            "ernst": "fout",
            "controle": None,
        }
    ]


def test_other_data_dir_from_elsewhere(workspace: Path, run: Run, tmp_path: Path) -> None:
    code, out, _ = run("validate", "--data-dir", str(workspace / "data"))
    assert code == 0 and "2018-06: in orde" in out


def test_version_and_short_help(run: Run) -> None:
    from importlib.metadata import version

    assert run("--version") == (0, f"maandmonitor {version('maandmonitor')}\n", "")
    code, out, _ = run("-h")
    assert code == 0
    assert "validate  Controleer maandbestanden (alle problemen, met regel en kolom)." in out


@pytest.mark.parametrize(
    "text",
    ["", "gewoon", "a [b] c", "x]", "[x", "a ⟧", "⟦5.1.2.c: x⟧", "[[5.1.2.c]] a", "[[5.1.2.c: ]]"],
)
def test_text_validation_fast_path_agrees_with_parse(text: str) -> None:
    """Validating a Tekst skips parse() for text without [ ] ⟦ ⟧; both must give the same."""
    from pydantic import TypeAdapter, ValidationError
    from pydantic_core import PydanticCustomError

    from maandmonitor.marks import Tekst

    adapter = TypeAdapter(Tekst)
    try:
        expected: object = Tekst.parse(text)
    except PydanticCustomError as err:
        expected = err.message()
    try:
        found: object = adapter.validate_python(text, context={"lakgronden": {"5.1.2.c"}})
    except ValidationError as err:
        found = err.errors()[0]["msg"]
    assert found == expected


# (file, what to change, into what (YAML escapes), the message). Control characters in text that is
# one line (a name, a heading, a label): refused where they stand, without repeating the text.
STUURTEKENS = [
    pytest.param(
        "monitor.yaml",
        "programma: Aanpak Radicalisering en Polarisation",
        r'programma: "Aanpak\x01 R"',
        "data/monitor.yaml:5:12: programma: bevat een stuurteken (U+0001), een onzichtbaar teken "
        "dat in geen rapportage past; haal het weg",
        id="c0-in-programme",
    ),
    pytest.param(
        "monitor.yaml",
        "    titel: Beschermen",
        r'    titel: "Bescher\x85men"',
        "data/monitor.yaml:35:12: secties[0].titel: bevat een stuurteken (U+0085), een "
        "onzichtbaar teken dat in geen rapportage past; haal het weg",
        id="c1-in-section-title",
    ),
    pytest.param(
        "monitor.yaml",
        "    label: Buiten reikwijdte, casuïstiek",
        r'    label: "Buiten reikwijdte\n casuïstiek"',
        "data/monitor.yaml:133:12: lakgronden[3].label: bevat een tab of een regeleinde: dit veld "
        "is één regel tekst; haal het weg",
        id="newline-in-label",
    ),
    pytest.param(
        "2018-06.yaml",
        "    - kop: Projecten",
        r'    - kop: "Pro\tjecten\x7f"',
        "data/2018-06.yaml:9:12: activiteiten.beschermen[0].kop: bevat een tab of een regeleinde: "
        "dit veld is één regel tekst; haal het weg",
        id="tab-in-heading",
    ),
    pytest.param(
        "2018-06.yaml",
        "- Nieuwe versie convenant iPGA-R.",
        r'- "Nieuwe versie\x1b convenant iPGA-R."',
        "bevat een stuurteken (U+001B), een onzichtbaar teken dat in geen rapportage past; haal "
        "het weg",
        id="c0-in-item",
    ),
]


@pytest.mark.parametrize(("bestand", "old", "new", "message"), STUURTEKENS)
def test_a_control_character_is_refused_where_it_stands(
    workspace: Path, run: Run, bestand: str, old: str, new: str, message: str
) -> None:
    pad = Path("data") / bestand
    text = pad.read_text("utf-8")
    assert text.count(old) == 1, old
    pad.write_text(text.replace(old, new), "utf-8")
    code, _, err = run("validate")
    assert code == 1
    [regel] = [r for r in err.splitlines() if "stuurteken" in r or "regeleinde" in r]
    assert regel.endswith(message)
    assert "Aanpak" not in regel and "Bescher" not in regel and "convenant" not in regel
    code, _, err = run("build", "2018-06")
    assert code == 1 and message in err
    assert outputs() == {}


def test_an_item_may_hold_tabs_and_line_breaks(workspace: Path, run: Run) -> None:
    edit("- Nieuwe versie convenant iPGA-R.", r'- "Nieuwe versie\tconvenant\niPGA-R."')
    code, _, err = run("validate", "2018-06")
    assert (code, err) == (0, "")


@pytest.mark.parametrize(
    ("soort", "ctx"),
    [
        ("date_future", {}),
        ("string_too_long", {"max_length": 9}),
        ("union_tag_invalid", {"discriminator": "x", "tag": "y", "expected_tags": "a"}),
        ("float_type", {}),
    ],
)
def test_no_pydantic_english_reaches_a_message(soort: str, ctx: dict[str, object]) -> None:
    """An error kind of pydantic's own that the messages do not know yet is still Dutch."""
    from pydantic_core import PydanticCustomError

    from maandmonitor.load.locate import _dutch

    engels = str(PydanticCustomError(soort, "Input should be something else", ctx))
    fout = {"type": soort, "loc": (), "msg": engels, "input": "x", "ctx": ctx}
    melding = _dutch(fout, False)
    assert "Input" not in melding and "should" not in melding
    assert melding == "'x' is hier geen geldige waarde"
