"""The Jinja environment and its filters: how text from the data reaches a template's output.

Text from the data reaches a template only as values, never as template source, and every `Tekst`
is printed through the one filter `tekst(editie)`: it escapes Markdown and decides, per edition,
what a redaction mark shows. A template that prints a `Tekst` or `Lak` any other way stops the build
(see `_finalize`). The environment is made once per programme and templates folder, complete:
nothing is added to it afterwards.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .. import nl
from ..cijfers import percentage, telwoord
from ..errors import MonitorError, Problem
from ..marks import Lak, Tekst
from ..model import Lakgrond, Programma
from ..months import maand_terug, maandnaam
from ..nl import datum
from ..options import Editie
from ..waarden import vul_in
from .loader import EigenSjablonen, GecompileerdeSjablonen, user_cache

# What a count hidden by small-cell suppression shows (as CBS writes "x" for "geheim").
ONDERDRUKT = "x"
# A figure that is not there (a month without a file), never a zero.
GAT = "—"


class RenderError(MonitorError):
    """A template could not be rendered (syntax error, unknown name, unfiltered text)."""

    def __init__(self, template: str, message: str) -> None:
        super().__init__([Problem(file=template, line=0, column=0, path="", message=message)])


class NietAfTeDrukken(TypeError):
    """A template printed a value that may not be printed that way (says so in its own words)."""


def render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """One template, rendered; RenderError (located at the template) when it cannot be."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as err:
        raise RenderError(err.filename or name, f"regel {err.lineno}: {err.message}") from None
    except jinja2.TemplateNotFound as err:
        gevraagd = err.name if isinstance(err.name, str) else ""
        # a template's name may come from the data: named only when it is a template's name
        getoond = f"'{gevraagd}'" if _SJABLOONNAAM.fullmatch(gevraagd) else "(naam niet herhaald)"
        raise RenderError(name, f"sjabloon {getoond} bestaat niet") from None
    except NietAfTeDrukken as err:  # our own words
        raise RenderError(name, f"sjabloon kon niet worden gerenderd: {err}") from None
    except (jinja2.TemplateError, TypeError) as err:
        # what is between quotes may be a value from the data ('… has no attribute …')
        melding = _GECITEERD.sub("'…'", str(err))
        raise RenderError(name, f"sjabloon kon niet worden gerenderd: {melding}") from None


_SJABLOONNAAM = re.compile(r"[\w./-]+\.(?:md\.j2|html\.j2|css)")
_GECITEERD = re.compile(r"'[^']*'|\"[^\"]*\"")


def macro(env: jinja2.Environment, template: str, naam: str) -> Callable[..., str]:
    """A template's macro, to call from code (a chart's SVG, once per chart)."""
    gevonden = getattr(env.get_template(template).module, naam)
    return lambda *args: str(gevonden(*args))


# --- filters -------------------------------------------------------------------------------------

# An internal-edition mark in the Markdown: ⟦ground: text⟧, <mark> in HTML. In data text these
# characters are written as entities, so data can never open a mark.
MARK_START, MARK_END = "⟦", "⟧"
# A redaction in the public edition: the ground's label between two private-use characters, the
# first saying whether the ground is a refusal ground of the Woo. The HTML and the Word and ODF
# documents show a box there; the Markdown file drops them (it keeps the reference's plain text).
# Data text cannot hold them: `md` writes them as entities.
LAK_GROND, LAK_OVERIG, LAK_EINDE = "\ue000", "\ue001", "\ue002"
LAK_TEKENS = LAK_GROND + LAK_OVERIG + LAK_EINDE
# A table with more body rows than this may break over pages (class "lang" in the HTML, from
# markdown.py and rechtstreeks.py alike); a shorter one is kept whole, which leaves at most its
# own height blank at a page's foot.
LANG = 12
_LAK_ENTITEITEN = str.maketrans({c: f"&#x{ord(c):X};" for c in LAK_TEKENS})
_ZONDER_LAK = str.maketrans(dict.fromkeys(LAK_TEKENS))
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
    return _regelbegin(value.translate(_LAK_ENTITEITEN))


def _regelbegin(value: str) -> str:
    """Escape what would start a block at the beginning of a line, read as the Markdown file
    has it (without the boxes' marks: a label "1" and ". x" after it would start a list)."""
    plain = value.translate(_ZONDER_LAK)
    match = _MD_LINE_START.match(plain)
    if not match:
        return value
    # "1. x" would start an ordered list: escape the ".", else the character that starts it
    i = match.end() if match.group(2).isdigit() else match.start(2)
    if plain != value:  # the same character in the text with the marks
        i = (
            [j for j, c in enumerate(value) if c not in LAK_TEKENS][i]
            if i < len(plain)
            else len(value)
        )
    return value[:i] + "\\" + value[i:]


