"""What comes from monitor.yaml: the programme's wording, house style and charts, and whether it has
a person-centred approach at all. The package itself only has neutral defaults."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest

from .conftest import amsterdams, gevonden, output

Run = Callable[..., tuple[int, str, str]]
MONITOR = Path("data/monitor.yaml")
MONTH = Path("data/2018-06.yaml")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def without(path: Path, start: str, end: str) -> None:
    """Remove the lines from the one starting with `start` to the one before `end`."""
    text = path.read_text("utf-8")
    path.write_text(text[: text.index(start)] + text[text.index(end) :], "utf-8")


def public_md(run: Run, maand: str = "2018-06") -> str:
    code, _, err = run("build", maand, "--editie", "openbaar", "--format", "md,html")
    assert (code, err) == (0, "")
    return output(maand, "openbaar", "md").read_text("utf-8")


# --- wording ------------------------------------------------------------------------------------


def test_without_wording_of_its_own_the_report_says_neutral_dutch(
    workspace: Path, run: Run
) -> None:
    without(MONITOR, "# De woorden van de rapportage", "# De huisstijl")
    md = public_md(run)
    lines = md.splitlines()
    assert (
        "Voor u ligt de maandmonitor over de maand juni 2018 van het programma Aanpak "
        "Radicalisering en Polarisation." in lines
    )
    assert "De monitor is ingedeeld in vijf secties:" in lines  # counted, never written
    assert "### Aantal meldingen bij het meldpunt" in lines
    assert "| Personen on hold | 2 | 2 |" in lines
    assert "| Uitstroom sinds vorige maand | 0 | 4 |" in lines
    assert "### Overleggen van de persoonsgerichte aanpak in juni:" in lines
    assert (
        "Het aantal vrouwen in de persoonsgerichte aanpak is momenteel 10 (18,2 %) en het aantal "
        "mannen is 45 (81,8 %)." in lines
    )
    html = output("2018-06", "openbaar", "html").read_text("utf-8")
    assert 'id="meldingen-titel">Meldingen per maand</title>' in html


def test_wording_of_its_own_is_plain_text(workspace: Path, run: Run) -> None:
    edit(MONITOR, "aanpak: de iPGA-R", 'aanpak: "de *PGA* {{ 7*7 }} <b>"')
    edit(
        MONITOR,
        'overleggen: "Overleggen iPGA-R in {maand}:"',
        'overleggen: "{aanpak}: {maand} {jaar}"',
    )
    md = public_md(run)
    assert "### de \\*PGA\\* {{ 7\\*7 }} \\<b\\>: juni 2018" in md.splitlines()
    html = output("2018-06", "openbaar", "html").read_text("utf-8")
    assert "<h3>de *PGA* {{ 7*7 }} &lt;b&gt;: juni 2018</h3>" in html
    assert "49" not in re.findall(r"<h3>[^<]*</h3>", html)[-1]


def test_the_sentence_of_a_breakdown_names_every_category(workspace: Path, run: Run) -> None:
    edit(
        MONITOR,
        "      - {id: man, label: Man, in_zin: mannen}\n",
        ("      - {id: man, label: Man, in_zin: mannen}\n      - {id: x, label: Anders}\n"),
    )
    edit(
        MONITOR,
        "      - {id: vrouw, label: Vrouw, in_zin: vrouwen}",
        "      - {id: vrouw, label: Vrouw}",
    )
    edit(
        MONITOR,
        'volgende: "het aantal {wie} is {aantal} ({procent})"',
        'volgende: "{wie}: {aantal}"',
    )
    edit(MONTH, "gender: {vrouw: 10, man: 45}", "gender: {vrouw: 10, man: 40, x: 5}")
    assert (
        "Het aantal Vrouw in de iPGA-R is momenteel 10 (18,2 %), mannen: 40 en Anders: 5."
        in public_md(run).splitlines()
    )


def test_an_unknown_placeholder_is_a_located_error(workspace: Path, run: Run) -> None:
    edit(
        MONITOR,
        'meldingen: "Aantal meldingen, informatieverzoeken en adviesvragen bij {meldpunt}"',
        ('meldingen: "Aantal bij {meldpunten}"'),
    )
    code, _, err = run("validate")
    assert code == 1
    assert err.splitlines()[0] == (
        "data/monitor.yaml:17:14: bewoording.meldingen: onbekende plaatshouder {meldpunten}; "
        "hier bekend: {meldpunt}"
    )


# --- house style --------------------------------------------------------------------------------


def test_the_house_style_is_the_workspaces(workspace: Path, run: Run) -> None:
    public_md(run)
    html = output("2018-06", "openbaar", "html").read_text("utf-8")
    assert '--accent: #ec0000;\n  --lettertype: "Amsterdam Sans", Arial' in html
    assert 'fill="#ec0000"' in html  # this month's bars
    without(MONITOR, "# De huisstijl", "secties:")
    public_md(run)
    html = output("2018-06", "openbaar", "html").read_text("utf-8")
    assert "#ec0000" not in html and "Amsterdam Sans" not in html
    assert "--accent: #1f6f43;\n  --lettertype: Arial," in html


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('kleur: "#ec0000"', "kleur: rood", "huisstijl.kleur: geen kleur: verwacht #rrggbb"),
        (
            "lettertype: Amsterdam Sans",
            'lettertype: "x\\"; } body { color: red"',
            ("huisstijl.lettertype: geen naam van een lettertype"),
        ),
    ],
)
def test_a_house_style_that_could_leave_its_css_is_refused(
    workspace: Path, run: Run, old: str, new: str, message: str
) -> None:
    edit(MONITOR, old, new)
    code, _, err = run("build", "2018-06")
    assert code == 1 and message in err
    assert not Path("build").exists()


def test_no_packaged_file_holds_a_programmes_own_words() -> None:
    """Every programme's wording comes from its workspace: the package has neutral defaults.
    Looked for: the reference's own wording as derived from its monitor.yaml (`amsterdams`), and
    the names it cannot derive (its city, its programme)."""
    package = resources.files("maandmonitor")
    woorden = (*amsterdams(), "iPGA", "pijler", "Amsterdam")
    found = []
    for path in Path(str(package)).rglob("*"):
        if path.is_file() and path.suffix in {".py", ".j2", ".css", ".yaml", ".json", ".txt"}:
            text = path.read_text("utf-8")
            found += [f"{path.name}: {w}" for w in gevonden(text, woorden)]
    assert found == []


# --- charts -------------------------------------------------------------------------------------


def charts(html: str) -> list[str]:
    return re.findall(r'aria-labelledby="([a-z0-9_.-]+)-titel', html)


def test_every_breakdown_with_figures_gets_its_chart(workspace: Path, run: Run) -> None:
    ages = "{tot_18: 5, 18_tot_23: 10, 23_tot_30: 15, 30_tot_40: 15, vanaf_40: 10}"
    edit(MONTH, "leeftijd: {gelakt: 5.1.2.e}", f"leeftijd: {ages}")
    code, _, _ = run("build", "2018-06", "--editie", "intern", "--format", "html")
    assert code == 0
    html = output("2018-06", "intern", "html").read_text("utf-8")
    assert charts(html) == ["meldingen", "gender", "leeftijd", "risicocategorie"]


@pytest.mark.parametrize(
    ("grafiek", "message"),
    [
        (
            "{maand: lijnen}",
            "uitsplitsingen[3].grafiek.maand: onbekende keuze 'lijnen'; toegestaan: "
            "'gegroepeerd', 'staven' of 'geen'",
        ),
        (
            "{jaar: taart}",
            "uitsplitsingen[3].grafiek.jaar: onbekende keuze 'taart'; toegestaan: 'lijnen', "
            "'staven' of 'geen'",
        ),
    ],
)
def test_an_unknown_chart_is_said_in_dutch(
    workspace: Path, run: Run, grafiek: str, message: str
) -> None:
    edit(MONITOR, "    genummerd: true\n", f"    genummerd: true\n    grafiek: {grafiek}\n")
    code, _, err = run("validate")
    assert code == 1
    [regel] = err.splitlines()
    assert regel.startswith("data/monitor.yaml:") and regel.endswith(message)


def test_what_is_charted_and_how_is_the_workspaces(workspace: Path, run: Run) -> None:
    edit(
        MONITOR,
        "    onderdrukking: {aan: false, drempel: 3}\n    zin:",
        ("    onderdrukking: {aan: false, drempel: 3}\n    grafiek: {maand: geen}\n    zin:"),
    )
    edit(
        MONITOR,
        "    genummerd: true\n",
        ("    genummerd: true\n    grafiek: {maand: staven, titel: Risico's nu}\n"),
    )
    code, _, _ = run("build", "2018-06", "--editie", "intern", "--format", "html")
    assert code == 0
    html = output("2018-06", "intern", "html").read_text("utf-8")
    assert charts(html) == ["meldingen", "risicocategorie"]
    risico = html[html.index('id="risicocategorie-titel"') :]
    assert risico.startswith('id="risicocategorie-titel">Risico&#39;s nu</title>')
    assert "Juni 8" not in risico and "Mei" not in risico  # this month only, no legend


# --- a programme without a person-centred approach ---------------------------------------------

ALLEEN_ACTIVITEITEN = """\
titel: Maandmonitor
programma: Programma Jeugd
organisatie: Gemeente Voorbeeld
secties:
  - {id: preventie, nummer: 1, titel: Preventie, omschrijving: Voorkomen.}
  - {id: zorg, nummer: 2, titel: Zorg, omschrijving: Helpen.}
