"""The guard reads the PDF's text as a copy-and-search reader does (pypdf): also text a
stylesheet moved off the page, and letter-spaced text, which poppler's pdftotext would not find
(docs/pdf.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .test_editions import _one_secret_and_templates, assert_stopped

Run = Callable[..., tuple[int, str, str]]


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
    workspace: Path, run: Run, stijl: str
) -> None:
    templates = _one_secret_and_templates(workspace)
    (templates / "stijl.css").write_text(stijl, "utf-8")
    message = "staat in build/openbaar/2018-06/maandmonitor-2018-06-openbaar.pdf"
    assert_stopped(run, message, opties=("--format", "pdf"))
