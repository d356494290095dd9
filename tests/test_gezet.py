"""The record of a run's staged files: read back sorted and whole, without being held in memory."""

from __future__ import annotations

import gc
import random
import tracemalloc
from pathlib import Path

from maandmonitor import gezet
from maandmonitor.gezet import Gezet, Record
from maandmonitor.write import Klaarzetten


def _records(n: int) -> list[Record]:
    return [
        Record(f"{editie}/{2000 + i // 12}-{i % 12 + 1:02d}/maandmonitor-x.{f}", "d", f"{i:064x}")
        for i in range(n)
        for editie in ("intern", "openbaar")
        for f in ("md", "html")
    ]


def test_records_in_any_order_come_back_sorted_the_last_of_a_file_counting(
    tmp_path: Path,
) -> None:
    records = _records(600)
    again = [r._replace(sha="f" * 64) for r in records[::7]]  # recorded twice: the last counts
    shuffled = records + again
    random.Random(18).shuffle(shuffled)  # more runs than MAX_RUNS: merged as it goes
    spool = Gezet(tmp_path)
    for record in shuffled:
        spool.voeg_toe(record)
    expected = {r.pad: r for r in shuffled}
    assert list(spool) == [expected[p] for p in sorted(expected)]
    assert list(spool) == list(spool)  # read as often as asked
    spool.sluit()


def test_staging_records_its_files_in_a_spool_not_in_memory(tmp_path: Path) -> None:
    """25,000 staged files (a build of 12,000 months) held as a dict were some 9 MB in the parent
    process until they were put in place; spooled, what is held does not grow with them."""
    records = _records(6_250)
    staging = Klaarzetten(tmp_path / "build")
    try:
        gc.collect()
        tracemalloc.start()
        try:
            for i in range(0, len(records), 5):  # a target's few files at a time, as built
                staging.noteer("d", [(r.pad, r.sha) for r in records[i : i + 5]])
            kept, _ = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert list(staging.gezet) == sorted(records)
    finally:
        staging.opruimen()
    assert kept < 2 * gezet.IN_GEHEUGEN + 100_000, f"{kept / len(records):.0f} bytes a file"
    assert not (tmp_path / "build").exists()
