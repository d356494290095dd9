"""Markdown → Word (DOCX) and ODF (ODT) with pandoc, and the text of such a file for the guard.

The document is made from the same Markdown as the HTML, by the pandoc that the wheel
`pypandoc-binary` bundles (no system install; the optional extra `office`). Its styles, the
header and the footer come from the packaged reference documents (`templates/referentie.docx`,
`.odt`, made by tools/referentie.py): headings, tables with a repeated header row, the character
style `Gelakt` for a redaction's box, `Markering` for a marked passage of the internal edition,
CONCEPT in the header of a public edition not signed off, and "pagina N van M" in the footer.
The charts go in as SVG images with their description as alt text (with `rsvg-convert` on the
PATH, pandoc adds a PNG for Word versions that cannot show SVG).

The bytes are the same for the same Markdown: pandoc takes every timestamp from
SOURCE_DATE_EPOCH, set here to the peildatum.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import tempfile
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from ..errors import MonitorError, Problem
from ..options import Kantoorformaat
from .env import LAK_EINDE, LAK_GROND, LAK_OVERIG, MARK_END, MARK_START, md
from .plekken import in_volgorde, met_afbeeldingen

# CommonMark with pipe tables, as markdown-it reads it (raw HTML off), and [tekst]{...} spans:
# the template writes those for a box; data text cannot (`md` escapes '[').
_LEZER = "commonmark-raw_html+pipe_tables+bracketed_spans"
_KOP_EN_VOET = re.compile(r"(word/(header|footer)\d*\.xml|styles\.xml)")


@dataclass(frozen=True)
class Afbeelding:
    """A chart as a document takes it: the SVG, its alt text and its caption."""

    svg: str
    beschrijving: str
    titel: str


def _fout(message: str) -> MonitorError:
    return MonitorError([Problem("maandmonitor", 0, 0, "", message)])


def _pandoc() -> str:
    try:
        import pypandoc
    except ImportError:
        raise _fout(
            "DOCX of ODT maken kan niet: pypandoc-binary is niet geïnstalleerd "
            "(pip install 'maandmonitor[office]'); er is niets geschreven"
        ) from None
    return str(pypandoc.get_pandoc_path())


def voor_pandoc(
    markdown: str, afbeeldingen: Mapping[str, Afbeelding] | None = None
) -> tuple[str, list[Afbeelding]]:
    """The report's Markdown as pandoc gets it: without the title line (it becomes the document's
    title), each chart (by id) as an image at its place, as in the HTML, and the boxes and marks
    as spans; and the charts in the order the document shows them (`naar_document` numbers
    their files so)."""
    if markdown.startswith("# "):
        markdown = markdown.partition("\n\n")[2]
    alle = afbeeldingen or {}
    volgorde = [alle[id] for id in in_volgorde(markdown, alle)]
    beelden = {
        id: f"![{md(a.beschrijving)}](grafiek-{volgorde.index(a) + 1}.svg)\n\n{md(a.titel)}\n\n"
        for id, a in alle.items()
    }
    markdown = met_afbeeldingen(markdown, beelden)
    for teken in (LAK_GROND, LAK_OVERIG):
        markdown = markdown.replace(teken, "[")
    markdown = markdown.replace(LAK_EINDE, ']{custom-style="Gelakt"}')
    markdown = markdown.replace(MARK_START, "[" + MARK_START)
    markdown = markdown.replace(MARK_END, MARK_END + ']{custom-style="Markering"}')
    return markdown, volgorde


def _referentie(formaat: Kantoorformaat, kop: str, voet: str) -> bytes:
    """The packaged reference document with its header and footer filled in."""
    pakket = files("maandmonitor") / "templates" / f"referentie.{formaat}"
    bron = zipfile.ZipFile(io.BytesIO(pakket.read_bytes()))
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w") as doel:
        for info in bron.infolist():
            inhoud = bron.read(info)
            if _KOP_EN_VOET.fullmatch(info.filename):
                tekst = inhoud.decode("utf-8")
                tekst = tekst.replace("KOPTEKST", escape(kop)).replace("VOETTEKST", escape(voet))
                inhoud = tekst.encode("utf-8")
            doel.writestr(info, inhoud)
    return uit.getvalue()


def naar_document(
    markdown: str,
    formaat: Kantoorformaat,
    *,
    titel: str,
    ondertitel: str,
    kop: str,
    voet: str,
    afbeeldingen: Sequence[Afbeelding],
    datum: dt.date,
) -> bytes:
    """A DOCX or ODT of Markdown made by `voor_pandoc`. `titel`: the document's title (also its
    metadata); `kop`: the header on every page (CONCEPT or ""); `voet`: the footer's text."""
    pandoc = _pandoc()
    epoch = int(dt.datetime.combine(datum, dt.time(), dt.UTC).timestamp())
    with tempfile.TemporaryDirectory(prefix="maandmonitor-") as tijdelijk:
        map_ = Path(tijdelijk)
        (map_ / f"referentie.{formaat}").write_bytes(_referentie(formaat, kop, voet))
        (map_ / "pandoc").mkdir()  # its data folder: nothing of the user's own pandoc set-up
        for i, afbeelding in enumerate(afbeeldingen, start=1):
            (map_ / f"grafiek-{i}.svg").write_text(afbeelding.svg, encoding="utf-8")
        commando = [
            pandoc,
            f"--from={_LEZER}",
            f"--to={formaat}",
            "--data-dir=pandoc",
            f"--reference-doc=referentie.{formaat}",
            "--shift-heading-level-by=-1",  # '## § 1' is a chapter: Heading 1
            f"--metadata=title:{titel}",
            f"--metadata=subtitle:{ondertitel}",
            "--metadata=lang:nl-NL",
            f"--output=uit.{formaat}",
        ]
        try:
            gedaan = subprocess.run(
                commando,
                input=markdown.encode("utf-8"),
                cwd=map_,
                capture_output=True,
                env={"SOURCE_DATE_EPOCH": str(epoch), "PATH": os.environ.get("PATH", "")},
                check=False,
            )
        except OSError as err:
            raise _fout(
                f"{formaat.upper()} maken kan niet: pandoc start niet ({err.strerror})"
            ) from None
        if gedaan.returncode != 0:  # its message is not shown: it may quote the text
            raise _fout(
                f"{formaat.upper()} maken is mislukt (pandoc, exitcode {gedaan.returncode}); "
                "er is niets geschreven"
            )
        gemaakt = (map_ / f"uit.{formaat}").read_bytes()
    return _alt_in_odt(gemaakt, afbeeldingen) if formaat == "odt" else gemaakt


