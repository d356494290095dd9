"""The HTML of a section of the packaged templates' Markdown, written directly for the shapes
those templates make: ATX headings, paragraphs, tight bullet lists and pipe tables, with text
that `md` escaped, `**strong**`, and the marks ⟦…⟧ and boxes of the editions.

`sectie_html` gives exactly the bytes that markdown.py's lean markdown-it parser gives (caption,
scopes, marks and boxes included), or None wherever the section has anything it does not know
for certain (a loose list, a lazy continuation line, a tab, a named entity, a link bracket, a
line that could start another kind of block ...): markdown-it converts that section. It is a
shortcut, never a second dialect: `tests/test_rechtstreeks.py` compares the two on every section
of real reports and on generated hostile ones, and fails if they ever differ.
"""

from __future__ import annotations

import re
import string

from .env import LAK_EINDE, LAK_GROND, LAK_OVERIG, LANG, MARK_END, MARK_START

# Anything whose handling differs between CommonMark's and Python's idea of white space, and the
# characters markdown-it rewrites before parsing (CR, NUL): such a section goes to markdown-it.
_ONBEKEND = re.compile(r"[^\S \n]|\r|\x00")
_KOP = re.compile(r"(#{1,6}) (\S(?:.*\S)?)")  # an ATX heading without a closing sequence
_SCHEIDING = re.compile(r"\|(?::?-+:?\|)+")  # a table's delimiter row as the templates write it
_GENUMMERD = re.compile(r"\d{1,9}[.)](?: |$)")  # would start an ordered list
# What an inline text may hold beyond plain characters, one token each.
_BIJZONDER = re.compile(r"\\[\s\S]?|&(?:#?[0-9A-Za-z]+;)?|\*+|[_`\[\]<\n]")
_MARK_TEKEN = re.compile(f"([{MARK_START}{MARK_END}{LAK_GROND}{LAK_OVERIG}{LAK_EINDE}])")
_ENTITEIT = re.compile(r"&#[xX]([0-9A-Fa-f]{1,6});")
# The numeric entities `md` writes (the marks' and the boxes' own characters); any other
# entity, named or numeric, is left to markdown-it.
_ENTITEITEN = {0x27E6, 0x27E7, 0xE000, 0xE001, 0xE002}
_ESCAPABLE = frozenset(string.punctuation)  # CommonMark: any ASCII punctuation


