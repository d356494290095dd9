"""Both editions of one target side by side: a forked worker each, WeasyPrint imported once.

A month's PDF is nearly all WeasyPrint's layout, about a second an edition, and the editions do
not depend on each other. So where a PDF is asked for, of both editions, and the process has two
cores to itself, each edition is rendered in a worker of its own (`parallel.in_processen`: the
workers inherit the imported WeasyPrint, the loaded months, the compiled templates). The worker
of the public edition also reads its PDF's text for the guard, while the other still lays out; the
guard itself runs in the parent on that text, as before.

Nothing changes in what is made: each edition was always rendered on its own (`render_month` and
`render_year` render them one after the other from the same inputs), and the PDF's bytes depend
on its HTML only. Not inside a worker (`build --all` with many targets has a year per worker,
every core busy already) and not with one core: there the editions are made in turn, as before.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import MonitorError
from .options import BouwOpties, Editie
from .parallel import beschikbare_kernen, in_processen

Rendering = Mapping[tuple[Editie, str], str | bytes]
Maker = Callable[[Sequence[Editie]], Rendering]


@dataclass(frozen=True)
class Editiewerk:
    """What the editions gave: every rendering, and the guard's reading of each public PDF that
    a worker read already (in the parent, `_zet_klaar` reads the others itself)."""

    rendered: dict[tuple[Editie, str], str | bytes]
    gelezen: dict[tuple[Editie, str], str] = field(default_factory=dict)


def per_editie(maak: Maker, opties: BouwOpties, naast_elkaar: bool) -> Editiewerk:
    """`maak` over the editions of `opties`: in one call, or (`naast_elkaar`, and worth it)
    an edition per worker."""
    edities = tuple(opties.edities)
    if not (
        naast_elkaar and "pdf" in opties.formaten and len(edities) > 1 and beschikbare_kernen() >= 2
    ):
        return Editiewerk(dict(maak(edities)))
    delen = in_processen(functools.partial(_editie, maak), edities, len(edities))
    rendered: dict[tuple[Editie, str], str | bytes] = {}
    gelezen: dict[tuple[Editie, str], str] = {}
    for deel in delen:  # in the order of the editions, as one call gives them
        if isinstance(deel, _Fout):
            raise deel.terug()
        rendered.update(deel.rendered)
        gelezen.update(deel.gelezen)
    return Editiewerk(rendered, gelezen)


def _editie(maak: Maker, editie: Editie) -> Editiewerk | _Fout:
    """In the worker: one edition, and the text of its PDF when it is the public one."""
    try:
        rendered = dict(maak((editie,)))
        pdf = rendered.get((editie, "pdf"))
        if editie != "openbaar" or not isinstance(pdf, bytes):
            return Editiewerk(rendered)
        from .publish.pdftekst import OnleesbarePdf, pdf_tekst

        try:
            return Editiewerk(rendered, {(editie, "pdf"): pdf_tekst(pdf)})
        except OnleesbarePdf:  # the parent reads it again, and says so where it says the rest
            return Editiewerk(rendered)
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
