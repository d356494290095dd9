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
