"""Where a cold `validate` of an archive spends its CPU, stage by stage (issue 18).

`make bench` runs this beside `yamlvloer.py` on the same archive, in one process on one core.
Each stage runs over every month on its own, timed with the process's CPU clock, and includes
the stages above it, so the differences are what a stage adds; pydantic is also timed alone, on
documents read beforehand. The stages are the functions `validate` itself calls.

    python bench/ontleed.py DATA_DIR
"""

import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from maandmonitor.check.run import check_month
from maandmonitor.load.document import Document
from maandmonitor.load.files import lees_document, load_maand, validate_document
from maandmonitor.load.snel import lees
from maandmonitor.model import Maand
from maandmonitor.months import maand_terug
from maandmonitor.workspace import Archief, Werkmap

Maandbron = tuple[Path, bytes, Document]


def cpu(stap: Callable[[Path, bytes, Document], object], maanden: list[Maandbron]) -> float:
    """The CPU time of `stap` over every month, its results dropped as they come (kept, they
    would make the garbage collector's rounds ever longer, which `validate` does not pay)."""
    gc.collect()
    begin = time.process_time()
    for pad, ruw, document in maanden:
        stap(pad, ruw, document)
    return time.process_time() - begin


def main(data: Path) -> None:
    werkmap = Werkmap.open(data)
    programma = werkmap.programma
    context = {"lakgronden": {g.id for g in programma.lakgronden}}
    maanden: list[Maandbron] = []
    for pad in sorted(p for p in data.glob("*.yaml") if p.stem != "monitor"):
        ruw = pad.read_bytes()
        document = lees_document(str(pad), ruw)[0]
        assert document is not None, pad
        maanden.append((pad, ruw, document))
    archief = Archief(werkmap)

    def alle_regels(pad: Path, ruw: bytes, document: Document) -> None:
        check_month(archief, pad.stem)  # in order, as `validate` on one core
        archief.vergeet_voor(maand_terug(pad.stem, 2))

    stappen: dict[str, Callable[[Path, bytes, Document], object]] = {
        "libyaml's events": lambda p, r, d: sum(
            1 for _ in yaml.parse(r.decode("utf-8"), Loader=yaml.CSafeLoader)
        ),
        "+ values (the quick reading)": lambda p, r, d: lees(r.decode("utf-8")),
        "+ the document (lees_document)": lambda p, r, d: lees_document(str(p), r),
        "pydantic alone (validate_document)": lambda p, r, d: validate_document(d, Maand, context),
        "+ ids checked: a month loaded": lambda p, r, d: load_maand(str(p), r, programma, p.stem),
        "+ every rule (check_month)": alle_regels,
    }
    for naam, stap in stappen.items():
        print(f"{naam}\t{cpu(stap, maanden):.3f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
