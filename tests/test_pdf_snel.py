"""The PDF's speed-ups change nothing that is made or guarded (issue 18): the two editions made
side by side in workers of their own (edities.py) give the same bytes as made in turn, a problem
in a worker is reported as in one process, and the guard reads every string the PDF's pages show
(publish/pdftekst.py): also text a stylesheet moved off the page, and letter-spaced text at any
spacing, which a reader that lays the text out (pdftotext, pypdf) would not find (docs/pdf.md).
tests/pypdf_tegenproef.py checks every PDF these tests make against pypdf's reading."""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from maandmonitor import edities
from maandmonitor.errors import MonitorError, UsageError
from maandmonitor.render.env import RenderError

from .conftest import outputs
from .test_editions import MONTH, _one_secret_and_templates, assert_stopped

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def naast_elkaar(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Two cores whatever the machine has; every use of the edition workers is counted: 1 for
    those started with the build (`vooraf`), 2 for those forked once the HTML is there."""
    gebruikt: list[int] = []
    vooraf, gevorkt = edities._met_werkers, edities.in_processen

    def met_werkers(*args: object) -> object:
        gebruikt.append(1)
        return vooraf(*args)  # type: ignore[arg-type]

    def in_processen(*args: object) -> object:
        gebruikt.append(2)
        return gevorkt(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(edities, "beschikbare_kernen", lambda: 2)
    monkeypatch.setattr(edities, "_met_werkers", met_werkers)
    monkeypatch.setattr(edities, "in_processen", in_processen)
    return gebruikt


def kinderen() -> list[int]:
    """The processes whose parent this one is (Linux)."""
    uit = []
    for map_ in Path("/proc").iterdir():  # not glob: one that ends meanwhile would stop it
        with contextlib.suppress(OSError, ValueError, IndexError):
            stat = (map_ / "stat").read_text()
            if int(stat.rpartition(")")[2].split()[1]) == os.getpid():
                uit.append(int(map_.name))
    return uit


@pytest.mark.systeem("pango")
def test_editions_side_by_side_give_the_same_bytes(
    workspace: Path, run: Run, naast_elkaar: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("build", "2018-06", "--format", "md,html,pdf")[0] == 0
    assert naast_elkaar == [1]
    naast = outputs()
    shutil.rmtree("build")
    assert run("build", "--all", "--format", "md,html,pdf")[0] == 0  # a few targets: forked
    assert naast_elkaar == [1, 2, 2]  # the month and its year
    assert {p: b for p, b in outputs().items() if "2018-06" in p} == naast
    shutil.rmtree("build")
    monkeypatch.setattr(edities, "beschikbare_kernen", lambda: 1)  # in turn, as before
    assert run("build", "2018-06", "--format", "md,html,pdf")[0] == 0
    assert naast_elkaar == [1, 2, 2]
    assert outputs() == naast
    assert any(pad.endswith("-intern.pdf") for pad in naast)
    assert any(pad.endswith("-openbaar.pdf") for pad in naast)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="leest /proc (Linux)")
@pytest.mark.systeem("pango")
def test_the_workers_started_with_the_build_end_with_it(
    workspace: Path, run: Run, naast_elkaar: list[int]
) -> None:
    eerder = kinderen()
    assert run("build", "2018-06", "--format", "pdf")[0] == 0
    assert run("build", "2018-06", "--format", "pdf", "--definitief")[0] == 1  # a concept
    assert naast_elkaar == [1]
    assert kinderen() == eerder
    assert edities._VOORAF is None


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="leest /proc (Linux)")
@pytest.mark.systeem("pango")
def test_no_pdf_worker_outlives_the_build(
    workspace: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both workers started with the build are gone when it ends, the second too (forked by the
    first, so not this process's child: once orphaned, no list of children would show it)."""
    gestart: list[Any] = []
    start = edities.start_werkers

    def bijgehouden(*args: Any) -> Any:
        werkers = start(*args)
        gestart.extend(werkers)
        return werkers

    monkeypatch.setattr(edities, "start_werkers", bijgehouden)
    assert run("build", "2018-06", "--format", "pdf")[0] == 0
    pids = [werker.pid for werker in gestart]
    assert len(pids) == 2 and all(pids)
    assert [pid for pid in pids if Path(f"/proc/{pid}").exists()] == []


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
        # from 0.15em, pypdf from 0.3em
        'body::after { content: "geheim OVERLEG"; letter-spacing: 0.2em; }',
        'body::after { content: "geheim OVERLEG"; letter-spacing: 0.5em; }',
        'body::after { content: "geheim OVERLEG"; letter-spacing: 3em; }',
    ],
)
def test_the_guard_finds_text_that_a_reader_laying_it_out_would_miss(
    workspace: Path, run: Run, naast_elkaar: list[int], stijl: str
) -> None:
    templates = _one_secret_and_templates(workspace)
    (templates / "stijl.css").write_text(stijl, "utf-8")
    message = "staat in build/openbaar/2018-06/maandmonitor-2018-06-openbaar.pdf"
    assert_stopped(run, message, opties=("--format", "pdf"))
    assert naast_elkaar == [1]  # read in the public edition's worker


