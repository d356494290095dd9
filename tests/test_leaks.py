"""Publication safety at the input (issue 12): marks that cannot be mistyped into plain text, and
messages that never repeat what is, or is inside, a redacted passage or table."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import REPO, outputs
from .test_check import RISICO_MEI, write_month

Run = Callable[..., tuple[int, str, str]]
MONTH = Path("data/2018-06.yaml")
ITEM = "- Bij de docenten van Toptaal."  # activiteiten.verbinden[0].items[0], line 27


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


# --- 1. a mark that looks right but is not [[…]] ------------------------------------------------

NEAR_MARKS = {
    "single brackets": "[5.1.2.e: Jansen]",
    "fullwidth": "［［5.1.2.e: Jansen］］",
    "zero-width space between the brackets": "[\u200b[5.1.2.e: Jansen]\u200b]",
    "soft hyphen between the brackets": "[\u00ad[5.1.2.e: Jansen]\u00ad]",
    "white square brackets": "〚5.1.2.e: Jansen〛",
    "doubled white square brackets": "〚〚5.1.2.e: Jansen〛〛",
    "spaced brackets": "[ [ 5.1.2.e: Jansen ] ]",
    "curly braces": "{{5.1.2.e: Jansen}}",
    "a closing bracket only": "5.1.2.e: Jansen]",
    "zero-width space inside a right mark": "[[5.1.2.e: Jansen]]\u200b",
    "lenticular brackets": "【【5.1.2.e: Jansen】】",
    "combining grapheme joiners": "[\u034f[\u034f5.1.2.e\u034f: Jansen]\u034f]",
    "variation selectors": "[\ufe0f[5.1.2.e: Jansen]\ufe0f]",
    "a ground in capitals": "[5.1.2.E: Jansen]",
    "parentheses": "(5.1.2.e: Jansen)",
    "guillemets": "«5.1.2.e: Jansen»",
    "double angle brackets": "⟪5.1.2.e: Jansen⟫",
}
# What hides text from the guard and the scan without looking like a mark at all.
HIDDEN = {
    "a right-to-left override": "\u202enesnaJ\u202c",
    "a right-to-left isolate": "\u2067nesnaJ\u2069",
}


@pytest.mark.parametrize("text", HIDDEN.values(), ids=HIDDEN.keys())
def test_text_that_reads_backwards_is_refused(workspace: Path, run: Run, text: str) -> None:
    replace(MONTH, ITEM, f"- {yaml_string('Overleg met ' + text)}")
    code, _, err = run("validate", "2018-06")
    assert code == 1 and "leesrichting" in err and "nesnaJ" not in err


@pytest.mark.parametrize("near", NEAR_MARKS.values(), ids=NEAR_MARKS.keys())
def test_a_near_mark_stops_the_build_and_is_not_quoted(
    workspace: Path, run: Run, near: str
) -> None:
    replace(MONTH, ITEM, f"- {yaml_string('Overleg met ' + near + ' over het dossier.')}")
    code, out, err = run("build", "2018-06", "--editie", "openbaar")
    assert (code, out) == (1, "")
    assert err.startswith("data/2018-06.yaml:27:11: activiteiten.verbinden[0].items[0]: ")
    assert "bijna een lakmarkering" in err or "lakmarkering niet gesloten" in err
    assert "Jansen" not in err
    assert not Path("build").exists()
    assert run("validate", "2018-06")[0] == 1


@pytest.mark.parametrize("near", ["[5.1.2.e: Jansen]", "〚5.1.2.e: Jansen〛", "[\u200b[x]]"])
def test_a_near_mark_in_a_heading_is_refused(workspace: Path, run: Run, near: str) -> None:
    replace(MONTH, "kop: Inkoop", f"kop: {yaml_string('Inkoop ' + near)}")
    code, _, err = run("validate", "2018-06")
    assert code == 1
    assert "een lakmarkering is hier niet toegestaan" in err and "Jansen" not in err


@pytest.mark.parametrize(
    "text",
    [
        "Zie [bijlage 2] en {noot}",  # brackets, but no ground id and no double bracket
        "Artikel 5.1.2.e (persoonlijke levenssfeer) is genoemd",
        "Geweigerd op grond van (5.1.2.e) en «citaat»",
        "„Aanhalingstekens” en (haakjes) zijn gewone tekst",
        "{{ 7*7 }} is geen sjabloon",
    ],
)
def test_brackets_that_are_no_mark_are_text(workspace: Path, run: Run, text: str) -> None:
    replace(MONTH, ITEM, f"- {yaml_string(text)}")
    code, _, err = run("build", "2018-06", "--editie", "openbaar", "--format", "md")
    assert (code, err) == (0, "")


# --- 2. no message repeats what is redacted -------------------------------------------------------

CANARIES = [f"Kanarie{n}" for n in range(1, 10)]


def _month_full_of_canaries() -> None:
    """May: valid, with a redacted table holding figures. June: valid as YAML and model, but its
    rules fail on redacted figures. July: one of every kind of file problem on a canary."""
    write_month("2018-05", (59, 2, 3, 0), RISICO_MEI, "2018-06-05")
    may = Path("data/2018-05.yaml")
    may.write_text(
        may.read_text("utf-8")
        + "    leeftijd: {gelakt: 5.1.2.e, cijfers: {tot_18: 47, 18_tot_23: 12}}\n",
        "utf-8",
    )
    # June: its previous-month column disagrees with May's redacted figures; its own redacted
    # table does not add up.
    replace(
        MONTH,
        "    subjecten:\n      risicocategorie:",
        "    subjecten:\n      leeftijd: {tot_18: 46, 18_tot_23: 13}\n      risicocategorie:",
    )
    replace(
        MONTH, "leeftijd: {gelakt: 5.1.2.e}", "leeftijd: {gelakt: 5.1.2.e, cijfers: {tot_18: 3}}"
    )
    july = MONTH.read_text("utf-8").replace("maand: 2018-06", "maand: 2018-07", 1)
    july = july.replace("peildatum: 2018-07-04", "peildatum: 2018-08-04", 1)
    kinds = {
        ITEM: f"- {yaml_string('[[5.1.2.e: ' + CANARIES[0])}",  # not closed
        "- Organisatie van brede aandachtsfunctionarissen-bijeenkomst.": (
            f"- {yaml_string('[[5.1.2.e ' + CANARIES[1] + ']]')}"  # not a ground
        ),
        "partij: AcVZ": f"partij: {yaml_string('[[5.1.2.e: ' + CANARIES[2] + ']]')}",
        "casussen: 14": f"casussen: {yaml_string('[[5.1.2.e: ' + CANARIES[3] + ']]')}",
        "datum: 2018-06-05": f"datum: {yaml_string('[[5.1.2.e: ' + CANARIES[4] + ']]')}",
        "cijfers: {tot_18: 3}": (
            f"cijfers: {{tot_18: {yaml_string(CANARIES[6])}, 23_tot_30: -9172, kanarie9: 1}}"
        ),
        "regisseurs: 22": f"regisseurs: {yaml_string(CANARIES[7] + ' [5.1.2.e: x]')}",
    }
    lexical = {  # YAML-level problems, which hide the model's: in a month of their own
        "- Gebiedsanalyse van radicaliserings-, en polarisatieproblematiek in Nieuw West.": (
            f"- Overleg [[5.1.2.e]] #{CANARIES[5]}"  # unquoted: YAML reads a comment
        ),
        "cijfers: {tot_18: 3}": "cijfers: {tot_18: 0917}",
    }
    august = july.replace("maand: 2018-07", "maand: 2018-08", 1)
    august = august.replace("peildatum: 2018-08-04", "peildatum: 2018-09-04", 1)
    for old, new in lexical.items():
        assert old in august, old
        august = august.replace(old, new, 1)
    Path("data/2018-08.yaml").write_text(august, "utf-8")
    for old, new in kinds.items():
        assert old in july, old
        july = july.replace(old, new, 1)
    Path("data/2018-07.yaml").write_text(july, "utf-8")


def test_no_message_repeats_a_redacted_text_or_figure(workspace: Path, run: Run) -> None:
    _month_full_of_canaries()
    said = []
    for command in (
        ["validate"],
        ["validate", "--format", "json"],
        ["build", "--all"],
        ["build", "2018-06"],
        ["list"],
        ["list", "--format", "json"],
    ):
        _, out, err = run(*command)
        said.append(out + err)
    caches = [p.read_text("utf-8") for p in Path("build/.cache").glob("*")]
    everything = "\n".join(said + caches)
    for canary in CANARIES[:8]:
        assert canary not in everything, canary
    assert "'kanarie9'" not in everything  # a key in a redacted table: in the path, not quoted
    for figure in ("0917", "917", "9172"):
        assert not re.search(rf"(?<![\d:]){figure}\b", everything), figure
    # the rules on redacted figures said where, not what
    validate = said[0]
    lines = [line for line in validate.splitlines() if "[vorige-maand-gelijk]" in line]
    assert lines and all("worden niet herhaald" in line for line in lines)
    assert not [line for line in lines if re.search(r"(verwacht|gevonden) \d", line)]
    [som] = [
        line for line in validate.splitlines() if "leeftijd.cijfers" in line and "2018-06" in line
    ]
    assert "gevonden een ander cijfer" in som and "gevonden 3" not in som
    # every kind of problem of July was found (and said without its value)
    july = [line for line in validate.splitlines() if line.startswith("data/2018-07.yaml:")]
    august = [line for line in validate.splitlines() if line.startswith("data/2018-08.yaml:")]
    assert (len(july), len(august)) == (10, 2), (july, august)


# --- 4. unmarked personal data of a recognisable form ---------------------------------------------

FOUND = {
    "bsn": [
        "BSN 111222333 bekend", "nummer 1112.22.333", "BSN 123456782, bekend",
        "het is 123456782.", "BSN 123 456 782",
    ],
    "email": [
        "mail j.jansen@example.nl even", "via Piet.de-Vries+dossier@gemeente.amsterdam",
        "j.jansen @ gmail.com", "andré@gmail.com", "J.JANSEN@EXAMPLE.NL", "a\u00ad@example.nl",
        "a＠example.nl",
    ],
    "telefoon": [
        "bel 06-12345678", "020 552 3000", "+31 6 1234 5678", "(0)20-5523000 of 0205523000",
        "06 - 12 34 56 78", "(020) 555 1234", "020 - 555 12 34", "06\u201312345678",
        "+31 (0)20 555 1234", "06-\u200b12345678",
    ],
    "adres": [
        "Damstraat 12, 1012 AB Amsterdam", "1012AB 12", "Kerkstraat 12 hs, 1017 GC",
        "12 A, 1017 GC", "Kerkstraat 12, 1017 gc",
    ],
    "iban": [
        "rekening NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "NL91 ABNA 0417 1643 00 T.n.v.",
        "NL91\tABNA0417164300", "NL91 ABNA\n0417 1643 00",  # any space the pattern lets through
    ],
    "geboren": [
        "geboren op 3 mei 1999", "Jansen (geb. 03-05-1999)", "geboortedatum: 1999",
        "Geb.datum 03-03-1990", "geboren te Amsterdam op 3 maart 1990", "geboren 3 mrt. 1990",
        "geb 03-03-1990", "geboortejaar 1990",
    ],
    "kenteken": ["auto AB-123-C", "12-ABC-3 gezien", "GB-12-XP", "12-abc-3", "12ABC3"],
}  # fmt: skip
NOT_FOUND = [
    "123456789 (geen BSN: de 11-proef klopt niet)",
    "NL91ABNA0417164301",  # IBAN with a wrong check
    "op 06-12-2018 en 2018-06-12",
    "Bijeenkomst op 06-06-2018 13:30 in de raadzaal",
    "Overleg op 05.06.2018 14.00 uur.",
    "Het idee voor dit project is geboren in 2016.",
    "55 personen, 18,2 %, 5.1.2.e",
    "1012 AB zonder huisnummer",
    "in week 12 2018 en 2019",
    "Pijler 1: Beschermen",
    "www.amsterdam.nl/radicalisering",
]


@pytest.mark.parametrize(("soort", "text"), [(s, t) for s, texts in FOUND.items() for t in texts])
def test_personal_data_of_a_recognisable_form_is_found(soort: str, text: str) -> None:
    from maandmonitor.check.persoonsgegevens import zoek

    assert {v.soort for v in zoek({"x": text}, ())} == {soort}


@pytest.mark.parametrize("text", NOT_FOUND)
def test_figures_dates_and_grounds_are_no_personal_data(text: str) -> None:
    from maandmonitor.check.persoonsgegevens import zoek

    assert list(zoek({"x": text}, ())) == []


def test_unmarked_personal_data_stops_the_build_until_marked_or_allowed(
    workspace: Path, run: Run
) -> None:
    replace(MONTH, ITEM, "- Overleg met J. Jansen (Noord), j.jansen@example.nl.")
    Path("data/gevoelige_termen.txt").write_text("# namen\nJ. Jansen\n", "utf-8")
    code, _, err = run("validate", "2018-06")
    assert code == 1
    assert err.splitlines() == [
        "data/2018-06.yaml:27:11: activiteiten.verbinden[0].items[0]: een gevoelige term "
        "(gevoelige_termen.txt, regel 2) staat ongemarkeerd in de tekst: lak hem met een "
        "lakmarkering, [[grond: …]] [persoonsgegevens]",
        "data/2018-06.yaml:27:11: activiteiten.verbinden[0].items[0]: mogelijk een persoonsgegeven "
        "(e-mailadres) ongemarkeerd in de tekst: lak het met een lakmarkering, [[grond: …]], of "
        "sta het toe in monitor.yaml (persoonsgegevens.toegestaan) [persoonsgegevens]",
    ]
    code, _, err = run("build", "2018-06", "--editie", "openbaar")
    assert code == 1 and "Jansen" not in err and outputs() == {}
    replace(
        MONTH,
        "- Overleg met J. Jansen (Noord), j.jansen@example.nl.",
        '- "Overleg met [[5.1.2.e: J. Jansen]] (Noord), j.jansen@example.nl."',
    )
    monitor = Path("data/monitor.yaml")
    monitor.write_text(
        monitor.read_text("utf-8") + 'persoonsgegevens:\n  toegestaan: ["j.jansen@example.nl"]\n',
        "utf-8",
    )
    code, _, err = run("build", "2018-06", "--editie", "openbaar")
    assert (code, err) == (0, "")


def test_a_sensitive_term_in_any_public_output_stops_the_build(workspace: Path, run: Run) -> None:
    """A term that only monitor.yaml prints (the organisation): no month has it, the guard
    finds it in the output."""
    Path("data/gevoelige_termen.txt").write_text("Polarisation\n", "utf-8")
    assert run("validate", "2018-06")[0] == 0
    code, _, err = run("build", "2018-06", "--editie", "openbaar", "--format", "md")
    assert code == 1
    for bestand in ("diwoo.xml", "md"):  # the DiWoo metadata names the programme too
        assert (
            "data/gevoelige_termen.txt:1:1: deze gevoelige term staat in "
            f"build/openbaar/2018-06/maandmonitor-2018-06-openbaar.{bestand}; er is niets "
            "geschreven"
        ) in err
    assert run("build", "2018-06", "--editie", "intern", "--format", "md")[0] == 0


def test_no_message_repeats_a_name_put_where_a_ground_or_key_goes(
    workspace: Path, run: Run
) -> None:
    """What a careless officer writes: a name as a mark's ground, text with ': ' read as a key,
    an anchor on a line with a mark; and last month's redacted table in this month's column."""
    write_month("2018-05", (59, 2, 3, 0), RISICO_MEI, "2018-06-05")
    may = Path("data/2018-05.yaml")
    may.write_text(
        may.read_text("utf-8") + "    leeftijd: {gelakt: 5.1.2.e, cijfers: {tot_18: 47}}\n", "utf-8"
    )
    replace(
        MONTH,
        "    subjecten:\n      risicocategorie:",
        "    subjecten:\n      leeftijd: {tot_18: 44.5, vanaf_40: 3}\n      risicocategorie:",
    )
    replace(MONTH, ITEM, '- "Gesprek met [[Kanarie1]] over [[06-12345678]]"')
    replace(
        MONTH,
        "- Organisatie van brede aandachtsfunctionarissen-bijeenkomst.",
        '- Kanarie2: "[[5.1.2.e: verhuisd]]"',
    )
    replace(MONTH, "- Nieuwe versie convenant iPGA-R.", '- &Kanarie3 "[[5.1.2.e: x]]"')
    _, out, err = run("validate")
    _, json_out, _ = run("validate", "--format", "json")
    said = (
        out + err + json_out + "".join(p.read_text("utf-8") for p in Path("build/.cache").glob("*"))
    )
    for canary in ("Kanarie1", "06-12345678", "Kanarie2", "Kanarie3", "44.5", "44,5"):
        assert canary not in said, canary


def test_a_template_error_does_not_repeat_a_value_from_the_data(workspace: Path, run: Run) -> None:
    replace(MONTH, '"[[5.1.2.d]]"', '"[[5.1.2.d: Kanarie4 fraude]]"')
    templates = Path("templates")
    templates.mkdir()
    (templates / "inventaris.md.j2").write_text(
        "{% for _, t in [] %}{% endfor %}"
        "{% for b in maand.activiteiten.overkoepelend %}{% for i in b.items %}"
        "{% for lak in i.lakken %}{% include lak.tekst %}{{ {}[lak.tekst] }}"
        "{% endfor %}{% endfor %}{% endfor %}",
        "utf-8",
    )
    code, _, err = run("build", "2018-06", "--editie", "intern")
    assert code == 1 and "sjabloon" in err
    assert "Kanarie4" not in err


def test_the_guard_reads_data_as_its_texts_not_as_its_repr() -> None:
    """What the archive page is made of is guarded before it is printed: every text in it
    verbatim. Its repr escapes a quote or a tab, and would hide a confidential text holding one."""
    import datetime as dt

    from maandmonitor.publish.guard import tekst_van
    from maandmonitor.render.archive_view import ArchiefMaand

    geheim = 'dossier "De Vos"\tte Osdorp\'s'
    stuk = ({"openbaar": [ArchiefMaand("2018-06", "in orde", dt.date(2018, 7, 4), geheim)]}, None)
    assert geheim not in repr(stuk)
    assert geheim in tekst_van(stuk).splitlines()
    assert "2018-06" in tekst_van(stuk)


def test_text_without_an_at_sign_is_scanned_alike_without_the_email_pattern() -> None:
    """The scan leaves out the e-mail address where there is no `@` (it cannot match there):
    every other find, its kind and its place, is the same as with the whole pattern."""
    from maandmonitor.check import persoonsgegevens

    teksten = [t for ts in FOUND.values() for t in ts] + NOT_FOUND
    teksten.append((REPO / "data" / "2018-06.yaml").read_text(encoding="utf-8"))
    teksten.append(" ".join(teksten))
    for tekst in teksten:
        gelezen = persoonsgegevens.ter_controle(tekst).replace("@", " ")
        heel = persoonsgegevens._patroon(True).finditer(gelezen)
        zonder = persoonsgegevens._patroon(False).finditer(gelezen)
        assert [(m.lastgroup, m.span()) for m in heel] == [(m.lastgroup, m.span()) for m in zonder]
