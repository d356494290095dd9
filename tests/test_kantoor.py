"""Word (DOCX) and ODF (ODT), both editions, made by pandoc from the same Markdown as the HTML:
read back with python-docx and pandoc, they hold the report and never a confidential text."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pypandoc
import pytest

from maandmonitor.render.docx import document_tekst

from .conftest import output

Run = Callable[..., tuple[int, str, str]]
MONTH = Path("data/2018-06.yaml")
CANARY = "Kanarie-geheim: dossier Vogelaar en Zn. te Osdorp"


def with_canary() -> None:
    text = MONTH.read_text(encoding="utf-8")
    MONTH.write_text(
        text.replace("- Bij de docenten van Toptaal.", f'- "Bij [[5.1.2.c: {CANARY}]] Toptaal."'),
        encoding="utf-8",
    )


def all_text(path: Path) -> str:
    """Every byte of every part, as text: a leak anywhere in the zip shows."""
    with zipfile.ZipFile(path) as archive:
        return "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())


@pytest.fixture
def built(workspace: Path, run: Run) -> Path:
    with_canary()
    code, _, err = run("build", "2018-06", "--format", "md,docx,odt")
    assert (code, err) == (0, "")
    return workspace


def test_docx_holds_the_report(built: Path) -> None:
    document = docx.Document(str(output("2018-06", "openbaar", "docx")))
    tekst = [(p.style.name, p.text) for p in document.paragraphs]
    assert tekst[:2] == [
        ("Title", "Maandmonitor juni 2018 (CONCEPT)"),
        ("Subtitle", "Openbare editie (Woo)"),
    ]
    assert ("Heading 1", "§ 3: Inzet op risico's") in tekst
    assert ("Heading 1", "Inventaris van de lakkingen") in tekst
    assert document.core_properties.title == "Maandmonitor juni 2018 (CONCEPT)"
    assert document.core_properties.language == "nl-NL"
    regiepartijen = next(
        t for t in document.tables if t.rows[0].cells[1].text == "Aantal regisseurs"
    )
    assert "w:tblHeader" in regiepartijen.rows[0]._tr.xml  # the header row repeats on each page
    assert [c.text for c in regiepartijen.rows[2].cells] == ["Politie", "22 (11 achtervang)", "8"]
    gelakt = [r.text for p in document.paragraphs for r in p.runs if r.style.name == "Gelakt"]
    assert gelakt.count("Buiten reikwijdte, casuïstiek") == 38
    assert {"5.1.2.c", "5.1.2.d", "5.1.2.e"} <= set(gelakt)
    sectie = document.sections[0]
    assert sectie.header.paragraphs[0].text == "CONCEPT"
    voet = sectie.footer.paragraphs[0]
    assert voet.text.startswith("Maandmonitor juni 2018 · Openbare editie (Woo) · peildatum 4 juli")
    assert "PAGE" in voet._p.xml and "NUMPAGES" in voet._p.xml
    alt = [s._inline.docPr.get("descr") for s in document.inline_shapes]
    assert alt == [
        "Meldingen, informatieverzoeken en adviesvragen per maand. Januari: 4; Februari: 2; "
        "Maart: 6; April: 4; Mei: 2; Juni: 6.",
        "Genderverdeling. Vrouw: 10; Man: 45.",
        "Verdeling van subjecten per risicocategorie. 1. Terugkeerders: Mei 10, Juni 8; "
        "2. Facilitators/ recruiters: Mei 2, Juni 2; 3. Uitreizigers: Mei 9, Juni 8; "
        "4. Potentiële uitreizigers: Mei 6, Juni 5; 5. Verijdelde uitreizigers: Mei 12, Juni 12; "
        "6. Overig radicaal: Mei 20, Juni 20.",
    ]


def test_odt_holds_the_report(built: Path) -> None:
    odt = output("2018-06", "openbaar", "odt")
    tekst = pypandoc.convert_file(str(odt), "plain", format="odt")
    assert tekst.startswith("Maandmonitor juni 2018 (CONCEPT)\n\nOpenbare editie (Woo)")
    assert "§ 3: Inzet op risico's" in tekst
    assert "5.1.2.c Dossier Scholten&Partners afgehandeld en afgesloten." in " ".join(tekst.split())
    with zipfile.ZipFile(odt) as archive:
        assert archive.namelist()[0] == "mimetype"
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        content = archive.read("content.xml").decode("utf-8")
        styles = archive.read("styles.xml").decode("utf-8")
    assert content.count('<text:span text:style-name="Gelakt">') == 42  # one with the canary
    assert "<svg:desc>Genderverdeling. Vrouw: 10; Man: 45.</svg:desc>" in content
    assert "CONCEPT</text:p>" in styles and "<text:page-number" in styles


@pytest.mark.parametrize("formaat", ["docx", "odt"])
def test_no_confidential_text_in_the_public_documents(built: Path, formaat: str) -> None:
    assert CANARY not in all_text(output("2018-06", "openbaar", formaat))
    assert "Kanarie" not in document_tekst(output("2018-06", "openbaar", formaat).read_bytes())
    assert CANARY in document_tekst(output("2018-06", "intern", formaat).read_bytes())


def test_internal_marks_are_styled(built: Path) -> None:
    document = docx.Document(str(output("2018-06", "intern", "docx")))
    marked = [r.text for p in document.paragraphs for r in p.runs if r.style.name == "Markering"]
    assert any(CANARY in m for m in marked)


@pytest.mark.parametrize("formaat", ["docx", "odt"])
def test_the_guard_reads_the_document(workspace: Path, run: Run, formaat: str) -> None:
    """The confidential text also stands unmarked elsewhere: only the document shows it, and
    the guard stops the build before anything is written."""
    with_canary()
    text = MONTH.read_text(encoding="utf-8")
    MONTH.write_text(text.replace("- Brede bijeenkomst rol van Broedersport.", f'- "{CANARY}"'))
    code, _, err = run("build", "2018-06", "--editie", "openbaar", "--format", formaat)
    assert code == 1
    assert f"maandmonitor-2018-06-openbaar.{formaat}; er is niets geschreven" in err
    assert CANARY not in err
    assert not Path("build/openbaar").exists()


def test_byte_identical_and_signed_off(workspace: Path, run: Run) -> None:
    run("build", "2018-06", "--format", "docx,odt")
    eerst = {f: output("2018-06", "openbaar", f).read_bytes() for f in ("docx", "odt")}
    for f in ("docx", "odt"):
        output("2018-06", "openbaar", f).unlink()
    run("build", "2018-06", "--format", "docx,odt")
    assert {f: output("2018-06", "openbaar", f).read_bytes() for f in ("docx", "odt")} == eerst
    text = MONTH.read_text(encoding="utf-8")
    MONTH.write_text(
        text.replace(
            "peildatum: 2018-07-04\n",
            "peildatum: 2018-07-04\nstatus: {vastgesteld_op: 2018-07-10, door: X}\n",
        )
    )
    run("build", "2018-06", "--format", "docx")
    document = docx.Document(str(output("2018-06", "openbaar", "docx")))
    assert document.paragraphs[0].text == "Maandmonitor juni 2018"
    assert document.sections[0].header.paragraphs[0].text == ""


def test_year_view_as_document(workspace: Path, run: Run) -> None:
    code, _, err = run("build", "2018", "--editie", "openbaar", "--format", "docx")
    assert (code, err) == (0, "")
    document = docx.Document(io.BytesIO(output("2018", "openbaar", "docx").read_bytes()))
    # June 2018 is not signed off: its public year view is a concept, as the month is
    assert document.paragraphs[0].text == "Maandmonitor 2018: jaaroverzicht (CONCEPT)"
    assert document.tables[0].rows[6].cells[1].text == "55"  # juni


def test_each_chart_follows_its_table(built: Path) -> None:
    document = docx.Document(str(output("2018-06", "openbaar", "docx")))
    body = list(document.element.body.iterchildren())
    charts = [i for i, element in enumerate(body) if "<w:drawing" in element.xml]
    assert len(charts) == 3
    assert all(body[i - 1].tag.endswith("}tbl") for i in charts)


def _zip(delen: dict[str, bytes]) -> bytes:
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w") as archief:
        for naam, data in delen.items():
            archief.writestr(naam, data)
    return uit.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
XML = b'<?xml version="1.0"?><doc><p titel="alt">zichtbaar</p></doc>'


def test_the_guard_skips_only_the_images_and_the_mimetype() -> None:
    """The parts pandoc writes that are not XML: the ODF's mimetype and the images (the PNG of a
    chart); an SVG image is read as XML."""
    tekst = document_tekst(
        _zip(
            {
                "mimetype": b"application/vnd.oasis.opendocument.text",
                "content.xml": XML,
                "Pictures/0.png": PNG,
                "word/media/rId22.png": PNG,
                "word/media/rId19.svg": b"<svg><title>grafiek</title></svg>",
            }
        ),
        "uit.odt",
    )
    assert "zichtbaar" in tekst and "alt" in tekst and "grafiek" in tekst


@pytest.mark.parametrize(
    ("naam", "data"),
    [
        ("word/embeddings/oleObject1.bin", CANARY.encode("utf-16")),  # Word shows it
        ("word/document2.xml", b"<w:t>" + CANARY.encode()),  # XML that does not close
        ("word/media/rId19.svg", b"<svg><title>" + CANARY.encode()),  # an image that is XML
        ("", b"PK\x05\x06 no zip"),  # not a zip at all
    ],
)
def test_a_part_the_guard_cannot_read_stops_it(naam: str, data: bytes) -> None:
    from maandmonitor.errors import MonitorError

    onleesbaar = _zip({"content.xml": XML, naam: data}) if naam else data
    with pytest.raises(MonitorError) as fout:
        document_tekst(onleesbaar, "uit.docx")
    [probleem] = fout.value.problems
    assert probleem.located().startswith("uit.docx: ")
    assert probleem.located().endswith(
        "laat zich niet lezen, dus niet controleren; er is niets geschreven"
    )
    assert CANARY not in probleem.located()


@pytest.mark.parametrize("formaat", ["docx", "odt"])
def test_a_document_with_a_part_the_guard_cannot_read_is_not_written(
    workspace: Path, run: Run, monkeypatch: pytest.MonkeyPatch, formaat: str
) -> None:
    """Whatever pandoc (or a later version of it) writes that is not XML, the build stops."""
    from maandmonitor.render import docx as kantoor

    with_canary()
    maak = kantoor.naar_document

    def met_een_deel(*args: object, **kwargs: object) -> bytes:
        document = maak(*args, **kwargs)  # type: ignore[arg-type]
        uit = io.BytesIO(document)
        with zipfile.ZipFile(uit, "a") as archief:
            archief.writestr("Object 1/content.bin", CANARY.encode("utf-16"))
        return uit.getvalue()

    monkeypatch.setattr(kantoor, "naar_document", met_een_deel)
    code, out, err = run("build", "2018-06", "--format", formaat)
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == (
        f"build/openbaar/2018-06/maandmonitor-2018-06-openbaar.{formaat}: het onderdeel "
        "Object 1/content.bin laat zich niet lezen, dus niet controleren; er is niets geschreven"
    )
    assert CANARY not in err
    assert not Path("build").exists()
