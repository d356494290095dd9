"""Places in a report's Markdown for what only the other formats have: each chart right after the
table it illustrates, and where the annex (the inventory) begins.

A template writes a place as an HTML comment on a line of its own, between blank lines
(`grafiek_plek("gender")`). The Markdown file leaves every place out, so it stays the reference's
plain text (the golden file); the HTML puts the chart there, in one block with the table before
it (heading, table and chart are kept together on a page), and the annex in a section of its
own; a Word or ODF document puts the chart's image there. Data cannot write a place: `md`
escapes '<'. A chart whose template has no place for it goes where the older templates put all
charts (`grafieken_plek`), or else at the end of the report before the annex.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from .markdown import markdown_to_html

GRAFIEKEN = "<!-- grafieken -->"  # the place of every chart without one of its own
BIJLAGE = "<!-- bijlage -->"  # the annex begins here
# A place is a line of its own between blank lines (or at the end): the line goes, one blank stays.
_PLEK = re.compile(r"\n<!-- (grafiek:[\w-]+|grafieken|bijlage) -->\n(?=\n|\Z)")


def grafiek_plek(id: str) -> str:
    """The place of the chart `id` (after its table)."""
    return f"<!-- grafiek:{id} -->"


def zonder_plekken(markdown: str) -> str:
    """The Markdown as its file has it: every place left out."""
    return _PLEK.sub("", markdown)


@dataclass(frozen=True)
class Stuk:
    """A piece of the Markdown and what follows it."""

    tekst: str
    grafieken: tuple[str, ...] = ()  # the ids of the charts after it
    bij_tabel: bool = False  # a chart's own place: in one block with the table before it
    bijlage: bool = False  # the annex begins after it


def _stukken(markdown: str, ids: Collection[str]) -> list[Stuk]:
    delen = _PLEK.split(markdown)
    namen = delen[1::2]
    eigen = {n.removeprefix("grafiek:") for n in namen if n.startswith("grafiek:")}
    rest = tuple(id for id in ids if id not in eigen)
    if rest and "grafieken" not in namen:  # before the annex, or at the end
        i = namen.index("bijlage") if "bijlage" in namen else len(namen)
        delen[2 * i : 2 * i + 1] = [delen[2 * i], "grafieken", ""]
        namen = delen[1::2]
    stukken = []
    for tekst, naam in zip(delen[::2], [*namen, ""], strict=True):
        if naam.startswith("grafiek:"):
            id = naam.removeprefix("grafiek:")
            stukken.append(Stuk(tekst, (id,) if id in ids else (), bij_tabel=True))
        else:
            stukken.append(
                Stuk(tekst, rest if naam == "grafieken" else (), bijlage=naam == "bijlage")
            )
    return stukken


def met_grafieken(markdown: str, figuren: Mapping[str, str], *, pakket: bool) -> str:
    """The HTML of the report: `figuren` (a chart's id → its <figure>) each in one block with
    the table before its place; from the annex's place on, a section of its own."""
    html = []
    stukken = _stukken(markdown, figuren)
    for stuk in stukken:
        deel = markdown_to_html(stuk.tekst, pakket=pakket)
        bij = "".join(figuren[id] for id in stuk.grafieken)
        tabel = deel.rfind("<table")
        if bij and stuk.bij_tabel and tabel >= 0:
            deel = f'{deel[:tabel]}<div class="tabel-en-grafiek">\n{deel[tabel:]}{bij}</div>\n'
        else:
            deel += bij
        html.append(deel + ('<section class="bijlage">\n' if stuk.bijlage else ""))
    return "".join(html) + ("</section>\n" if any(s.bijlage for s in stukken) else "")


def met_afbeeldingen(markdown: str, afbeeldingen: Mapping[str, str]) -> str:
    """The Markdown for a document: each chart's image (Markdown, by id) at its place, the
    other places left out."""
    return "".join(
        stuk.tekst + "".join(afbeeldingen[id] for id in stuk.grafieken)
        for stuk in _stukken(markdown, afbeeldingen)
    )


def in_volgorde(markdown: str, ids: Collection[str]) -> list[str]:
    """The charts in the order the report shows them."""
    return [id for stuk in _stukken(markdown, ids) for id in stuk.grafieken]
