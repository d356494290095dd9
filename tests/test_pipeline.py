"""The build as one pipeline (issue 11): what holds between months, formats, runs and CI.

Each test is one of the seams where the public edition used to leak or a message used to lie.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from maandmonitor import workspace
from maandmonitor.check import run as check_run
from maandmonitor.load import files as load_files

from .conftest import REPO, output, outputs
from .test_check import RISICO_APRIL, RISICO_MEI, write_month

Run = Callable[..., tuple[int, str, str]]
MONTH = Path("data/2018-06.yaml")
MAY = Path("data/2018-05.yaml")
SECRET = "Piet Pietersen uit Osdorp"


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def nothing_written(err: str) -> None:
    assert "Traceback" not in err
    assert not Path("build").exists()


# --- 1. the months before: fail closed, and guarded -----------------------------------------------


def test_a_previous_month_that_does_not_load_stops_the_public_edition(
    workspace: Path, run: Run
) -> None:
    write_month("2018-05", (59, 2, 3, 0), RISICO_MEI, "2018-06-31")  # no such date
    MAY.write_text(
        MAY.read_text("utf-8") + "    leeftijd: {gelakt: 5.1.2.e, cijfers: {tot_18: 59}}\n", "utf-8"
    )
    code, out, err = run("build", "2018-06", "--editie", "openbaar")
    assert (code, out) == (1, "")
    assert (
        "data/2018-06.yaml:142:3: inzet_op_risicos.vorige_maand: de openbare editie van 2018-06 "
        "wordt niet gemaakt: data/2018-05.yaml bevat fouten en is niet geladen"
    ) in err
    assert "data/2018-05.yaml:2:12: peildatum: '2018-06-31' is geen bestaande datum" in err
    nothing_written(err)
    # The internal edition does not publish anything: it is still made.
    assert run("build", "2018-06", "--editie", "intern")[0] == 0


def test_the_guard_knows_every_earlier_month_of_the_year(workspace: Path, run: Run) -> None:
    """April's meldingen (which June repeats) hold a confidential name; June has it unmarked."""
    write_month("2018-04", (56, 1, 2, 1), RISICO_APRIL, "2018-05-03")
    write_month("2018-05", (59, 2, 3, 0), RISICO_MEI, "2018-06-05")
    replace(Path("data/2018-04.yaml"), "items: [melding,", f'items: ["[[5.1.2.e: {SECRET}]]",')
    replace(MONTH, "- Bij de docenten van Toptaal.", f"- Vervolg op de zaak {SECRET}.")
    code, _, err = run("build", "2018-06", "--editie", "openbaar")
    assert code == 1
    assert re.search(
        r"^data/2018-04\.yaml:\d+:\d+: .*\(5\.1\.2\.e\) staat in build/openbaar/", err, re.M
    )
    nothing_written(err)


# --- 2. a build owns its outputs ------------------------------------------------------------------


@pytest.mark.systeem("pango")
def test_a_stale_pdf_is_removed_and_never_called_current(workspace: Path, run: Run) -> None:
    assert run("build", "2018-06", "--format", "md,html,pdf", "--editie", "openbaar")[0] == 0
    pdf = output("2018-06", "openbaar", "pdf")
    assert pdf.is_file()
    replace(
        MONTH, "- Bij de docenten van Toptaal.", '- "[[5.1.2.e: Bij de docenten van Toptaal.]]"'
    )
    code, out, _ = run("build", "2018-06", "--editie", "openbaar")
    assert code == 0
    assert out.splitlines()[-2:] == [
        "Verwijderd, want niet meer actueel:",
        "  build/openbaar/2018-06/maandmonitor-2018-06-openbaar.pdf",
    ]
    assert not pdf.exists()
    assert sorted(outputs()) == [
        "openbaar/2018-06/maandmonitor-2018-06-openbaar.diwoo.xml",
        "openbaar/2018-06/maandmonitor-2018-06-openbaar.html",
        "openbaar/2018-06/maandmonitor-2018-06-openbaar.md",
    ]
    assert run("list")[1].splitlines()[1].endswith("gemaakt")


