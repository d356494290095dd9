"""Rendering: month model → Jinja → Markdown → markdown-it → HTML page (→ PDF); written atomically.

Text from the data reaches a template only as values, never as template source, and every `Tekst`
is printed through the one filter `tekst(editie)`: it escapes Markdown and decides, per edition,
what a redaction mark shows. A template that prints a `Tekst` or `Lak` any other way stops the build
(see `_finalize`). The public edition is rendered from `openbaar.openbare_maand` only, and its
output passes `openbaar.bewaak` before anything is written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar, Literal, TypedDict

import jinja2
from babel.dates import format_date
from babel.numbers import format_decimal, get_group_symbol
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup

from .check import Archief, check_month
from .cijfers import percentage
from .errors import MonitorError, Problem
from .load import (
    MaandBestand,
    Werkmap,
    display_path,
    eerste_dag,
    iter_teksten,
    load_programma,
    maand_terug,
)
from .model import (
    Gelakt,
    Lak,
    Lakgrond,
    Maand,
    NietBeschikbaar,
    Programma,
    Tekst,
    UitsplitsingDef,
    VorigeMaand,
)
from .openbaar import bewaak, openbare_maand, verborgen
from .suppress import HUIDIG, VORIG, Resultaat

Editie = Literal["intern", "openbaar"]
Formaat = Literal["md", "html", "pdf"]
EDITIES: tuple[Editie, ...] = ("intern", "openbaar")
FORMATEN: tuple[Formaat, ...] = ("md", "html", "pdf")
STANDAARD_FORMATEN: tuple[Formaat, ...] = ("md", "html")  # a PDF needs the extra `pdf`

# What a count hidden by small-cell suppression shows (as CBS writes "x" for "geheim").
ONDERDRUKT = "x"

# Where the HTML page puts the charts; Markdown escaping keeps data from ever producing it.
GRAFIEKEN_PLEK = "<!-- grafieken -->"


class RenderError(MonitorError):
    """A template could not be rendered (syntax error, unknown name, unfiltered text)."""

    def __init__(self, template: str, message: str) -> None:
        super().__init__([Problem(file=template, line=0, column=0, path="", message=message)])


# --- filters -------------------------------------------------------------------------------------

# An internal-edition mark in the Markdown: ⟦ground: text⟧, <mark> in HTML. In data text these
# characters are written as entities, so data can never open a mark.
MARK_START, MARK_END = "⟦", "⟧"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_WITRUIMTE = re.compile(r"\s+")
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What would start a block at the beginning of a line: heading, list item, quote, thematic break.
_MD_LINE_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|[+\-](?=[\s\-]|$)|>|~~~|\d{1,9}(?=[.)](\s|$)))")


def md(text: object) -> str:
    """Plain text as Markdown that shows exactly that text, on one line, in any position.

    Whitespace runs become one space; edges are kept, so parts of a Tekst can be joined."""
    return _md(str(text))


@functools.lru_cache(maxsize=16384)  # both editions print the same texts
def _md(text: str) -> str:
    value = _WITRUIMTE.sub(" ", text)
    value = _MD_ENTITY.sub(r"\\&", _MD_SPECIAL.sub(r"\\\1", value))
    value = value.replace(MARK_START, "&#x27E6;").replace(MARK_END, "&#x27E7;")
    return _regelbegin(value)


def _regelbegin(value: str) -> str:
    """Escape what would start a block at the beginning of a line."""
    match = _MD_LINE_START.match(value)
    if match and match.group(2).isdigit():  # "1. x" would start an ordered list
        end = match.end()
        return value[:end] + "\\" + value[end:]
    if match:
        return value[: match.start(2)] + "\\" + value[match.start(2) :]
    return value


def _tekst_filter(programma: Programma) -> Any:
    def tekst(value: Tekst | None, editie: Editie) -> str:
        """The one way a Tekst reaches the output: Markdown-escaped, redactions per edition."""
        if value is None:
            return ""
        if not isinstance(value, Tekst):
            raise TypeError(f"filter 'tekst' verwacht Tekst, kreeg {type(value).__name__}")
        out = []
        for deel in value.delen:
            if isinstance(deel, str):
                out.append(md(deel))
            else:
                out.append(_lak(deel, programma.grond(deel.grond).label, editie))
        # Each part is escaped, but parts together can still start a block: '~' + '~~ x'.
        return _regelbegin("".join(out).strip())

    return tekst


def _lak(lak: Lak, label: str, editie: Editie) -> str:
    if editie == "openbaar":
        return md(label)
    inhoud = md(lak.tekst) if lak.tekst else "\\[tekst niet in bestand\\]"
    return f"{MARK_START}{md(label)}: {inhoud}{MARK_END}"


def punt(text: str) -> str:
    """End a sentence: add a full stop unless it already ends in punctuation."""
    return text if not text or text[-1] in ".!?:;" else text + "."


@functools.lru_cache(maxsize=1024)  # a month prints the same few dates and month names often
def _datum(value: dt.date, fmt: str = "long") -> str:
    return format_date(value, fmt, locale="nl")


def maandnaam(maand: str, *, hoofdletter: bool = False, jaar: bool = False) -> str:
    """'2018-06' → 'juni' (Babel), 'Juni', or 'juni 2018'."""
    naam = _datum(eerste_dag(maand), "MMMM yyyy" if jaar else "MMMM")
    return naam[:1].upper() + naam[1:] if hoofdletter else naam


def vorige(maand: str) -> str:
    return maand_terug(maand, 1)


_GROEP = get_group_symbol(locale="nl")  # "." in Dutch: 1.234


def aantal(value: int | None) -> str:
    """A count as Dutch writes it: '-' for none, '1.234' (Babel's group symbol; a count needs no
    more of Babel's number formatting, which costs a hundred times as much)."""
    return "-" if value is None else f"{value:,}".replace(",", _GROEP)


def _percentage(deel: int, totaal: int) -> str:
    """'18,2 %': rounded half up once (cijfers.percentage), then formatted in Dutch."""
    if not totaal:
        return "-"
    return format_decimal(percentage(deel, totaal), format="#,##0.0", locale="nl") + " %"


def _finalize(value: Any) -> Any:
    """Only strings and numbers are printed: a Tekst, or a list or model holding one (whose repr
    would show confidential text), stops the build."""
    if value is None:
        return ""
    if isinstance(value, str | int | float | Decimal) and not isinstance(value, bool):
        return value
    if isinstance(value, Tekst | Lak):
        raise TypeError("tekst uit de data zonder het filter 'tekst(editie)' afgedrukt")
    raise TypeError(f"{type(value).__name__} kan niet worden afgedrukt; gebruik een filter")


# --- the Jinja environment -----------------------------------------------------------------------


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates, kept in memory for the life of the process and on disk between runs,
    in the user's cache folder like pip's (`~/.cache/maandmonitor/jinja`, `$XDG_CACHE_HOME`),
    never in the workspace: compiling the templates costs more than rendering a month. Entries
    are keyed by template name and file and carry the source's checksum, so Jinja itself rejects
    a stale one (and a workspace override is never confused with the packaged file); a damaged
    one is compiled afresh."""

    _memory: ClassVar[dict[Path, bytes]] = {}

    def __init__(self, folder: Path) -> None:
        self.folder = folder  # one per kind of environment: sandboxed code differs from plain

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._memory.get(self.folder / bucket.key)
        if data is None:
            with contextlib.suppress(OSError):
                data = (self.folder / bucket.key).read_bytes()
        if data is not None:
            try:
                bucket.bytecode_from_string(data)
            except Exception:  # damaged beyond Jinja's own checks (pickle, marshal): recompile
                bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = bucket.bytecode_to_string()
        self._memory[self.folder / bucket.key] = data
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            self.folder.mkdir(parents=True, exist_ok=True)
            _write_atomically(self.folder / bucket.key, data)


def _user_cache() -> Path:
    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(root) / "maandmonitor" / "jinja"


_ENVS: dict[tuple[int, Path | None], tuple[Programma, jinja2.Environment]] = {}


def eigen_sjablonen(templates: Path | None) -> bool:
    """Whether the workspace has templates of its own (else only the packaged ones are used)."""
    return templates is not None and templates.is_dir()


def make_env(programma: Programma, templates: Path | None) -> jinja2.Environment:
    """The one Jinja environment: workspace templates first, the packaged defaults after.
    One per programme and templates folder for the life of the process."""
    key = (id(programma), templates)
    if key in _ENVS and _ENVS[key][0] is programma:
        return _ENVS[key][1]
    loaders: list[jinja2.BaseLoader] = []
    sandbox = eigen_sjablonen(templates)
    if sandbox:
        assert templates is not None
        loaders.append(jinja2.FileSystemLoader(templates))
    loaders.append(jinja2.PackageLoader("maandmonitor", "templates"))
    # A workspace's own templates run in Jinja's sandbox: they cannot reach Python internals
    # (and so not read the month file past the stripped model). The packaged templates are this
    # project's reviewed code and run without its cost (a quarter of a build).
    soort = ImmutableSandboxedEnvironment if sandbox else jinja2.Environment
    env = soort(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2")),
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        bytecode_cache=_CompiledTemplates(_user_cache() / ("sandbox" if sandbox else "pakket")),
    )
    env.filters.clear()
    env.filters.update(
        {
            "tekst": _tekst_filter(programma),
            "md": md,
            "punt": punt,
            "datum": _datum,
            "maandnaam": maandnaam,
            "aantal": aantal,
            "length": len,
            "join": jinja2.filters.do_join,
            "sum": jinja2.filters.do_sum,
            "default": jinja2.filters.do_default,
            "e": jinja2.filters.do_forceescape,
        }
    )
    env.globals.clear()
    env.globals.update({"range": range, "vorige": vorige})
    _ENVS[key] = (programma, env)
    return env


# --- the view: what the templates get besides the models -----------------------------------------


@dataclass(frozen=True)
class Reeks:
    """One bar in a chart."""

    waarde: int
    tekst: str  # the value as printed


@dataclass(frozen=True)
class Groep:
    label: str
    reeksen: tuple[Reeks, ...]


@dataclass(frozen=True)
class Grafiek:
    """A horizontal bar chart, laid out here so the SVG template only draws."""

    id: str
    titel: str
    beschrijving: str
    series: tuple[str, ...]
    groepen: tuple[Groep, ...]
    maximum: int

    LABEL_BREEDTE = 200
    BALK_BREEDTE = 380
    BALK_HOOGTE = 16
    GROEP_MARGE = 10

    @property
    def breedte(self) -> int:
        return self.LABEL_BREEDTE + self.BALK_BREEDTE + 60

    @property
    def groep_hoogte(self) -> int:
        return len(self.series) * self.BALK_HOOGTE + self.GROEP_MARGE

    @property
    def hoogte(self) -> int:
        legenda = 28 if len(self.series) > 1 else 0
        return legenda + len(self.groepen) * self.groep_hoogte + 6

    @property
    def boven(self) -> int:
        return 28 if len(self.series) > 1 else 0

    def lengte(self, waarde: int) -> int:
        return round(self.BALK_BREEDTE * waarde / self.maximum) if self.maximum else 0


def _grafiek(
    id: str, titel: str, series: Sequence[str], rijen: Sequence[tuple[str, Sequence[int]]]
) -> Grafiek:
    groepen = tuple(
        Groep(label, tuple(Reeks(w, aantal(w)) for w in waarden)) for label, waarden in rijen
    )
    delen = []
    for label, waarden in rijen:
        if len(series) == 1:
            delen.append(f"{label}: {aantal(waarden[0])}")
        else:
            paren = ", ".join(f"{s} {aantal(w)}" for s, w in zip(series, waarden, strict=True))
            delen.append(f"{label}: {paren}")
    maximum = max((w for _, waarden in rijen for w in waarden), default=0)
    return Grafiek(
        id, titel, f"{titel}. " + "; ".join(delen) + ".", tuple(series), groepen, maximum
    )


def _grafieken(
    programma: Programma, maand: Maand, onderdrukt: Mapping[str, Resultaat]
) -> list[Grafiek]:
    inzet = maand.inzet_op_risicos
    grafieken = []
    if inzet.meldingen:
        grafieken.append(
            _grafiek(
                "meldingen",
                "Meldingen, informatieverzoeken en adviesvragen per maand",
                ["Aantal"],
                [(maandnaam(m.maand, hoofdletter=True), [len(m.items)]) for m in inzet.meldingen],
            )
        )
    huidig = maandnaam(maand.maand, hoofdletter=True)
    eerder = maandnaam(vorige(maand.maand), hoofdletter=True)
    vorig = inzet.vorige_maand.subjecten if inzet.vorige_maand else {}
    for definitie in programma.uitsplitsingen:
        cijfers = inzet.subjecten.get(definitie.id)
        if not isinstance(cijfers, dict) or definitie.id not in ("gender", "risicocategorie"):
            continue
        if definitie.id in onderdrukt:
            continue  # a bar would show a hidden count
        oud = vorig.get(definitie.id)
        twee = isinstance(oud, dict)
        rijen = []
        for nummer, categorie in enumerate(definitie.categorieen, start=1):
            label = f"{nummer}. {categorie.label}" if definitie.genummerd else categorie.label
            waarden = [cijfers.get(categorie.id, 0)]
            if isinstance(oud, dict):
                waarden.insert(0, oud.get(categorie.id, 0))
            rijen.append((label, waarden))
        series = [eerder, huidig] if twee else [huidig]
        grafieken.append(_grafiek(definitie.id, definitie.titel, series, rijen))
    return grafieken


def _context(
    programma: Programma, maand: Maand, editie: Editie, onderdrukt: Mapping[str, Resultaat]
) -> dict[str, Any]:
    inzet = maand.inzet_op_risicos
    totaal = inzet.personen_in_regie.totaal

    def procent(n: int) -> str:
        return _percentage(n, totaal)  # every breakdown sums to the total (rule checked)

    subjecten = []
    vorig = inzet.vorige_maand.subjecten if inzet.vorige_maand else {}
    for definitie in programma.uitsplitsingen:
        if definitie.id not in inzet.subjecten:
            continue
        cijfers = inzet.subjecten[definitie.id]
        resultaat = onderdrukt.get(definitie.id)
        kolom = functools.partial(_kolom, definitie, resultaat)
        geheel = resultaat is not None and resultaat.geheel
        # The table's columns, as printed; none when the table is not shown as figures.
        nu = cijfers if isinstance(cijfers, dict) and not geheel else None
        oud = vorig.get(definitie.id) if nu is not None else None
        subjecten.append(
            {
                "def": definitie,
                "cijfers": None if nu is None else kolom(nu, HUIDIG, aantal),
                "procent": None if nu is None else kolom(nu, HUIDIG, procent),
                "vorig": kolom(oud, VORIG, aantal) if isinstance(oud, dict) else None,
                "onderdrukt": resultaat is not None,
                "geheel": geheel,
                "gelakt": cijfers if isinstance(cijfers, Gelakt) else None,
                "grond": programma.grond(cijfers.gelakt).label
                if isinstance(cijfers, Gelakt)
                else None,
                "niet_beschikbaar": cijfers.niet_beschikbaar
                if isinstance(cijfers, NietBeschikbaar)
                else None,
            }
        )
    casussen = [p.casussen for p in inzet.regiepartijen if p.casussen is not None]
    return {
        "programma": programma,
        "maand": maand,
        "editie": editie,
        "inzet": inzet,
        "subjecten": subjecten,
        "regisseurs_totaal": inzet.regisseurs_totaal
        if inzet.regisseurs_totaal is not None
        else sum(p.regisseurs for p in inzet.regiepartijen),
        "casussen_totaal": sum(casussen),
        "grafieken_plek": GRAFIEKEN_PLEK,
        "onderdrukt_teken": ONDERDRUKT,
        "inventaris": _inventaris(programma, maand),
        "onderdrukte_cellen": sum(len(r.onderdrukt) for r in onderdrukt.values() if not r.geheel),
        "onderdrukte_tabellen": sum(r.geheel for r in onderdrukt.values()),
    }


def _kolom(
    definitie: UitsplitsingDef,
    resultaat: Resultaat | None,
    waarden: Mapping[str, int],
    kolom: str,
    opmaak: Callable[[int], str],
) -> dict[str, str]:
    """Each category's figure as printed: ONDERDRUKT where suppression hides it; a category
    missing from the file counts 0."""
    return {
        c.id: ONDERDRUKT if verborgen(resultaat, kolom, c.id) else opmaak(waarden.get(c.id, 0))
        for c in definitie.categorieen
    }


@dataclass(frozen=True)
class Lakregel:
    """One line of the inventory: a ground, and how often the edition withholds text under it."""

    grond: Lakgrond
    passages: int
    tabellen: int


def _inventaris(programma: Programma, maand: Maand) -> list[Lakregel]:
    """Per ground used this month: redacted passages (inline or whole) and whole tables."""
    passages = Counter(lak.grond for _, tekst in iter_teksten(maand) for lak in tekst.lakken)
    tabellen = Counter(
        u.gelakt for u in maand.inzet_op_risicos.subjecten.values() if isinstance(u, Gelakt)
    )
    return [
        Lakregel(grond, passages[grond.id], tabellen[grond.id])
        for grond in programma.lakgronden
        if passages[grond.id] or tabellen[grond.id]
    ]


# --- Markdown → HTML -----------------------------------------------------------------------------


# Rules the packaged templates never use and text from the data cannot start (`md` escapes
# backticks, '*', '_', '[', '<' and what starts a block). Leaving them out makes markdown-it a
# fifth faster; a workspace's own templates get the whole of CommonMark.
_NIET_IN_PAKKET = [
    "code", "fence", "blockquote", "hr", "reference", "html_block", "lheading",
    "backticks", "link", "image", "autolink", "html_inline",
]  # fmt: skip


@functools.cache
def _markdown_it(pakket: bool) -> MarkdownIt:
    # html=False: raw HTML in the Markdown is shown as text, never passed through.
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    if pakket:
        parser.disable(_NIET_IN_PAKKET)
    parser.core.ruler.before("text_join", "lakmarkering", _marks)
    return parser


_MARK_TEKEN = re.compile(f"([{MARK_START}{MARK_END}])")


def _marks(state: StateCore) -> None:
    """⟦…⟧ from the template → <mark>⟦…⟧</mark>. Only plain text tokens are split: a ⟦ from
    the data was written as an entity and is a `text_special` token here."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children: list[Token] = []
        for child in block.children:
            if child.type != "text" or not _MARK_TEKEN.search(child.content):
                children.append(child)
                continue
            for piece in _MARK_TEKEN.split(child.content):
                if piece == MARK_START:
                    children.append(Token("mark_open", "mark", 1))
                if piece:
                    text = Token("text", "", 0)
                    text.content = piece
                    children.append(text)
                if piece == MARK_END:
                    children.append(Token("mark_close", "mark", -1))
        block.children = children


def _accessible_tables(tokens: list[Token]) -> list[Token]:
    """A heading right before a table becomes its <caption>; header cells get `scope`,
    and the first cell of each body row becomes a row header."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        is_caption = (
            token.type == "heading_open"
            and i + 3 < len(tokens)
            and tokens[i + 3].type == "table_open"
        )
        if is_caption:
            out.append(tokens[i + 3])
            out.append(Token("caption_open", "caption", 1, block=True))
            out.append(tokens[i + 1])
            out.append(Token("caption_close", "caption", -1, block=True))
            i += 4
            continue
        if token.type == "th_open":
            token.attrSet("scope", "col")
        if token.type == "tr_open" and i + 1 < len(tokens) and tokens[i + 1].type == "td_open":
            first, j = tokens[i + 1], i + 2
            while tokens[j].type != "td_close":
                j += 1
            first.tag = tokens[j].tag = "th"
            first.attrSet("scope", "row")
        out.append(token)
        i += 1
    return out


# A heading at the start of a line after a blank line always starts a new block, whatever came
# before it (only a fenced code block could hold it, and the packaged templates have none).
_BLOK = re.compile(r"\n\n(?=#)")


def markdown_to_html(text: str, *, pakket: bool) -> str:
    """The HTML of Markdown. `pakket`: made by the packaged templates only; then it is converted a
    section at a time, and a section seen before (the other edition, an earlier month of the
    same process) is not converted again."""
    if not pakket:
        return _html(text, pakket=False)
    return "".join(_sectie_html(sectie) for sectie in _BLOK.split(text))


@functools.lru_cache(maxsize=4096)
def _sectie_html(sectie: str) -> str:
    return _html(sectie, pakket=True)


def _html(text: str, *, pakket: bool) -> str:
    parser = _markdown_it(pakket)
    tokens = _accessible_tables(parser.parse(text))
    return str(parser.renderer.render(tokens, parser.options, {}))


# --- building ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Uitvoer:
    path: Path
    editie: Editie
    inhoud: str | bytes


def render_month(
    programma: Programma,
    maand: Maand,
    *,
    edities: Sequence[Editie] = EDITIES,
    formaten: Sequence[Formaat] = STANDAARD_FORMATEN,
    templates: Path | None = None,
) -> dict[tuple[Editie, Formaat], str | bytes]:
    """Every requested edition and format, in memory. The public edition is rendered from the
    month's public form (`openbare_maand`), never from `maand` itself."""
    env = make_env(programma, templates)
    pakket = not eigen_sjablonen(templates)
    result: dict[tuple[Editie, Formaat], str | bytes] = {}
    for editie in edities:
        if editie == "openbaar":
            publiek = openbare_maand(programma, maand)
            model, onderdrukt = publiek.maand, publiek.onderdrukt
        else:
            model, onderdrukt = maand, {}
        context = _context(programma, model, editie, onderdrukt)
        markdown = _render(env, "maandmonitor.md.j2", context)
        if "md" in formaten:
            result[(editie, "md")] = markdown.replace(GRAFIEKEN_PLEK + "\n\n", "")
        if "html" in formaten or "pdf" in formaten:
            voor, _, na = markdown.partition(GRAFIEKEN_PLEK)
            page = _render(
                env,
                "maandmonitor.html.j2",
                {
                    **context,
                    "voor": Markup(markdown_to_html(voor, pakket=pakket)),
                    "na": Markup(markdown_to_html(na, pakket=pakket)),
                    "grafieken": _grafieken(programma, model, onderdrukt),
                },
            )
            if "html" in formaten:
                result[(editie, "html")] = page
            if "pdf" in formaten:
                from .pdf import html_naar_pdf  # WeasyPrint is optional and slow to import

                result[(editie, "pdf")] = html_naar_pdf(page)
    return result


def _render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as err:
        raise RenderError(err.filename or name, f"regel {err.lineno}: {err.message}") from None
    except (jinja2.TemplateError, TypeError) as err:
        raise RenderError(name, f"sjabloon kon niet worden gerenderd: {err}") from None


class BouwOpties(TypedDict):
    """The options every build takes (a month, a year, --all), passed on as `**opties`."""

    out: Path
    edities: Sequence[Editie]
    formaten: Sequence[Formaat]
    templates: Path | None


@dataclass(frozen=True)
class Gebouwd:
    """What `build_month` wrote, and the warnings of the month's rules (printed, not fatal)."""

    paden: list[Path]
    waarschuwingen: list[Problem]


def build_month(
    data_dir: Path,
    maand: str,
    *,
    out: Path = Path("build"),
    edities: Sequence[Editie] = EDITIES,
    formaten: Sequence[Formaat] = STANDAARD_FORMATEN,
    templates: Path | None = None,
    archief: Archief | None = None,
) -> Gebouwd:
    """Validate the month, render everything in memory, guard the public edition, then write
    each file atomically. `archief`: the months already loaded, when building many."""
    werkmap = Werkmap(data_dir)
    werkmap.require_months([maand])
    if archief is None:
        archief = Archief(werkmap, load_programma(werkmap))
    programma = archief.programma
    resultaat = check_month(archief, maand)
    bestand = resultaat.vereis_geldig()
    vorig = archief.bestand(maand_terug(maand, 1))
    vorige_maand = vorig.maand if isinstance(vorig, MaandBestand) else None
    month = met_vorige_maand(bestand.maand, vorige_maand)
    if templates is None:
        templates = data_dir.parent / "templates"
    rendered = render_month(
        programma,
        month,
        edities=edities,
        formaten=formaten,
        templates=templates,
    )
    outputs = uitvoer(out / maand, maand, rendered)
    bestanden = [bestand, vorig] if isinstance(vorig, MaandBestand) else [bestand]
    openbaar = {u.path: _leesbare_tekst(u.inhoud) for u in outputs if u.editie == "openbaar"}
    bewaak(programma, bestanden, openbaar)
    return Gebouwd(write_outputs(outputs), resultaat.problems)


def uitvoer(
    folder: Path, naam: str, rendered: dict[tuple[Editie, Formaat], str | bytes]
) -> list[Uitvoer]:
    """The files `maandmonitor-<naam>-<editie>.<formaat>` for everything rendered."""
    return [
        Uitvoer(folder / f"maandmonitor-{naam}-{editie}.{formaat}", editie, inhoud)
        for (editie, formaat), inhoud in sorted(rendered.items())
    ]


def write_outputs(outputs: list[Uitvoer]) -> list[Path]:
    """Write every output, each atomically; only called once everything is rendered and guarded."""
    try:
        for output in outputs:
            output.path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(output.path, output.inhoud)
    except OSError as err:
        folder = display_path(output.path.parent)
        raise MonitorError(
            [Problem(folder, 0, 0, "", f"kan niet schrijven: {err.strerror}")]
        ) from None
    return [u.path for u in outputs]


def _leesbare_tekst(inhoud: str | bytes) -> str:
    """What the guard reads: the text itself, or the text of a PDF."""
    if isinstance(inhoud, str):
        return inhoud
    from .pdf import pdf_tekst

    return pdf_tekst(inhoud)


def met_vorige_maand(maand: Maand, vorig: Maand | None) -> Maand:
    """The month with last month's column: as the file states it, or else from last month's
    file (the rules check that the two agree where both exist). A breakdown that last month's
    file redacts stays redacted in this column, whatever this file states: a figure withheld last
    month is never published now."""
    inzet = maand.inzet_op_risicos
    if vorig is None:
        return maand
    daar = vorig.inzet_op_risicos
    if inzet.vorige_maand is None:
        kolom = VorigeMaand.model_construct(  # parts already validated
            personen_in_regie=daar.personen_in_regie, subjecten=daar.subjecten
        )
    else:
        gelakt = {k: v for k, v in daar.subjecten.items() if isinstance(v, Gelakt)}
        if not gelakt.keys() & inzet.vorige_maand.subjecten.keys():
            return maand
        subjecten = {k: gelakt.get(k, v) for k, v in inzet.vorige_maand.subjecten.items()}
        kolom = inzet.vorige_maand.model_copy(update={"subjecten": subjecten})
    return maand.model_copy(
        update={"inzet_op_risicos": inzet.model_copy(update={"vorige_maand": kolom})}
    )


_UMASK = os.umask(0o022)
os.umask(_UMASK)


def _write_atomically(path: Path, inhoud: str | bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    data = inhoud.encode("utf-8") if isinstance(inhoud, str) else inhoud
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(tmp).chmod(0o666 & ~_UMASK)  # as an ordinary file (mkstemp makes it owner-only)
        Path(tmp).replace(path)  # atomic: readers see the old file or the new one
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