@pytest.mark.systeem("pango")
def test_the_guard_finds_arabic_text_drawn_with_a_ligature(workspace: Path, run: Run) -> None:
    """Right-to-left text is drawn in visual order and read back in reading order; lam and alef
    are one glyph ("سلام" is drawn م, لا, س), whose two letters must not be turned round. The
    stylesheet escapes the passage, so only the PDF holds it as text."""
    geheim = "السلام عليكم يا سلمى"
    MONTH.write_text(
        MONTH.read_text("utf-8").replace('"[[5.1.2.d]]"', f'"[[5.1.2.d: {geheim}]]"'),
        encoding="utf-8",
    )
    (workspace / "templates").mkdir()
    stijl = f'body::after {{ content: "{_css_escaped(geheim)}"; }}'
    (workspace / "templates" / "stijl.css").write_text(stijl, "utf-8")
    message = "staat in build/openbaar/2018-06/maandmonitor-2018-06-openbaar.pdf"
    assert_stopped(run, message, opties=("--format", "pdf"))


def _css_escaped(tekst: str) -> str:
    """`tekst` as a stylesheet may write it, every character escaped: only the PDF holds it."""
    return "".join(f"\\{ord(c):x} " for c in tekst)


@pytest.mark.systeem("pango")
def test_the_guard_finds_decomposed_accents_in_the_pdf(workspace: Path, run: Run) -> None:
    """Text with its accents decomposed ("e" and U+0308, as text pasted from a Mac may be): the
    font draws each mark as a run of its own, and the letter and its mark are still read as
    one, for a confidential text and for a sensitive term alike."""
    MONTH.write_text(
        MONTH.read_text("utf-8").replace('"[[5.1.2.d]]"', '"[[5.1.2.d: geëvalueerd overleg]]"'),
        encoding="utf-8",
    )
    templates = workspace / "templates"
    templates.mkdir()
    ontbonden = unicodedata.normalize("NFD", "geëvalueerd overleg")
    stijl = f'body::after {{ font-family: Arial; content: "{_css_escaped(ontbonden)}"; }}'
    (templates / "stijl.css").write_text(stijl, "utf-8")
    message = "staat in build/openbaar/2018-06/maandmonitor-2018-06-openbaar.pdf"
    assert_stopped(run, message, opties=("--format", "pdf"))
    Path("data/gevoelige_termen.txt").write_text("Müller\n", "utf-8")
    ontbonden = unicodedata.normalize("NFD", "mevrouw Müller")
    stijl = f'body::after {{ font-family: Arial; content: "{_css_escaped(ontbonden)}"; }}'
    (templates / "stijl.css").write_text(stijl, "utf-8")
    assert_stopped(
        run, "gevoelige_termen.txt:1:1: deze gevoelige term staat in", opties=("--format", "pdf")
    )


@pytest.mark.systeem("pango")
@pytest.mark.parametrize("spatiering", ["0", "0.2em", "0.5em"])
def test_a_sensitive_term_is_found_in_the_pdf_however_it_is_spaced(
    workspace: Path, run: Run, spatiering: str
) -> None:
    """A term of gevoelige_termen.txt that only a stylesheet brings in: found in the PDF, also
    letter-spaced (pypdf read 0.5em as single letters)."""
    templates = _one_secret_and_templates(workspace)
    Path("data/gevoelige_termen.txt").write_text("Jansen\n", "utf-8")
    stijl = f'body::after {{ content: "J. Jansen"; letter-spacing: {spatiering}; }}'
    (templates / "stijl.css").write_text(stijl, "utf-8")
    code, _, err = run("build", "2018-06", "--format", "pdf")
    assert code == 1
    assert "gevoelige_termen.txt:1:1: deze gevoelige term staat in" in err
    assert "maandmonitor-2018-06-openbaar.pdf" in err


@pytest.mark.systeem("pango")
def test_a_term_inside_a_longer_word_of_the_pdf_is_no_find(workspace: Path, run: Run) -> None:
    templates = _one_secret_and_templates(workspace)
    Path("data/gevoelige_termen.txt").write_text("Jansen\n", "utf-8")
    stijl = 'body::after { content: "Jansenisme"; letter-spacing: 0.2em; }'
    (templates / "stijl.css").write_text(stijl, "utf-8")
    assert run("build", "2018-06", "--format", "pdf")[0] == 0


