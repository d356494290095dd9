"""The user docs (issue 15): the README is the Dutch guide and stays short, the reference is
docs/naslag.md; every link between them resolves and every make target the README shows exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import REPO

README = REPO / "README.md"
DOCS = sorted((REPO / "docs").glob("*.md"))
LINK = re.compile(r"\]\(([^)\s]+)\)")


def anchors(path: Path) -> set[str]:
    """The anchors GitHub gives a file's headings (lower case, punctuation dropped, spaces '-')."""
    found = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if heading := re.match(r"#{1,6} (.+)", line):
            found.add(re.sub(r"[^\w\- ]", "", heading.group(1).lower()).replace(" ", "-"))
    return found


def test_the_readme_is_a_guide_not_a_reference() -> None:
    assert README.stat().st_size <= 12 * 1024, "zet wat moet worden opgezocht in docs/naslag.md"
    assert "docs/naslag.md" in README.read_text(encoding="utf-8")


@pytest.mark.parametrize("doc", [README, *DOCS], ids=lambda p: p.name)
def test_every_link_resolves(doc: Path) -> None:
    for target in LINK.findall(doc.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        file = (doc.parent / path).resolve() if path else doc
        assert file.is_file(), f"{doc.name}: {target}"
        if anchor and file.suffix == ".md":
            assert anchor in anchors(file), f"{doc.name}: {target}"


def test_every_make_target_the_readme_shows_exists() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.MULTILINE))
    shown = set(re.findall(r"\bmake ([a-z][a-z-]*)", README.read_text(encoding="utf-8")))
    assert shown and shown <= targets, shown - targets
