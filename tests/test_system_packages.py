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
