"""Chart layout, measured in the SVG it draws: legend entries that never overlap whatever their
names, lines that stay inside the plot, gaps drawn as gaps and said in one line, and text widths
that are never less than the fonts the charts name draw them."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from maandmonitor.render.charts import afbreken, staafgrafiek, tekstbreedte
from maandmonitor.render.env import macro, make_env
from maandmonitor.render.tijdgrafiek import Lijn, Tijdgrafiek, toelichting
from maandmonitor.workspace import Werkmap

from .conftest import DATA

SVG = "{http://www.w3.org/2000/svg}"
LANG = [
    "1. Terugkeerders",
    "2. Facilitators/ recruiters die zich bezighouden met werving in binnen- en buitenland",
    "3. Uitreizigers",
    "4. " + "Potentiële uitreizigers " * 12,  # wider than the chart: wraps
    "5. Verijdelde_uitreizigers_zonder_spaties_in_een_heel_lang_woord_dat_niet_past_op_een_regel",
    "6. Overig radicaal",
    "7. Mm",
    "8. Wéér een categorie",
]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1


@cache
def fonts() -> list[dict[int, float]]:
    """The advance widths (em) of the fonts the charts name that this machine has."""
    from fontTools.ttLib import TTFont

    found = []
    for name in ("Liberation Sans", "DejaVu Sans"):
        if not shutil.which("fc-match"):
            break
        path = subprocess.run(
            ["fc-match", "-f", "%{file}", name], capture_output=True, text=True, check=False
        ).stdout
        if name.split()[0] not in Path(path).name:
            continue  # not installed: fc-match offers another font
        font = TTFont(path)
        hmtx, em = font["hmtx"], font["head"].unitsPerEm
        found.append({c: hmtx[g][0] / em for c, g in font.getBestCmap().items()})
    if not found:
        pytest.skip("geen van de lettertypen van de grafieken is geïnstalleerd")
    return found


def drawn(text: str, size: float) -> float:
    """The widest any of those fonts draws `text`."""
    return max(sum(f.get(ord(c), 1.0) for c in text) * size for f in fonts())


def test_a_text_is_never_wider_than_its_estimate() -> None:
    samples = [
        *LANG,
        "ÀÉÎÕÜ àéîõü ßæø —–…",
        "MMMMWWWW mmmm wwww @@@ %%% ###",
        "iiii llll ....",
        "1.234",
    ]
    for text in samples:
        for size in (12, 13):
            assert tekstbreedte(text, size) >= drawn(text, size), text


def test_a_long_text_breaks_into_lines_that_fit() -> None:
    for text in LANG:
        lines = afbreken(text, 12, 200)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert all(tekstbreedte(line, 12) <= 200 for line in lines)


def chart(names: list[str], soort: str = "lijn") -> Tijdgrafiek:
    months = tuple(f"maand {i}" for i in range(12))
    values = [
        Lijn(name, tuple(None if m in (3, 4) else (i * 7 + m * 3) % 41 for m in range(12)))
        for i, name in enumerate(names)
    ]
    return Tijdgrafiek(
        "jaar-test",
        "Proef",
        soort,  # type: ignore[arg-type]
        months,
        tuple((i, f"m{i}") for i in range(12)),
        tuple(values),
        "#ec0000",
        frozenset({11}),
        toelichting=toelichting(soort, months, values, {11}),  # type: ignore[arg-type]
    )


def svg_of(g: Tijdgrafiek) -> ET.Element:
    programma = Werkmap.open(DATA).programma
    figure = macro(make_env(programma, None), "jaargrafiek.html.j2", "jaargrafiek")(g)
    return ET.fromstring(figure[figure.index("<svg") : figure.index("</svg>") + 6])


def legend_boxes(svg: ET.Element) -> Iterator[list[Box]]:
    """Per legend entry, the boxes of its swatch and of each line of its name."""
    for entry in svg.iter(f"{SVG}g"):
        boxes: list[Box] = []
        for swatch in entry:
            if swatch.tag == f"{SVG}line":
                x1, x2, y = (float(swatch.get(k, 0)) for k in ("x1", "x2", "y1"))
                boxes.append((x1, y - 2, x2, y + 2))
            elif swatch.tag == f"{SVG}rect":
                x, y, w, h = (float(swatch.get(k, 0)) for k in ("x", "y", "width", "height"))
                boxes.append((x, y, x + w, y + h))
        for line in entry.iter(f"{SVG}tspan"):
            x, y, text = float(line.get("x", 0)), float(line.get("y", 0)), line.text or ""
            boxes.append((x, y - 12, x + drawn(text, 12), y + 3))  # ascent and descent at 12 px
        yield boxes


def overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("soort", ["lijn", "staaf"])
@pytest.mark.parametrize("names", [LANG, LANG[:2], ["x"] * 10, [LANG[3]]])
def test_no_two_legend_entries_overlap_whatever_their_names(names: list[str], soort: str) -> None:
    g = chart(names, soort)
    svg = svg_of(g)
    entries = list(legend_boxes(svg))
    assert len(entries) == len(names)
    for i, a in enumerate(entries):
        for b in entries[i + 1 :]:
            assert not any(overlap(p, q) for p in a for q in b)
        for box in a:  # inside the chart, and above the plot
            assert box[0] >= 0 and box[2] <= g.breedte
            assert box[3] <= g.boven - g.MARGE + 3


def test_lines_stay_inside_the_plot_and_gaps_are_gaps() -> None:
    g = chart(LANG)
    svg = svg_of(g)
    grid = sorted(
        float(r.get("y1", 0)) for r in svg.iter(f"{SVG}line") if r.get("stroke") == "#d4d4d4"
    )
    top, base = grid[0], grid[-1]
    assert top >= g.boven and base == g.basis
    for line in svg.iter(f"{SVG}polyline"):
        for point in (line.get("points") or "").split():
            x, y = (float(v) for v in point.split(","))
            assert top <= y <= base and g.links <= x <= g.breedte - g.RECHTS
        assert len((line.get("points") or "").split()) in (3, 7)  # broken at the gap
    assert not [t for t in svg.iter(f"{SVG}text") if (t.text or "") == "—"]
    assert g.toelichting.startswith("Geen cijfer voor maand 3 en maand 4: daar loopt geen lijn; ")
    assert "open punt" in g.toelichting


def test_a_month_charts_label_column_is_as_wide_as_its_longest_label() -> None:
    rows = [(name, [3]) for name in LANG]
    g = staafgrafiek("proef", "Proef", ["Juni"], rows)
    assert g.label_breedte - 10 >= max(drawn(name, 13) for name in LANG)
