"""`maandmonitor build`: the June 2018 report, faithful to the reference, escaped, deterministic."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import ClassVar

import pytest

from maandmonitor.render.markdown import markdown_to_html

from .conftest import fill_in_july_as_june_ended, output, outputs

Run = Callable[..., tuple[int, str, str]]
HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden" / "maandmonitor-2018-06-openbaar.md"
REFERENCE = HERE / "reference" / "maandmonitor-2018-06-openbaar.txt"
MONTH = Path("data/2018-06.yaml")

ONDERTITEL_3 = "de integrale Persoonsgerichte Aanpak Radicalisering (iPGA-R)"

# Lines of the reference that the report deliberately renders differently, and why.
DIFFERENCES = {
    # §3's ondertitel is one line in monitor.yaml; the reference breaks it over two lines.
    "de integrale Persoonsgerichte Aanpak": ONDERTITEL_3,
    "Radicalisering (iPGA-R)": ONDERTITEL_3,
    # The separator of a table whose header row the text extraction lost; our table has a header
    # row (Vrouw, Man) above the row "Genderverdeling 10 45".
    "------------------------\t----\t----": "Genderverdeling\t10\t45",
    # A typo in the reference: the ground is 5.1.2.e (Woo art. 5.1 lid 2 sub e).
    "5.1.2,e": "5.1.2.e",
}
# What the report adds to the reference (not compared): the inventory of redactions that ends
# the public edition (issue 5), and the peildatum in the page header (for the PDF's footer).
ADDITIONS = ("Inventaris van de lakkingen", "Gelakt per lakgrond", "peildatum 4 juli 2018")


def build(run: Run, *args: str) -> str:
    code, out, err = run("build", "2018-06", *args)
    assert (code, err) == (0, ""), err
    return out


class _Text(HTMLParser):
    """The visible text of the report: one line per block, table cells joined by tabs."""

    BLOCKS: ClassVar[set[str]] = {
        "p",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "caption",
        "tr",
        "ul",
        "table",
        "figcaption",
    }
    HIDDEN: ClassVar[set[str]] = {"style", "title", "svg", "head"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0
        self.first_cell = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")
            self.first_cell = tag == "tr"
        elif tag in {"td", "th"}:
            if not self.first_cell:
                self.parts.append("\t")
            self.first_cell = False

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden and not (data.isspace() and "\n" in data):  # between tags
            self.parts.append(data)

    def lines(self) -> set[str]:
        return {line.strip(" \n") for line in "".join(self.parts).split("\n")}


def rendered_lines(html: str) -> set[str]:
    parser = _Text()
    parser.feed(html)
    return parser.lines()


def test_build_writes_both_editions_in_both_formats(workspace: Path, run: Run) -> None:
    out = build(run)
    assert sorted(outputs()) == [
        f"{editie}/2018-06/maandmonitor-2018-06-{editie}.{fmt}"
        for editie in ("intern", "openbaar")
        for fmt in (("html", "md") if editie == "intern" else ("diwoo.xml", "html", "md"))
    ]
    assert out.splitlines() == [
        "Rapportage 2018-06 gemaakt:",
        "  build/intern/2018-06/maandmonitor-2018-06-intern.html",
        "  build/intern/2018-06/maandmonitor-2018-06-intern.md",
        "  build/openbaar/2018-06/maandmonitor-2018-06-openbaar.diwoo.xml",
        "  build/openbaar/2018-06/maandmonitor-2018-06-openbaar.html",
        "  build/openbaar/2018-06/maandmonitor-2018-06-openbaar.md",
    ]


def test_golden_markdown(workspace: Path, run: Run) -> None:
    build(run, "--editie", "openbaar", "--format", "md")
    text = output("2018-06", "openbaar", "md").read_text(encoding="utf-8")
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8"), "UPDATE_GOLDEN=1 make test to accept"


def test_every_line_of_the_reference_is_in_the_public_report(workspace: Path, run: Run) -> None:
    build(run, "--editie", "openbaar", "--format", "html")
    lines = rendered_lines(output("2018-06", "openbaar", "html").read_text("utf-8"))
    missing = []
    for raw in REFERENCE.read_text(encoding="utf-8").splitlines():
        line = raw.strip(" ")
        if not line:
            continue  # blank lines and the page-break lines (a single space)
        expected = DIFFERENCES.get(line, re.sub(r"^- ", "", line))
        if expected not in lines:
            missing.append(line)
    assert missing == []
    assert set(ADDITIONS) <= lines


def test_reference_headline_figures(workspace: Path, run: Run) -> None:
    build(run, "--editie", "openbaar", "--format", "md")
    text = output("2018-06", "openbaar", "md").read_text(encoding="utf-8")
    assert "De voor deze monitor gehanteerde peildatum is 4 juli 2018." in text
    assert (
        "Het aantal vrouwen in de iPGA-R is momenteel 10 (18,2 %) en het aantal mannen is "
        "45 (81,8 %)." in text
    )
    assert "Geen cijfers beschikbaar" in text  # districts: said so, never zeros


def test_html_is_self_contained_and_accessible_markup(workspace: Path, run: Run) -> None:
    build(run, "--format", "html")
    html = output("2018-06", "openbaar", "html").read_text(encoding="utf-8")
    assert '<html lang="nl">' in html
    assert "<script" not in html
    assert not re.search(r"(src|href)=|url\(|@import", html)  # no external requests
    assert html.count("<caption>") == len(re.findall(r"<table[ >]", html)) >= 5
    assert '<th scope="row">Politie</th>' in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" role="img"') == 3
    assert "@page {\n  size: A4;" in html
    assert "break-inside: avoid" in html


def test_intern_edition_marks_redactions_and_shows_confidential_text(
    workspace: Path, run: Run
) -> None:
    text = MONTH.read_text(encoding="utf-8")
    MONTH.write_text(text.replace('"[[5.1.2.d]]"', '"[[5.1.2.d: Geheim overleg]]"'), "utf-8")
    build(run)
    intern_md = output("2018-06", "intern", "md").read_text(encoding="utf-8")
    intern_html = output("2018-06", "intern", "html").read_text(encoding="utf-8")
    assert "* ⟦5.1.2.d: Geheim overleg⟧" in intern_md.splitlines()
    assert "<mark>⟦5.1.2.d: Geheim overleg⟧</mark>" in intern_html
    assert "⟦5.1.2.c: \\[tekst niet in bestand\\]⟧ Dossier" in intern_md
    for formaat in ("md", "html"):
        public = output("2018-06", "openbaar", formaat).read_text(encoding="utf-8")
        assert "Geheim" not in public
        assert "<mark>" not in public and "⟦" not in public


@pytest.mark.parametrize(
    ("item", "in_md", "in_html"),
    [
        ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>", "&lt;script&gt;"),
        ("# geen kop | geen cel", r"- \# geen kop \| geen cel", "<li># geen kop | geen cel</li>"),
        ("- geen lijst", r"- \- geen lijst", "<li>- geen lijst</li>"),
        ("1. geen lijst", r"- 1\. geen lijst", "<li>1. geen lijst</li>"),
        ("> geen citaat", r"- \> geen citaat", "<li>&gt; geen citaat</li>"),
        ("{{ 7*7 }} {% if x %}", r"- {{ 7\*7 }} {% if x %}", "<li>{{ 7*7 }} {% if x %}</li>"),
        ("~~~ geen code", r"- \~~~ geen code", "<li>~~~ geen code</li>"),
        ("`geen code` *geen nadruk* [geen](link)", None, "<li>`geen code` *geen nadruk*"),
    ],
)
def test_text_from_the_data_is_data(
    workspace: Path, run: Run, item: str, in_md: str | None, in_html: str
) -> None:
    text = MONTH.read_text(encoding="utf-8")
    quoted = "'" + item.replace("'", "''") + "'"
    MONTH.write_text(text.replace("- Bij de docenten van Toptaal.", f"- {quoted}"), "utf-8")
    build(run, "--editie", "openbaar")
    md = output("2018-06", "openbaar", "md").read_text(encoding="utf-8")
    html = output("2018-06", "openbaar", "html").read_text(encoding="utf-8")
    if in_md is not None:
        assert in_md in md.splitlines()[md.splitlines().index("### Amsterdamse netwerken") + 2]
    assert in_html in html
    assert "<li>49" not in html and "<script>" not in html and "<mark>" not in html
    # the packaged templates' lean, section-at-a-time conversion is exactly full CommonMark's
    assert markdown_to_html(md, pakket=True) == markdown_to_html(md, pakket=False)


def test_packaged_markdown_converts_exactly_as_full_commonmark(workspace: Path, run: Run) -> None:
    build(run, "--format", "md")
    for editie in ("intern", "openbaar"):
        md = output("2018-06", editie, "md").read_text(encoding="utf-8")
        assert markdown_to_html(md, pakket=True) == markdown_to_html(md, pakket=False)


def test_table_cell_cannot_break_the_table(workspace: Path, run: Run) -> None:
    text = MONTH.read_text(encoding="utf-8")
    MONTH.write_text(
        text.replace("toelichting: duo, casussen: 6", 'toelichting: "a | b", casussen: 6'), "utf-8"
    )
    build(run, "--editie", "openbaar")
    html = output("2018-06", "openbaar", "html").read_text(encoding="utf-8")
    assert (
        '<td style="text-align:right">2 (a | b)</td>\n<td style="text-align:right">6</td>' in html
    )


def test_build_is_byte_identical(workspace: Path, run: Run) -> None:
    build(run)
    first = outputs()
    build(run)
    assert outputs() == first


def test_nothing_written_when_the_month_is_invalid(workspace: Path, run: Run) -> None:
    text = MONTH.read_text(encoding="utf-8")
    MONTH.write_text(text.replace("casussen: 14", "casussen: veertien"), "utf-8")
    code, out, err = run("build", "2018-06")
    assert code == 1
    assert "regiepartijen[5].casussen" in err
    assert out == ""
    assert not Path("build").exists()


def test_out_and_format(workspace: Path, run: Run) -> None:
    build(run, "--out", "elders", "--format", "html", "--editie", "intern")
    assert list(outputs(Path("elders"))) == ["intern/2018-06/maandmonitor-2018-06-intern.html"]
    assert not Path("build").exists()
    code, _, err = run("build", "2018-06", "--format", "rtf,md")
    assert code == 2 and "onbekend formaat 'rtf': kies uit md, html, pdf, docx, odt, data" in err


def test_workspace_templates_override_file_by_file(workspace: Path, run: Run) -> None:
    templates = workspace / "templates"
    templates.mkdir()
    (templates / "blokken.md.j2").write_text(
        (resources.files("maandmonitor") / "templates" / "blokken.md.j2")
        .read_text(encoding="utf-8")
        .replace(
            "{{ teken }} {{ item | tekst(editie) }}", "{{ teken }} >> {{ item | tekst(editie) }}"
        ),
        encoding="utf-8",
    )
    build(run, "--editie", "openbaar", "--format", "md,html")
    md = output("2018-06", "openbaar", "md").read_text(encoding="utf-8")
    assert "- >> Bij de docenten van Toptaal." in md
    assert "# Maandmonitor juni 2018" in md  # the other templates are the packaged ones
    # a workspace's own Markdown gets all of CommonMark, quotes too (the packaged need none)
    html = output("2018-06", "openbaar", "html").read_text(encoding="utf-8")
    assert "<li>\n<blockquote>\n<blockquote>\n<p>Bij de docenten van Toptaal.</p>" in html


@pytest.mark.parametrize("plek", ["{{ grafieken_plek }}", ""])
def test_a_template_without_places_for_its_charts_still_has_them(
    workspace: Path, run: Run, plek: str
) -> None:
    """A workspace's own copy of the figures' template from before the charts stood by their
    tables: its charts go where it says (`grafieken_plek`), or else before the annex."""
    templates = workspace / "templates"
    templates.mkdir()
    source = resources.files("maandmonitor") / "templates" / "persoonsgerichte_aanpak.md.j2"
    text = re.sub(r"\n\{\{ grafiek_plek\([^)]*\) \}\}\n", "", source.read_text("utf-8"))
    text = text.replace("{% if inzet.overleggen %}", f"{plek}\n\n{{% if inzet.overleggen %}}")
    (templates / "persoonsgerichte_aanpak.md.j2").write_text(text, encoding="utf-8")
    build(run, "--editie", "openbaar", "--format", "md,html")
    html = output("2018-06", "openbaar", "html").read_text(encoding="utf-8")
    assert 'class="tabel-en-grafiek"' not in html
    charts = [html.index(f'id="{c}-titel"') for c in ("meldingen", "gender", "risicocategorie")]
    assert charts == sorted(charts)
    after = html.index("Overleggen iPGA-R") if plek else html.index('<section class="bijlage">')
    assert html.index("Spreiding per stadsdeel") < charts[0] < charts[-1] < after
    assert "<!--" not in output("2018-06", "openbaar", "md").read_text(encoding="utf-8")


def test_a_template_that_prints_text_without_the_filter_stops_the_build(
    workspace: Path, run: Run
) -> None:
    templates = workspace / "templates"
    templates.mkdir()
    (templates / "blokken.md.j2").write_text(
        "{% macro items(lijst, editie, teken='-') %}{% for i in lijst %}- {{ i }}\n"
        "{% endfor %}{% endmacro %}{% macro blok(blok, editie, teken='-') %}"
        "{{ items(blok.items, editie) }}{% endmacro %}",
        encoding="utf-8",
    )
    code, out, err = run("build", "2018-06")
    assert code == 1
    assert "zonder het filter 'tekst(editie)'" in err
    assert "Traceback" not in err + out
    assert not Path("build").exists()


def test_default_templates_are_package_data() -> None:
    templates = resources.files("maandmonitor") / "templates"
    names = {t.name for t in templates.iterdir()}
    assert {"maandmonitor.md.j2", "maandmonitor.html.j2", "stijl.css"} <= names


def test_previous_month_column_comes_from_last_months_file(workspace: Path, run: Run) -> None:
    run("new", "2018-07")  # July leaves out vorige_maand: June's file has the figures
    fill_in_july_as_june_ended()
    code, _, err = run("build", "2018-07", "--editie", "openbaar", "--format", "md")
    assert (code, err) == (0, "")
    text = output("2018-07", "openbaar", "md").read_text(encoding="utf-8")
    assert "| Totaal aantal personen in regie | 55 | 55 |" in text
    assert "| Uitstroom | 4 | 0 |" in text
    assert "| 1. Terugkeerders | 8 | 8 |" in text


def test_outputs_are_ordinary_files(workspace: Path, run: Run) -> None:
    """Readable as the umask allows, like any file the user makes: fit to publish or share."""
    umask = os.umask(0)
    os.umask(umask)
    build(run)
    for path in (Path("build") / pad for pad in outputs()):
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask, path


def test_format_names_ignore_case_and_a_wrong_one_is_named(workspace: Path, run: Run) -> None:
    assert build(run, "--format", "MD") and output("2018-06", "intern", "md").is_file()
    code, _, err = run("build", "2018-06", "--format", "md,rtf")
    assert (code, err) == (
        2,
        "maandmonitor: onbekend formaat 'rtf': kies uit md, html, pdf, docx, odt, data\n",
    )


def test_compiled_templates_are_kept_apart_for_workspace_templates(
    workspace: Path, run: Run
) -> None:
    """Workspace templates switch on Jinja's sandbox, whose compiled code differs: a template
    compiled for one kind of environment must never be run by the other."""
    templates = workspace / "templates"
    templates.mkdir()
    (templates / "stijl.css").write_text("body { color: black; }", "utf-8")
    build(run)  # sandboxed: the packaged templates compiled for the sandbox
    sandboxed = output("2018-06", "openbaar", "md").read_bytes()
    (templates / "stijl.css").unlink()
    templates.rmdir()
    build(run)  # plain: must not pick up what the sandbox compiled
    assert output("2018-06", "openbaar", "md").read_bytes() == sandboxed


def test_a_label_and_the_text_after_it_cannot_start_a_block_together(
    workspace: Path, run: Run
) -> None:
    programma = Path("data/monitor.yaml")
    programma.write_text(programma.read_text("utf-8").replace("label: 5.1.2.c", "label: '1'"))
    text = MONTH.read_text(encoding="utf-8")
    MONTH.write_text(
        text.replace("- Bij de docenten van Toptaal.", '- "[[5.1.2.c]]. Geen lijst"'), "utf-8"
    )
    build(run, "--editie", "openbaar")
    md = output("2018-06", "openbaar", "md").read_text(encoding="utf-8")
    html = output("2018-06", "openbaar", "html").read_text(encoding="utf-8")
    assert "- 1\\. Geen lijst" in md.splitlines()
    naam = "gelakt op grond van 1"
    box = f'<span class="gelakt" role="img" aria-label="{naam}" title="{naam}">1</span>'
    assert f"<li>{box}. Geen lijst</li>" in html