def test_list_never_calls_a_file_of_other_input_current(workspace: Path, run: Run) -> None:
    assert run("build", "2018-06")[0] == 0
    replace(MONTH, "- Bij de docenten van Toptaal.", "- Bij de docenten.")
    assert run("list")[1].splitlines()[1].endswith("verouderd")
    assert run("build", "2018-06", "--editie", "openbaar")[0] == 0
    # the internal edition was made from the other version: removed, not left to be taken current
    assert not Path("build/intern/2018-06").exists()
    assert run("list")[1].splitlines()[1].endswith("gemaakt")


def test_the_layout_before_the_edition_roots_is_cleaned_up(workspace: Path, run: Run) -> None:
    oud = Path("build/2018-06")
    oud.mkdir(parents=True)
    (oud / "maandmonitor-2018-06-intern.pdf").write_text("oud", "utf-8")
    code, out, _ = run("build", "2018-06")
    assert code == 0
    assert "  build/2018-06/maandmonitor-2018-06-intern.pdf" in out.splitlines()
    assert not oud.exists()


# --- 3. the cache and the render read the same bytes ----------------------------------------------


def test_a_month_edited_while_the_build_runs_is_never_filed_under_the_other_version(
    archive: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    june = Path("data/2018-06.yaml")
    original = june.read_text("utf-8")
    assert run("build", "--all", "--out", "schoon")[0] == 0
    edited = original.replace("Besproken:", "Besproken met Jan Jansen:", 1)
    assert edited != original
    read = workspace.lees_bestand
    reads = []

    def edited_after_the_first_read(path: Path, file: str) -> bytes:
        if file == "data/2018-06.yaml":
            reads.append(file)
            if len(reads) == 2:  # hashed for the keys; now someone saves the file
                june.write_text(edited, encoding="utf-8")
        return read(path, file)

    with monkeypatch.context() as patch:
        patch.setattr(workspace, "lees_bestand", edited_after_the_first_read)
        code, out, err = run("build", "--all")
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == (
        "data/2018-06.yaml: het bestand is veranderd terwijl maandmonitor liep; er is niets "
        "gemaakt: start opnieuw"
    )
    assert not Path("build").exists()
    june.write_text(original, encoding="utf-8")  # reverted
    assert run("build", "--all")[0] == 0
    assert outputs() == outputs(Path("schoon"))


# --- 4. gather, then write ------------------------------------------------------------------------


def test_a_failure_in_a_later_month_leaves_every_output_as_it_was(archive: Path, run: Run) -> None:
    assert run("build", "--all")[0] == 0
    before = outputs()
    replace(Path("data/2018-03.yaml"), "Besproken:", "Besproken deze maand:")  # rebuilt first
    november = Path("data/2018-11.yaml")
    replace(november, "[[5.1.2.c: sport 6]]", f"[[5.1.2.c: {SECRET}]]")
    replace(november, '- "Advies traject', f'- "{SECRET}. Advies traject')  # a leak
    code, out, err = run("build", "--all")
    assert (code, out) == (1, "")
    assert "(5.1.2.c) staat in build/openbaar/2018-11/" in err
    assert err.splitlines()[-1] == "Niets gemaakt: 2 fouten."  # in the Markdown and the HTML
    assert outputs() == before
    assert sorted(p.name for p in Path("build").iterdir()) == [".cache", "intern", "openbaar"]


def test_a_write_that_fails_midway_names_what_was_replaced(
    workspace: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("build", "2018-06")[0] == 0
    replace(MONTH, "- Bij de docenten van Toptaal.", "- Bij de docenten.")
    calls = []
    real = Path.replace

    def disk_full_after_two(self: Path, target: Path) -> Path:  # type: ignore[override]
        calls.append(self)
        if len(calls) > 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(self, target)

    monkeypatch.setattr(Path, "replace", disk_full_after_two)
    code, out, err = run("build", "2018-06")
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == (
        "build: schrijven mislukt (de schijf is vol); al vervangen of verwijderd: "
        "build/intern/2018-06/maandmonitor-2018-06-intern.html, "
        "build/intern/2018-06/maandmonitor-2018-06-intern.md; de rest is niet veranderd. "
        "Maak de build opnieuw"
    )
    assert len(err.splitlines()) == 1  # not "Niets gemaakt"
    assert [p.name for p in Path("build").iterdir() if p.name.startswith(".")] == [".cache"]


def test_an_output_folder_that_cannot_be_written_is_a_located_error(
    workspace: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    Path("eenbestand").write_text("van de gebruiker", "utf-8")
    code, out, err = run("build", "2018-06", "--out", "eenbestand")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "eenbestand: kan niet schrijven: er staat een bestand waar een map moet komen",
        "Niets gemaakt: 1 fout.",
    ]
    assert Path("eenbestand").read_text("utf-8") == "van de gebruiker"
    assert run("build", "2018-06")[0] == 0
    before = outputs()
    replace(MONTH, "- Bij de docenten van Toptaal.", "- Bij de docenten.")

    def disk_full(self: Path, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Path, "write_bytes", disk_full)  # a full disk shows while staging
    code, out, err = run("build", "2018-06")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "build: kan niet schrijven: de schijf is vol",
        "Niets gemaakt: 1 fout.",
    ]
    assert outputs() == before
    assert not list(Path("build").glob(".klaarzetten-*"))


def test_ctrl_c_while_files_are_put_in_place_waits_and_says_what_was_written(
    workspace: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Path.replace

    def interrupted(self: Path, target: Path) -> Path:  # type: ignore[override]
        os.kill(os.getpid(), signal.SIGINT)  # held off until everything is placed and recorded
        return real(self, target)

    monkeypatch.setattr(Path, "replace", interrupted)
    code, out, err = run("build", "2018-06")
    monkeypatch.setattr(Path, "replace", real)
    assert code == 130
    assert out.splitlines()[0] == "Rapportage 2018-06 gemaakt:" and len(out.splitlines()) == 6
    assert err == "maandmonitor: afgebroken, nadat alles hierboven geschreven was\n"
    assert run("list")[1].splitlines()[1].endswith("  gemaakt")  # and recorded


def test_list_says_when_only_part_of_a_report_is_made(workspace: Path, run: Run) -> None:
    assert run("build", "2018-06", "--editie", "intern")[0] == 0
    assert run("list")[1].splitlines()[1].endswith("  deels gemaakt")
    assert run("build", "2018-06", "--editie", "openbaar")[0] == 0
    assert run("list")[1].splitlines()[1].endswith("  gemaakt")


# --- 5. worker processes end with their parent ----------------------------------------------------


def _children(pid: int) -> list[int]:
    kinderen = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            velden = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(velden[1]) == pid:
            kinderen.append(int(stat.parent.name))
    return kinderen


def _alive(pid: int) -> bool:
    try:
        toestand = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return toestand != "Z"


@pytest.mark.skipif(
    not Path("/proc").is_dir() or len(os.sched_getaffinity(0)) < 2, reason="Linux, 2 cores"
)
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
@pytest.mark.systeem("pango")  # the PDF keeps the workers busy long enough
def test_no_worker_outlives_its_parent(archive: Path, sig: signal.Signals) -> None:
    command = [
        str(Path(sys.executable).parent / "maandmonitor"),
        "build",
        "--all",
        "--format",
        "pdf",
    ]
    parent = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and parent.poll() is None:
        time.sleep(0.01)
        workers = _children(parent.pid)
    assert len(workers) >= 2, "the build did not start its workers"
    parent.send_signal(sig)
    parent.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [w for w in workers if _alive(w)], "a worker outlived its parent"
    if sig != signal.SIGKILL:  # ended as Ctrl-C ends it: one line, exit 128 + the signal
        assert parent.returncode == 128 + sig
        assert (
            parent.stderr is not None
            and parent.stderr.read() == b"maandmonitor: afgebroken: niets gewijzigd\n"
        )
        assert not list(Path("build").glob(".klaarzetten-*"))  # the staging folder is gone


@pytest.mark.skipif(
    not Path("/proc").is_dir() or len(os.sched_getaffinity(0)) < 2, reason="Linux, 2 cores"
)
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupt_as_workers_start_always_ends_cleanly(archive: Path, sig: int) -> None:
    """The moment workers are forked is the racy one: every time one line, exit 128 + the
    signal, no worker left, no staging folder."""
    command = [str(Path(sys.executable).parent / "maandmonitor"), "build", "--all"]
    for _ in range(6):
        shutil.rmtree("build", ignore_errors=True)
        parent = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        workers: list[int] = []
        while not workers and parent.poll() is None:
            workers = _children(parent.pid)
        parent.send_signal(sig)
        parent.wait(timeout=30)
        assert parent.stderr is not None
        if parent.returncode == 0:  # it finished before the signal came
            continue
        assert (parent.returncode, parent.stderr.read()) == (
            128 + sig,
            b"maandmonitor: afgebroken: niets gewijzigd\n",
        )
        assert not [w for w in workers if _alive(w)]
        assert not list(Path("build").glob(".klaarzetten-*"))


WORKER_SLOW_TO_START = """
import os, sys, time
from maandmonitor import parallel
fork = os.fork
def slow_fork():
    pid = fork()
    if pid == 0:
        time.sleep(1.5)  # the parent is killed before the worker runs a line of its own
    return pid
os.fork = slow_fork
print(os.getpid(), flush=True)
parallel.in_processen(time.sleep, [60, 60], 2)
"""


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="Linux")
def test_a_worker_whose_parent_died_before_it_started_does_not_run(tmp_path: Path) -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", WORKER_SLOW_TO_START], stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    parent.stdout.readline()
    deadline = time.monotonic() + 10
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline:
        workers = _children(parent.pid)
    assert len(workers) == 2
    parent.kill()
    parent.wait()
    time.sleep(2.5)  # the workers wake up: they must see their parent is gone, and go
    assert not [w for w in workers if _alive(w)]


# --- 6. the internal edition never leaves the machine ---------------------------------------------


def test_ci_uploads_the_public_edition_only(workspace: Path, run: Run) -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/maandmonitor.yml").read_text("utf-8"))
    uploads = [
        step["with"]["path"]
        for job in workflow["jobs"].values()
        for step in job["steps"]
        if str(step.get("uses", "")).startswith("actions/upload-artifact")
    ]
    assert uploads == ["build/openbaar/"]
    assert run("build", "2018-06")[0] == 0
    assert all("intern" not in pad for pad in outputs(Path("build/openbaar")))
    assert list(outputs(Path("build/intern"))) == [
        "2018-06/maandmonitor-2018-06-intern.html",
        "2018-06/maandmonitor-2018-06-intern.md",
    ]


# --- 7. the work is done once ---------------------------------------------------------------------


def test_a_fresh_build_all_loads_and_checks_every_month_once(
    archive: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("maandmonitor.parallel.beschikbare_kernen", lambda: 1)  # in-process
    checked: list[str] = []
    loaded: list[str] = []
    context = check_run.Context
    load = load_files.load_maand

    def counting_context(
        programma: object, huidig: load_files.MaandBestand, archief: object
    ) -> object:
        checked.append(huidig.maand.maand)
        return context(programma, huidig, archief)  # type: ignore[arg-type]

    def counting_load(file: str, raw: bytes, programma: object, maand: str) -> object:
        loaded.append(maand)
        return load(file, raw, programma, maand)  # type: ignore[arg-type]

    monkeypatch.setattr(check_run, "Context", counting_context)
    monkeypatch.setattr("maandmonitor.workspace.load_maand", counting_load)
    assert run("build", "--all")[0] == 0
    months = sorted(p.stem for p in Path("data").glob("????-??.yaml"))
    assert sorted(checked) == months
    assert sorted(loaded) == months
    checked.clear()
    assert run("build", "--all")[0] == 0  # nothing changed: the check cache has every outcome
    assert checked == []
    assert json.loads(Path("build/.cache/controles.json").read_text("utf-8"))[
        "maanden"
    ].keys() == set(months)
