"""`make bench`: the tool's speed as ratios measured in one run (medians of several runs).

Every command runs as its own process under /usr/bin/time, as a user would run it, so start-up
and imports are included. Nothing here asserts a time: the numbers are for people to read.
"cold" is a build from nothing (no build/ folder: no outputs, manifest or check cache) on a
machine where the tool ran before (its compiled templates in the user cache); "first run" has
no caches at all.
"""

from __future__ import annotations

import hashlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from generate import generate

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
FLOOR = "import yaml, pydantic, jinja2, markdown_it, typer, babel"


# The archive of 12,000 months takes a while to write: kept between runs in this ignored folder,
# under the bytes it is made from (the generator and monitor.yaml), and linked into each run.
BEWAARD = REPO / "bench" / "out"
GROOT = 12_000


@dataclass(frozen=True)
class Meting:
    seconds: float  # median wall time
    rss_mib: float  # largest peak resident set size of the runs
    cpu: float = 0.0  # median user + system time


def measure(cmd: list[str], cwd: Path, runs: int = RUNS) -> Meting:
    times, peaks, cpu = [], [], []
    with tempfile.NamedTemporaryFile("r") as out:
        for _ in range(runs):
            subprocess.run(
                ["/usr/bin/time", "-f", "%e %U %S %M", "-o", out.name, *cmd],
                cwd=cwd,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            wall, user, system, rss = Path(out.name).read_text().split()[-4:]
            times.append(float(wall))
            cpu.append(float(user) + float(system))
            peaks.append(int(rss) / 1024)
    return Meting(statistics.median(times), max(peaks), statistics.median(cpu))


def groot_archief(root: Path, n: int) -> Path:
    """The generated archive of `n` months, from bench/out when it was made from the same bytes
    before; its files hard-linked (or copied) into `root`, since every run writes beside them."""
    sleutel = hashlib.sha256(
        b"".join(
            p.read_bytes() for p in (REPO / "bench" / "generate.py", REPO / "data" / "monitor.yaml")
        )
        + str(n).encode()
    ).hexdigest()[:16]
    bewaard = BEWAARD / f"archief-{n}-{sleutel}"
    if not bewaard.is_dir():
        for oud in BEWAARD.glob(f"archief-{n}-*"):
            shutil.rmtree(oud)
        tijdelijk = BEWAARD / f".archief-{n}-{os.getpid()}"
        shutil.rmtree(tijdelijk, ignore_errors=True)
        generate(tijdelijk, n)
        tijdelijk.rename(bewaard)
    doel = root / f"archief-{n}"

    def link(bron: str, naar: str) -> None:
        try:
            os.link(bron, naar)
        except OSError:
            shutil.copy2(bron, naar)

    shutil.copytree(bewaard, doel, copy_function=link)
    return doel


def geheugen(archives: dict[int, Path], mm: str, n: int, gemeten: dict[str, Meting]) -> None:
    """Peak memory of validate (cold on one core, warm) and build --all (cold, warm) at `n`
    months (`gemeten`: validate's, measured above) against the 10× larger archive: flat is
    ≤ 1.3 (issue 18). The large archive runs once (peak memory hardly varies; a cold build of
    it takes a minute or more)."""
    groot = 10 * n
    bouw = "build --all --editie openbaar --format md"  # the cheapest build of every month
    pad = archives[groot]
    metingen = {
        "validate, cold, one core": {
            n: gemeten["koud"],
            groot: measure(["taskset", "-c", "0", mm, "validate", "--geen-cache"], pad, 1),
        }
    }
    subprocess.run([mm, "validate"], cwd=pad, check=True, stdout=subprocess.DEVNULL)
    metingen["validate, warm"] = {n: gemeten["warm"], groot: measure([mm, "validate"], pad, 1)}
    # the cold build of the large archive alone takes a minute and a half: BENCH_GROOT_BOUW=0
    # leaves both build rows out
    for m, runs in ((n, RUNS), (groot, 1)) if os.environ.get("BENCH_GROOT_BOUW") != "0" else ():
        metingen.setdefault("build --all, cold", {})[m] = measure(
            sh(f"rm -rf build && {mm} {bouw}"), archives[m], 1
        )
        metingen.setdefault("build --all, warm", {})[m] = measure(
            [mm, *bouw.split()], archives[m], runs
        )
    for label, per in metingen.items():
        row(
            label,
            f"{per[groot].rss_mib:.0f} / {per[n].rss_mib:.0f} MiB = "
            f"{per[groot].rss_mib / per[n].rss_mib:.2f} (target ≤ 1.3); "
            f"{per[groot].seconds:.1f} / {per[n].seconds:.1f} s",
        )


def alternated(cmds: dict[str, list[str]], cwd: Path, runs: int = RUNS) -> dict[str, float]:
    """Median wall time of each command, the commands run in turn (A, B, A, B, ...), so that a
    ratio between them is not skewed by what else the machine does meanwhile."""
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(runs):
        for k, cmd in cmds.items():
            begin = time.perf_counter()
            subprocess.run(
                cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            times[k].append(time.perf_counter() - begin)
    return {k: statistics.median(v) for k, v in times.items()}


def row(label: str, value: str) -> None:
    print(f"  {label:<62} {value}")


def sh(command: str) -> list[str]:
    return ["sh", "-c", command]


def pdf_row(mm: str, ref: Path) -> None:
    """The PDF of both editions of a month, cold, beside the md+html build (issue 18: ≤ 1 s)."""
    if subprocess.run([sys.executable, "-c", "import weasyprint"], capture_output=True).returncode:
        row("build 2018-06 --format pdf", "skipped: WeasyPrint does not load (make system-deps)")
        return
    m = alternated(
        {
            "pdf": sh(f"rm -rf build && {mm} build 2018-06 --format pdf"),
            "html": sh(f"rm -rf build && {mm} build 2018-06"),
        },
        ref,
    )
    row(
        "build 2018-06 --format pdf (both editions), cold",
        f"{m['pdf'] * 1000:.0f} ms = {m['pdf'] / m['html']:.2f}x md+html cold "
        f"({m['html'] * 1000:.0f} ms; target ≤ 1 s)",
    )


def main() -> None:
    mm = str(BIN / "maandmonitor")
    print(
        f"maandmonitor bench — {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {RUNS} runs each (medians)"
    )
    # As installed: a wheel install compiles the package's bytecode, an editable one leaves it to
    # the first import, which never writes it where PYTHONDONTWRITEBYTECODE is set.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "src")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ["XDG_CACHE_HOME"] = str(root / "cache")  # the tool's own caches: ours alone
        ref = root / "ref"
        shutil.copytree(REPO / "data", ref / "data")
        archives = {n: root / f"archief-{n}" for n in (120, 1200)}
        for n, path in archives.items():
            generate(path, n)
        archives[GROOT] = groot_archief(root, GROOT)

        floor = measure([sys.executable, "-c", FLOOR], ref)
        in_use = measure([sys.executable, str(REPO / "bench" / "vloer.py"), "2018-06"], ref)
        print("\none month (the reference, June 2018)")
        row("import floor: " + FLOOR.removeprefix("import "), f"{floor.seconds * 1000:.0f} ms")
        row(
            "the stack in use: bench/vloer.py (each library used once)",
            f"{in_use.seconds * 1000:.0f} ms = {in_use.seconds / floor.seconds:.2f}x floor",
        )
        start = alternated(
            {
                "python": [sys.executable, "-c", "pass"],
                "--version": [mm, "--version"],
                "-h": [mm, "-h"],
            },
            ref,
            runs=31,  # a few milliseconds each: more runs for a steady median
        )
        for optie in ("--version", "-h"):
            row(
                f"maandmonitor {optie} / python -c pass (target ≤ 1.2)",
                f"{start[optie] * 1000:.1f} ms = {start[optie] / start['python']:.2f}x",
            )
        for label, cmd in [
            ("validate 2018-06", [mm, "validate", "2018-06", "--geen-cache"]),
            ("build 2018-06 (md+html, both editions)", [mm, "build", "2018-06"]),
        ]:
            m = measure(cmd, ref)
            row(
                label,
                f"{m.seconds * 1000:.0f} ms = {m.seconds / floor.seconds:.2f}x floor, "
                f"{m.seconds / in_use.seconds:.2f}x the stack in use",
            )
        pdf_row(mm, ref)

        print(
            "\nvalidate, whole archive (cold: --geen-cache; warm: nothing changed since last run)"
        )
        klein = {n: p for n, p in archives.items() if n < GROOT}  # 12,000: memory, below
        cold = {n: measure([mm, "validate", "--geen-cache"], p) for n, p in klein.items()}
        een_kern = {
            n: measure(["taskset", "-c", "0", mm, "validate", "--geen-cache"], p)
            for n, p in klein.items()
        }
        for path in klein.values():  # the run that fills the cache is not a warm one
            subprocess.run([mm, "validate"], cwd=path, check=True, stdout=subprocess.DEVNULL)
        warm = {n: measure([mm, "validate"], p) for n, p in klein.items()}
        for n in klein:
            for label, m in (
                ("cold, one core", een_kern[n]),
                (f"cold, {os.cpu_count()} cores", cold[n]),
                ("warm", warm[n]),
            ):
                row(
                    f"validate {n} months, {label}",
                    f"{m.seconds:.2f} s, {n / m.seconds:.0f} months/s, peak {m.rss_mib:.0f} MiB",
                )
        row(
            "time 1,200 / 120 months, cold, one core (linear: 10)",
            f"{een_kern[1200].seconds / een_kern[120].seconds:.1f}",
        )
        marginaal = (een_kern[1200].seconds - een_kern[120].seconds) / 1080
        row(
            "cost of one more month, cold, one core",
            f"{marginaal * 1000:.2f} ms = {1 / marginaal:.0f} months/s",
        )
        row(
            "peak memory 1,200 / 120 months, cold, one core (flat: ≤ 2)",
            f"{een_kern[1200].rss_mib / een_kern[120].rss_mib:.2f}",
        )
        vloer = measure(
            ["taskset", "-c", "0", sys.executable, str(REPO / "bench" / "yamlvloer.py"), "data"],
            archives[1200],
        )
        row(
            "libyaml's event stream alone, 1,200 months, one core (CPU)",
            f"{vloer.cpu:.2f} s; cold validate {een_kern[1200].cpu:.2f} s = "
            f"{een_kern[1200].cpu / vloer.cpu:.2f}x (target ≤ 2)",
        )
        stadia = subprocess.run(
            ["taskset", "-c", "0", sys.executable, str(REPO / "bench" / "ontleed.py"), "data"],
            cwd=archives[1200],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        print("  the same, by stage, in one process on one core (bench/ontleed.py; CPU):")
        gebeurtenissen = None
        for regel in stadia.splitlines():
            stadium, seconden = regel.split("\t")
            gebeurtenissen = gebeurtenissen or float(seconden)
            row(
                f"  {stadium}",
                f"{float(seconden):.2f} s = {float(seconden) / gebeurtenissen:.2f}x the events",
            )

        print(
            f"\npeak memory, {GROOT:,} / 1,200 months (issue 18; {GROOT:,}: one run); "
            "build --all: --editie openbaar --format md"
        )
        geheugen(archives, mm, 1200, {"koud": een_kern[1200], "warm": warm[1200]})

        print("\n120 months to HTML: maandmonitor build --all vs pandoc, one process per file")
        archief = archives[120]
        subprocess.run(
            [mm, "build", "--all", "--editie", "openbaar", "--format", "md", "--out", "md"],
            cwd=archief,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        pandoc = measure(
            sh(
                "for f in md/openbaar/????-??/*.md; do "
                'pandoc -s --metadata title=maandmonitor "$f" -o "${f%.md}.html"; done'
            ),
            archief,
        )
        row("pandoc, 120 public .md → .html", f"{pandoc.seconds:.2f} s")
        eerste = measure(
            sh(f"rm -rf build $XDG_CACHE_HOME && {mm} build --all --editie openbaar --format html"),
            archief,
        )
        row(
            "build --all openbaar, html, first run (no caches at all)",
            f"{eerste.seconds:.2f} s = {pandoc.seconds / eerste.seconds:.1f}x faster than pandoc",
        )
        for label, opties in [
            ("openbaar, html", "--editie openbaar --format html"),
            ("both editions, md+html", ""),
        ]:
            koud = measure(sh(f"rm -rf build && {mm} build --all {opties}"), archief)
            row(
                f"build --all {label}, cold",
                f"{koud.seconds:.2f} s = {pandoc.seconds / koud.seconds:.1f}x faster than pandoc",
            )
            warm_bouw = measure([mm, "build", "--all", *opties.split()], archief)
            row(f"build --all {label}, warm (nothing changed)", f"{warm_bouw.seconds:.2f} s")


if __name__ == "__main__":
    main()