lakgronden:
  - {id: 5.1.2.e, label: 5.1.2.e, weigeringsgrond: true, omschrijving: Persoonlijke levenssfeer}
"""

MEI = """\
maand: 2024-05
peildatum: 2024-06-03
activiteiten:
  preventie:
    - kop: Scholen
      items: ["Voorlichting op drie scholen.", "[[5.1.2.e]]"]
"""


@pytest.fixture
def activiteiten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "monitor.yaml").write_text(ALLEEN_ACTIVITEITEN, "utf-8")
    (tmp_path / "data" / "2024-05.yaml").write_text(MEI, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_programme_without_a_person_centred_approach(activiteiten: Path, run: Run) -> None:
    code, out, err = run("validate")
    assert (code, err) == (0, "")
    ids = [r.split()[1] for r in out.splitlines()[1:]]
    # no rule about figures it does not have
    assert ids == [
        "peildatum-na-maand",
        "peildatum-tijdig",
        "vaststelling-na-peildatum",
        "geen-getypt-percentage",
        "persoonsgegevens",
    ]
    md = public_md(run, "2024-05")
    assert "De monitor is ingedeeld in twee secties:" in md.splitlines()
    assert "- Voorlichting op drie scholen." in md.splitlines()
    assert "regie" not in md and "Subjecten" not in md and "|--:|" not in md.replace("--:|--:", "")
    html = output("2024-05", "openbaar", "html").read_text("utf-8")
    assert "<svg" not in html


def test_no_figures_block_where_the_programme_has_none(activiteiten: Path, run: Run) -> None:
    month = Path("data/2024-05.yaml")
    month.write_text(MEI + "inzet_op_risicos: {personen_in_regie: {totaal: 1}}\n", "utf-8")
    code, _, err = run("validate")
    assert code == 1
    assert err.splitlines()[0] == (
        "data/2024-05.yaml:7:1: inzet_op_risicos: dit programma heeft geen persoonsgerichte aanpak "
        "(geen sectie met persoonsgerichte_aanpak: true in monitor.yaml): haal dit blok weg"
    )


def test_without_figures_there_is_no_year_view(activiteiten: Path, run: Run) -> None:
    code, out, err = run("build", "2024")
    assert (code, out) == (2, "")
    assert err.startswith("maandmonitor: geen jaaroverzicht 2024: dat toont de cijfers")
    code, out, _ = run("build", "--all")
    assert code == 0
    assert out.splitlines() == ["2024-05  gemaakt", "index    gemaakt", "2 gemaakt, 0 ongewijzigd"]
    # the archive page lists the month, and no year and no figures
    page = Path("build/openbaar/index.html").read_text(encoding="utf-8")
    assert 'href="2024-05/maandmonitor-2024-05-openbaar.html"' in page
    assert "<h2>Jaren</h2>" not in page and "<svg" not in page


def test_the_figures_stand_in_one_section_at_most(workspace: Path, run: Run) -> None:
    edit(
        MONITOR,
        "    omschrijving: De robuuste organisatie.\n",
        ("    omschrijving: De robuuste organisatie.\n    persoonsgerichte_aanpak: true\n"),
    )
    code, _, err = run("validate")
    assert code == 1
    assert err.splitlines()[0].endswith(
        "secties[4].persoonsgerichte_aanpak: al bij sectie 'inzet_op_risicos': de cijfers van de "
        "persoonsgerichte aanpak staan in hoogstens één sectie"
    )


def test_new_month_without_figures(activiteiten: Path, run: Run) -> None:
    code, out, _ = run("new", "2024-06")
    assert code == 0
    assert "  - activiteiten: de opsommingen (items) van 1 blok" in out.splitlines()
    text = Path("data/2024-06.yaml").read_text("utf-8")
    assert "inzet_op_risicos" not in text
    assert '  preventie:\n    - kop: "Scholen"\n      items: []\n' in text
    Path("data/2024-06.yaml").write_text(text.replace("items: []", 'items: ["Gedaan."]'), "utf-8")
    assert run("validate", "2024-06")[0] == 0


def test_without_figures_the_data_package_has_only_the_inventory(
    activiteiten: Path, run: Run
) -> None:
    code, _, err = run("build", "2024-05", "--editie", "openbaar", "--format", "data")
    assert (code, err) == (0, "")
    data = Path("build/openbaar/2024-05/data")
    assert sorted(p.name for p in data.iterdir()) == ["datapackage.json", "inventaris.csv"]
    pakket = json.loads((data / "datapackage.json").read_text("utf-8"))
    assert [r["name"] for r in pakket["resources"]] == ["inventaris"]


def test_breakdowns_and_partners_without_figures_are_a_warning(
    activiteiten: Path, run: Run
) -> None:
    """They only apply to the figures block, which a programme without a person-centred
    approach does not have: configured there, they do nothing, and validate says so."""
    Path("data/monitor.yaml").write_text(
        ALLEEN_ACTIVITEITEN
        + "regiepartijen: [Politie]\n"
        + "uitsplitsingen:\n"
        + "  - {id: gender, titel: Gender, categorieen: [{id: man, label: Man}]}\n",
        "utf-8",
    )
    niet_gebruikt = (
        "wordt niet gebruikt: geen sectie in monitor.yaml heeft persoonsgerichte_aanpak: true, "
        "dus er zijn geen cijfers; haal het weg, of zet persoonsgerichte_aanpak: true bij de "
        "sectie met de cijfers"
    )
    code, out, err = run("validate")
    assert code == 0
    assert err.splitlines() == [
        f"data/monitor.yaml:9:1: waarschuwing: regiepartijen: {niet_gebruikt}",
        f"data/monitor.yaml:10:1: waarschuwing: uitsplitsingen: {niet_gebruikt}",
    ]
    assert run("validate", "--strict")[0] == 1
    code, out, _ = run("validate", "--format", "json")
    assert [p["ernst"] for p in json.loads(out)["programma"]] == ["waarschuwing"] * 2
    code, _, err = run("build", "2024-05")
    assert code == 0 and len(err.splitlines()) == 2
    code, _, err = run("list")  # the overview of the archive says it too
    assert code == 0
    assert err.splitlines() == [
        f"data/monitor.yaml:9:1: waarschuwing: regiepartijen: {niet_gebruikt}",
        f"data/monitor.yaml:10:1: waarschuwing: uitsplitsingen: {niet_gebruikt}",
    ]


def test_one_section_is_said_in_the_singular(activiteiten: Path, run: Run) -> None:
    edit(
        Path("data/monitor.yaml"),
        "  - {id: zorg, nummer: 2, titel: Zorg, omschrijving: Helpen.}\n",
        "",
    )
    md = public_md(run, "2024-05")
    assert "De monitor is ingedeeld in één sectie:" in md.splitlines()
