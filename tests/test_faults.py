"""Faults cost only time (issue 16): caches, permissions, calendar edges, odd file names and
interrupts end in one Dutch line and a plain exit code, never an internal error, and never leave
a partial or temporary file behind.

Conditions are made for real where root can make them (root writes through chmod): a directory
where a cache file goes, a file where a folder goes, a name longer than the file system allows.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from maandmonitor import onderbreking, write
from maandmonitor.onderbreking import GEWIJZIGD, Afgebroken

from .conftest import _generator, outputs

Run = Callable[..., tuple[int, str, str]]
CACHE = Path("build/.cache")
PROGRAM = [sys.executable, "-m", "maandmonitor"]
AS_ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False
ROOT_WRITES_ANYWAY = "root writes through chmod: the condition cannot be made"


def real_run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """The program as users start it: its own process, real stdout and stderr, real signals."""
    return subprocess.run([*PROGRAM, *args], capture_output=True, env=env, timeout=120)


# --- caches: any failure to read or write one only costs time -------------------------------------


@pytest.mark.parametrize("command", [["validate"], ["list"], ["build", "--all"]])
def test_a_cache_that_cannot_be_written_is_one_warning_line(
    workspace: Path, run: Run, command: list[str]
) -> None:
    expected = run(*command)
    shutil.rmtree("build")
    for name in ("controles.json", "manifest.json"):
        (CACHE / name).mkdir(parents=True)  # EISDIR where the cache file goes
    code, out, err = run(*command)
    assert (code, out) == expected[:2]
    warnings = {
        f"build/.cache/{name}: waarschuwing: cache niet bijgewerkt (er staat een map waar een "
        "bestand moet komen); de volgende keer kost dat alleen tijd"
        for name in ("controles.json", "manifest.json")
    }
    assert set(err.splitlines()) <= warnings and err


@pytest.mark.skipif(AS_ROOT, reason=ROOT_WRITES_ANYWAY)
def test_a_read_only_cache_folder_is_one_warning_line(workspace: Path, run: Run) -> None:
    assert run("build", "--all")[0] == 0
    Path("data/2018-06.yaml").write_text(
        Path("data/2018-06.yaml").read_text("utf-8") + "# bewerkt\n", "utf-8"
    )
    CACHE.chmod(0o555)
    try:
        for command in (["validate"], ["list"], ["build", "--all"]):
            code, _, err = run(*command)
            assert code == 0
            assert "cache niet bijgewerkt (geen toestemming)" in err
    finally:
        CACHE.chmod(0o755)


# Entries with the right key (the inputs did not change) but not the shape this version writes.
SHAPES: dict[str, Callable[[dict[str, object]], None]] = {
    "a-bool-as-text": lambda e: e.update(gecontroleerd="ja"),
    "a-line-as-text": lambda e: e.update(
        problemen=[
            {
                "bestand": "x",
                "regel": "12",
                "kolom": 1,
                "pad": "",
                "melding": "m",
                "ernst": "fout",
                "controle": None,
            }
        ]
    ),
    "an-unknown-severity": lambda e: e.update(
        problemen=[
            {
                "bestand": "x",
                "regel": 1,
                "kolom": 1,
                "pad": "",
                "melding": "m",
                "ernst": "kritiek",
                "controle": None,
            }
        ]
    ),
    "a-count-as-text": lambda e: e["toetsen"][0].__setitem__(1, "1"),  # type: ignore[index]
    "a-reason-as-number": lambda e: e["toetsen"][0].__setitem__(3, [1]),  # type: ignore[index]
    "rules-missing": lambda e: e.update(toetsen=[]),
    "problems-as-text": lambda e: e.update(problemen="geen"),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_a_check_cache_entry_of_another_shape_is_checked_afresh(
    workspace: Path, run: Run, shape: str
) -> None:
    expected = [run("validate", "--geen-cache", *f) for f in ([], ["--format", "json"])]
    assert run("validate")[0] == 0
    # the file has a month a line: June's line replaced by one of the other shape
    kop, juni, *rest = (CACHE / "controles.json").read_text("utf-8").split("\n")
    entry = json.loads("{" + juni.removesuffix(",") + "}")
    SHAPES[shape](entry["2018-06"])
    juni = json.dumps(entry, sort_keys=True, separators=(",", ":"))[1:-1]
    (CACHE / "controles.json").write_text("\n".join([kop, juni, *rest]), "utf-8")
    assert [run("validate", *f) for f in ([], ["--format", "json"])] == expected


def test_a_cache_nested_too_deep_to_parse_is_no_cache(workspace: Path, run: Run) -> None:
    expected = run("validate", "--geen-cache")
    CACHE.mkdir(parents=True)
    (CACHE / "controles.json").write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    assert run("validate") == expected


@pytest.mark.parametrize("home", ["relatief", "een-bestand"])
def test_a_home_that_cannot_hold_a_cache_means_no_disk_cache(workspace: Path, home: str) -> None:
    Path("een-bestand").write_text("van de gebruiker", "utf-8")
    env = {k: v for k, v in os.environ.items() if k != "XDG_CACHE_HOME"} | {"HOME": home}
    result = real_run("build", "2018-06", env=env)
    assert (result.returncode, result.stderr) == (0, b"")
    assert not Path("relatief").exists()  # a relative home is no place for a cache (XDG)
    assert Path("een-bestand").read_text("utf-8") == "van de gebruiker"


def test_a_user_without_a_home_builds_without_a_disk_cache(workspace: Path) -> None:
    """`docker --user 12345`: no HOME and no passwd entry."""
    if not AS_ROOT:
        pytest.skip("starting a process as a user without a passwd entry needs root")
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_CACHE_HOME")}
    try:
        subprocess.run([sys.executable, "-c", ""], user=54321, check=True, env=env)
    except (PermissionError, subprocess.CalledProcessError):
        pytest.skip("this Python cannot be started by another user (it is installed under /root)")
    open_to_all = Path(tempfile.mkdtemp(dir="/tmp"))  # the test's own folder is root's only
    try:
        shutil.copytree(workspace / "data", open_to_all / "data")
        open_to_all.chmod(0o777)
        result = subprocess.run(
            [*PROGRAM, "build", "2018-06"],
            cwd=open_to_all,
            user=54321,
            env=env,
            capture_output=True,
        )
    finally:
        shutil.rmtree(open_to_all)
    assert (result.returncode, result.stderr) == (0, b"")


# --- the data folder and the output folder --------------------------------------------------------


def test_a_file_in_the_way_of_an_output_folder_changes_nothing(workspace: Path, run: Run) -> None:
    Path("build").mkdir()
    Path("build/openbaar").write_text("van de gebruiker", "utf-8")
    code, out, err = run("build", "--all")
    assert (code, out) == (1, "")
    assert err.splitlines() == [  # the archive page goes into build/openbaar itself
        "build/openbaar: kan niet schrijven: er staat een bestand waar een map moet komen",
        "Niets gemaakt: 1 fout.",
    ]
    assert sorted(p.name for p in Path("build").iterdir()) == ["openbaar"]  # nothing partial
    assert Path("build/openbaar").read_text("utf-8") == "van de gebruiker"


def test_out_as_a_regular_file_is_a_located_error_for_every_target(
    workspace: Path, run: Run
) -> None:
    Path("eenbestand").write_text("van de gebruiker", "utf-8")
    code, out, err = run("build", "--all", "--out", "eenbestand")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "eenbestand: kan niet schrijven: er staat een bestand waar een map moet komen",
        "Niets gemaakt: 1 fout.",
    ]
    assert Path("eenbestand").read_text("utf-8") == "van de gebruiker"


LONG = "x" * 300  # longer than any file system allows a name: ENAMETOOLONG, also for root


@pytest.mark.parametrize(
    ("args", "code", "where"),
    [
        (["validate", "--data-dir", LONG], 2, f"maandmonitor: datamap '{LONG}' kan niet gelezen"),
        (["build", "2018-06", "--templates", LONG], 2, f"maandmonitor: sjablonenmap '{LONG}'"),
        (["build", "2018-06", "--out", LONG], 1, f"{LONG}"),  # the first path that fails
        (["list", "--out", LONG], 1, f"{LONG}"),
    ],
)
def test_a_folder_that_cannot_be_reached_is_one_dutch_line(
    workspace: Path, run: Run, args: list[str], code: int, where: str
) -> None:
    result, out, err = run(*args)
    assert (result, out, len(err.splitlines())) == (code, "", 1)
    assert err.startswith(where) and err.endswith(": de naam is te lang\n")
    assert not Path("build").exists()


@pytest.mark.skipif(AS_ROOT, reason=ROOT_WRITES_ANYWAY)
def test_a_read_only_output_folder_changes_nothing(workspace: Path, run: Run) -> None:
    assert run("build", "2018-06")[0] == 0
    Path("data/2018-06.yaml").write_text(
        Path("data/2018-06.yaml").read_text("utf-8").replace("Toptaal", "Taal"), "utf-8"
    )
    before = outputs()
    folder = Path("build/openbaar/2018-06")
    folder.chmod(0o555)
    try:
        code, out, err = run("build", "2018-06")
    finally:
        folder.chmod(0o755)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "build/openbaar/2018-06: kan niet schrijven: geen toestemming",
        "Niets gemaakt: 1 fout.",
    ]
    assert outputs() == before


@pytest.mark.skipif(AS_ROOT, reason="root reads through chmod: the condition cannot be made")
def test_a_data_folder_that_cannot_be_read_is_one_dutch_line(workspace: Path, run: Run) -> None:
    Path("data").chmod(0o000)
    try:
        result = run("validate")
    finally:
        Path("data").chmod(0o755)
    assert result == (
        2,
        "",
        "maandmonitor: datamap 'data' kan niet gelezen worden: geen toestemming\n",
    )


@pytest.mark.skipif(AS_ROOT, reason=ROOT_WRITES_ANYWAY)
def test_new_in_a_read_only_data_folder_is_one_dutch_line(workspace: Path, run: Run) -> None:
    Path("data").chmod(0o555)
    try:
        code, out, err = run("new", "2018-07")
    finally:
        Path("data").chmod(0o755)
    assert (code, out, err) == (1, "", "data/2018-07.yaml: kan niet schrijven: geen toestemming\n")
    assert sorted(p.name for p in Path("data").iterdir()) == ["2018-06.yaml", "monitor.yaml"]


# --- the calendar: 0001-01 to 9999-12 -------------------------------------------------------------


def calendar_edge(start: str, months: int) -> None:
    """A generated archive (bench/generate.py) of `months` from `start` in ./data."""
    _generator()(Path(), months, seed=16, start=start)


def test_the_last_months_there_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    monkeypatch.chdir(tmp_path)
    calendar_edge("9999-11", 1)
    code, out, _ = run("new", "9999-12")
    assert code == 0 and "peildatum (voorstel: 9999-12-31)" in out
    calendar_edge("9999-11", 2)  # a generated December, filled in
    december = Path("data/9999-12.yaml")
    december.write_text(december.read_text("utf-8").replace("10000-01-04", "9999-12-31"), "utf-8")
    code, out, err = run("validate")
    assert (code, err) == (0, "")
    assert (
        "  overgeslagen peildatum-na-maand         overgeslagen: er is geen datum na 9999-12-31"
        in out
    )
    assert run("build", "--all")[0] == 0
    assert Path("build/openbaar/9999/maandmonitor-9999-openbaar.md").is_file()


def test_the_first_months_there_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    monkeypatch.chdir(tmp_path)
    calendar_edge("0001-01", 2)
    january = Path("data/0001-01.yaml")
    code, _, err = run("validate")
    assert code == 1  # it states the figures of a month before the first there is
    assert (
        "data/0001-01.yaml:108:3: inzet_op_risicos.vorige_maand: er is geen maand vóór 0001-01\n"
        in err
    )
    text = january.read_text("utf-8")
    january.write_text(text[: text.index("  vorige_maand:")] + text[text.index("  overleggen:") :])
    code, _, err = run("validate")
    assert (code, err) == (0, "")
    assert run("build", "0001-01")[0] == 0
    assert run("build", "--all")[0] == 0


def test_a_month_outside_the_calendar_is_a_usage_error(workspace: Path, run: Run) -> None:
    assert run("validate", "0000-01") == (
        2,
        "",
        "maandmonitor: '0000-01' is geen maand: maanden lopen van 0001-01 tot en met 9999-12\n",
    )
    assert run("build", "0000")[0] == 2
    shutil.copy("data/2018-06.yaml", "data/0000-01.yaml")
    message = (
        "maandmonitor: data/0000-01.yaml: 0000-01 is geen maand (maanden lopen van 0001-01 tot "
        "en met 9999-12); hernoem of verwijder het bestand\n"
    )
    for command in (["validate"], ["list"], ["build", "2018-06"], ["new", "2018-07"]):
        assert run(*command) == (2, "", message)


# --- paths of any bytes -------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform != "linux", reason="a file name of any bytes: Linux")
def test_a_data_folder_whose_name_is_not_utf8(workspace: Path) -> None:
    folder = os.fsdecode(b"d\xe9ta")  # 'd\udce9ta': how Python holds the byte 0xE9
    Path("data").rename(folder)
    result = real_run("validate", "--data-dir", folder)
    assert (result.returncode, result.stderr) == (0, b"")
    assert b"d\xe9ta/2018-05.yaml bestaat niet" in result.stdout  # shown as the bytes it has
    report = json.loads(real_run("validate", "--data-dir", folder, "--format", "json").stdout)
    assert os.fsencode(report["maanden"][0]["bestand"]) == b"d\xe9ta/2018-06.yaml"
    result = real_run("new", "2018-07", "--data-dir", folder)
    assert result.returncode == 0 and result.stdout.startswith(b"d\xe9ta/2018-07.yaml aangemaakt")
    july = Path(folder, "2018-07.yaml").read_bytes().decode("utf-8")  # the file stays UTF-8
    assert "uit d\ufffdta/2018-06.yaml" in july
    Path(folder, "2018-07.yaml").unlink()
    templates = Path(os.fsdecode(b"sj\xe9blonen"))
    templates.mkdir()
    shutil.copy(Path(onderbreking.__file__).parent / "templates" / "stijl.css", templates)
    result = real_run("build", "--all", "--data-dir", folder, "--templates", str(templates))
    assert (result.returncode, result.stderr) == (0, b"")
    assert Path("build/.cache/controles.json").is_file()  # written, with the path escaped


# --- interrupts -------------------------------------------------------------------------------


def _catches(pid: int, sig: int) -> bool:
    """Whether process `pid` has a handler for `sig` (Linux: /proc/PID/status, SigCgt)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    mask = next(line.split()[1] for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(mask, 16) >> (sig - 1) & 1)


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="Linux: /proc")
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupt_while_the_program_loads_says_nothing_changed(
    workspace: Path, sig: int
) -> None:
    """From the moment the program catches signals (before it imports its libraries, a fifth of
    a second), an interrupt ends it with exit 128 + the signal and one line."""
    program = subprocess.Popen(
        [*PROGRAM, "build", "--all"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    while program.poll() is None and not _catches(program.pid, signal.SIGTERM):
        pass
    program.send_signal(sig)
    out, err = program.communicate(timeout=60)
    assert (program.returncode, out, err) == (
        128 + sig,
        b"",
        b"maandmonitor: afgebroken: niets gewijzigd\n",
    )
    assert not Path("build").exists()


WRITE = write.__file__


def interrupt_at(step: int, action: Callable[[], object]) -> bool:
    """Run `action` with a real SIGINT sent at its `step`-th moment (a function called anywhere,
    or a line of write.py), as Ctrl-C can come at any moment: whether it was interrupted. The
    program's own handler takes it; where signals are held off, they stay held off."""
    seen = 0

    def trace(frame: object, event: str, arg: object) -> object:
        nonlocal seen
        seen += 1
        if seen == step:
            os.kill(os.getpid(), signal.SIGINT)
        return trace if frame.f_code.co_filename == WRITE else None  # type: ignore[attr-defined]

    handlers = {s: signal.getsignal(s) for s in onderbreking.SIGNALEN}
    onderbreking.vang()
    sys.settrace(trace)  # type: ignore[arg-type]
    try:
        action()
        len([])  # a signal not handled yet is handled here, still inside the try
    except Afgebroken:
        onderbreking.ruim_op()  # as the program does when an interrupt reaches it
        return True
    finally:
        sys.settrace(None)
        for s, handler in handlers.items():
            signal.signal(s, handler)
    return False


def every_moment(action: Callable[[], object], check: Callable[[bool], None]) -> int:
    """Interrupt `action` at each of its moments in turn, and `check` what is left each time;
    the number of moments."""
    step = 0
    while True:
        step += 1
        interrupted = interrupt_at(step, action)
        check(interrupted)
        if not interrupted:
            return step


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_an_interrupted_cache_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    cache = tmp_path / "controles.json"

    def check(interrupted: bool) -> None:
        assert hidden(tmp_path) == []
        assert not cache.exists() or cache.read_bytes() == b"{}"
        cache.unlink(missing_ok=True)

    assert every_moment(lambda: write.schrijf_atomisch(cache, b"{}"), check) > 5


def test_an_interrupted_cache_written_as_it_goes_leaves_the_old_one_or_the_new(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "controles.json"

    def action() -> None:
        nieuw = write.Gaandeweg(cache)
        try:
            for stuk in (b"nieuw,", b" in ", b"stukken"):
                nieuw.schrijf(stuk)
            nieuw.plaats()
        finally:
            nieuw.weg()

    def check(interrupted: bool) -> None:
        assert hidden(tmp_path) == []
        assert cache.read_bytes() in (b"oud", b"nieuw, in stukken")
        assert interrupted or cache.read_bytes() == b"nieuw, in stukken"
        cache.write_bytes(b"oud")  # for the next moment

    cache.write_bytes(b"oud")
    assert every_moment(action, check) > 5


def test_an_interrupted_staging_leaves_no_staging_folder(tmp_path: Path) -> None:
    out = tmp_path / "build"

    def staged_as_build_stages() -> None:
        staging = write.Klaarzetten(out)
        try:
            (staging.map / "maandmonitor-2018-06-openbaar.md").write_text("…", "utf-8")
        finally:
            staging.opruimen()

    def check(interrupted: bool) -> None:
        assert not out.exists()

    assert every_moment(staged_as_build_stages, check) > 5


def test_an_interrupted_new_month_is_made_and_said_or_not_made(tmp_path: Path) -> None:
    july = tmp_path / "2018-07.yaml"

    def check(interrupted: bool) -> None:
        assert [p.name for p in tmp_path.iterdir()] in ([], ["2018-07.yaml"])
        assert july.exists() == (july in GEWIJZIGD)  # what the interrupt's line names
        if july.exists():
            assert july.read_text("utf-8") == "maand: 2018-07\n"
            july.unlink()
        GEWIJZIGD.clear()

    assert every_moment(lambda: write.schrijf_nieuw(july, "maand: 2018-07\n"), check) > 5


# --- files that are silently not read ---------------------------------------------------------


def test_a_file_that_looks_like_a_month_is_a_warning_and_under_strict_an_error(
    workspace: Path, run: Run
) -> None:
    for name in ("2018-07.yml", "2018-7.yaml", "2018-06.YAML"):
        shutil.copy("data/2018-06.yaml", f"data/{name}")
    warnings = [
        "data/2018-06.YAML: waarschuwing: wordt niet gelezen: alleen 2018-06.yaml wordt gelezen",
        "data/2018-07.yml: waarschuwing: wordt niet gelezen: noem het 2018-07.yaml",
        "data/2018-7.yaml: waarschuwing: wordt niet gelezen: noem het 2018-07.yaml",
    ]
    code, out, err = run("validate")
    assert (code, err.splitlines()) == (0, warnings)
    assert (
        out.splitlines()[-1] == "3 bestanden worden niet gelezen: een waarschuwing (zie hierboven)"
    )
    code, out, err = run("validate", "--strict")
    assert (code, err.splitlines()) == (1, warnings)
    report = json.loads(run("validate", "--format", "json")[1])
    assert [p["bestand"] for p in report["bestandsnamen"]] == [
        "data/2018-06.YAML",
        "data/2018-07.yml",
        "data/2018-7.yaml",
    ]
    assert run("list")[2].splitlines() == warnings
    code, _, err = run("build", "--all")
    assert (code, err.splitlines()) == (0, warnings)


def test_a_templates_folder_that_does_not_exist_is_an_error(workspace: Path, run: Run) -> None:
    assert run("build", "2018-06", "--templates", "nergens") == (
        2,
        "",
        "maandmonitor: sjablonenmap 'nergens' bestaat niet\n",
    )
