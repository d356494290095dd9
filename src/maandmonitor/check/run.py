"""Checking months: every rule on a month, and `validate` over the archive (cached, on every core).

`check_month` is the one place a month's rules run; `build` calls it on the months it renders and
`valideer` on the rest, so every month of a command is checked once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from ..errors import MonitorError
from ..load.files import MaandBestand
from ..months import maand_terug
from ..parallel import in_processen, processen_voor
from ..workspace import Archief, Werkmap
from .cache import Uitslagen
from .oorzaak import vouw
from .report import MaandResultaat, Rapport
from .toets import CONTROLES, Context, Toets

# Below this many months a second process costs more than it saves.
PARALLEL_VANAF = 48


def check_month(archief: Archief, maand: str, *, streng: bool = False) -> MaandResultaat:
    """Load one month and run every rule on it; `geladen` holds the month for rendering."""
    geladen = archief.laad(maand)
    if not isinstance(geladen, MaandBestand):
        bestand = archief.werkmap.toon(maand)
        return MaandResultaat(maand, bestand, problems=geladen, streng=streng)
    resultaat = MaandResultaat(maand, geladen.doc.file, streng=streng)
    resultaat.geladen = geladen
    resultaat.gecontroleerd = True
    ctx = Context(archief.programma, geladen, archief)
    cijfers = geladen.maand.inzet_op_risicos is not None
    for regel in CONTROLES:
        if regel.cijfers and not cijfers:
            continue  # no figures in this programme: the rule does not apply
        toets = Toets(regel)
        regel.toets(ctx, toets)
        resultaat.toetsen.append(toets)
    resultaat.problems = vouw(resultaat.toetsen, geladen.doc)
    for toets in resultaat.toetsen:  # only for folding: they hold this month's and others' files
        toets.getuigenissen.clear()
    return resultaat


def validate_workspace(
    werkmap: Werkmap,
    maanden: Sequence[str] = (),
    *,
    streng: bool = False,
    cache: Path | None = None,
) -> Rapport:
    """The report of `validate`: the months (all by default), each checked once, or taken from
    the check cache in the folder `cache` when its inputs did not change."""
    werkmap.require_months(list(maanden))
    rapport = Rapport(streng=streng, naamfouten=werkmap.naamfouten)
    try:
        werkmap.programma  # noqa: B018  (loads monitor.yaml)
    except MonitorError as err:
        rapport.programma_problems = err.problems
        return rapport
    rapport.programma_waarschuwingen = werkmap.programma_waarschuwingen
    uitslagen = Uitslagen(cache, werkmap) if cache is not None else None
    rapport.maanden = valideer(werkmap, list(maanden) or werkmap.months(), streng, uitslagen)
    if uitslagen is not None and (waarschuwing := uitslagen.schrijf()):
        rapport.cache_waarschuwingen.append(waarschuwing)
    return rapport


def valideer(
    werkmap: Werkmap, maanden: list[str], streng: bool, uitslagen: Uitslagen | None
) -> list[MaandResultaat]:
    """The outcome of each month, in the order given."""
    bewaard = {}
    if uitslagen is not None:
        for maand in maanden:
            if (resultaat := uitslagen.lees(maand, streng)) is not None:
                bewaard[maand] = resultaat
    nieuw = _controleer(werkmap, [m for m in maanden if m not in bewaard], streng)
    if uitslagen is not None:
        for resultaat in nieuw.values():
            uitslagen.bewaar(resultaat)
    return [bewaard.get(m) or nieuw[m] for m in maanden]


def _controleer(werkmap: Werkmap, maanden: list[str], streng: bool) -> dict[str, MaandResultaat]:
    """Check the months, on every core when there are many: each process takes a run of
    consecutive months, so it loads each month once (and the two before its first one)."""
    processen = processen_voor(
        len(maanden) // (PARALLEL_VANAF // 2), len(maanden) >= PARALLEL_VANAF
    )
    if processen < 2:
        return dict(_controleer_reeks(Archief(werkmap), maanden, streng))
    stuk = -(-len(maanden) // (processen * 4))  # a few runs per process, so none waits long
    reeksen = [(werkmap, maanden[i : i + stuk], streng) for i in range(0, len(maanden), stuk)]
    delen = in_processen(_controleer_in_proces, reeksen, processen)
    return {
        maand: MaandResultaat.from_json(maand, uitslag, streng)
        for deel in delen
        for maand, uitslag in deel
    }


def _controleer_in_proces(
    werk: tuple[Werkmap, list[str], bool],
) -> list[tuple[str, dict[str, object]]]:
    """A worker's share, as the check cache stores outcomes (they cross the process boundary)."""
    werkmap, maanden, streng = werk
    return [(m, r.for_cache()) for m, r in _controleer_reeks(Archief(werkmap), maanden, streng)]


def _controleer_reeks(
    archief: Archief, maanden: list[str], streng: bool
) -> Iterator[tuple[str, MaandResultaat]]:
    for maand in maanden:
        resultaat = check_month(archief, maand, streng=streng)
        resultaat.geladen = None  # the report needs the outcome only: memory stays flat
        archief.vergeet_voor(maand_terug(maand, 2))
        yield maand, resultaat
