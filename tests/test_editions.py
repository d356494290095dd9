"""Issue 5: the internal and the public (Woo) edition from one file, fail-closed.

No confidential text reaches a public output (md, html, pdf text), whatever the data holds; the
internal edition shows all of it, marked; every way to fail closed stops the build and writes
nothing; small counts are suppressed so that none can be recomputed.
"""

from __future__ import annotations

import html
import io
import json
import re
import sys
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from maandmonitor import glyphs
from maandmonitor.build import build
from maandmonitor.model import Onderdrukking
from maandmonitor.options import BouwOpties
from maandmonitor.publish.strip import OpenbareMaand, onderdrukking, openbare_maand
from maandmonitor.publish.suppress import HUIDIG, Cel, herleidbaar, tabel_voor
from maandmonitor.render import month_view
from maandmonitor.workspace import Werkmap

from .conftest import DATA, copy_reference, output
from .test_check import RISICO_MEI, write_month

Run = Callable[..., tuple[int, str, str]]
MONTH = Path("data/2018-06.yaml")
MARK = re.compile(r"\[\[(5\.1\.2\.[cde]|buiten-reikwijdte)\]\]")


def leesbaar(text: str, formaat: str) -> str:
    """What a reader sees: Markdown escapes (and the entities for ⟦ ⟧) undone, or HTML entities
    decoded; whitespace normalised."""
    if formaat == "md":  # in one pass, left to right: "\\&#x27E6;" is the text "&#x27E6;"
        entities = {"&#x27E6;": "⟦", "&#x27E7;": "⟧"}
        text = re.sub(
            r"\\([!-/:-@\[-`{-~])|&#x27E6;|&#x27E7;",
            lambda m: m.group(1) or entities[m.group(0)],
            text,
        )
    else:
        text = html.unescape(text)
    return " ".join(text.split())


def pdf_text(path: Path) -> str:
    return " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages
    ).replace("\n", " ")


