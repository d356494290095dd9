"""The build manifest is never held whole (an archive of 12,000 months has some 25,000 files),
and whatever state it is found in only costs time: never a wrong "ongewijzigd", never an error.
(No test here measures time.)"""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

import pytest

from maandmonitor.gezet import Record
from maandmonitor.manifest import MANIFEST, Manifest

from .conftest import output, outputs
from .test_bouw import TARGETS, Run, build_all, made


def test_a_manifest_cut_off_midway_only_rebuilds_what_it_no_longer_vouches_for(
    archive: Path, run: Run
) -> None:
    build_all(run)
    clean = outputs()
    stored = Path("build") / MANIFEST
    whole = stored.read_bytes()
    stored.write_bytes(whole[: len(whole) // 2])  # as a full disk or a broken copy leaves it
    rebuilt = made(build_all(run))
    assert rebuilt and rebuilt != TARGETS  # the whole lines before the cut still count
    assert outputs() == clean
    assert made(build_all(run)) == []
    assert stored.read_bytes() == whole


def test_a_line_of_the_manifest_for_other_bytes_is_rebuilt(archive: Path, run: Run) -> None:
    build_all(run)
    stored = Path("build") / MANIFEST
    output("2018-04", "openbaar", "md").write_text("met de hand", "utf-8")
    lines = stored.read_bytes().splitlines(keepends=True)
    lines.insert(3, b"kapot\n")  # a damaged line among the others
    stored.write_bytes(b"".join(lines))
    assert "2018-04" in made(build_all(run))
    assert made(build_all(run)) == []


def test_a_manifest_out_of_order_is_read_whole(archive: Path, run: Run) -> None:
    build_all(run)
    stored = Path("build") / MANIFEST
    kop, *lines, slot = stored.read_bytes().split(
        b"\n",
    )[:-1]
    lines = [line.removesuffix(b",") for line in lines]
    stored.write_bytes(kop + b"\n" + b",\n".join(reversed(lines)) + b"\n" + slot + b"\n")
    assert made(build_all(run)) == []  # edited by hand, still the same document


def test_a_build_that_changes_nothing_leaves_the_manifest_alone(archive: Path, run: Run) -> None:
    build_all(run)
    stored = Path("build") / MANIFEST
    before = stored.stat()
    assert made(build_all(run)) == []
    assert stored.stat().st_ino == before.st_ino and stored.stat().st_mtime_ns == before.st_mtime_ns


def test_opening_a_large_manifest_keeps_little_of_it(tmp_path: Path) -> None:
    """Opening notes where each folder's lines begin, not every file's key and sha256 (the
    whole manifest of 12,000 months was some 10 MB in memory)."""
    out = tmp_path / "build"
    nieuw = sorted(
        Record(f"{editie}/{2000 + i // 12}-{i % 12 + 1:02d}/maandmonitor-x.{f}", "d", "0" * 64)
        for i in range(10_000)
        for editie in ("intern", "openbaar")
        for f in ("md", "html")
    )
    assert Manifest.lees(out).schrijf([], nieuw, {"d": "1" * 64}) is None
    gc.collect()
    tracemalloc.start()
    try:
        manifest = Manifest.lees(out)
        kept, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    pad = "openbaar/2400-05/maandmonitor-x.html"
    assert manifest.entry(pad) == ("1" * 64, "0" * 64)
    manifest.sluit()
    assert kept < 100 * len(nieuw), f"{kept / len(nieuw):.0f} bytes a file"


def test_records_out_of_order_stop_the_manifest_instead_of_a_wrong_one(tmp_path: Path) -> None:
    """The manifest merges its stored lines with the new records as they come, both sorted: out
    of order, a file could keep an earlier build's line and be judged current when it is not.
    So it stops (a bug, not the user's), and nothing is put in place."""
    out = tmp_path / "build"
    eerste = [Record(f"openbaar/2018-0{m}/maandmonitor-x.md", "d", "0" * 64) for m in (1, 2)]
    assert Manifest.lees(out).schrijf([], eerste, {"d": "1" * 64}) is None
    voor = (out / MANIFEST).read_bytes()
    with pytest.raises(RuntimeError, match="niet oplopend"):
        Manifest.lees(out).schrijf([], eerste[::-1], {"d": "2" * 64})
    assert (out / MANIFEST).read_bytes() == voor
