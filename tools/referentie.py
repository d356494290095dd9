"""Make the reference documents pandoc takes the styles of Word and ODF output from:
src/maandmonitor/templates/referentie.docx and referentie.odt.

Run after changing the house style here: `.venv/bin/python tools/referentie.py` (needs the
`dev` extra, for python-docx). Each starts from pandoc's own default reference document (so every
style pandoc uses exists) and adds: A4 pages, headings and tables in the house style, the
character styles `Gelakt` (a redaction: a dark box with the ground) and `Markering` (a marked
passage of the internal edition), a header with KOPTEKST (CONCEPT, or nothing) and a footer with
VOETTEKST and "pagina N van M". render/docx.py fills KOPTEKST and VOETTEKST in per document.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pypandoc
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

HIER = Path(__file__).resolve().parent.parent / "src" / "maandmonitor" / "templates"
ROOD, TEKST, GRIJS = RGBColor(0xEC, 0, 0), RGBColor(0x1D, 0x1D, 0x1B), RGBColor(0x59, 0x59, 0x59)
# Fixed zip timestamps: the reference documents are part of the package's hash.
DATUM = (2018, 1, 1, 0, 0, 0)


def _standaard(naam: str) -> bytes:
    pandoc = pypandoc.get_pandoc_path()
    uit = subprocess.run(
        [pandoc, "--print-default-data-file", naam], check=True, capture_output=True
    )
    return uit.stdout


def _veld(paragraaf: Paragraph, code: str) -> None:
    """A field (PAGE, NUMPAGES) in a paragraph: Word fills it in on every page."""
    run = paragraaf.add_run()
    for soort, tekst in (("begin", None), (None, code), ("end", None)):
        if soort:
            teken = OxmlElement("w:fldChar")
            teken.set(qn("w:fldCharType"), soort)
            run._r.append(teken)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {tekst} "
            run._r.append(instr)


def _rand(element: OxmlElement, tag: str, kleur: str, zijden: tuple[str, ...]) -> None:
    randen = OxmlElement(tag)
    for zijde in zijden:
        rand = OxmlElement(f"w:{zijde}")
        rand.set(qn("w:val"), "single")
        rand.set(qn("w:sz"), "6")
        rand.set(qn("w:space"), "0")
        rand.set(qn("w:color"), kleur)
        randen.append(rand)
    element.append(randen)


def maak_docx() -> bytes:
    document = docx.Document(io.BytesIO(_standaard("reference.docx")))
    stijlen = document.styles
    for naam in ("Normal", "Body Text", "First Paragraph", "Compact"):
        if naam in [s.name for s in stijlen]:
            stijlen[naam].font.name = "Arial"
            stijlen[naam].font.size = Pt(10.5)
            stijlen[naam].font.color.rgb = TEKST
    for niveau, grootte in ((1, 16), (2, 13), (3, 11)):
        kop = stijlen[f"Heading {niveau}"]
        kop.font.name, kop.font.size, kop.font.bold = "Arial", Pt(grootte), True
        kop.font.color.rgb = TEKST
    stijlen["Title"].font.name = "Arial"
    stijlen["Title"].font.color.rgb = TEKST
    _rand(stijlen["Heading 1"].element.get_or_add_pPr(), "w:pBdr", "EC0000", ("bottom",))
    gelakt = stijlen.add_style("Gelakt", WD_STYLE_TYPE.CHARACTER)
    gelakt.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    arcering = OxmlElement("w:shd")
    arcering.set(qn("w:val"), "clear")
    arcering.set(qn("w:color"), "auto")
    arcering.set(qn("w:fill"), "1D1D1B")
    gelakt.element.get_or_add_rPr().append(arcering)
    markering = stijlen.add_style("Markering", WD_STYLE_TYPE.CHARACTER)
    geel = OxmlElement("w:shd")
    geel.set(qn("w:val"), "clear")
    geel.set(qn("w:color"), "auto")
    geel.set(qn("w:fill"), "FFE9A8")
    markering.element.get_or_add_rPr().append(geel)
    tabel = stijlen["Table"].element
    tblPr = tabel.find(qn("w:tblPr"))
    if tblPr is None:
        tblPr = OxmlElement("w:tblPr")
        tabel.append(tblPr)
    _rand(tblPr, "w:tblBorders", "D4D4D4", ("top", "bottom", "insideH"))

    sectie = document.sections[0]
    sectie.page_width, sectie.page_height = Mm(210), Mm(297)
    sectie.left_margin = sectie.right_margin = Mm(16)
    sectie.top_margin, sectie.bottom_margin = Mm(18), Mm(20)
    kop = sectie.header.paragraphs[0]
    kop.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = kop.add_run("KOPTEKST")
    run.bold, run.font.size, run.font.color.rgb = True, Pt(14), RGBColor(0xB3, 0, 0)
    voet = sectie.footer.paragraphs[0]
    voet.add_run("VOETTEKST · pagina ")
    _veld(voet, "PAGE")
    voet.add_run(" van ")
    _veld(voet, "NUMPAGES")
    for run in voet.runs:
        run.font.size, run.font.color.rgb = Pt(8), GRIJS
    uit = io.BytesIO()
    document.save(uit)
    return _vaste_datum(uit.getvalue())


_ODT_STIJLEN = """
    <style:style style:name="Gelakt" style:family="text">
      <style:text-properties fo:color="#ffffff" fo:background-color="#1d1d1b"
      fo:border="0.5pt solid #1d1d1b" />
    </style:style>
    <style:style style:name="Markering" style:family="text">
      <style:text-properties fo:background-color="#ffe9a8" />
    </style:style>
  </office:styles>"""

_ODT_PAGINA = """<style:master-page style:name="Standard"
    style:page-layout-name="Mpm1">
      <style:header>
        <text:p text:style-name="MP2">KOPTEKST</text:p>
      </style:header>
      <style:footer>
        <text:p text:style-name="MP1">VOETTEKST · pagina <text:page-number
        text:select-page="current">1</text:page-number> van <text:page-count
        >1</text:page-count></text:p>
      </style:footer>
    </style:master-page>"""


def maak_odt() -> bytes:
    bron = zipfile.ZipFile(io.BytesIO(_standaard("reference.odt")))
    stijlen = bron.read("styles.xml").decode("utf-8")
    stijlen = stijlen.replace("  </office:styles>", _ODT_STIJLEN, 1)
    stijlen = re.sub(
        r"<style:master-page style:name=\"Standard\".*?</style:master-page>",
        _ODT_PAGINA,
        stijlen,
        flags=re.DOTALL,
    )
    stijlen = stijlen.replace(
        '<style:style style:name="MP1" style:family="paragraph"',
        '<style:style style:name="MP2" style:family="paragraph" style:parent-style-name="Header">'
        '<style:paragraph-properties fo:text-align="center" />'
        '<style:text-properties fo:font-size="14pt" fo:font-weight="bold" fo:color="#b30000" />'
        "</style:style>\n"
        '    <style:style style:name="MP1" style:family="paragraph"',
    )
    stijlen = stijlen.replace('fo:page-width="8.5in"', 'fo:page-width="210mm"')
    stijlen = stijlen.replace('fo:page-height="11in"', 'fo:page-height="297mm"')
    stijlen = stijlen.replace(
        "<style:header-style />",
        '<style:header-style><style:header-footer-properties fo:min-height="0.4in" '
        'fo:margin-bottom="0.2in" /></style:header-style>',
    )
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w") as doel:
        for info in bron.infolist():
            inhoud = stijlen.encode("utf-8") if info.filename == "styles.xml" else bron.read(info)
            soort = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            doel.writestr(zipfile.ZipInfo(info.filename, DATUM), inhoud, soort)
    return uit.getvalue()


def _vaste_datum(zip_bytes: bytes) -> bytes:
    bron = zipfile.ZipFile(io.BytesIO(zip_bytes))
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as doel:
        for info in bron.infolist():
            doel.writestr(zipfile.ZipInfo(info.filename, DATUM), bron.read(info))
    return uit.getvalue()


if __name__ == "__main__":
    (HIER / "referentie.docx").write_bytes(maak_docx())
    (HIER / "referentie.odt").write_bytes(maak_odt())
    print(f"geschreven: {HIER / 'referentie.docx'}, {HIER / 'referentie.odt'}")