def _tekst_filter(programma: Programma) -> Any:
    def tekst(value: Tekst | None, editie: Editie) -> str:
        """The one way a Tekst reaches the output: Markdown-escaped, redactions per edition."""
        if value is None:
            return ""
        if not isinstance(value, Tekst):
            raise NietAfTeDrukken(f"filter 'tekst' verwacht Tekst, kreeg {type(value).__name__}")
        out = []
        for deel in value.delen:
            if isinstance(deel, str):
                out.append(md(deel))
            else:
                out.append(_lak(deel, programma.grond(deel.grond), editie))
        # Each part is escaped, but parts together can still start a block: '~' + '~~ x'.
        return _regelbegin("".join(out).strip())

    return tekst


def _lak(lak: Lak, grond: Lakgrond, editie: Editie) -> str:
    if editie == "openbaar":
        return gelakt(grond)
    inhoud = md(lak.tekst) if lak.tekst else "\\[tekst niet in bestand\\]"
    return f"{MARK_START}{md(grond.label)}: {inhoud}{MARK_END}"


def gelakt(grond: Lakgrond) -> str:
    """What the public edition shows of a redaction: the ground's label, marked as a box."""
    return f"{LAK_GROND if grond.weigeringsgrond else LAK_OVERIG}{md(grond.label)}{LAK_EINDE}"


def zonder_lakvakken(markdown: str) -> str:
    """The Markdown as the file has it: the plain label where the other formats draw a box.
    (Three replaces: `translate` with a table looks up every character, ten times slower.)"""
    return markdown.replace(LAK_GROND, "").replace(LAK_OVERIG, "").replace(LAK_EINDE, "")


def punt(text: str) -> str:
    """End a sentence: add a full stop unless it already ends in punctuation."""
    return text if not text or text[-1] in ".!?:;" else text + "."


def vorige(maand: str) -> str | None:
    return maand_terug(maand, 1)


def aantal(value: int | None) -> str:
    """A count as Dutch writes it: '-' for none, '1.234'."""
    return "-" if value is None else nl.aantal(value)


def procent(deel: int, totaal: int) -> str:
    """'18,2 %': rounded half up once (cijfers.percentage), then formatted in Dutch."""
    if not totaal:
        return "-"
    return nl.een_decimaal(percentage(deel, totaal)) + " %"


def _finalize(value: Any) -> Any:
    """Only strings and numbers are printed: a Tekst, or a list or model holding one (whose repr
    would show confidential text), stops the build."""
    if type(value) is str:  # nearly every value printed: the general test below costs more
        return value
    if value is None:
        return ""
    if isinstance(value, str | int | float | Decimal) and not isinstance(value, bool):
        return value
    if isinstance(value, Tekst | Lak):
        raise NietAfTeDrukken("tekst uit de data zonder het filter 'tekst(editie)' afgedrukt")
    raise NietAfTeDrukken(f"{type(value).__name__} kan niet worden afgedrukt; gebruik een filter")


def cel(value: int | None) -> str:
    """A figure in a table of months: a gap is GAT, never 0."""
    return GAT if value is None else aantal(value)


# --- the Jinja environment -----------------------------------------------------------------------


_ENVS: dict[tuple[int, Path | None], tuple[Programma, jinja2.Environment]] = {}


def make_env(programma: Programma, templates: Path | None) -> jinja2.Environment:
    """The one Jinja environment: workspace templates first, the packaged defaults after.
    One per programme and templates folder for the life of the process."""
    key = (id(programma), templates)
    if key in _ENVS and _ENVS[key][0] is programma:
        return _ENVS[key][1]
    cache = user_cache()
    loaders: list[jinja2.BaseLoader] = []
    sandbox = templates is not None
    if templates is not None:
        loaders.append(EigenSjablonen(templates))
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
        bytecode_cache=GecompileerdeSjablonen(
            "sandbox" if sandbox else "pakket",
            None if sandbox or cache is None else cache / "pakket",
        ),
    )
    env.filters.clear()
    env.filters.update(
        {
            "tekst": _tekst_filter(programma),
            "gelakt": gelakt,
            "md": md,
            "punt": punt,
            "datum": datum,
            "maandnaam": maandnaam,
            "aantal": aantal,
            "cel": cel,
            "telwoord": telwoord,
            "vul_in": vul_in,
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