_FRAME = re.compile(r'(<draw:frame draw:name="img(\d+)"[^>]*>.*?)(</draw:frame>)', re.DOTALL)


def _alt_in_odt(odt: bytes, afbeeldingen: Sequence[Afbeelding]) -> bytes:
    """pandoc's ODF writer gives an image no alt text: each chart's frame gets its title and
    description (svg:title, svg:desc), as LibreOffice writes them. The zip is copied entry by
    entry, in order and with the same dates, so the bytes stay reproducible."""

    def alt(match: re.Match[str]) -> str:
        beeld = afbeeldingen[int(match.group(2)) - 1]
        naam, uitleg = escape(beeld.titel), escape(beeld.beschrijving)
        beschreven = f"<svg:title>{naam}</svg:title><svg:desc>{uitleg}</svg:desc>"
        return match.group(1) + beschreven + match.group(3)

    bron = zipfile.ZipFile(io.BytesIO(odt))
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w") as doel:
        for info in bron.infolist():
            inhoud = bron.read(info)
            if info.filename == "content.xml" and afbeeldingen:
                inhoud = _FRAME.sub(alt, inhoud.decode("utf-8")).encode("utf-8")
            doel.writestr(info, inhoud)
    return uit.getvalue()


# The parts of a DOCX or ODT that are not XML and hold no text: the ODF's mimetype, the images
# pandoc puts in (word/media/, Pictures/; the PNG that rsvg-convert makes of a chart), and the
# thumbnails an office program may add. An SVG image is XML, and read.
_BINAIR = re.compile(
    r"mimetype|(?:word/media|Pictures)/[^/]+\.(?:png|jpe?g|gif|bmp|tiff?|emf|wmf)"
    r"|Thumbnails/thumbnail\.png|docProps/thumbnail\.(?:jpe?g|png|emf|wmf)",
    re.IGNORECASE,
)


def document_tekst(inhoud: bytes, bestand: str = "maandmonitor") -> str:
    """Everything a reader of a DOCX or ODT can see, for the guard: the text and every attribute
    (alt text, title, metadata) of every XML part (the body, headers, footers, comments, the
    document's properties, the SVG images), read twice: with the text pieces joined as they are
    (a passage split over runs) and with a space between them. Any part but a known image that
    cannot be read as XML stops the build (`bestand`: the document, for the message): what the
    guard cannot read, it cannot clear."""
    stukken: list[str] = []
    try:
        archief = zipfile.ZipFile(io.BytesIO(inhoud))
    except zipfile.BadZipFile:
        raise _onleesbaar(bestand, "het document") from None
    with archief:
        for info in archief.infolist():
            if info.is_dir() or _BINAIR.fullmatch(info.filename):
                continue
            try:
                wortel = ElementTree.fromstring(archief.read(info))
            except (
                ElementTree.ParseError,
                zipfile.BadZipFile,
                zlib.error,
                NotImplementedError,
                RuntimeError,
                EOFError,
            ):
                raise _onleesbaar(bestand, f"het onderdeel {info.filename}") from None
            for element in wortel.iter():
                stukken += [element.text or "", *element.attrib.values(), element.tail or ""]
    return "".join(stukken) + "\n" + " ".join(stukken)


def _onleesbaar(bestand: str, wat: str) -> MonitorError:
    return MonitorError(
        [
            Problem(
                bestand,
                0,
                0,
                "",
                f"{wat} laat zich niet lezen, dus niet controleren; er is niets geschreven",
            )
        ]
    )
