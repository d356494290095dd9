"""Markdown → HTML with markdown-it-py: CommonMark and tables, accessible, raw HTML off.

A heading right before a table becomes its caption and cells get a scope; the internal edition's
marks ⟦…⟧ become <mark>. Markdown made by the packaged templates only goes through a lean parser a
section at a time, each section converted once per process (tests show it is byte-identical to
full CommonMark on the whole text, also for hostile data); a workspace's own templates get the
whole of CommonMark on the whole text. A section of the shapes the packaged templates make is
written straight to HTML with the same bytes (rechtstreeks.py); markdown-it itself is imported
only when a section needs it.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from .env import LAK_EINDE, LAK_GROND, LAK_OVERIG, LANG, MARK_END, MARK_START
from .rechtstreeks import sectie_html

if TYPE_CHECKING:  # markdown-it is imported when a section needs it: most builds need none
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

# Rules the packaged templates never use and text from the data cannot start (`md` escapes
# backticks, '*', '_', '[', '<' and what starts a block). Leaving them out makes markdown-it a
# fifth faster; a workspace's own templates get the whole of CommonMark.
_NIET_IN_PAKKET = [
    "code", "fence", "blockquote", "hr", "reference", "html_block", "lheading",
    "backticks", "link", "image", "autolink", "html_inline",
]  # fmt: skip


@functools.cache
def _markdown_it(pakket: bool) -> MarkdownIt:
    from markdown_it import MarkdownIt

    # html=False: raw HTML in the Markdown is shown as text, never passed through.
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    if pakket:
        parser.disable(_NIET_IN_PAKKET)
    parser.core.ruler.before("text_join", "lakmarkering", _marks)
    return parser


_MARK_TEKEN = re.compile(f"([{MARK_START}{MARK_END}{LAK_GROND}{LAK_OVERIG}{LAK_EINDE}])")


def _marks(state: StateCore) -> None:
    """⟦…⟧ from the template → <mark>⟦…⟧</mark>; a public redaction → a box with the ground's
    label and an accessible name. Only plain text tokens are split: a ⟦ from the data was written
    as an entity and is a `text_special` token here."""
    from markdown_it.token import Token

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
                if piece in (LAK_GROND, LAK_OVERIG):
                    children.append(Token("lak_open", "span", 1, meta={"grond": piece}))
                elif piece == LAK_EINDE:
                    children.append(Token("lak_close", "span", -1))
                elif piece:
                    text = Token("text", "", 0)
                    text.content = piece
                    children.append(text)
                if piece == MARK_END:
                    children.append(Token("mark_close", "mark", -1))
        block.children = _lakvakken(children)


def _lakvakken(children: list[Token]) -> list[Token]:
    """Each box gets its name from its label: "gelakt op grond van 5.1.2.e" (role img: a screen
    reader reads the name, not the box's text)."""
    for i, token in enumerate(children):
        if token.type != "lak_open":
            continue
        label = ""
        for binnen in children[i + 1 :]:
            if binnen.type == "lak_close":
                break
            label += binnen.content
        naam = (
            f"gelakt op grond van {label}"
            if token.meta["grond"] == LAK_GROND
            else f"gelakt: {label}"
        )
        token.attrs = {"class": "gelakt", "role": "img", "aria-label": naam, "title": naam}
    return children


def _rijen(tokens: list[Token], i: int) -> int:
    """The body rows of the table that opens at `i`."""
    rijen, in_body = 0, False
    for token in tokens[i:]:
        if token.type == "table_close":
            break
        in_body = in_body or token.type == "tbody_open"
        rijen += in_body and token.type == "tr_open"
    return rijen


def _accessible_tables(tokens: list[Token]) -> list[Token]:
    """A heading right before a table becomes its <caption>; header cells get `scope`,
    the first cell of each body row becomes a row header, and a long table is marked."""
    from markdown_it.token import Token

    for i, token in enumerate(tokens):
        if token.type == "table_open" and _rijen(tokens, i) > LANG:
            token.attrSet("class", "lang")
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
    html = sectie_html(sectie)  # the templates' known shapes, written directly
    return _html(sectie, pakket=True) if html is None else html


def _html(text: str, *, pakket: bool) -> str:
    parser = _markdown_it(pakket)
    tokens = _accessible_tables(parser.parse(text))
    return str(parser.renderer.render(tokens, parser.options, {}))