def yaml_body(text: str) -> str:
    """Text as the inside of a YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)[1:-1]


def with_secrets(source: str, secrets: dict[int, str]) -> str:
    """The month file with the n-th bare mark ([[ground]]) holding secrets[n]."""
    counter = iter(range(10_000))

    def fill(match: re.Match[str]) -> str:
        n = next(counter)
        if n not in secrets:
            return match.group()
        return f"[[{match.group(1)}: {yaml_body(secrets[n])}]]"

    return MARK.sub(fill, source)


# Confidential text in every other kind of place: a partner's note, a meeting's subject and
# attendees, and a whole table with its figures.
EXTRA = {
    "toelichting: duo, casussen: 6": 'toelichting: "duo [[5.1.2.e: {}]]", casussen: 6',
    "onderwerp: Voorportaal": 'onderwerp: "Voorportaal [[5.1.2.c: {}]]"',
    "aanwezig: OOV, OM, politie (CTER)": 'aanwezig: "OOV, OM, politie (CTER) [[5.1.2.e: {}]]"',
}
LEEFTIJD = "leeftijd: {gelakt: 5.1.2.e, cijfers: {tot_18: 3, 18_tot_23: 17, 23_tot_30: 19, \
30_tot_40: 11, vanaf_40: 5}}"


def confidential_month(secrets: list[str]) -> str:
    """The reference month with the secrets in the marks and in every place of EXTRA, in turn."""
    source = MONTH.read_text(encoding="utf-8")
    total = len(MARK.findall(source))
    text = with_secrets(source, dict(enumerate(secrets[:total])))
    for (old, new), secret in zip(EXTRA.items(), secrets[total:], strict=False):
        text = text.replace(old, new.format(yaml_body(secret)))
    return text.replace("leeftijd: {gelakt: 5.1.2.e}", LEEFTIJD)


ACCEPTANCE = [
    f"Casus-{n:02d} <b>naam</b> | *adres* # {{{{ geheim }}}} & Zoë" for n in range(len(EXTRA) + 40)
]


@pytest.mark.systeem("pango")
def test_confidential_text_everywhere_only_in_the_internal_edition(
    workspace: Path, run: Run
) -> None:
    MONTH.write_text(confidential_month(ACCEPTANCE), encoding="utf-8")
    code, _, err = run("build", "2018-06", "--format", "md,html,pdf")
    assert (code, err) == (0, "")
    public = {
        "md": leesbaar(output("2018-06", "openbaar", "md").read_text("utf-8"), "md"),
        "html": leesbaar(output("2018-06", "openbaar", "html").read_text("utf-8"), "html"),
        "pdf": pdf_text(output("2018-06", "openbaar", "pdf")),
    }
    intern_md = output("2018-06", "intern", "md").read_text("utf-8")
    intern_html = output("2018-06", "intern", "html").read_text("utf-8")
    for secret in ACCEPTANCE:
        for formaat, text in public.items():
            assert secret not in text, (formaat, secret)
            assert "Casus-" not in text and "Zoë" not in text
        assert secret in leesbaar(intern_md, "md")
        assert secret in leesbaar(intern_html, "html")
    # Marked with the ground, in the Markdown and in the HTML (<mark>, the ground as text).
    assert re.search(r"⟦5\.1\.2\.d: Casus-\d\d ", intern_md)
    assert re.search(r"<mark>⟦5\.1\.2\.d: Casus-\d\d ", intern_html)
    # The redacted table: its figures in the internal edition only.
    assert "| Jonger dan 18 jaar | 3 |" in intern_md
    public_md = output("2018-06", "openbaar", "md").read_text("utf-8")
    assert "#### Leeftijdscategorieën\n\n5.1.2.e\n" in public_md
    assert "Jonger dan 18 jaar" not in public_md


@st.composite
def secrets_in_places(draw: st.DrawFn) -> dict[int, str]:
    """Random confidential strings in a random choice of the month's marks and other places."""
    alphabet = st.characters(
        categories=("L", "N", "P", "S", "Zs"), exclude_characters="[]⟦⟧", codec="utf-8"
    )
    places = draw(st.sets(st.integers(0, 40 + len(EXTRA) - 1), min_size=1, max_size=12))
    text = st.text(alphabet, max_size=10)
    return {place: f"{draw(text)}GEHEIM{place}{draw(text)}" for place in places}


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(secrets_in_places())
def test_no_confidential_string_reaches_a_public_output(secrets: dict[int, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        copy_reference(root / "data")
        month = root / "data" / "2018-06.yaml"
        source = month.read_text(encoding="utf-8")
        total = len(MARK.findall(source))
        assert total == 40
        text = with_secrets(source, {n: s for n, s in secrets.items() if n < total})
        for n, (old, new) in enumerate(EXTRA.items(), start=total):
            if n in secrets:
                text = text.replace(old, new.format(yaml_body(secrets[n])))
        month.write_text(text.replace("leeftijd: {gelakt: 5.1.2.e}", LEEFTIJD), "utf-8")
        gebouwd = build(Werkmap.open(root / "data"), BouwOpties(out=root / "build"), "2018-06")
        outputs = {
            Path(p).name: (root / "build" / p).read_text(encoding="utf-8")
            for p in gebouwd.geschreven
        }
    for secret in secrets.values():
        wanted = " ".join(secret.split())
        for name, content in outputs.items():
            seen = leesbaar(content, name.rsplit(".", 1)[1])
            if "openbaar" in name:
                assert wanted not in seen, (name, secret)
                assert "GEHEIM" not in seen
            else:
                assert wanted in seen, (name, secret)


# --- fail closed: every way stops the build, and nothing is written -------------------------------


def assert_stopped(run: Run, *message: str, opties: tuple[str, ...] = ()) -> None:
    code, out, err = run("build", "2018-06", *opties)
    assert code == 1, err
    for part in message:
        assert part in err
    assert "Traceback" not in out + err
    assert not Path("build").exists()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('"[[5.1.2.d]]"', '"[[5.1.2.x]]"', "onbekende lakgrond '5.1.2.x'"),
        ('"[[5.1.2.d]]"', '"[[5.1.2.d: geheim"', "lakmarkering niet gesloten"),
        ('"[[5.1.2.d]]"', '"5.1.2.d: geheim]]"', "']]' zonder '[[' ervoor"),
        ('"[[5.1.2.d]]"', '"[[5.1.2.d:]]"', "lege lakmarkering"),
        ("kop: Inkoop", 'kop: "Inkoop [[5.1.2.e: geheim]]"', "niet toegestaan"),
        ("partij: AcVZ", 'partij: "AcVZ [[5.1.2.e: geheim]]"', "niet toegestaan"),
        ("{gelakt: 5.1.2.e}", "{gelakt: 5.1.2.f}", "onbekende lakgrond '5.1.2.f'"),
        ('"[[5.1.2.d]]"', '"⟦5.1.2.d: Jan Jansen⟧"', "'⟦…⟧' komt uit de interne editie"),
        ("kop: Inkoop", 'kop: "Inkoop ⟦5.1.2.e: geheim⟧"', "'⟦…⟧' komt uit de interne editie"),
    ],
)
def test_a_bad_mark_stops_the_build(
    workspace: Path, run: Run, old: str, new: str, message: str
) -> None:
    text = MONTH.read_text(encoding="utf-8")
    assert old in text
    MONTH.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert_stopped(run, "data/2018-06.yaml:", message)


