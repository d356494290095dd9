"""Both editions of one target side by side: a PDF an edition, each made in a worker of its own.

A month's PDF is nearly all WeasyPrint's layout (docs/pdf.md has the figures), and the
editions do not depend on each other. So where a PDF of both editions is asked for and the
process has two cores to itself, each edition's PDF is made in a worker of its own. Two ways:

- `vooraf` (a build of one month or year, the usual case): the workers are started at the
  beginning of the build, before the rest of the program is imported, and import WeasyPrint
  (mostly cffi reading Pango's declarations) while the parent imports, checks and renders the
  editions' Markdown and HTML; the parent sends each edition's page to its worker and goes on
  with the next. `vereis_pdf` waits for the workers' import, so that a
  missing WeasyPrint still stops the build before anything is checked.
- otherwise (`build --all` of a few targets): the parent imports WeasyPrint, and each edition
  is rendered whole in a worker forked from it (`parallel.in_processen`).

The worker of the public edition also reads its PDF's text for the guard, while the other still
lays out; the guard itself runs in the parent on that text, as before. Nothing changes in what is
made: the PDF's bytes depend on its HTML only. Not inside a worker (`build --all` with many
targets has a year per worker, every core busy already) and not with one core: there the
editions are made in turn, in the process itself.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import MonitorError, UsageError
from .options import EDITIES, BouwOpties, Editie, PdfMaker
from .parallel import Werker, beschikbare_kernen, in_processen, start_werkers

Rendering = Mapping[tuple[Editie, str], str | bytes]
Maker = Callable[[Sequence[Editie], PdfMaker | None], Rendering]
# A page to make a PDF of: its HTML, its charts, and whether the guard reads the PDF's text.
Verzoek = tuple[str, list[tuple[str, str, str]], bool]
Antwoord = tuple[bytes, str | None]


@dataclass(frozen=True)
class Editiewerk:
    """What the editions gave: every rendering, and the guard's reading of each public PDF that
    a worker read already (in the parent, `_zet_klaar` reads the others itself)."""

    rendered: dict[tuple[Editie, str], str | bytes]
    gelezen: dict[tuple[Editie, str], str] = field(default_factory=dict)


# The workers `vooraf` started, one an edition in the order of EDITIES; None outside it.
_VOORAF: list[Werker[Verzoek, Antwoord | _Fout]] | None = None


@contextlib.contextmanager
def vooraf(edities: Sequence[str], formaten: Sequence[str]) -> Iterator[None]:
    """Within it, a PDF worker an edition, started now, when both editions' PDF is asked for and
    two cores are there; ended on the way out."""
    global _VOORAF
    if not ("pdf" in formaten and set(edities) >= set(EDITIES) and beschikbare_kernen() >= 2):
        yield
        return
    werkers = start_werkers(_opstart, _maak_pdf, len(EDITIES))
    _VOORAF = werkers
    try:
        yield
    except BaseException:
        for werker in werkers:
            werker.beeindig()
        raise
    finally:
        _VOORAF = None
    for werker in reversed(werkers):  # the copy first: the first waits for it
        werker.sluit()


def vereis_pdf() -> None:
    """Stop with one line (exit 2) when a PDF cannot be made here: the workers' import of
    WeasyPrint and what else the PDF needs, or (without workers) this process's."""
    if _VOORAF is None:
        from .render.pdf import vereis_pdf as vereis_in_dit_proces

        vereis_in_dit_proces()
        return
    for werker in _VOORAF:
        fout = werker.opstart_antwoord()
        if isinstance(fout, _Fout):
            raise fout.terug()


def _opstart() -> _Fout | None:
    """In a worker: import what the PDF needs; what is missing, if anything."""
    from .render.pdf import vereis_pdf as vereis_in_dit_proces

    try:
        vereis_in_dit_proces()
    except UsageError as err:
        return _Fout.van(err)
    return None


def _maak_pdf(verzoek: Verzoek) -> Antwoord | _Fout:
    """In a worker: the page's PDF, and its text for the guard if asked."""
    from .render.pdf import html_naar_pdf

    html, grafieken, lezen = verzoek
    try:
        pdf = html_naar_pdf(html, grafieken)
    except MonitorError as err:
        return _Fout.van(err)
    return pdf, _gelezen(pdf) if lezen else None


