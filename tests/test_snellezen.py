"""The shortcuts of issue 18 give the same outcome as the long way: the quick reading of a YAML
file (load/snel.py) either gives up or builds exactly the values the full reading builds without
a problem; plain text (marks.gewoon) is text the mark checks all pass."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from maandmonitor.check.run import check_month
from maandmonitor.load import document, snel
from maandmonitor.load.bouw import Builder, Loader
from maandmonitor.marks import INTERN_CLOSE, INTERN_OPEN, Tekst, gewoon, lijkt_op_markering
from maandmonitor.workspace import Archief, Werkmap

from .conftest import REPO


def _volledig(text: str) -> tuple[Any, list[Any]]:
    builder = Builder("x.yaml", Loader(text).get_event, text)
    try:
        data = builder.document()
    except Exception:  # a syntax error: the full reading reports it
        return None, ["syntaxfout"]
    return data, builder.problems


def _zelfde(a: Any, b: Any) -> bool:
    """Equal values of equal types all the way down (1 == True == 1.0 in Python)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_zelfde(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_zelfde(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


WORKSPACE_FILES = sorted((REPO / "data").glob("*.yaml")) + sorted(
    (REPO / "examples").rglob("*.yaml")
)


@pytest.mark.parametrize("path", WORKSPACE_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_the_workspaces_files_are_read_quickly_to_the_same_values(path: Any) -> None:
    text = path.read_text(encoding="utf-8")
    snel_data = snel.lees(text)
    data, problems = _volledig(text)
    assert not problems
    assert snel_data is not None, "the quick reading gave up on an ordinary file"
    assert _zelfde(snel_data, data)


ONGEWOON = {
    "alias": "a: &x 1\nb: *x\n",
    "anker": "a: &x 1\n",
    "tag": "a: !!str 1\n",
    "tag op sleutel": "!!str a: 1\n",
    "dubbele sleutel": "a: 1\na: 2\n",
    "samenvoegsleutel": "a: {b: 1}\nc:\n  <<: {b: 2}\n",
    "yaml 1.1 ja": "a: yes\n",
    "yaml 1.1 getal": "a: 012\n",
    "yaml 1.1 tijd": "a: 1:30\n",
    "yaml 1.1 scheiding": "a: 1_000\n",
    "geen datum": "a: 2018-02-30\n",
    "commentaar in lijst": "a:\n  - overleg #3 en #4\n",
    "lijst als sleutel": "? [a]\n: 1\n",
    "twee documenten": "a: 1\n---\nb: 2\n",
    "geen mapping": "- a\n- b\n",
    "alleen commentaar": "# niets\n",
    "syntaxfout": "a: [1, 2\n",
    "te diep": "a: " + "[" * 45 + "]" * 45 + "\n",
}


@pytest.mark.parametrize("text", ONGEWOON.values(), ids=ONGEWOON.keys())
def test_the_quick_reading_gives_up_where_the_full_reading_has_something_to_say(text: str) -> None:
    assert snel.lees(text) is None
    data, problems = _volledig(text)
    assert problems or not isinstance(data, dict)


GEWOON = {
    "soorten": "a: 1\nb: -2.5\nc: true\nd: ~\ne: 2018-06-30\nf: \"yes\"\ng: '012'\n",
    "blok": "a: |\n  regel #1\n  regel 2\nb: >\n  gevouwen\n",
    "commentaar": "a: 1  # uitleg\nb:\n  - 'x #1'\n  - y  \n# einde\n",
    "diep": "a: " + "[" * 39 + "1" + "]" * 39 + "\n",
    "lege waarden": "a:\nb: []\nc: {}\nd: ''\n",
    "sleutels": "'1': a\n\"yes\": b\nno_key: c\n",
}


@pytest.mark.parametrize("text", GEWOON.values(), ids=GEWOON.keys())
def test_the_quick_reading_builds_what_the_full_reading_builds(text: str) -> None:
    data, problems = _volledig(text)
    assert not problems
    snel_data = snel.lees(text)
    assert snel_data is not None
    assert _zelfde(snel_data, data)


LIJKT_OP = [
    "[[grond: naam]]",
    "［［grond: naam］］",
    "(5.1.2.e: naam)",
    "{{ naam }}",
    f"{INTERN_OPEN}naam{INTERN_CLOSE}",
    "\u202enaam",
    "naam \u2066x\u2069",
    "[naam]",
    "⟨naam⟩",
]


@pytest.mark.parametrize("text", LIJKT_OP)
def test_text_with_anything_a_mark_check_looks_at_is_not_plain(text: str) -> None:
    assert not gewoon(text)


@pytest.mark.parametrize(
    "text",
    ["", "Overleg met partners", "5 casussen, 2 gesloten", "Café in Nieuw-West: nee"],
)
def test_plain_text_passes_every_mark_check_whole(text: str) -> None:
    assert gewoon(text)
    assert Tekst.parse(text, {"5.1.2.e"}).delen == ((text,) if text else ())
    assert not lijkt_op_markering(text, {"5.1.2.e"})


def test_a_month_that_passes_every_rule_is_never_read_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The point of the quick reading: positions are only looked up for a message."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    juni = tmp_path / "data" / "2018-06.yaml"
    tekst = juni.read_text(encoding="utf-8")
    status = "status: {vastgesteld_op: 2018-07-10, door: Annemarie Vastenhouw}\n"
    juni.write_text(tekst.replace("peildatum:", status + "peildatum:", 1), encoding="utf-8")

    gelezen: list[str] = []
    monkeypatch.setattr(document, "posities", lambda file, text: gelezen.append(file))
    for werkmap in (
        Werkmap.open(tmp_path / "data"),
        Werkmap.open(REPO / "examples" / "lindewaard" / "data"),
    ):
        archief = Archief(werkmap)
        for maand in werkmap.months():
            resultaat = check_month(archief, maand)
            assert resultaat.gecontroleerd and not resultaat.problems, maand
    assert gelezen == []