def _esc(text: str) -> str:
    """markdown-it's escapeHtml."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _gewoon(regel: str) -> bool:
    """A line that can only be text of a paragraph or list item: nothing at its start that could
    open another block, nothing at its end that makes a hard break."""
    if not regel or regel[-1] in " \\":
        return False
    eerste = regel[0]
    if eerste == "*":
        return len(regel) > 2 and regel[1] == "*" and regel[2] not in "* "
    return eerste not in " #>+-_=~`|<:" and not (eerste.isdigit() and _GENUMMERD.match(regel))


def sectie_html(sectie: str) -> str | None:
    if _ONBEKEND.search(sectie):
        return None
    regels = sectie.split("\n")
    uit: list[str] = []
    kop: tuple[int, str] | None = None  # a heading not yet written: it may be a table's caption
    i, n = 0, len(regels)
    while i < n:
        regel = regels[i]
        if not regel:
            i += 1
            continue
        if regel[0] == "#":
            match = _KOP.fullmatch(regel)
            if match is None or match.group(2).endswith("#"):
                return None
            inhoud = _inline(match.group(2))
            if inhoud is None:
                return None
            if kop is not None:
                uit.append(_kop(*kop))
            kop = (len(match.group(1)), inhoud)
            i += 1
            continue
        j = i
        while j < n and regels[j]:
            j += 1
        blok = regels[i:j]
        if regel[0] == "|":
            html = _tabel(blok, kop[1] if kop else None)  # the heading is its caption
            kop = None
        else:
            if kop is not None:
                uit.append(_kop(*kop))
                kop = None
            if regel[:2] in ("- ", "* ", "+ "):
                lijst = _lijst(regels, i)
                if lijst is None:
                    return None
                html, j = lijst
            else:
                html = _alinea(blok)
        if html is None:
            return None
        uit.append(html)
        i = j
    if kop is not None:
        uit.append(_kop(*kop))
    return "".join(uit)


def _kop(niveau: int, inhoud: str) -> str:
    return f"<h{niveau}>{inhoud}</h{niveau}>\n"


def _alinea(blok: list[str]) -> str | None:
    if not all(_gewoon(r) for r in blok):
        return None
    inhoud = _inline("\n".join(blok))
    return None if inhoud is None else f"<p>{inhoud}</p>\n"


def _lijst(regels: list[str], i: int) -> tuple[str, int] | None:
    """A list with one marker: each item a line of its own, then (indented by two spaces, after
    a blank line or right below) more of its text; the list ends at a line that is neither,
    after a blank line. Loose where any blank line falls inside it: then every paragraph is
    a <p>. Where the line that ends it follows without a blank line (a lazy continuation, a
    heading), or could open a block in an item, markdown-it is left to decide."""
    teken = regels[i][:2]
    items: list[list[list[str]]] = []  # item → paragraphs → lines
    los, leeg, j = False, 0, i
    while j < len(regels):
        regel = regels[j]
        if not regel:
            leeg, j = leeg + 1, j + 1
            continue
        if regel[:2] == teken:
            los = los or (bool(items) and bool(leeg))
            items.append([[regel[2:]]])
        elif regel[:2] == "  " and items:
            if leeg:
                items[-1].append([regel[2:]])
                los = True
            else:
                items[-1][-1].append(regel[2:])
        elif leeg:
            break  # a block after the list
        else:
            return None
        if not _gewoon(regel[2:]):
            return None
        leeg, j = 0, j + 1
    uit = ["<ul>\n"]
    for item in items:
        alineas = [_inline("\n".join(a)) for a in item]
        if any(a is None for a in alineas):
            return None
        if los:
            uit.append("<li>\n" + "".join(f"<p>{a}</p>\n" for a in alineas) + "</li>\n")
        else:
            uit.append(f"<li>{alineas[0]}</li>\n")
    uit.append("</ul>\n")
    return "".join(uit), j


def _cellen(regel: str) -> list[str]:
    """markdown-it's escapedSplit, and the outer empty cells dropped."""
    # without a backslash no '|' is escaped: a plain split, not a loop over the characters
    cellen = _escaped_split(regel) if "\\" in regel else regel.split("|")
    if cellen and cellen[0] == "":
        cellen.pop(0)
    if cellen and cellen[-1] == "":
        cellen.pop()
    return [c.strip(" ") for c in cellen]


def _escaped_split(regel: str) -> list[str]:
    cellen, huidig, vanaf, escaped = [], "", 0, False
    for pos, teken in enumerate(regel):
        if teken == "|":
            if not escaped:
                cellen.append(huidig + regel[vanaf:pos])
                huidig, vanaf = "", pos + 1
            else:
                huidig += regel[vanaf : pos - 1]
                vanaf = pos
        escaped = teken == "\\"
    cellen.append(huidig + regel[vanaf:])
    return cellen


def _tabel(blok: list[str], onderschrift: str | None) -> str | None:
    """A table whose every line starts and ends with '|', every row as wide as its header, as
    markdown.py's `_accessible_tables` turns it out (caption, scopes, row headers, "lang")."""
    if len(blok) < 2 or not _SCHEIDING.fullmatch(blok[1]):
        return None
    if any(r[-1] != "|" or r[0] != "|" for r in blok):
        return None
    stijl = []
    for kolom in blok[1][1:-1].split("|"):
        uitlijning = (
            ("center" if kolom[0] == ":" else "right")
            if kolom[-1] == ":"
            else ("left" if kolom[0] == ":" else "")
        )
        stijl.append(f' style="text-align:{uitlijning}"' if uitlijning else "")
    rijen = [_cellen(r) for r in (blok[0], *blok[2:])]
    if any(len(rij) != len(stijl) for rij in rijen):
        return None
    cellen = [[_inline(c) for c in rij] for rij in rijen]
    if any(c is None for rij in cellen for c in rij):
        return None
    lang = ' class="lang"' if len(rijen) - 1 > LANG else ""
    uit = [f"<table{lang}>\n"]
    if onderschrift is not None:
        uit.append(f"<caption>{onderschrift}</caption>\n")
    uit.append("<thead>\n<tr>\n")
    uit += [f'<th{s} scope="col">{c}</th>\n' for s, c in zip(stijl, cellen[0], strict=True)]
    uit.append("</tr>\n</thead>\n")
    if len(cellen) > 1:
        uit.append("<tbody>\n")
        for rij in cellen[1:]:
            uit.append(f'<tr>\n<th{stijl[0]} scope="row">{rij[0]}</th>\n')
            uit += [f"<td{s}>{c}</td>\n" for s, c in zip(stijl[1:], rij[1:], strict=True)]
            uit.append("</tr>\n")
        uit.append("</tbody>\n")
    uit.append("</table>\n")
    return "".join(uit)


