"""HTML → A4 PDF with WeasyPrint, and the text of a PDF for the guard (pypdf).

Both are imported only when a PDF is asked for: they are the optional extra `pdf`, and WeasyPrint
needs Pango from the system (`make system-deps`). `vereis_pdf` says, before anything is checked
or made, what is missing. The PDF is byte-identical for identical HTML: WeasyPrint writes no
creation date unless the HTML asks for one, the document identifier is fixed here, and so is the
time a font subset is stamped with (see `_vaste_fonttijd`). Nothing is fetched: the HTML is
self-contained, and any URL a template might add is refused.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from collections.abc import Iterator
from typing import Any

from ..errors import UsageError

# The PDF's /ID: normally derived from the time; fixed, so that a rebuild gives the same bytes.
_PDF_ID = b"maandmonitor"
# Where the system has no libharfbuzz-subset, WeasyPrint subsets fonts with fontTools, which stamps
# the current time into each font's head.modified unless SOURCE_DATE_EPOCH is set
# (fontTools.misc.timeTools.timestampNow). The value itself is shown nowhere.
_FONTTIJD = "0"


def _weasyprint() -> Any:
    try:
        # Without Pango, WeasyPrint prints an English banner to stdout before its import fails.
        with contextlib.redirect_stdout(io.StringIO()):
            import weasyprint
    except ImportError:
        raise UsageError(
            "PDF maken kan niet: WeasyPrint is niet geïnstalleerd (make install, of pip install "
            "'maandmonitor[pdf]'); er is niets geschreven"
        ) from None
    except OSError as err:  # WeasyPrint loads Pango and its companions when it is imported
        bibliotheek = re.search(r"cannot load library '([^']+)'", str(err))
        welke = f" ({bibliotheek.group(1)})" if bibliotheek else ""
        raise UsageError(
            f"PDF maken kan niet: een systeembibliotheek van WeasyPrint ontbreekt{welke}; "
            "installeer Pango met 'sudo make system-deps' (Debian/Ubuntu), of maak alleen md en "
            "html; er is niets geschreven"
        ) from None
    return weasyprint


def vereis_pdf() -> None:
    """Stop with one line (exit 2) when a PDF cannot be made or guarded here."""
    _weasyprint()
    try:
        import pypdf  # noqa: F401
    except ImportError:
        raise UsageError(
            "de openbare PDF kan niet worden gecontroleerd: pypdf is niet geïnstalleerd "
            "(make install, of pip install 'maandmonitor[pdf]'); er is niets geschreven"
        ) from None


@contextlib.contextmanager
def _vaste_fonttijd() -> Iterator[None]:
    """SOURCE_DATE_EPOCH fixed while WeasyPrint writes, and restored after: the process's
    environment is the only way to reach fontTools' timestamp through WeasyPrint."""
    eerder = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = _FONTTIJD
    try:
        yield
    finally:
        if eerder is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = eerder


def html_naar_pdf(html: str) -> bytes:
    weasyprint = _weasyprint()
    geen_netwerk = weasyprint.urls.URLFetcher(allowed_protocols=())
    document = weasyprint.HTML(string=html, url_fetcher=geen_netwerk)
    with _vaste_fonttijd():
        # Tagged (structure for screen readers): a public PDF of a government must be accessible.
        pdf: bytes = document.write_pdf(pdf_identifier=_PDF_ID, pdf_tags=True)
    return pdf


def pdf_tekst(pdf: bytes) -> str:
    """The text of every page, for the guard."""
    from pypdf import PdfReader  # present: vereis_pdf made sure before anything was made

    reader = PdfReader(io.BytesIO(pdf))
    # Where WeasyPrint writes a font's own character map (a character without a glyph in the
    # fonts, e.g. a Symbol-font bullet pasted from Word), pypdf reads each character as a NUL
    # and the character: the NULs go, the text stays.
    return "\n".join(page.extract_text() for page in reader.pages).replace("\x00", "")
