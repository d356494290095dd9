"""`build`: the one pipeline for a month, a year or everything (`--all`).

Open the workspace once → load every month needed once (from the bytes whose sha256 keys the
caches) → check each once → render every target in memory → guard every public output → stage the
files next to the output → only when all of that succeeded, rename them into place and remove what
is no longer current. A failure anywhere leaves the output folder exactly as it was.

- `build MAAND` makes the month; its rules need the two months before it, its public edition the
  earlier months of the year (their confidential texts, for the guard): a month among those whose
  file exists but does not load stops the public edition (fail closed).
- Every build removes what is no longer current, whatever it built: a changed June makes July
  (its previous-month column), June–December of the year (their guard) and the year view stale.
- `build JJJJ` makes the year view; every month of the year must be free of errors.
- `build --all` makes every target whose files are not current (see manifest.py), after checking
  every month of the archive: one error anywhere and nothing is made. The targets of the archive
  as a whole (its data package, its page) are made after that, in this process (heel_archief.py).

Months to render are checked in worker processes, a year per process (maken.py: its months in
order share what is loaded, the year view takes them all); the other months are checked by
`valideer`, with the check cache. So every month is checked once per run.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .check.cache import Uitslagen
from .check.report import MaandResultaat
from .check.run import valideer
from .errors import MonitorError, Problem, UsageError, display_path
from .maken import Deel, verdeel, voer_uit
from .manifest import Manifest, Sleutels, op_schijf
from .months import is_jaar
from .onderbreking import ononderbroken
from .options import ARCHIEF, EDITIES, INDEX, BouwOpties
from .overzicht import controles
from .workspace import Werkmap
from .write import Klaarzetten

if TYPE_CHECKING:
    from .gezet import Gezet
    from .heel_archief import Jaarstuk


@dataclass(frozen=True)
class Bouwresultaat:
    """Per target whether it was made; the files written (for a named target, not `--all`)
    and removed (relative to the output folder); the warnings of the months (printed, not
    fatal)."""

    doelen: list[tuple[str, bool]]
    geschreven: list[str]
    verwijderd: list[str]
    waarschuwingen: list[Problem]
    onderbroken: int = 0  # a signal that came while the files were put in place


def build(werkmap: Werkmap, opties: BouwOpties, doel: str | None = None) -> Bouwresultaat:
    """Make `doel` (a month or a year), or with None every target that is not current."""
    if "pdf" in opties.formaten:
        from .edities import vereis_pdf  # WeasyPrint is optional and slow to import

        vereis_pdf()  # before anything is checked: without it, nothing of the run is made
    programma = werkmap.programma  # monitor.yaml first: nothing is checked without it
    if "data" in opties.formaten and doel is not None and is_jaar(doel):
        raise UsageError(  # a third copy of the months' rows would add nothing but a key
            "een jaar heeft geen datapakket: de cijfers staan in dat van elke maand "
            "(build JJJJ-MM --format data) en van het archief (build --all --format data)"
        )
    if "data" in opties.formaten and "openbaar" not in opties.edities:
        raise UsageError(
            "het datapakket bevat de cijfers van de openbare editie: --editie openbaar"
        )
    opties = dataclasses.replace(opties, diwoo=programma.woo is not None)
    alles = doel is None
    jaren = werkmap.programma.persoonsgericht is not None  # a year view shows those figures
    elk = _doelen(werkmap.months(), jaren)
    for geheel in (ARCHIEF, INDEX):  # the archive's data package and page
        if (alles and werkmap.months() and opties.bestanden(geheel)) or op_schijf(
            opties.out, geheel
        ):
            elk.append(geheel)  # made (--all), kept, or removed if stale
    doelen = elk if doel is None else [_vereis(werkmap, doel)]
    sleutels = Sleutels(werkmap)
    sleutel = {d: sleutels.doel(d) for d in elk}  # every month hashed before any is read
    manifest = Manifest.lees(opties.out)
    te_maken = [
        d
        for d in doelen
        if not alles or not all(manifest.actueel(b, sleutel[d]) for b in opties.bestanden(d))
    ]
    gepland = set(te_maken)  # the others' files were judged current just now, one by one
    uitslagen = Uitslagen(opties.out / ".cache", werkmap)
    staging = Klaarzetten(opties.out)
    try:
        werk = verdeel(werkmap, opties, staging, [d for d in te_maken if d not in (ARCHIEF, INDEX)])
        if INDEX in te_maken:
            werk = [dataclasses.replace(w, archiefpagina=True) for w in werk]
        gedeeld = {m for w in werk for m in w.maanden}
        overige = [m for m in werkmap.months() if m not in gedeeld] if alles else []
        del gedeeld  # else every worker inherits it: 12,000 names
        # of each outcome only what the rest needs: an archive of 12,000 months in little memory
        # per month the archive page's status column, when it is made (the same few texts)
        uitkomsten: dict[str, str] = {}
        pagina = INDEX in te_maken and bool(opties.bestanden(INDEX))
        gemeld: dict[str, list[Problem]] = {}  # the problems of the months that have any
        problemen: list[Problem] = []  # those of the months not in order

        def neem(resultaat: MaandResultaat) -> None:
            if pagina:
                uitkomsten[resultaat.maand] = sys.intern(controles(resultaat))
            if resultaat.problems:
                gemeld[resultaat.maand] = resultaat.problems
            if not resultaat.geldig:
                problemen.extend(resultaat.problems)

        valideer(werkmap, overige, False, uitslagen, neem)
        if problemen:
            werk = [dataclasses.replace(w, alleen_controleren=True) for w in werk]
        stukken: dict[str, Jaarstuk] = {}  # per year the workers made: its part of the page

        def neem_deel(deel: Deel) -> None:  # each share as it comes: none is held to the end
            for maand, uitslag in deel.uitkomsten:
                resultaat = MaandResultaat.from_json(maand, uitslag, False)
                uitslagen.bewaar(resultaat)
                neem(resultaat)
            problemen.extend(deel.problemen)
            for d, bestanden in deel.gemaakt.items():
                staging.noteer(d, bestanden)  # spooled: 25,000 of them at 12,000 months
            stukken.update(deel.jaarstukken)

        voer_uit(werk, neem_deel)
        if problemen:
            raise MonitorError(sorted(set(problemen)))
        if ARCHIEF in te_maken and opties.bestanden(ARCHIEF):
            from .heel_archief import maak_archiefpakket

            staging.noteer(ARCHIEF, maak_archiefpakket(werkmap, opties, staging))
        if pagina:
            from .heel_archief import maak_archiefpagina

            pagina_gezet = maak_archiefpagina(werkmap, opties, staging, uitkomsten, stukken)
            staging.noteer(INDEX, pagina_gezet)
        weg = _niet_actueel(opties, manifest, sleutel, staging.gezet, elk, alles, gepland)
        with ononderbroken() as uitgesteld:  # placed and recorded, or Ctrl-C waits for it
            staging.plaats(weg)
            caches = [
                w for w in (manifest.schrijf(weg, staging.gezet, sleutel), uitslagen.schrijf()) if w
            ]
        # the files, for a named target; `--all` reports its targets (25,000 files at 12,000
        # months would outlast everything else it held)
        geschreven = [] if alles else [record.pad for record in staging.gezet]
    finally:
        manifest.sluit()
        uitslagen.sluit()  # not written (an error): the check cache stays as it was
        staging.opruimen()
    publiceren = opties.definitief and "openbaar" in opties.edities  # the public edition, to go out
    zonder_woo = [
        Problem(
            display_path(werkmap.programma_pad),
            0,
            0,
            "",
            "geen 'woo' (organisatie, informatiecategorie): de openbare editie heeft geen "
            "DiWoo-metadata voor de Woo-index",
            ernst="waarschuwing",
        )
    ]
    return Bouwresultaat(
        [(d, d in te_maken) for d in doelen],
        geschreven,
        weg,
        werkmap.programma_waarschuwingen
        + werkmap.naamfouten
        + [p for m in sorted(gemeld) for p in gemeld[m]]
        + caches
        + (zonder_woo if publiceren and not opties.diwoo else []),
        uitgesteld.signaal,
    )


def _vereis(werkmap: Werkmap, doel: str) -> str:
    """A target the user named: a month with a file, or a year with at least one."""
    if is_jaar(doel):
        if werkmap.programma.persoonsgericht is None:
            raise UsageError(
                f"geen jaaroverzicht {doel}: dat toont de cijfers van de persoonsgerichte aanpak, "
                "en dit programma heeft die niet (monitor.yaml)"
            )
        if not any(m[:4] == doel for m in werkmap.months()):
            raise UsageError(
                f"jaar {doel} heeft geen maandbestanden in {display_path(werkmap.data_dir)}"
            )
        return doel
    werkmap.require_months([doel])
    return doel


def _doelen(maanden: list[str], met_jaren: bool) -> list[str]:
    """Every month, and (`met_jaren`) each year right after its last month."""
    jaren = sorted({m[:4] for m in maanden}) if met_jaren else []
    return sorted([*maanden, *jaren], key=lambda doel: (doel[:4], len(doel) == 4, doel))


# --- what is no longer current ------------------------------------------------------------------


def _niet_actueel(
    opties: BouwOpties,
    manifest: Manifest,
    sleutel: dict[str, str],
    gezet: Gezet,
    doelen: list[str],
    alles: bool,
    gepland: set[str],
) -> list[str]:
    """The files to remove, whatever was built: every file in the folders of the workspace's
    targets that was not written now and is not current (a month changed makes its later months
    and its year stale too), the folders of targets that no longer exist, and the files of the
    layout before the editions had roots of their own (`build/2018-06/`). With `alles`, the
    files this build asks for of a target not `gepland` were all judged current when it
    planned (each file is read once: the verdict stands)."""
    out = opties.out
    kandidaten = []  # on disk, and not judged current when planned
    for doel in doelen:
        gevraagd = set(opties.bestanden(doel)) if alles and doel not in gepland else set()
        kandidaten += [(pad, doel) for pad in op_schijf(out, doel) if pad not in gevraagd]
    vervangen = {pad for pad, _ in kandidaten}
    if vervangen:  # those made anew now are replaced, not removed
        vervangen.intersection_update(record.pad for record in gezet)
    weg = [
        pad
        for pad, doel in kandidaten
        if pad not in vervangen and not manifest.actueel(pad, sleutel[doel])
    ]
    bekend = sleutel  # its keys are the targets: no second set of 12,000 names
    for editie in EDITIES:
        root = out / editie
        if root.is_dir():
            with os.scandir(root) as mappen:  # names, not paths: 12,000 of them
                namen = [m.name for m in mappen if m.name not in bekend and m.is_dir()]
            for naam in sorted(namen):
                weg += op_schijf(out, naam)
    for doel in doelen:
        oud = out / doel
        if oud.is_dir():
            weg += [
                p.relative_to(out).as_posix()
                for p in sorted(oud.iterdir())
                if p.is_file() and p.name.startswith(f"maandmonitor-{doel}-")
            ]
    return sorted(set(weg))