def _inline(tekst: str) -> str | None:
    """The HTML of an inline text, or None if it has anything beyond escapes, the entities `md`
    writes, soft breaks, `**strong**` between spaces, marks and boxes."""
    if not _BIJZONDER.search(tekst) and not _MARK_TEKEN.search(tekst):
        return _esc(tekst)
    # (kind, content): "text" is the source's own characters (a mark character there is a
    # mark), "special" an escaped or entity character (never one), the rest are tags.
    tokens: list[tuple[str, str]] = []
    pos, sterk = 0, False
    for match in _BIJZONDER.finditer(tekst):
        if match.start() > pos:
            tokens.append(("text", tekst[pos : match.start()]))
        pos = match.end()
        stuk = match.group()
        if stuk[0] == "\\":
            if len(stuk) == 1:
                tokens.append(("text", "\\"))
            elif stuk[1] == "\n":
                return None  # a hard break
            else:
                tokens.append(("special", stuk[1] if stuk[1] in _ESCAPABLE else stuk))
        elif stuk[0] == "&":
            if stuk == "&":
                tokens.append(("text", "&"))
                continue
            entiteit = _ENTITEIT.fullmatch(stuk)
            if entiteit is None or int(entiteit.group(1), 16) not in _ENTITEITEN:
                return None
            tokens.append(("special", chr(int(entiteit.group(1), 16))))
        elif stuk == "\n":
            tokens.append(("softbreak", ""))
        elif stuk == "**":
            voor = tekst[match.start() - 1] if match.start() else " "
            na = tekst[match.end()] if match.end() < len(tekst) else " "
            if not sterk and voor == " " and na not in " *":
                tokens.append(("strong_open", ""))
            elif sterk and voor != " " and na == " ":
                tokens.append(("strong_close", ""))
            else:
                return None
            sterk = not sterk
        else:
            return None  # '*', '_', '`', '[', ']', '<': emphasis or what data cannot write
    if sterk:
        return None
    if pos < len(tekst):
        tokens.append(("text", tekst[pos:]))
    return _render(_met_marks(tokens))


def _met_marks(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """markdown.py's `_marks`: the source's own mark characters split into tags."""
    uit: list[tuple[str, str]] = []
    for soort, inhoud in tokens:
        if soort != "text" or not _MARK_TEKEN.search(inhoud):
            uit.append((soort, inhoud))
            continue
        for stuk in _MARK_TEKEN.split(inhoud):
            if stuk == MARK_START:
                uit.append(("mark_open", ""))
            if stuk in (LAK_GROND, LAK_OVERIG):
                uit.append(("lak_open", stuk))
            elif stuk == LAK_EINDE:
                uit.append(("lak_close", ""))
            elif stuk:
                uit.append(("text", stuk))
            if stuk == MARK_END:
                uit.append(("mark_close", ""))
    return uit


_TAGS = {
    "softbreak": "\n",
    "strong_open": "<strong>",
    "strong_close": "</strong>",
    "mark_open": "<mark>",
    "mark_close": "</mark>",
    "lak_close": "</span>",
}


def _render(tokens: list[tuple[str, str]]) -> str:
    uit = []
    for i, (soort, inhoud) in enumerate(tokens):
        if soort in ("text", "special"):
            uit.append(_esc(inhoud))
        elif soort == "lak_open":  # markdown.py's `_lakvakken`: the box's name from its label
            label = ""
            for binnen, tekst in tokens[i + 1 :]:
                if binnen == "lak_close":
                    break
                label += tekst if binnen in ("text", "special") else ""
            naam = _esc(
                f"gelakt op grond van {label}" if inhoud == LAK_GROND else f"gelakt: {label}"
            )
            uit.append(f'<span class="gelakt" role="img" aria-label="{naam}" title="{naam}">')
        else:
            uit.append(_TAGS[soort])
    return "".join(uit)