def _print_confidential_text(workspace: Path) -> None:
    """A workspace template that prints each redaction's text itself, past the filter."""
    templates = workspace / "templates"
    templates.mkdir()
    source = (DATA.parent / "src" / "maandmonitor" / "templates" / "blokken.md.j2").read_text(
        "utf-8"
    )
    (templates / "blokken.md.j2").write_text(
        source.replace(
            "{{ teken }} {{ item | tekst(editie) }}",
            "{{ teken }} {% for lak in item.lakken %}{{ lak.tekst | md }}{% endfor %}",
        ),
        encoding="utf-8",
    )


def test_the_public_edition_never_sees_the_confidential_text(workspace: Path, run: Run) -> None:
    MONTH.write_text(confidential_month(ACCEPTANCE), encoding="utf-8")
    _print_confidential_text(workspace)
    code, _, err = run("build", "2018-06", "--editie", "openbaar")
    assert (code, err) == (0, "")  # stripped before rendering: there was nothing to print
    assert "Casus-" not in output("2018-06", "openbaar", "md").read_text("utf-8")


def test_the_guard_stops_a_leak_when_the_strip_fails(
    workspace: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    MONTH.write_text(confidential_month(ACCEPTANCE), encoding="utf-8")
    _print_confidential_text(workspace)
    monkeypatch.setattr(month_view, "openbare_maand", lambda _, maand: OpenbareMaand(maand, {}))
    assert_stopped(
        run,
        "data/2018-06.yaml:68:11: activiteiten.overkoepelend[3].items[1]: de vertrouwelijke "
        "tekst van de lakmarkering (5.1.2.d) staat in build/openbaar/2018-06/maandmonitor-2018-06-"
        "openbaar.md; er is niets geschreven",
    )


def _one_secret_and_templates(workspace: Path) -> Path:
    """The month with one confidential text ('Geheim  overleg'), and a workspace templates/."""
    MONTH.write_text(
        MONTH.read_text("utf-8").replace('"[[5.1.2.d]]"', '"[[5.1.2.d: Geheim  overleg]]"'),
        encoding="utf-8",
    )
    templates = workspace / "templates"
    templates.mkdir()
    return templates


def test_a_template_cannot_include_the_data_file(workspace: Path, run: Run) -> None:
    """A link to the month file, included (and printed reversed, which the guard could not
    see): refused before it is read."""
    templates = _one_secret_and_templates(workspace)
    (templates / "bron.txt").symlink_to(workspace / MONTH)
    (templates / "inventaris.md.j2").write_text('{% include "bron.txt" %}', "utf-8")
    assert_stopped(run, "templates/bron.txt: sjabloon geweigerd: een symbolische link")
    (templates / "inventaris.md.j2").write_text(
        "{% set x %}{% include 'bron.txt' %}{% endset %}{{ x[::-1] | md }}", "utf-8"
    )
    assert_stopped(run, "templates/bron.txt: sjabloon geweigerd: een symbolische link")
    (templates / "bron.txt").unlink()
    (templates / "bron.txt").write_text("{{ 7 * 7 }}", "utf-8")  # a copy: no template either
    assert_stopped(run, "templates/bron.txt: sjabloon geweigerd: geen sjabloon")
    (templates / "bron.md.j2").symlink_to(workspace / MONTH)  # a template's name is no excuse
    (templates / "inventaris.md.j2").write_text('{% include "bron.md.j2" %}', "utf-8")
    assert_stopped(run, "templates/bron.md.j2: sjabloon geweigerd: een symbolische link")
    (templates / "inventaris.md.j2").unlink()
    (templates / "inventaris.md.j2").symlink_to(workspace / MONTH)  # the template itself
    assert_stopped(run, "templates/inventaris.md.j2: sjabloon geweigerd: een symbolische link")


def test_a_linked_templates_folder_is_followed_but_not_out_of(workspace: Path, run: Run) -> None:
    elders = workspace / "elders"
    elders.mkdir()
    (elders / "stijl.css").write_text("body { color: black; }", "utf-8")
    (workspace / "templates").symlink_to(elders)  # the folder itself may be a link
    assert run("build", "2018-06", "--format", "html")[0] == 0


def test_compiled_workspace_templates_are_never_read_from_disk(
    workspace: Path, run: Run, tmp_path_factory: pytest.TempPathFactory
) -> None:
    templates = _one_secret_and_templates(workspace)
    (templates / "stijl.css").write_text("body { color: black; }", "utf-8")
    assert run("build", "2018-06", "--format", "md")[0] == 0
    cache = tmp_path_factory.getbasetemp() / "xdg-cache" / "maandmonitor" / "jinja"
    assert not (cache / "sandbox").exists()


@pytest.mark.systeem("pango")
def test_the_guard_reads_the_pdf(workspace: Path, run: Run) -> None:
    templates = _one_secret_and_templates(workspace)
    # Text that only the PDF shows (CSS generated content), re-cased and re-spaced.
    (templates / "stijl.css").write_text('body::after { content: "geheim OVERLEG"; }', "utf-8")
    message = (
        "staat in build/openbaar/2018-06/maandmonitor-2018-06-openbaar.pdf; er is niets geschreven"
    )
    assert_stopped(run, message, opties=("--format", "pdf"))


def test_pdf_without_weasyprint_is_a_clear_error(
    workspace: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as if not installed
    code, out, err = run("build", "2018-06", "--format", "md,pdf")
    assert code == 2
    assert err.startswith("maandmonitor: PDF maken kan niet: WeasyPrint is niet geïnstalleerd")
    assert len(err.splitlines()) == 1
    assert "Traceback" not in out + err
    assert not Path("build").exists()


# --- the PDF --------------------------------------------------------------------------------------


@pytest.mark.systeem("pango")
def test_pdf_is_a4_with_running_footer_and_byte_identical(workspace: Path, run: Run) -> None:
    code, _, err = run("build", "2018-06", "--format", "pdf", "--editie", "openbaar")
    assert (code, err) == (0, "")
    path = output("2018-06", "openbaar", "pdf")
    first = path.read_bytes()
    reader = PdfReader(io.BytesIO(first))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    pages = len(reader.pages)
    text = reader.pages[0].extract_text()
    assert f"pagina 1 van {pages}" in text
    assert "Maandmonitor juni 2018 · Openbare editie (Woo) · peildatum 4 juli 2018" in text
    assert b"/CreationDate" not in first
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]  # tagged, for screen readers
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    run("build", "2018-06", "--format", "pdf", "--editie", "openbaar")
    assert path.read_bytes() == first


# --- small-cell suppression ---------------------------------------------------------------------

# Districts with one small count (centrum: 2). Hiding it alone would show it as 55 minus the
# rest; the smallest other count (zuid: 5, before zuidoost in table order) is hidden with it.
STADSDEEL = (
    "stadsdeel: {centrum: 2, nieuw_west: 20, noord: 6, oost: 8, west: 9, zuid: 5, zuidoost: 5, "
    "regio: 0}"
)


def test_a_small_count_and_its_complement_are_suppressed(workspace: Path, run: Run) -> None:
    text = MONTH.read_text("utf-8")
    MONTH.write_text(re.sub(r"stadsdeel: \{niet_beschikbaar: .*\}", STADSDEEL, text), "utf-8")
    assert run("validate", "2018-06")[0] == 0  # every rule holds: the districts sum to 55
    code, _, err = run("build", "2018-06")
    assert (code, err) == (0, "")
    public = output("2018-06", "openbaar", "md").read_text("utf-8")
    intern = output("2018-06", "intern", "md").read_text("utf-8")
    assert "| Centrum | x | x |" in public and "| Zuid | x | x |" in public
    assert "| Zuidoost | 5 | 9,1 % |" in public and "| Regiogemeenten | 0 | 0,0 % |" in public
    assert "x = onderdrukt" in public
    assert "2 aantallen staan als x in de tabellen" in public
    assert "| Centrum | 2 | 3,6 % |" in intern and "| Zuid | 5 | 9,1 % |" in intern
    assert "x = onderdrukt" not in intern
    html_public = output("2018-06", "openbaar", "html").read_text("utf-8")
    assert '<th scope="row">Centrum</th>\n<td style="text-align:right">x</td>' in html_public

    # No published equation determines a hidden count.
    werkmap = Werkmap.open(Path("data"))
    programma = werkmap.programma
    maand = werkmap.laad("2018-06").maand
    resultaat = onderdrukking(programma, maand)["stadsdeel"]
    assert resultaat.onderdrukt == {Cel(HUIDIG, "centrum"), Cel(HUIDIG, "zuid")}
    tabel = tabel_voor(maand.inzet_op_risicos.subjecten["stadsdeel"], totaal=55)
    assert tabel is not None
    regel = programma.uitsplitsing("stadsdeel").onderdrukking
    for cel, interval in herleidbaar(tabel, resultaat.onderdrukt, regel).items():
        assert not interval.punt, cel
    # ... and the public model no longer holds them.
    publiek = openbare_maand(programma, maand).maand.inzet_op_risicos.subjecten["stadsdeel"]
    assert isinstance(publiek, dict) and "centrum" not in publiek and "zuid" not in publiek


def test_a_suppressed_gender_withholds_the_sentence_and_the_chart(
    workspace: Path, run: Run
) -> None:
    monitor = Path("data/monitor.yaml")
    monitor.write_text(
        monitor.read_text("utf-8").replace(
            "in_zin: mannen}\n    onderdrukking: {aan: false, drempel: 3}",
            "in_zin: mannen}\n    onderdrukking: {aan: true, drempel: 4}",
        ),
        "utf-8",
    )
    MONTH.write_text(
        MONTH.read_text("utf-8").replace("{vrouw: 10, man: 45}", "{vrouw: 2, man: 53}"), "utf-8"
    )
    code, _, err = run("build", "2018-06")
    assert (code, err) == (0, "")
    public = output("2018-06", "openbaar", "md").read_text("utf-8")
    public_html = output("2018-06", "openbaar", "html").read_text("utf-8")
    assert "| Genderverdeling | x | x |" in public
    assert "Het aantal vrouwen" not in public and "3,6 %" not in public
    assert 'id="gender-titel"' not in public_html and 'id="risicocategorie-titel"' in public_html
    intern_html = output("2018-06", "intern", "html").read_text("utf-8")
    assert "momenteel 2 (3,6 %)" in intern_html and 'id="gender-titel"' in intern_html


def test_the_reference_month_suppresses_nothing() -> None:
    werkmap = Werkmap.open(DATA)
    assert onderdrukking(werkmap.programma, werkmap.laad("2018-06").maand) == {}


def test_a_table_that_cannot_be_protected_is_withheld() -> None:
    """{vrouw: 2, man: 0} with a published total of 2: whatever is hidden, vrouw = 2."""
    werkmap = Werkmap.open(DATA)
    programma = werkmap.programma
    maand = werkmap.laad("2018-06").maand
    gender = programma.uitsplitsing("gender")
    aan = gender.model_copy(update={"onderdrukking": Onderdrukking(aan=True, drempel=4)})
    programma = programma.model_copy(update={"uitsplitsingen": [aan]})
    inzet = maand.inzet_op_risicos
    klein = inzet.model_copy(
        update={
            "personen_in_regie": inzet.personen_in_regie.model_copy(update={"totaal": 2}),
            "subjecten": {"gender": {"vrouw": 2, "man": 0}},
            "vorige_maand": None,
        }
    )
    maand = maand.model_copy(update={"inzet_op_risicos": klein})
    assert onderdrukking(programma, maand)["gender"].geheel
    uitvoer = month_view.render_month(programma, maand)
    public, intern = uitvoer[("openbaar", "md")], uitvoer[("intern", "md")]
    assert isinstance(public, str) and isinstance(intern, str)
    assert "#### Genderverdeling\n\nNiet getoond: kleine aantallen" in public
    assert "| Genderverdeling | 2 | 0 |" in intern and "Genderverdeling |" not in public
    assert "1 tabel is niet getoond" in public


# --- found by review: last month's redactions, invisible characters, ground labels ---------------


def test_last_months_redacted_table_stays_redacted_in_this_months_column(
    workspace: Path, run: Run
) -> None:
    may_ages = "{tot_18: 2, 18_tot_23: 11, 23_tot_30: 20, 30_tot_40: 20, vanaf_40: 6}"
    write_month("2018-05", (59, 2, 3, 0), RISICO_MEI, "2018-06-05")
    may = Path("data/2018-05.yaml")
    may.write_text(
        may.read_text("utf-8") + f"    leeftijd: {{gelakt: 5.1.2.e, cijfers: {may_ages}}}\n",
        encoding="utf-8",
    )
    june = MONTH.read_text("utf-8")
    june = june.replace(
        "leeftijd: {gelakt: 5.1.2.e}",
        "leeftijd: {tot_18: 5, 18_tot_23: 10, 23_tot_30: 20, 30_tot_40: 14, vanaf_40: 6}",
    ).replace(
        "    subjecten:\n      risicocategorie:",
        f"    subjecten:\n      leeftijd: {may_ages}\n      risicocategorie:",
    )
    MONTH.write_text(june, encoding="utf-8")
    code, _, err = run("build", "2018-06", "--format", "md")
    assert code == 0, err
    for editie in ("openbaar", "intern"):
        text = output("2018-06", editie, "md").read_text("utf-8")
        assert "| 18 tot 23 jaar | 10 |" in text  # this month's column is published
        assert "| 18 tot 23 jaar | 11 |" not in text  # May's, redacted in May, is not


@pytest.mark.parametrize(
    "copy",
    [
        "Gesprek met Jose\u0301 A\u0301lvarez",  # the same letters, decomposed (NFD)
        "Gesprek met Jo\u00adsé Álvarez",  # a soft hyphen, as Word pastes it
        "Gesprek met José\u200b Álvarez",  # a zero-width space
    ],
)
def test_the_guard_reads_past_what_a_reader_cannot_see(
    workspace: Path, run: Run, copy: str
) -> None:
    text = (
        MONTH.read_text("utf-8")
        .replace('"[[5.1.2.d]]"', '"[[5.1.2.d: Gesprek met José Álvarez]]"')
        .replace("- Bij de docenten van Toptaal.", f"- {json.dumps(copy)}")
    )
    MONTH.write_text(text, encoding="utf-8")
    assert_stopped(run, "data/2018-06.yaml:68:11:", "(5.1.2.d) staat in build/openbaar/2018-06/")


def test_the_guard_knows_last_months_confidential_text(workspace: Path, run: Run) -> None:
    write_month("2018-05", (59, 2, 3, 0), RISICO_MEI, "2018-06-05")
    may = Path("data/2018-05.yaml")
    may.write_text(
        may.read_text("utf-8").replace(
            "items: [melding,", 'items: ["[[5.1.2.e: Piet Pietersen uit Osdorp]]",', 1
        ),
        encoding="utf-8",
    )
    MONTH.write_text(
        MONTH.read_text("utf-8").replace(
            "- Bij de docenten van Toptaal.", "- Vervolg op de zaak Piet Pietersen uit Osdorp."
        ),
        encoding="utf-8",
    )
    assert_stopped(run, "data/2018-05.yaml:", "(5.1.2.e) staat in build/openbaar/2018-06/")


def test_a_ground_label_in_the_output_is_no_leak(workspace: Path, run: Run) -> None:
    """The public edition prints each ground's label; a confidential text that is part of a
    label ('reikwijdte, casuïstiek') is not leaked by it."""
    MONTH.write_text(
        MONTH.read_text("utf-8").replace(
            '"[[5.1.2.d]]"', '"[[buiten-reikwijdte: reikwijdte, casuïstiek]]"'
        ),
        encoding="utf-8",
    )
    code, _, err = run("build", "2018-06", "--editie", "openbaar", "--format", "md")
    assert (code, err) == (0, "")


def test_a_template_cannot_reach_past_the_data_it_is_given(workspace: Path, run: Run) -> None:
    """Templates run in Jinja's sandbox: no reaching Python internals (and so no reading the
    month file, with its confidential text and figures, from a template)."""
    templates = _one_secret_and_templates(workspace)
    (templates / "inventaris.md.j2").write_text(
        "{% set bi = programma.__class__.__init__.__globals__['__builtins__'] %}"
        "{{ bi['open']('data/2018-06.yaml').read() | md }}",
        "utf-8",
    )
    assert_stopped(run, "sjabloon kon niet worden gerenderd", "is unsafe")


@pytest.mark.skipif(unicodedata.unidata_version != "14.0.0", reason="the table is Unicode 14's")
def test_the_look_alike_brackets_are_every_bracket_of_unicode() -> None:
    """The stored table (read without scanning Unicode at start-up) is what the scan finds."""
    gevonden = glyphs.haken()
    assert gevonden["open"] == glyphs._KLEIN_14 and gevonden["sluit"] == glyphs._SLUIT_14
    assert gevonden["krul_open"] == glyphs._KRUL_OPEN_14
    assert gevonden["krul_sluit"] == glyphs._KRUL_SLUIT_14
    assert glyphs.heeft_haak("naam\ufe18\ufe18")  # "…LENTICULAR BRAKCET", so named


def test_the_guard_reads_past_exactly_what_does_not_show() -> None:
    """Unicode's format characters and its other default-ignorable code points (combining
    grapheme joiner, variation selectors, fillers), and nothing else."""
    extra = {c for a, b in glyphs._NIET_TE_ZIEN for c in range(a, b + 1)}
    alle = "".join(map(chr, range(sys.maxunicode + 1)))
    zichtbaar = "".join(c for c in alle if unicodedata.category(c) != "Cf" and ord(c) not in extra)
    assert glyphs.zonder_onzichtbaar(alle) == zichtbaar
    assert glyphs.cf_reeksen()[-1] == (0xE0020, 0xE007F)  # the tags, in plane 14
    for teken in "\u034f\ufe0f\u3164\u180b":  # the attacker's: not Cf, invisible all the same
        assert glyphs.zonder_onzichtbaar(f"a{teken}b") == "ab"
