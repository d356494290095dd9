"""Checking months: every rule on a month, and `validate` over the archive (cached, on every core).

`check_month` is the one place a month's rules run; `build` calls it on the months it renders and
`valideer` on the rest, so every month of a command is checked once. Outcomes are handed on as
they come, in month order, and not kept: an archive of 12,000 months is checked in the memory of
a few.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..errors import MonitorError, Problem
from ..load.files import MaandBestand
from ..months import maand_terug
from ..parallel import per_stuk, processen_voor
from ..workspace import Archief, Werkmap
from .cache import Uitslagen
from .oorzaak import vouw
from .report import MaandResultaat, Ontvanger, Rapport
from .toets import CONTROLES, Context, Toets

# Below this many months a second process costs more than it saves.
PARALLEL_VANAF = 48
# At most this many months a share: a worker sends a share's outcomes at once, and each share
# loads the two months before its first again (2 % more loading at this size).
HOOGSTENS_PER_STUK = 100


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
    """The report of `validate`, whole (for `list`): see `valideer_werkmap`."""
    rapport = Rapport(streng=streng)
    rapport.cache_waarschuwingen = valideer_werkmap(
        werkmap, maanden, streng=streng, cache=cache, ontvanger=rapport
    )
    return rapport


def valideer_werkmap(
    werkmap: Werkmap,
    maanden: Sequence[str],
    *,
    streng: bool,
    cache: Path | None,
    ontvanger: Ontvanger,
) -> list[Problem]:
    """`validate`: the months (all by default), each checked once, or taken from the check cache
    in the folder `cache` when its inputs did not change, handed to `ontvanger` as they come;
    returns the check cache's warnings."""
    werkmap.require_months(list(maanden))
    ontvanger.bestandsnamen(werkmap.naamfouten)
    try:
        werkmap.programma  # noqa: B018  (loads monitor.yaml)
    except MonitorError as err:
        ontvanger.programma(err.problems)
        return []
    ontvanger.waarschuwingen(werkmap.programma_waarschuwingen)
    te_doen = list(maanden) or werkmap.months()
    if cache is None:
        valideer(werkmap, te_doen, streng, None, ontvanger.maand)
        return []
    with Uitslagen(cache, werkmap) as uitslagen:
        valideer(werkmap, te_doen, streng, uitslagen, ontvanger.maand)
        waarschuwing = uitslagen.schrijf()
    return [waarschuwing] if waarschuwing else []


def valideer(
    werkmap: Werkmap,
    maanden: list[str],
    streng: bool,
    uitslagen: Uitslagen | None,
    verwerk: Callable[[MaandResultaat], None],
) -> None:
    """The outcome of each month, handed to `verwerk` in the order given as it comes: from the
    check cache (which keeps it) when its inputs did not change, else checked now."""
    bewaard = [uitslagen is not None and uitslagen.lijkt_bewaard(m) for m in maanden]
    te_controleren = [i for i, b in enumerate(bewaard) if not b]
    volgende = 0  # the first month not handed on yet

    def bewaarde_tot(einde: int) -> None:
        """Hand on the stored outcomes of the months before `einde`."""
        nonlocal volgende
        for maand in maanden[volgende:einde]:
            assert uitslagen is not None
            resultaat = uitslagen.lees(maand, streng)
            if resultaat is None:  # not whole after all: checked here, on its own
                resultaat = check_month(Archief(werkmap), maand, streng=streng)
                resultaat.geladen = None
                uitslagen.bewaar(resultaat)
            verwerk(resultaat)
        volgende = einde

    def gecontroleerd(index: int, resultaat: MaandResultaat) -> None:
        nonlocal volgende
        plek = te_controleren[index]
        bewaarde_tot(plek)
        if uitslagen is not None:
            uitslagen.bewaar(resultaat)
        verwerk(resultaat)
        volgende = plek + 1

    _controleer(werkmap, [maanden[i] for i in te_controleren], streng, gecontroleerd)
    bewaarde_tot(len(maanden))


def _controleer(
    werkmap: Werkmap,
    maanden: list[str],
    streng: bool,
    verwerk: Callable[[int, MaandResultaat], None],
) -> None:
    """Check the months, on every core when there are many: each process takes runs of
    consecutive months, so it loads each month once (and the two before a run's first). The
    outcomes are handed to `verwerk` with their index, in order, as they come."""
    processen = processen_voor(
        len(maanden) // (PARALLEL_VANAF // 2), len(maanden) >= PARALLEL_VANAF
    )
    if processen < 2:
        reeks = _controleer_reeks(Archief(werkmap), maanden, streng)
        for index, (_, resultaat) in enumerate(reeks):
            verwerk(index, resultaat)
        return
    # a few runs per process, so none waits long; not too long, so none holds much
    stuk = min(-(-len(maanden) // (processen * 4)), HOOGSTENS_PER_STUK)
    reeksen = [(werkmap, maanden[i : i + stuk], streng) for i in range(0, len(maanden), stuk)]
    gedaan = 0

    def deel(uitkomsten: list[tuple[str, dict[str, object]]]) -> None:
        nonlocal gedaan
        for maand, uitslag in uitkomsten:
            verwerk(gedaan, MaandResultaat.from_json(maand, uitslag, streng))
            gedaan += 1

    per_stuk(_controleer_in_proces, reeksen, processen, deel)


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
