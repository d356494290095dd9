"""Memory stays flat over a long archive: what a command keeps of a month once it is done with
it is its outcome, never the loaded file (no test here measures memory or time)."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from maandmonitor.check.run import check_month
from maandmonitor.workspace import Archief, Werkmap


def test_an_outcome_does_not_keep_its_loaded_file_alive(archive: Path) -> None:
    archief = Archief(Werkmap.open(Path("data")))
    maand = "2018-03"
    resultaat = check_month(archief, maand)
    assert resultaat.gecontroleerd and resultaat.geladen is not None
    bestand = weakref.ref(resultaat.geladen.doc)
    resultaat.geladen = None
    archief.vergeet_voor("9999-12")  # every month dropped, as validate drops them
    gc.collect()
    assert bestand() is None, "the outcome still holds the month's file"