@pytest.mark.systeem("pango")
def test_a_term_that_begins_a_word_of_a_chart_is_no_find(workspace: Path, run: Run) -> None:
    """The charts draw their labels a letter a run ("Januari"): a term that begins a label's
    word ("Jan") is not in it, as it is not in the Markdown."""
    Path("data/gevoelige_termen.txt").write_text("Jan\n", "utf-8")
    code, _, err = run("build", "2018-06", "--format", "pdf")
    assert code == 0, err


def test_text_the_reader_cannot_map_stops_the_pdf(
    workspace: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A font whose codes do not map to text (WeasyPrint maps every glyph it draws): what
    cannot be read cannot be guarded, so nothing is written."""
    from maandmonitor.publish import pdftekst
    from maandmonitor.publish.pdffont import OnleesbarePdf

    def onleesbaar(pdf: bytes) -> str:
        raise OnleesbarePdf("a font without /ToUnicode")

    monkeypatch.setattr(pdftekst, "pdf_tekst", onleesbaar)
    message = "maandmonitor-2018-06-openbaar.pdf: de tekst van de PDF laat zich niet lezen"
    assert_stopped(run, message, opties=("--format", "pdf"))


@pytest.mark.systeem("pango")
def test_the_public_pdf_the_guard_reads_is_compared_with_pypdfs_reading(
    workspace: Path, run: Run
) -> None:
    """The cross-check of every PDF in these tests (pypdf_tegenproef.py, set for the whole
    session) is in force: a build's public PDF is compared, also when read in its worker."""
    from . import pypdf_tegenproef

    eerder = len(pypdf_tegenproef.VERGELEKEN)
    assert run("build", "2018-06", "--format", "pdf")[0] == 0
    nieuw = pypdf_tegenproef.VERGELEKEN[eerder:]
    assert [p.name for p in nieuw] == ["maandmonitor-2018-06-openbaar.pdf"]


class _Werker:
    """Stands in for a PDF worker (parallel.Werker) and records what the parent asks of it."""

    def __init__(self) -> None:
        self.verzoeken: list[object] = []
        self.ontvangen = 0

    def stuur(self, verzoek: object) -> None:
        self.verzoeken.append(verzoek)

    def ontvang(self) -> tuple[bytes, None]:
        self.ontvangen += 1
        return b"%PDF", None


def _maak_dan(fout: BaseException) -> Any:
    def maak(edities: Any, naar_werker: Any) -> Any:
        naar_werker("intern", "<html></html>", [])  # one page sent, then the build stops
        raise fout

    return maak


def test_an_interrupt_does_not_wait_for_the_pdf_workers() -> None:
    """Ctrl-C while the parent renders: it goes at once (the workers are ended on the way out),
    not after the layout of the pages already sent."""
    from maandmonitor import edities
    from maandmonitor.onderbreking import Afgebroken

    werkers = [_Werker(), _Werker()]
    with pytest.raises(Afgebroken):
        edities._met_werkers(_maak_dan(Afgebroken(2)), edities.EDITIES, werkers)  # type: ignore[arg-type]
    assert [w.ontvangen for w in werkers] == [0, 0]


def test_a_located_error_reads_the_answers_asked_for_and_stays_the_error() -> None:
    """A located problem while rendering: the pages sent are answered first (the next target's
    answers must be its own), and a worker that failed meanwhile does not replace the problem."""
    from maandmonitor import edities
    from maandmonitor.errors import MonitorError, Problem
    from maandmonitor.parallel import WerkerFout

    probleem = MonitorError([Problem("data/2018-06.yaml", 3, 1, "", "een fout")])
    werkers = [_Werker(), _Werker()]
    with pytest.raises(MonitorError) as gevangen:
        edities._met_werkers(_maak_dan(probleem), edities.EDITIES, werkers)  # type: ignore[arg-type]
    assert gevangen.value is probleem
    assert [w.ontvangen for w in werkers] == [1, 0]

    def gestorven() -> None:
        raise WerkerFout("een werkproces stopte zonder uitkomst")

    werkers = [_Werker(), _Werker()]
    werkers[0].ontvang = gestorven  # type: ignore[method-assign,assignment]
    with pytest.raises(MonitorError) as gevangen:
        edities._met_werkers(_maak_dan(probleem), edities.EDITIES, werkers)  # type: ignore[arg-type]
    assert gevangen.value is probleem
