"""A redaction in the public HTML (and PDF) is a visibly marked box with the ground and an
accessible name; the public Markdown keeps the reference's plain label."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .conftest import output

Run = Callable[..., tuple[int, str, str]]


def box(label: str, naam: str) -> str:
    return f'<span class="gelakt" role="img" aria-label="{naam}" title="{naam}">{label}</span>'


def test_public_html_boxes_every_redaction(workspace: Path, run: Run) -> None:
    code, _, err = run("build", "2018-06", "--editie", "openbaar")
    assert (code, err) == (0, "")
    html = output("2018-06", "openbaar", "html").read_text(encoding="utf-8")
    assert f"<li>{box('5.1.2.c', 'gelakt op grond van 5.1.2.c')} Dossier" in html
    assert f"<li>{box('5.1.2.d', 'gelakt op grond van 5.1.2.d')}</li>" in html
    assert f"<p>{box('5.1.2.e', 'gelakt op grond van 5.1.2.e')}</p>" in html  # a whole table
    buiten = "Buiten reikwijdte, casuïstiek"
    assert html.count(box(buiten, f"gelakt: {buiten}")) == 38
    md = output("2018-06", "openbaar", "md").read_text(encoding="utf-8")
    assert "- 5.1.2.c Dossier Scholten&Partners afgehandeld en afgesloten." in md.splitlines()
    assert not any(c in md for c in "\ue000\ue001\ue002")


def test_data_cannot_open_a_box(workspace: Path, run: Run) -> None:
    month = Path("data/2018-06.yaml")
    text = month.read_text(encoding="utf-8")
    month.write_text(
        text.replace("- Bij de docenten van Toptaal.", '- "Bij \\ue000de docenten\\ue002."'),
        encoding="utf-8",
    )
    code, _, err = run("build", "2018-06", "--editie", "openbaar")
    assert (code, err) == (0, "")
    html = output("2018-06", "openbaar", "html").read_text(encoding="utf-8")
    assert "<li>Bij \ue000de docenten\ue002.</li>" in html  # shown as the characters, no box
    md = output("2018-06", "openbaar", "md").read_text(encoding="utf-8")
    assert "- Bij &#xE000;de docenten&#xE002;." in md.splitlines()


def test_inventory_lists_every_redaction_with_its_place(workspace: Path, run: Run) -> None:
    code, _, err = run("build", "2018-06", "--format", "md,html")
    assert (code, err) == (0, "")
    html = output("2018-06", "openbaar", "html").read_text(encoding="utf-8")
    assert "Inventarislijst: elke lakking met haar vindplaats" in html
    rij = (
        '<tr>\n<th style="text-align:right" scope="row">4</th>\n<td>5.1.2.c</td>\n'
        "<td>passage</td>\n"
        "<td>§ 5: Robuuste organisatie</td>\n<td>Integriteit</td>\n<td>1</td>\n</tr>"
    )
    assert rij in html
    assert "<td>Leeftijdscategorieën</td>" in html
    assert html.count("<td>passage</td>") == 40 and html.count("<td>tabel</td>") == 1
    internal = output("2018-06", "intern", "md").read_text(encoding="utf-8")
    assert (
        "| 33 | Buiten reikwijdte, casuïstiek | passage | § 3: Inzet op risico's "
        "| Overleggen juni | 13 juni, tekst |" in internal
    )
    assert "De openbare editie onderdrukt geen aantallen." in internal
    assert "Inventarislijst" not in output("2018-06", "openbaar", "md").read_text("utf-8")


def test_internal_edition_lists_the_suppressed_cells(workspace: Path, run: Run) -> None:
    month = Path("data/2018-06.yaml")
    text = month.read_text(encoding="utf-8").replace(
        "    leeftijd: {gelakt: 5.1.2.e}",
        "    leeftijd: {tot_18: 2, 18_tot_23: 13, 23_tot_30: 20, 30_tot_40: 12, vanaf_40: 8}",
    )
    month.write_text(text, encoding="utf-8")
    code, _, err = run("build", "2018-06", "--format", "md")
    assert (code, err) == (0, "")
    internal = output("2018-06", "intern", "md").read_text(encoding="utf-8")
    assert "| Leeftijdscategorieën | juni | Jonger dan 18 jaar | 2 | primair |" in internal
    assert "| secundair |" in internal
    public = output("2018-06", "openbaar", "md").read_text(encoding="utf-8")
    assert "primair" not in public
