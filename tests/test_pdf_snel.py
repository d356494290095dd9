"""The PDF's speed-ups change nothing that is made or guarded (issue 18): the two editions made
side by side in workers of their own (edities.py) give the same bytes as made in turn, a problem
in a worker is reported as in one process, and the guard reads the PDF's text as a copy-and-search
reader does (pypdf): also text a stylesheet moved off the page, and letter-spaced text, which
poppler's pdftotext would not find (docs/pdf.md)."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from maandmonitor import edities
from maandmonitor.errors import MonitorError, UsageError
from maandmonitor.render.env import RenderError

from .conftest import outputs
from .test_editions import _one_secret_and_templates, assert_stopped

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def naast_elkaar(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Two cores whatever the machine has; every use of the edition workers is counted."""
    gebruikt: list[int] = []
    echt = edities.in_processen

    def tellend(*args: object) -> object:
        gebruikt.append(1)
        return echt(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(edities, "beschikbare_kernen", lambda: 2)
    monkeypatch.setattr(edities, "in_processen", tellend)
    return gebruikt


@pytest.mark.systeem("pango")
def test_editions_side_by_side_give_the_same_bytes(
    workspace: Path, run: Run, naast_elkaar: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("build", "2018-06", "--format", "md,html,pdf")[0] == 0
    assert naast_elkaar == [1]
    naast = outputs()
    monkeypatch.setattr(edities, "beschikbare_kernen", lambda: 1)  # in turn, as before
    assert run("build", "2018-06", "--format", "md,html,pdf")[0] == 0
    assert naast_elkaar == [1]
    assert outputs() == naast
    assert any(pad.endswith("-intern.pdf") for pad in naast)
    assert any(pad.endswith("-openbaar.pdf") for pad in naast)


def test_only_a_pdf_of_both_editions_is_worth_a_worker(
    workspace: Path, run: Run, naast_elkaar: list[int]
) -> None:
    assert run("build", "2018-06", "--format", "md,html")[0] == 0
    assert naast_elkaar == []


@pytest.mark.systeem("pango")
def test_a_problem_in_an_edition_worker_is_reported_as_in_one_process(
    workspace: Path, run: Run, naast_elkaar: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = workspace / "templates"
    templates.mkdir()
    (templates / "maandmonitor.html.j2").write_text("{{ bestaat_niet }}", "utf-8")
    naast = run("build", "2018-06", "--format", "pdf")
    assert naast_elkaar == [1]
    monkeypatch.setattr(edities, "beschikbare_kernen", lambda: 1)
    assert run("build", "2018-06", "--format", "pdf") == naast
    code, out, err = naast
    assert code == 1
    assert "maandmonitor.html.j2" in err
    assert "Traceback" not in out + err
    assert not Path("build").exists()


@pytest.mark.parametrize(
    "fout",
    [
        MonitorError([]),
        UsageError("PDF maken kan niet"),
        RenderError("maandmonitor.html.j2", "'bestaat_niet' is undefined"),
    ],
)
def test_a_monitor_error_crosses_the_pipe_whole(fout: MonitorError) -> None:
    terug = pickle.loads(pickle.dumps(edities._Fout.van(fout))).terug()
    assert type(terug) is type(fout)
    assert str(terug) == str(fout)
    assert terug.problems == fout.problems
    assert terug.exit_code == fout.exit_code


@pytest.mark.systeem("pango")
@pytest.mark.parametrize(
    "stijl",
    [
        # off the page: not shown, but in the file, where a copy or a search finds it
        'body::after { content: "geheim OVERLEG"; position: absolute; left: -300mm; }',
        'body::after { content: "geheim OVERLEG"; position: fixed; top: -100mm; }',
        # letter-spaced as the CONCEPT header is: pdftotext reads "g e h e i m O V E R L E G"
        # from 0.15em, pypdf from 0.3em (a limit of the guard: docs/pdf.md)
        'body::after { content: "geheim OVERLEG"; letter-spacing: 0.2em; }',
    ],
)
def test_the_guard_finds_text_that_pdftotext_would_miss(
    workspace: Path, run: Run, naast_elkaar: list[int], stijl: str
) -> None:
    templates = _one_secret_and_templates(workspace)
    (templates / "stijl.css").write_text(stijl, "utf-8")
    message = "staat in build/openbaar/2018-06/maandmonitor-2018-06-openbaar.pdf"
    assert_stopped(run, message, opties=("--format", "pdf"))
    assert naast_elkaar == [1]  # read in the public edition's worker
