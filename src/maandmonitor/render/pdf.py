"""HTML → A4 PDF with WeasyPrint, and the text of a PDF for the guard (pypdf).

Both are imported only when a PDF is asked for: they are the optional extra `pdf`. The PDF is
byte-identical for identical HTML: WeasyPrint writes no creation date unless the HTML asks for
one, and the document identifier is fixed here. Nothing is fetched: the HTML is self-contained,
and any URL a template might add is refused.
"""

from __future__ import annotations

import io
from typing import Any

from ..errors import MonitorError, Problem

# The PDF's /ID: normally derived from the time; fixed, so that a rebuild gives the same bytes.
_PDF_ID = b"maandmonitor"


def _fout(message: str) -> MonitorError:
    return MonitorError([Problem("maandmonitor", 0, 0, "", message)])


def _weasyprint() -> Any:
    try:
        import weasyprint
    except ImportError:
        raise _fout(
            "PDF maken kan niet: WeasyPrint is niet geïnstalleerd "
            "(pip install 'maandmonitor[pdf]'); er is niets geschreven"
        ) from None
    except OSError as err:  # WeasyPrint loads Pango when it is imported
        raise _fout(
            "PDF maken kan niet: een systeembibliotheek van WeasyPrint ontbreekt "
            f"({err}); installeer ze met 'sudo make system-deps'; er is niets geschreven"
        ) from None
    return weasyprint


def html_naar_pdf(html: str) -> bytes:
    weasyprint = _weasyprint()
    geen_netwerk = weasyprint.urls.URLFetcher(allowed_protocols=())
    document = weasyprint.HTML(string=html, url_fetcher=geen_netwerk)
    # Tagged (structure for screen readers): a public PDF of a government must be accessible.
    pdf: bytes = document.write_pdf(pdf_identifier=_PDF_ID, pdf_tags=True)
    return pdf


def pdf_tekst(pdf: bytes) -> str:
    """The text of every page, for the guard."""
    try:
        from pypdf import PdfReader
    except ImportError:
        raise _fout(
            "de openbare PDF kan niet worden gecontroleerd: pypdf is niet geïnstalleerd "
            "(pip install 'maandmonitor[pdf]'); er is niets geschreven"
        ) from None
    reader = PdfReader(io.BytesIO(pdf))
    # Where WeasyPrint writes a font's own character map (a character without a glyph in the
    # fonts, e.g. a Symbol-font bullet pasted from Word), pypdf reads each character as a NUL
    # and the character: the NULs go, the text stays.
    return "\n".join(page.extract_text() for page in reader.pages).replace("\x00", "")
