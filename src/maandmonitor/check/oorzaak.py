"""The cause first: one figure that every check of it contradicts, while those checks agree among
themselves, is reported as one problem at that figure, with the checks' problems folded under it.

A June total of 56 where instroom/uitstroom, the casussen and every breakdown give 55 is then
"totaal is 56, maar instroom/uitstroom, de casussen en alle uitsplitsingen geven 55: klopt het
totaal?", not four problems of which three point at figures that are right. The rules record what
each check of a total says (`Getuige`, toets.py); this module only reads that.

Fold only where the evidence is unanimous: at least two checks with figures a message may show,
none of the checks agreeing with the figure, all of them giving the same other value. A check of
a redacted table's sum (`geheim`) never has its figure shown: it stays a problem of its own.
"""

from __future__ import annotations

from collections import defaultdict

from ..errors import Problem
from ..load.document import Document
from ..model import Pad
from .toets import Getuigenis, Toets

# The id of a problem that names the cause (JSON `controle`; the text shows it as [uitschieter]).
UITSCHIETER = "uitschieter"


def vouw(toetsen: list[Toets], doc: Document) -> list[Problem]:
    """Every problem of the month's rules, those with one odd figure of `doc` as their cause
    folded under one problem at that figure; in order."""
    per_cijfer: dict[Pad, list[Getuigenis]] = defaultdict(list)
    for toets in toetsen:
        for getuigenis in toets.getuigenissen:
            if getuigenis.getuige.cijfer.doc is doc:
                per_cijfer[getuigenis.getuige.cijfer.pad].append(getuigenis)
    problems = [p for t in toetsen for p in t.problems]
    for getuigenissen in per_cijfer.values():
        oorzaak = _oorzaak(getuigenissen)
        if oorzaak is not None:
            problems = [p for p in problems if p not in oorzaak.samengevoegd] + [oorzaak]
    return sorted(problems)


def _oorzaak(getuigenissen: list[Getuigenis]) -> Problem | None:
    openbaar = [g for g in getuigenissen if not g.geheim]
    if any(g.problem is None for g in getuigenissen) or len(openbaar) < 2:
        return None
    if len({g.getuige.waarde for g in openbaar}) != 1:
        return None
    cijfer, waarde = openbaar[0].getuige.cijfer, openbaar[0].getuige.waarde
    naam = str(cijfer.pad[-1])
    melding = (
        f"{naam} is {cijfer.waarde}, maar {_wie(getuigenissen)} geven {waarde}: klopt het {naam}?"
    )
    return cijfer.doc.problem(
        cijfer.pad,
        melding,
        controle=UITSCHIETER,
        samengevoegd=tuple(sorted(g.problem for g in openbaar if g.problem is not None)),
    )


def _wie(getuigenissen: list[Getuigenis]) -> str:
    """Who gives the other value: 'instroom/uitstroom, de casussen en alle uitsplitsingen'."""
    openbaar = [g.getuige for g in getuigenissen if not g.geheim]
    delen = [g.als for g in openbaar if not g.uitsplitsing]
    uitsplitsingen = [g.als for g in openbaar if g.uitsplitsing]
    alle = len(uitsplitsingen) > 1 and len(uitsplitsingen) == sum(
        g.getuige.uitsplitsing for g in getuigenissen
    )
    if alle:
        delen.append("alle uitsplitsingen")
    elif len(uitsplitsingen) == 1:
        delen.append(f"de uitsplitsing {uitsplitsingen[0]}")
    elif uitsplitsingen:
        delen.append(f"de uitsplitsingen {_en(uitsplitsingen)}")
    return _en(delen)


def _en(delen: list[str]) -> str:
    return delen[0] if len(delen) == 1 else f"{', '.join(delen[:-1])} en {delen[-1]}"
