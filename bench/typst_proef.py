"""A measuring prototype, not a port: the report's HTML page turned into Typst markup and compiled
with the `typst` wheel, to set Typst beside WeasyPrint on the same report (docs/pdf.md).

It covers only the tags the packaged month template writes (headings, paragraphs, lists, tables
with a caption, redaction boxes, the SVG charts, the header block); the house style is a hand
copy of a part of templates/stijl.css, which is exactly the second layout source that
docs/pdf.md weighs against Typst. Needs `pip install typst` (not a dependency of the project).

    python bench/typst_proef.py PAGE.html OUT.pdf
"""

from __future__ import annotations

import sys
import tempfile
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

_LEEG = {"meta", "br", "img", "rect", "line", "path", "circle"}


@dataclass
class Knoop:
    tag: str
    attrs: dict[str, str]
    kinderen: list[Knoop | str] = field(default_factory=list)
    bron: str = ""  # an <svg>: its own text, as it stands in the page


class _Boom(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.wortel = Knoop("root", {})
        self.stapel = [self.wortel]
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        knoop = Knoop(tag, {k: v or "" for k, v in attrs})
        self.stapel[-1].kinderen.append(knoop)
        if tag == "svg":  # kept whole: Typst draws it as an image
            begin = self._positie()
            einde = self.html.index("</svg>", begin) + len("</svg>")
            knoop.bron = self.html[begin:einde]
        if tag not in _LEEG:
            self.stapel.append(knoop)

    def handle_endtag(self, tag: str) -> None:
        if tag in _LEEG:
            return
        while self.stapel[-1].tag != tag:
            self.stapel.pop()
        self.stapel.pop()

    def handle_data(self, data: str) -> None:
        self.stapel[-1].kinderen.append(data)

    def _positie(self) -> int:
        regel, kolom = self.getpos()
        regels = self.html.split("\n")
        return sum(len(r) + 1 for r in regels[: regel - 1]) + kolom


def _str(tekst: str) -> str:
    """Text as a Typst string literal: nothing in it is ever markup."""
    return '#"' + tekst.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _tekst(knoop: Knoop) -> str:
    return "".join(k if isinstance(k, str) else _tekst(k) for k in knoop.kinderen)


class _Typst:
    def __init__(self, map_: Path) -> None:
        self.map = map_
        self.svgs = 0
        self.kop: dict[str, str] = {}

    def inline(self, knoop: Knoop) -> str:
        uit = []
        for k in knoop.kinderen:
            if isinstance(k, str):
                if k.strip():
                    uit.append(_str(" ".join(k.split()) if k.strip() else ""))
                    if k[-1:].isspace():
                        uit.append(" ")
                elif k:
                    uit.append(" ")
            elif k.tag == "span" and "gelakt" in k.attrs.get("class", ""):
                uit.append(f"#lak[{_str(_tekst(k))}]")
            elif k.tag == "strong":
                uit.append(f"#strong[{self.inline(k)}]")
            elif k.tag == "em":
                uit.append(f"#emph[{self.inline(k)}]")
            else:
                uit.append(self.inline(k))
        return "".join(uit).strip()

    def blok(self, knoop: Knoop) -> str:
        uit = []
        for k in knoop.kinderen:
            if isinstance(k, str):
                if k.strip():
                    uit.append(_str(k.strip()) + "\n")
                continue
            tag = k.tag
            if tag in {"head", "title", "style"}:
                continue
            if tag == "header":
                self.kop = {
                    p.attrs.get("class", "").split()[0]: _tekst(p)
                    for p in k.kinderen
                    if isinstance(p, Knoop)
                }
                uit.append(self._kopblok())
            elif tag == "footer":
                continue  # the running footer says it on every page
            elif tag in {"h1", "h2", "h3", "h4"}:
                uit.append(f"\n#heading(level: {tag[1]})[{self.inline(k)}]\n")
            elif tag == "p":
                uit.append(f"\n#par[{self.inline(k)}]\n")
            elif tag == "ul":
                items = [self.inline(li) for li in k.kinderen if isinstance(li, Knoop)]
                uit.append("\n#list(" + ", ".join(f"[{i}]" for i in items) + ")\n")
            elif tag == "table":
                uit.append(self._tabel(k))
            elif tag == "figure":
                uit.append(self._figuur(k))
            elif tag == "section":
                uit.append("\n#grafieken[" + self.blok(k) + "]\n")
            else:
                uit.append(self.blok(k))
        return "".join(uit)

    def _kopblok(self) -> str:
        k = self.kop
        return (
            "#kopblok("
            + ", ".join(
                f"[{_str(k.get(n, ''))}]" for n in ("organisatie", "peildatum", "editie", "concept")
            )
            + ")\n"
        )

    def _tabel(self, tabel: Knoop) -> str:
        bijschrift, kop, romp = "", [], []
        for deel in tabel.kinderen:
            if not isinstance(deel, Knoop):
                continue
            if deel.tag == "caption":
                bijschrift = self.inline(deel)
            for rij in (r for r in deel.kinderen if isinstance(r, Knoop) and r.tag == "tr"):
                cellen = [c for c in rij.kinderen if isinstance(c, Knoop)]
                (kop if deel.tag == "thead" else romp).append(cellen)
        kolommen = max(len(r) for r in kop + romp)

        def cel(c: Knoop) -> str:
            rechts = "right" in c.attrs.get("style", "") or c.attrs.get("class", "") == "getal"
            return f"table.cell(align: {'right' if rechts else 'left'})[{self.inline(c)}]"

        kopcellen = ", ".join(cel(c) for r in kop for c in r)
        rompcellen = ", ".join(cel(c) for r in romp for c in r)
        return f"\n#tabel({kolommen}, [{bijschrift}], ({kopcellen},), ({rompcellen},))\n"

    def _figuur(self, figuur: Knoop) -> str:
        svg = next(k for k in figuur.kinderen if isinstance(k, Knoop) and k.tag == "svg")
        onderschrift = next(
            (k for k in figuur.kinderen if isinstance(k, Knoop) and k.tag == "figcaption"), None
        )
        desc = next(
            (_tekst(k) for k in svg.kinderen if isinstance(k, Knoop) and k.tag == "desc"), ""
        )
        self.svgs += 1
        naam = f"grafiek-{self.svgs}.svg"
        (self.map / naam).write_text(svg.bron, encoding="utf-8")
        bij = self.inline(onderschrift) if onderschrift else ""
        return f'\n#grafiek("{naam}", {_str(desc)[1:]}, [{bij}])\n'


VOORWERK = r"""
#let accent = rgb("#ec0000")
#let donkerrood = rgb("#b30000")
#let tekstkleur = rgb("#1d1d1b")
#let grijs = rgb("#595959")
#let lijn = rgb("#d4d4d4")
#let vlak = rgb("#f3f3f3")
#let koptekst = state("kop", ("", "", "", ""))
#set document(title: TITEL)
#set text(lang: "nl", font: ("Arial", "Liberation Sans", "DejaVu Sans"), size: 10.5pt,
  fill: tekstkleur)
#set par(leading: 0.75em, spacing: 1em)
#set page(paper: "a4", margin: (top: 18mm, x: 16mm, bottom: 20mm),
  header: context align(center, text(14pt, weight: "bold", tracking: 0.2em,
    fill: donkerrood, koptekst.final().at(3))),
  footer: context {
    set text(8pt, fill: grijs)
    let k = koptekst.final()
    [#RAPPORT · #k.at(2) · #k.at(1) #h(1fr) pagina #counter(page).display() van
     #counter(page).final().first()]
  })
#show heading.where(level: 1): it => block(below: 0.4em, text(2.25em, it.body))
#show heading.where(level: 2): it => block(above: 2em, below: 0.6em, width: 100%,
  inset: (bottom: 0.25em), stroke: (bottom: 2pt + accent), text(1.5em, it.body))
#show heading.where(level: 3): it => block(above: 1.5em, below: 0.6em, text(1.15em, it.body))
#show heading.where(level: 4): it => block(above: 1.2em, below: 0.4em, text(1em, it.body))
#show heading: set block(sticky: true)
#let lak(body) = box(fill: tekstkleur, inset: (x: 0.4em, y: 0.15em), radius: 2pt,
  text(fill: white, size: 0.85em, body))
#let kopblok(organisatie, peildatum, editie, concept) = {
  koptekst.update(("", peildatum,
    editie, concept))
  block(width: 100%, stroke: (top: 0.5em + accent), inset: (top: 0.75em), below: 1.5em,
    text(0.875em, fill: grijs, grid(columns: (2fr, 1fr, 1fr, auto), gutter: 1em,
      organisatie, peildatum, text(weight: "bold", upper(editie)),
      text(fill: donkerrood, weight: "bold", tracking: 0.2em, concept))))
}
#let tabel(n, bijschrift, kop, romp) = block(breakable: romp.len() > 20 * n, above: 1em,
  below: 1.5em, {
  if bijschrift != [] { block(below: 0.4em, text(1.05em, weight: "bold", bijschrift)) }
  table(columns: n, inset: (x: 0.75em, y: 0.3em), align: left,
    stroke: (x, y) => (bottom: if y < kop.len() / n { 1.5pt + tekstkleur } else { 0.75pt + lijn }),
    fill: (x, y) => if y < kop.len() / n { vlak },
    table.header(..kop.map(c => text(weight: "bold", c))), ..romp)
})
#let grafiek(pad, alt, bijschrift) = figure(
  block(breakable: false, image(pad, alt: alt, width: 100%)),
  caption: text(0.875em, fill: grijs, bijschrift), supplement: none, numbering: none)
#show figure.caption: set align(left)
#let grafieken(body) = block(width: 100%, above: 2em, below: 2em, inset: (left: 1.25em, y: 1em),
  stroke: (left: 4pt + accent), body)
"""


def naar_typst(html: str, map_: Path) -> str:
    boom = _Boom(html)
    titel = next(_tekst(t) for t in _alle(boom.wortel) if isinstance(t, Knoop) and t.tag == "title")
    h1 = next(_tekst(t) for t in _alle(boom.wortel) if isinstance(t, Knoop) and t.tag == "h1")
    omzetter = _Typst(map_)
    lijf = omzetter.blok(boom.wortel)
    voorwerk = VOORWERK.replace("TITEL", _str(titel)[1:]).replace("#RAPPORT", _str(h1))
    return voorwerk + lijf


def _alle(knoop: Knoop) -> list[Knoop | str]:
    uit: list[Knoop | str] = [knoop]
    for k in knoop.kinderen:
        uit += _alle(k) if isinstance(k, Knoop) else [k]
    return uit


def main() -> None:
    bron, doel = Path(sys.argv[1]), Path(sys.argv[2])
    begin = time.perf_counter()
    import typst

    geladen = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="perfp-typst-") as tmp:
        map_ = Path(tmp)
        code = naar_typst(bron.read_text(encoding="utf-8"), map_)
        omgezet = time.perf_counter()
        (map_ / "rapport.typ").write_text(code, encoding="utf-8")
        pdf = typst.compile(
            str(map_ / "rapport.typ"),
            root=str(map_),
            pdf_standards=["ua-1"],
            timestamp=0,
            font_paths=[],
        )
        klaar = time.perf_counter()
    doel.write_bytes(pdf)
    print(
        f"import {1000 * (geladen - begin):.0f} ms, html→typst {1000 * (omgezet - geladen):.0f} "
        f"ms, compile {1000 * (klaar - omgezet):.0f} ms"
    )


if __name__ == "__main__":
    main()
