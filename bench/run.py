"""`make bench`: the tool's speed as ratios measured in one run (medians of several runs).

Every command runs as its own process under /usr/bin/time, as a user would run it, so start-up
and imports are included. Nothing here asserts a time: the numbers are for people to read.
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generate import generate

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
FLOOR = "import yaml, pydantic, jinja2, markdown_it, typer, babel"


@dataclass(frozen=True)
class Meting:
    seconds: float  # median wall time
    rss_mib: float  # largest peak resident set size of the runs


def measure(cmd: list[str], cwd: Path, runs: int = RUNS) -> Meting:
    times, peaks = [], []
    with tempfile.NamedTemporaryFile("r") as out:
        for _ in range(runs):
            subprocess.run(
                ["/usr/bin/time", "-f", "%e %M", "-o", out.name, *cmd],
                cwd=cwd,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            wall, rss = Path(out.name).read_text().split()[-2:]
            times.append(float(wall))
            peaks.append(int(rss) / 1024)
    return Meting(statistics.median(times), max(peaks))


def row(label: str, value: str) -> None:
    print(f"  {label:<58} {value}")


def main() -> None:
    mm = str(BIN / "maandmonitor")
    print(
        f"maandmonitor bench — {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {RUNS} runs each (medians)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ref = root / "ref"
        shutil.copytree(REPO / "data", ref / "data")
        archives = {n: root / f"archief-{n}" for n in (120, 1200)}
        for n, path in archives.items():
            generate(path, n)

        floor = measure([sys.executable, "-c", FLOOR], ref)
        print("\nstart-up")
        row(
            "import floor (yaml, pydantic, jinja2, markdown_it, typer, babel)",
            f"{floor.seconds * 1000:.0f} ms",
        )
        single = measure([mm, "validate", "2018-06"], ref)
        row(
            "validate 2018-06",
            f"{single.seconds * 1000:.0f} ms = {single.seconds / floor.seconds:.2f}x floor",
        )

        print("\nvalidate, whole archive")
        results = {n: measure([mm, "validate"], path) for n, path in archives.items()}
        for n, m in results.items():
            row(
                f"validate {n} months",
                f"{m.seconds:.2f} s, {n / m.seconds:.0f} months/s, peak {m.rss_mib:.0f} MiB",
            )
        ratio = results[1200].seconds / results[120].seconds
        row("time 1,200 / 120 months (linear: 10)", f"{ratio:.1f}")
        row(
            "peak memory 1,200 / 120 months (flat: ≤ 2)",
            f"{results[1200].rss_mib / results[120].rss_mib:.2f}",
        )


if __name__ == "__main__":
    main()
