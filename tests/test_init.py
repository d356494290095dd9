"""`maandmonitor init`: a new workspace that explains itself, never over an existing one."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from maandmonitor.bewoording import Bewoording, Huisstijl
from maandmonitor.load.document import read_document
from maandmonitor.model import Programma
from maandmonitor.scaffold import PLACEHOLDER
from maandmonitor.schema import json_schema

from .conftest import output

Run = Callable[..., tuple[int, str, str]]
NAMEN = ("--organisatie", "Gemeente Utrecht", "--programma", "Aanpak Polarisatie")
FILES = [
    ".gitignore",
    "data/2024-03.yaml",
    "data/monitor.yaml",
    "schema/maand.schema.json",
    "schema/monitor.schema.json",
]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def fill_in(month: Path) -> None:
    """Figures that add up: ten persons, all new this month."""
    figures = iter(
        [
            *("10", "1", "10", "0"),  # totaal, on_hold, instroom, uitstroom
            *("1", "4", "1", "3", "1", "2", "1", "1"),  # regisseurs and casussen per partij
            *("5", "4", "1"),  # gender
            *("2", "3", "5"),  # leeftijd
        ]
    )
    text = month.read_text("utf-8").replace("items: []", 'items: ["Gedaan."]')
    text = re.sub(f": {PLACEHOLDER}", lambda _: f": {next(figures)}", text)
    assert next(figures, None) is None
    month.write_text(text, "utf-8")


def test_a_new_workspace_validates_as_not_yet_filled_in_and_builds_once_it_is(
    here: Path, run: Run
) -> None:
    code, out, err = run("init", "utrecht", *NAMEN, "--maand", "2024-03")
    assert (code, err) == (0, "")
    assert files(here / "utrecht") == FILES
    lines = out.splitlines()
    assert lines[:6] == [
        "Nieuwe werkmap gemaakt:",
        "  utrecht/data/monitor.yaml",
        "  utrecht/data/2024-03.yaml",
        "  utrecht/schema/maand.schema.json",
        "  utrecht/schema/monitor.schema.json",
        "  utrecht/.gitignore",
    ]
    assert lines[-1] == (
        "Daarna (in utrecht): maandmonitor validate 2024-03, en maandmonitor build 2024-03"
    )
    os.chdir("utrecht")
    code, out, _ = run("validate", "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["programma"] == []
    [month] = report["maanden"]
    messages = {p["melding"] for p in month["problemen"]}
    assert messages == {
        "nog niet ingevuld: vul een geheel getal in",
        "vul minstens één regel in, of haal het blok weg",
    }
    fill_in(Path("data/2024-03.yaml"))
    code, _, err = run("build", "2024-03")
    assert (code, err) == (0, "")
    md = output("2024-03", "openbaar", "md").read_text("utf-8")
    assert md.startswith("# Maandmonitor maart 2024\n\nAanpak Polarisatie\n")
    assert "De monitor is ingedeeld in twee secties:" in md
    assert "| Totaal aantal personen in regie | 10 |" in md
    assert run("build", "2024")[0] == 0


def test_monitor_yaml_explains_every_key() -> None:
    text = (resources.files("maandmonitor") / "werkmap" / "monitor.yaml").read_text("utf-8")

    def keys(model: type[BaseModel]) -> Iterator[str]:
        for name, field in model.model_fields.items():
            yield name
            for kind in getattr(field.annotation, "__args__", ()) or (field.annotation,):
                if isinstance(kind, type) and issubclass(kind, BaseModel):
                    yield from keys(kind)
                for inner in getattr(kind, "__args__", ()):  # list[Sectie], ...
                    if isinstance(inner, type) and issubclass(inner, BaseModel):
                        yield from keys(inner)

    missing = sorted({k for k in keys(Programma) if not re.search(rf"\b{k}\b", text)})
    assert missing == []


def test_its_wording_and_house_style_are_the_packages_defaults(here: Path, run: Run) -> None:
    """Written out so a user sees them, and so they cannot drift from the defaults."""
    run("init", *NAMEN, "--maand", "2024-03")
    data = read_document(Path("data/monitor.yaml")).data
    assert Bewoording.model_validate(data["bewoording"]) == Bewoording()
    assert Huisstijl.model_validate(data["huisstijl"]) == Huisstijl()


def test_names_are_text_whatever_they_hold(here: Path, run: Run) -> None:
    naam = "Gemeente 's-Hertogenbosch: # nr. 1"
    assert run("init", "--organisatie", naam, "--programma", "yes", "--maand", "2024-03")[0] == 0
    data = read_document(Path("data/monitor.yaml")).data
    assert (data["organisatie"], data["programma"]) == (naam, "yes")


def test_a_name_is_checked_like_monitor_yaml_before_anything_is_written(
    here: Path, run: Run
) -> None:
    code, _, err = run("init", "--organisatie", "[[5.1.2.e]]", "--programma", "X")
    assert code == 1
    assert err.startswith("data/monitor.yaml:13:14: organisatie: een lakmarkering is hier niet")
    assert list(here.iterdir()) == []


def test_the_schemas_are_what_schema_prints(here: Path, run: Run) -> None:
    run("init", *NAMEN, "--maand", "2024-03")
    for bestand in ("maand", "monitor"):
        written = json.loads(Path(f"schema/{bestand}.schema.json").read_text("utf-8"))
        assert written == json_schema(bestand)


def test_the_first_month_is_this_month_by_default(here: Path, run: Run) -> None:
    assert run("init", *NAMEN)[0] == 0
    assert Path(f"data/{dt.date.today():%Y-%m}.yaml").is_file()


def test_a_folder_with_a_workspace_is_refused(here: Path, run: Run) -> None:
    run("init", *NAMEN, "--maand", "2024-03")
    before = {f: (here / f).stat().st_mtime_ns for f in FILES}
    code, out, err = run("init", *NAMEN, "--maand", "2024-04")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        ".: bevat al een werkmap (data/monitor.yaml, data/2024-03.yaml); niets geschreven"
    ]
    assert {f: (here / f).stat().st_mtime_ns for f in FILES} == before
    Path("data/monitor.yaml").unlink()  # month files alone are a workspace too
    code, _, err = run("init", *NAMEN, "--maand", "2024-04")
    assert code == 1 and "bevat al een werkmap (data/2024-03.yaml)" in err


def test_an_existing_file_is_never_overwritten(here: Path, run: Run) -> None:
    Path("schema").mkdir()
    Path("schema/maand.schema.json").write_text("{}", "utf-8")
    code, out, err = run("init", *NAMEN, "--maand", "2024-03")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "schema/maand.schema.json: bestaat al; niets geschreven (init overschrijft nooit)"
    ]
    assert files(here) == ["schema/maand.schema.json"]
    assert Path("schema/maand.schema.json").read_text("utf-8") == "{}"


def test_a_gitignore_of_its_own_is_left_alone(here: Path, run: Run) -> None:
    Path(".gitignore").write_text("*.pyc\n", "utf-8")
    code, out, _ = run("init", *NAMEN, "--maand", "2024-03")
    assert code == 0
    assert Path(".gitignore").read_text("utf-8") == "*.pyc\n"
    assert (
        ".gitignore bestond al en is niet veranderd: zet er zelf /build/ en "
        "gevoelige_termen.txt in." in out.splitlines()
    )


def test_a_write_that_fails_leaves_nothing(
    here: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    link = os.link
    calls: list[Any] = []

    def third_fails(src: Any, dst: Any) -> None:
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        link(src, dst)

    monkeypatch.setattr(os, "link", third_fails)
    code, out, err = run("init", "nieuw", *NAMEN, "--maand", "2024-03")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "nieuw/schema/maand.schema.json: kan niet schrijven: de schijf is vol"
    ]
    assert list(here.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--programma", "X"], "maandmonitor: geef --organisatie (of start init in een terminal"),
        (["--organisatie", " ", "--programma", "X"], "maandmonitor: --organisatie mag niet leeg"),
        ([*NAMEN, "--maand", "2024-13"], "maandmonitor: '2024-13' is geen maand"),
    ],
)
def test_usage_errors(here: Path, run: Run, args: list[str], message: str) -> None:
    code, out, err = run("init", *args)
    assert (code, out) == (2, "")
    assert err.startswith(message)
    assert list(here.iterdir()) == []


def _in_een_terminal(folder: Path, *args: str) -> tuple[int, str]:
    """`maandmonitor init` in a terminal (a pty) whose user ends the input (Ctrl-D) at the first
    question: its exit code and what the terminal showed."""
    import pty
    import select
    import subprocess
    import sys

    hoofd, kant = pty.openpty()
    proces = subprocess.Popen(
        [sys.executable, "-m", "maandmonitor", "init", *args],
        cwd=folder,
        stdin=kant,
        stdout=kant,
        stderr=kant,
        env={k: v for k, v in os.environ.items() if k != "MAANDMONITOR_DEBUG"},
    )
    os.close(kant)
    scherm = b""
    gevraagd = False
    while True:
        klaar, _, _ = select.select([hoofd], [], [], 30)
        assert klaar, f"no output within 30 s: {scherm!r}"
        try:
            stuk = os.read(hoofd, 1024)
        except OSError:  # the other end closed: the program ended
            break
        if not stuk:
            break
        scherm += stuk
        if not gevraagd and scherm.rstrip().endswith(b":"):  # the question is asked
            os.write(hoofd, b"\x04")  # Ctrl-D: end of input
            gevraagd = True
    os.close(hoofd)
    return proces.wait(30), scherm.decode("utf-8").replace("\r\n", "\n")


@pytest.mark.parametrize(
    ("args", "vraag"),
    [
        ([], "Naam van de organisatie: "),
        (["--organisatie", "Gemeente Utrecht"], "Naam van het programma: "),
    ],
)
def test_ctrl_d_at_a_question_ends_in_one_dutch_line_and_writes_nothing(
    tmp_path: Path, args: list[str], vraag: str
) -> None:
    code, scherm = _in_een_terminal(tmp_path, "nieuw", *args, "--maand", "2024-03")
    assert (code, scherm) == (1, f"{vraag}\nmaandmonitor: afgebroken: niets gewijzigd\n")
    assert list(tmp_path.iterdir()) == []


LASTIGE_NAMEN = [
    ("Gemeente @programma@", 'X" # y'),
    ('Team "Veilig" #1: noord', "Aanpak: 'ondermijning' # niet @organisatie@"),
    ("  Gemeente Ede  ", " Aanpak Zorg   "),
    ("Gemeente Súdwest-Fryslân ✓", "Aanpak 'Zuid' \\n \\u0041 — 多言語"),
    ("@organisatie@", "@programma@"),
]


@pytest.mark.parametrize(("organisatie", "programma"), LASTIGE_NAMEN)
def test_the_names_land_in_monitor_yaml_exactly_as_given(
    tmp_path: Path, organisatie: str, programma: str
) -> None:
    """Each name filled in once, as a YAML string that reads back as exactly that text: never
    one name substituted inside the other, never a quote or '#' that ends it early."""
    from maandmonitor.init import init_workspace

    init_workspace(tmp_path, organisatie=organisatie, programma=programma, maand="2024-03")
    data = read_document(tmp_path / "data" / "monitor.yaml").data
    assert (data["organisatie"], data["programma"]) == (organisatie, programma)


def test_init_fills_in_names_that_hold_the_other_placeholder(here: Path, run: Run) -> None:
    code, _, err = run(
        "init", "a", "--organisatie", "Gemeente @programma@", "--programma", 'X" # y'
    )
    assert (code, err) == (0, "")
    data = read_document(Path("a/data/monitor.yaml")).data
    assert (data["organisatie"], data["programma"]) == ("Gemeente @programma@", 'X" # y')
