"""A machine without the system packages of `make system-deps` (issue 15): the PDF is still the
same bytes every time where fonts are subset by fontTools (no libharfbuzz-subset), and without
Pango `build --format pdf` says in one Dutch line what to install, and writes nothing.

The missing parts are simulated where WeasyPrint itself decides: its module variable
`harfbuzz_subset` (None when the library did not load), and cffi's `dlopen` failing as it does
where the libraries are absent, so that WeasyPrint's own import runs and fails as it would there.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .conftest import REPO, output

Run = Callable[..., tuple[int, str, str]]


@pytest.mark.systeem("pango")
def test_pdf_is_byte_identical_when_fonttools_subsets_the_fonts(
    workspace: Path, run: Run, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr("weasyprint.pdf.fonts.harfbuzz_subset", None)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    pdfs = []
    for n in range(2):
        if n:
            time.sleep(1.02 - time.time() % 1)  # the second build in another second of the clock
        with caplog.at_level(logging.WARNING, logger="weasyprint"):
            assert run("build", "2018-06", "--format", "pdf", "--editie", "openbaar")[0] == 0
        pdfs.append(output("2018-06", "openbaar", "pdf").read_bytes())
    assert "Using fontTools instead of HarfBuzz-Subset" in caplog.text  # that path was taken
    assert pdfs[0] == pdfs[1]


@pytest.fixture
def zonder_pango(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """WeasyPrint imported afresh, on a machine without Pango and its companions (GLib first)."""
    import cffi

    def zonder(self: cffi.FFI, name: str, *args: object) -> object:
        raise OSError(f"cannot load library '{name}': {name}: cannot open shared object file")

    eerder = {k: m for k, m in sys.modules.items() if k.split(".")[0] == "weasyprint"}
    for naam in eerder:
        del sys.modules[naam]
    monkeypatch.setattr(cffi.FFI, "dlopen", zonder)
    try:
        yield
    finally:
        for naam in [k for k in sys.modules if k.split(".")[0] == "weasyprint"]:
            del sys.modules[naam]
        sys.modules.update(eerder)


def test_pdf_without_pango_is_one_dutch_line_and_exit_2(
    workspace: Path, run: Run, zonder_pango: None
) -> None:
    code, out, err = run("build", "2018-06", "--format", "md,html,pdf")
    assert (code, out) == (2, "")  # WeasyPrint's English banner on stdout is not shown either
    assert err == (
        "maandmonitor: PDF maken kan niet: een systeembibliotheek van WeasyPrint ontbreekt "
        "(libgobject-2.0-0); installeer Pango met 'sudo make system-deps' (Debian/Ubuntu), of maak "
        "alleen md en html; er is niets geschreven\n"
    )
    assert not Path("build").exists()
    assert run("build", "2018-06")[0] == 0  # md and html need no Pango


# Loaded by pytest before anything imports WeasyPrint: every library fails to load, as above.
ZONDER_BIBLIOTHEKEN = """
import cffi

def zonder(self, name, *args):
    raise OSError(f"cannot load library '{name}': {name}: cannot open shared object file")

cffi.FFI.dlopen = zonder
"""


def test_tests_that_need_pango_or_chromium_skip_without_them_and_fail_under_ci(
    tmp_path: Path,
) -> None:
    (tmp_path / "zonder_bibliotheken.py").write_text(ZONDER_BIBLIOTHEKEN, encoding="utf-8")
    omgeving = {k: v for k, v in os.environ.items() if k != "CI"}
    omgeving |= {"PYTHONPATH": str(tmp_path), "PATH": str(Path(sys.executable).parent)}
    pytest_ = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "zonder_bibliotheken",
        "-p",
        "no:cacheprovider",
    ]
    tests = ["tests/test_editions.py::test_the_guard_reads_the_pdf", "tests/test_browser.py"]
    zonder = subprocess.run(
        [*pytest_, "-q", "-rs", *tests], cwd=REPO, env=omgeving, capture_output=True, text=True
    )
    assert zonder.returncode == 0, zonder.stdout
    assert "7 skipped" in zonder.stdout  # the guard's PDF test and six in Chromium
    for wat in ("Pango (voor de PDF)", "Chromium"):
        assert f"{wat} ontbreekt: installeer het met 'sudo make system-deps'" in zonder.stdout
    in_ci = subprocess.run(
        [*pytest_, "-q", *tests], cwd=REPO, env=omgeving | {"CI": "true"}, capture_output=True
    )
    assert in_ci.returncode == 1  # CI installs them: a test that needs them runs, or fails


# Loaded by Python at start-up (sitecustomize on PYTHONPATH): the named package cannot be imported,
# as on a machine where it was never installed; everything else imports as usual.
ZONDER_PAKKET = """
import sys


class _Zonder:
    def find_spec(self, naam, pad=None, doel=None):
        if naam.partition(".")[0] == {pakket!r}:
            raise ModuleNotFoundError(f"No module named {{naam!r}}", name=naam)
        return None


sys.meta_path.insert(0, _Zonder())
"""


@pytest.mark.systeem("pango")
@pytest.mark.parametrize("pakket", ["pikepdf"])
def test_pdf_without_a_package_it_needs_is_one_dutch_line_and_exit_2(
    workspace: Path, pakket: str
) -> None:
    """WeasyPrint is there, one of the other packages the PDF needs is not: the build says what
    to install before anything is checked or made."""
    blokkade = workspace / "blokkade"
    blokkade.mkdir()
    (blokkade / "sitecustomize.py").write_text(ZONDER_PAKKET.format(pakket=pakket), "utf-8")
    omgeving = {k: v for k, v in os.environ.items() if k != "MAANDMONITOR_DEBUG"}
    uitkomst = subprocess.run(
        [sys.executable, "-m", "maandmonitor", "build", "2018-06", "--format", "md,pdf"],
        env=omgeving | {"PYTHONPATH": str(blokkade)},
        capture_output=True,
        text=True,
    )
    assert (uitkomst.returncode, uitkomst.stdout) == (2, "")
    assert uitkomst.stderr == (
        f"maandmonitor: PDF maken kan niet: {pakket} is niet geïnstalleerd (make install, of pip "
        "install 'maandmonitor[pdf]'); er is niets geschreven\n"
    )
    assert not Path("build").exists()


def test_vereis_pdf_checks_every_package_the_pdf_imports() -> None:
    """What the PDF's modules import (lazily, in their functions: render/pdf.py makes it,
    publish/pdftekst.py reads it for the guard) is what `vereis_pdf` checks first."""
    import ast

    from maandmonitor.publish import pdftekst
    from maandmonitor.render import pdf

    namen: set[object] = set()
    for module in (pdf, pdftekst):
        boom = ast.parse(Path(module.__file__ or "").read_text("utf-8"))
        namen |= {a.name for n in ast.walk(boom) if isinstance(n, ast.Import) for a in n.names}
        namen |= {
            n.module for n in ast.walk(boom) if isinstance(n, ast.ImportFrom) and n.level == 0
        }
    pakketten = {str(naam).partition(".")[0] for naam in namen} - set(sys.stdlib_module_names)
    assert pakketten - {"__future__"} == {"weasyprint", *pdf._NODIG}
