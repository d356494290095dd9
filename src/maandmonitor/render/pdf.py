"""HTML → A4 PDF with WeasyPrint; pikepdf completes it, and reads its text for the guard
(publish/pdftekst.py).

Both are imported only when a PDF is asked for: they are the optional extra `pdf`, and WeasyPrint
needs Pango from the system (`make system-deps`). `vereis_pdf` says, before anything is checked
or made, what is missing. The PDF is byte-identical for identical HTML: WeasyPrint writes no
creation date unless the HTML asks for one, the document identifier is fixed here, and so is the
time a font subset is stamped with (see `_vaste_fonttijd`). Nothing is fetched: the HTML is
self-contained, and any URL a template might add is refused.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import re
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ..errors import UsageError

# The PDF's /ID: normally derived from the time; fixed, so that a rebuild gives the same bytes.
_PDF_ID = b"maandmonitor"
# Where the system has no libharfbuzz-subset, WeasyPrint subsets fonts with fontTools, which stamps
# the current time into each font's head.modified unless SOURCE_DATE_EPOCH is set
# (fontTools.misc.timeTools.timestampNow). The value itself is shown nowhere.
_FONTTIJD = "0"


# Every package the PDF's path imports besides WeasyPrint, which `vereis_pdf` checks too: pikepdf
# completes the PDF/UA and reads the text for the guard.
_NODIG = ("pikepdf",)


def _niet_geinstalleerd(pakket: str) -> UsageError:
    return UsageError(
        f"PDF maken kan niet: {pakket} is niet geïnstalleerd (make install, of pip install "
        "'maandmonitor[pdf]'); er is niets geschreven"
    )


def _weasyprint() -> Any:
    try:
        # Without Pango, WeasyPrint prints an English banner to stdout before its import fails.
        with contextlib.redirect_stdout(io.StringIO()):
            import weasyprint
    except ImportError:
        raise _niet_geinstalleerd("WeasyPrint") from None
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
    """Stop with one line (exit 2) when a PDF cannot be made or guarded here: every package the
    PDF's path imports (a test keeps `_NODIG` complete)."""
    _weasyprint()
    for pakket in _NODIG:
        try:
            importlib.import_module(pakket)
        except ImportError:
            raise _niet_geinstalleerd(pakket) from None


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


def html_naar_pdf(html: str, grafieken: Sequence[tuple[str, str, str]] = ()) -> bytes:
    """A PDF/UA-1 of the page. `grafieken`: per chart on it its id, title and full description
    (in any order: they are put in the page's own order by their ids)."""
    weasyprint = _weasyprint()
    geen_netwerk = weasyprint.urls.URLFetcher(allowed_protocols=())
    document = weasyprint.HTML(string=html, url_fetcher=geen_netwerk)
    # PDF/UA-1 (a public PDF of a government must be accessible, EN 301 549): WeasyPrint tags
    # the structure and writes the XMP (pdfuaid:part 1, the title), /Lang, DisplayDocTitle.
    with _vaste_fonttijd():
        pdf: bytes = document.write_pdf(pdf_identifier=_PDF_ID, pdf_variant="pdf/ua-1")
    volgorde = sorted(grafieken, key=lambda g: _plaats(html, g[0]))
    beschrijvingen: dict[str, deque[str]] = {}
    for _, titel, beschrijving in volgorde:
        beschrijvingen.setdefault(titel, deque()).append(beschrijving)
    return _aangevuld(pdf, beschrijvingen)


def in_dit_proces(editie: str, html: str, grafieken: Sequence[tuple[str, str, str]]) -> bytes:
    """The page's PDF made in this process (options.PdfMaker; edities.py has the other)."""
    return html_naar_pdf(html, grafieken)


def _plaats(html: str, grafiek: str) -> int:
    """Where the chart is on the page (its title's id, as grafiek.html.j2 writes it)."""
    plaats = html.find(f'id="{grafiek}-titel"')
    return len(html) if plaats < 0 else plaats


def _aangevuld(pdf: bytes, beschrijvingen: Mapping[str, deque[str]]) -> bytes:
    """What WeasyPrint 70 leaves out of PDF/UA (its tracker: #2508, #2816): a /Scope on every
    header cell (Column in a table's head, Row in its body, as the HTML's `scope` says), and on
    every chart its full description as /Alt (WeasyPrint takes the SVG's <title> only: charts
    with the same title get their descriptions in the page's order). qpdf writes the file again
    with an /ID from its content, so the bytes stay reproducible."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        wortel = document.Root.StructTreeRoot
        stapel: list[tuple[Any, bool]] = [(wortel, False)]
        while stapel:
            element, in_kop = stapel.pop()
            soort = str(element.get("/S", ""))
            in_kop = in_kop or soort == "/THead"
            if soort == "/TH":
                attributen = element.get("/A")
                if isinstance(attributen, pikepdf.Dictionary):
                    attributen.Scope = pikepdf.Name.Column if in_kop else pikepdf.Name.Row
            if soort == "/Figure" and beschrijvingen.get(str(element.get("/Alt", ""))):
                element.Alt = pikepdf.String(beschrijvingen[str(element.Alt)].popleft())
            kinderen = element.get("/K")
            if isinstance(kinderen, pikepdf.Dictionary):
                kinderen = [kinderen]
            if isinstance(kinderen, pikepdf.Array | list):  # in the document's order
                stapel += [
                    (k, in_kop) for k in list(kinderen)[::-1] if isinstance(k, pikepdf.Dictionary)
                ]
        uit = io.BytesIO()
        document.save(uit, deterministic_id=True)
    return uit.getvalue()