def _gelezen(pdf: bytes) -> str | None:
    """In a worker: the PDF's text for the guard, or None where it cannot be read (the parent
    reads it again, and says so where it says the rest)."""
    from .publish.pdffont import OnleesbarePdf
    from .publish.pdftekst import pdf_tekst

    try:
        return pdf_tekst(pdf)
    except OnleesbarePdf:
        return None


def per_editie(maak: Maker, opties: BouwOpties, naast_elkaar: bool) -> Editiewerk:
    """`maak` over the editions of `opties`: in one call, or (`naast_elkaar`, and worth it) a
    PDF an edition in a worker."""
    edities = tuple(opties.edities)
    if not (naast_elkaar and "pdf" in opties.formaten and len(edities) > 1):
        return Editiewerk(dict(maak(edities, None)))
    if _VOORAF is not None:
        return _met_werkers(maak, edities, _VOORAF)
    if beschikbare_kernen() < 2:
        return Editiewerk(dict(maak(edities, None)))
    delen = in_processen(functools.partial(_editie, maak), edities, len(edities))
    rendered: dict[tuple[Editie, str], str | bytes] = {}
    gelezen: dict[tuple[Editie, str], str] = {}
    for deel in delen:  # in the order of the editions, as one call gives them
        if isinstance(deel, _Fout):
            raise deel.terug()
        rendered.update(deel.rendered)
        gelezen.update(deel.gelezen)
    return Editiewerk(rendered, gelezen)


def _met_werkers(
    maak: Maker, edities: Sequence[Editie], werkers: Sequence[Werker[Verzoek, Antwoord | _Fout]]
) -> Editiewerk:
    """Every rendering made here but the PDFs: each page goes to its edition's worker as soon
    as it is rendered, and its PDF is put in its place when every edition has been sent."""
    verstuurd: list[Editie] = []

    def naar_werker(editie: Editie, html: str, grafieken: Sequence[tuple[str, str, str]]) -> bytes:
        werkers[EDITIES.index(editie)].stuur((html, list(grafieken), editie == "openbaar"))
        verstuurd.append(editie)
        return b""  # its place, until the worker's answer

    try:
        rendered = dict(maak(edities, naar_werker))
    except Exception:
        # A located error here: the answers asked for are read, so that the next target's are
        # its own, and a worker's failure does not take this error's place. An interrupt is no
        # Exception: it goes at once, and `vooraf` ends the workers mid-layout.
        for editie in verstuurd:
            with contextlib.suppress(Exception):
                werkers[EDITIES.index(editie)].ontvang()
        raise
    antwoorden = {editie: werkers[EDITIES.index(editie)].ontvang() for editie in verstuurd}
    gelezen: dict[tuple[Editie, str], str] = {}
    for editie, antwoord in antwoorden.items():
        if isinstance(antwoord, _Fout):
            raise antwoord.terug()
        rendered[(editie, "pdf")], tekst = antwoord
        if tekst is not None:
            gelezen[(editie, "pdf")] = tekst
    return Editiewerk(rendered, gelezen)


def _editie(maak: Maker, editie: Editie) -> Editiewerk | _Fout:
    """In the worker: one edition, and the text of its PDF when it is the public one."""
    try:
        rendered = dict(maak((editie,), None))
        pdf = rendered.get((editie, "pdf"))
        tekst = _gelezen(pdf) if editie == "openbaar" and isinstance(pdf, bytes) else None
        return Editiewerk(rendered, {} if tekst is None else {(editie, "pdf"): tekst})
    except MonitorError as err:  # a located problem, not a crash: the parent raises it
        return _Fout.van(err)


@dataclass(frozen=True)
class _Fout:
    """A MonitorError across the pipe. Its subclasses take other arguments than they keep
    (UsageError a message, RenderError a template and a message), so it is rebuilt from its
    class and attributes, not by calling it."""

    soort: type[MonitorError]
    tekst: str
    attributen: dict[str, Any]

    @classmethod
    def van(cls, err: MonitorError) -> _Fout:
        return cls(type(err), str(err), dict(vars(err)))

    def terug(self) -> MonitorError:
        err = self.soort.__new__(self.soort)
        Exception.__init__(err, self.tekst)
        vars(err).update(self.attributen)
        return err
