"""The text of a PDF, as the guard reads it: every page (pypdf), and every text outside the pages
(pikepdf: alt texts, the document information, the XMP).

pypdf reads the pages in the order they are drawn and joins what is drawn as one run, as a reader
who copies or searches the file gets it. poppler's `pdftotext` would read the report ten times
faster, but sees less: it drops every character outside the page box (text a stylesheet moved
off the page is still in the file) and reads letter-spaced text as single letters ("G E H E I
M"), so a passage set that way is not found. docs/pdf.md has the figures; tests/test_pdf_snel.py
shows the guard finding both. The reading is not on the build's critical path where it matters
anyway: with two cores the public edition's worker does it while the internal edition is laid
out (edities.py).
"""

from __future__ import annotations

import io


def pdf_tekst(pdf: bytes) -> str:
    """The text of every page, then every text outside them, for the guard."""
    return paginatekst(pdf) + "\n" + tekst_buiten_paginas(pdf)


def paginatekst(pdf: bytes) -> str:
    """The pages' text."""
    from pypdf import PdfReader  # present: vereis_pdf made sure before anything was made

    reader = PdfReader(io.BytesIO(pdf))
    # Where WeasyPrint writes a font's own character map (a character without a glyph in the
    # fonts, e.g. a Symbol-font bullet pasted from Word), pypdf reads each character as a NUL
    # and the character: the NULs go, the text stays.
    return "\n".join(page.extract_text() for page in reader.pages).replace("\x00", "")


# Where a PDF holds text a reader can get at besides the pages: alt text, actual text, expansions,
# titles of structure elements and fields, the document information.
_TEKSTSLEUTELS = (
    "/Alt",
    "/ActualText",
    "/E",
    "/T",
    "/TU",
    "/Title",
    "/Subject",
    "/Author",
    "/Keywords",
)


def tekst_buiten_paginas(pdf: bytes) -> str:
    """Every text of the PDF outside its pages: the structure tree's alternatives, the
    document information and the XMP metadata."""
    import pikepdf

    stukken = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for obj in document.objects:
            if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                stukken += [
                    str(obj[k]) for k in _TEKSTSLEUTELS if isinstance(obj.get(k), pikepdf.String)
                ]
        stukken += [str(waarde) for _, waarde in document.docinfo.items()]
        if "/Metadata" in document.Root:
            stukken.append(document.Root.Metadata.read_bytes().decode("utf-8", "replace"))
    return "\n".join(stukken)
