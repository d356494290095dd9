"""`maandmonitor new`: start next month's file from the previous one, never overwriting anything.

The file is written as text by a small emitter, not by `yaml.dump`: it keeps comments, and every
string is double-quoted with JSON-style escapes (valid YAML), so text such as `no` or `12:30`
never changes type. What must be filled in is left as something that does not validate: the
placeholder `INVULLEN` where a number goes (with last month's figure beside it as a comment),
`items: []` where a block needs its bullets. So `maandmonitor validate` points at exactly those
places, and at nothing else.

What comes back every month is the programme's, not only last month's: the blocks monitor.yaml
names for a section (`vaste_blokken`) and every breakdown return even when last month left one
out. Without an earlier month (the first month of a workspace, also `init`'s) the file is made
from monitor.yaml alone.

`vorige_maand` is left out on purpose: the previous month's file exists (that is what `new` starts
from), so its figures are the previous-month figures; copying them would only create a second
place where they can drift.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import MonitorError, Problem, als_utf8, display_path
from .marks import Tekst
from .model import Gelakt, InzetOpRisicos, Item, Maand, NietBeschikbaar, Programma
from .months import check_maand_arg, laatste_dag, maand_terug, maanden_tussen, maandnaam
from .workspace import Werkmap
from .write import kan_niet_schrijven, schrijf_nieuw

PLACEHOLDER = "INVULLEN"
MODELINE = "# yaml-language-server: $schema=../schema/maand.schema.json"


class _Open:
    """A value still to be filled in: written as the bare placeholder, which never validates."""


OPEN = _Open()


@dataclass(frozen=True)
class NieuweMaand:
    """What `new` created, and what the user still has to fill in."""

    bestand: str
    vorige: str
    invullen: list[str]

    def summary_lines(self) -> list[str]:
        maand = Path(self.bestand).stem
        return [
            f"{self.bestand} aangemaakt uit {self.vorige}. Nog invullen:",
            *(f"  - {regel}" for regel in self.invullen),
            f"Daarna: maandmonitor validate {maand}",
        ]


def new_month(werkmap: Werkmap, maand: str, *, force_gap: bool = False) -> NieuweMaand:
    """Create data/MAAND.yaml from the latest month before it, or from monitor.yaml alone when
    there is none; raise MonitorError otherwise."""
    check_maand_arg(maand)
    target = werkmap.month_path(maand)
    shown = display_path(target)
    if target.exists():
        raise _exists(shown)
    programma = werkmap.programma
    earlier = [m for m in werkmap.months() if m < maand]
    previous = None
    source = display_path(werkmap.programma_pad)
    if earlier:
        vorige = earlier[-1]
        if vorige != maand_terug(maand, 1) and not force_gap:
            raise MonitorError(
                [
                    _problem(
                        shown,
                        f"{maand} volgt niet direct op {vorige}, de laatste maand ervoor; "
                        f"maak eerst {maand_terug(vorige, -1)} aan, of geef --force-gap",
                    )
                ]
            )
        source = werkmap.toon(vorige)
        try:
            previous = werkmap.laad(vorige).maand
        except MonitorError as err:
            stop = _problem(shown, f"niet aangemaakt: herstel eerst de fouten in {source}")
            raise MonitorError([*err.problems, stop]) from None
    text, invullen = month_text(
        programma, maand, previous, f"`maandmonitor new` uit {als_utf8(source)}"
    )
    schrijf_maand(target, text, shown)
    return NieuweMaand(shown, source, invullen)


# --- the month file as text ----------------------------------------------------------------------


def month_text(
    programma: Programma, maand: str, previous: Maand | None, herkomst: str
) -> tuple[str, list[str]]:
    """The month's file from the previous month's (None: from monitor.yaml alone; `herkomst`
    says how it was made), and the list of what must be filled in (Dutch, for the user)."""
    naam = _maand_jaar(maand)
    peildatum = _suggest_peildatum(previous.peildatum.day if previous else 4, maand)
    out = [
        MODELINE,
        f"# {programma.titel} {naam}. Een gelakte passage: [[grond]] (tekst niet in dit bestand)",
        "# of [[grond: vertrouwelijke tekst]]; de gronden staan in monitor.yaml.",
        f"# Aangemaakt met {herkomst}: vul elke {PLACEHOLDER} in, en elke",
        f"# lege lijst `items: []`. `maandmonitor validate {maand}` wijst aan wat nog mist.",
        f"maand: {_flow(maand)}",
        f"peildatum: {_flow(peildatum)}  # voorstel: de datum waarop de cijfers zijn opgemaakt",
    ]
    invullen = [f"peildatum (voorstel: {peildatum.isoformat()})"]
    out += _activiteiten_text(programma, maand, previous, invullen)
    if programma.persoonsgericht is not None:
        out += _cijfers_text(programma, maand, previous, invullen)
    return "\n".join(out) + "\n", invullen


def _activiteiten_text(
    programma: Programma, maand: str, previous: Maand | None, invullen: list[str]
) -> list[str]:
    """Per section last month's blocks and the section's fixed blocks; in a first month, one
    block per section."""
    secties = []
    for sectie in programma.secties:
        if previous is None and not sectie.vaste_blokken:
            koppen: list[str | None] = [None]
        else:
            vorig = previous.activiteiten.get(sectie.id, []) if previous else []
            koppen = _met_vaste_blokken([b.kop for b in vorig], sectie.vaste_blokken)
        if koppen:
            secties.append((sectie.id, koppen))
    if not secties:
        return []
    out = ["", "activiteiten:"]
    out.append(
        f"  # Per blok de opsommingen van {_maand_jaar(maand)}: vervang [] door regels '- tekst'."
    )
    out.append("  # Een blok zonder items mag weg.")
    for sectie_id, koppen in secties:
        out.append(f"  {_key(sectie_id)}:")
        for kop in koppen:
            if kop is not None:
                out += [f"    - kop: {_flow(kop)}", "      items: []"]
            else:
                out.append("    - items: []")
    blokken = sum(len(koppen) for _, koppen in secties)
    woord = "blok" if blokken == 1 else "blokken"
    invullen.append(f"activiteiten: de opsommingen (items) van {blokken} {woord}")
    return out


def _met_vaste_blokken(vorig: list[str | None], vast: list[str]) -> list[str | None]:
    """Last month's blocks (by heading; None: a block without one), with every fixed block it
    left out put back right after the fixed block before it in monitor.yaml (the first: first)."""
    koppen = list(vorig)
    for index, kop in enumerate(vast):
        if kop not in koppen:
            koppen.insert(koppen.index(vast[index - 1]) + 1 if index else 0, kop)
    return koppen


def _cijfers_text(
    programma: Programma, maand: str, previous: Maand | None, invullen: list[str]
) -> list[str]:
    """The figures block of the person-centred approach: from last month's, or from monitor.yaml
    alone. A figure to fill in carries last month's as a comment."""
    naam = _maand_jaar(maand)
    inzet = previous.inzet if previous else None
    was = f"{maandnaam(previous.maand)}: " if previous else ""
    out = ["", "inzet_op_risicos:"]
    out.append(f"  # Meldingen bij {programma.bewoording.meldpunt}, per maand van dit jaar:")
    out.append(f"  # vul die van {naam} in (een regel per melding; leeg als er geen waren).")
    out.append("  meldingen:")
    jaar = maand[:4]
    eerdere = inzet.meldingen if inzet else []
    carried = [m for m in eerdere if m.maand.startswith(jaar) and m.maand < maand]
    for melding in carried:
        out += [
            f"    - maand: {_flow(melding.maand)}",
            f"      items: {_flow([_item(i) for i in melding.items])}",
        ]
    gevuld = {m.maand for m in carried}
    for nieuw in maanden_tussen(f"{jaar}-01" if previous else maand, maand):
        if (previous is None or nieuw > previous.maand) and nieuw not in gevuld:
            out += [f"    - maand: {_flow(nieuw)}", "      items: []"]
    invullen.append(f"inzet_op_risicos.meldingen: de meldingen van {naam}")

    out += ["", "  # De stand op de peildatum; instroom en uitstroom sinds vorige maand."]
    out.append("  personen_in_regie:")
    for veld in ("totaal", "on_hold", "instroom", "uitstroom"):
        vorig = getattr(inzet.personen_in_regie, veld) if inzet else None
        out.append(_open_regel(f"    {veld}: {PLACEHOLDER}", was, vorig))
    out.append("  # Een regel per uitgestroomde persoon: evenveel regels als uitstroom.")
    out.append("  uitgestroomd: []")
    invullen.append("inzet_op_risicos.personen_in_regie: totaal, on_hold, instroom, uitstroom")
    invullen.append("inzet_op_risicos.uitgestroomd: een regel per uitgestroomde persoon")

    out += _regiepartijen_text(programma, previous, was, invullen)
    out += _subjecten_text(programma, inzet, was, invullen)

    out.append("")
    missing = maand_terug(maand, 1)
    if missing is None:
        pass  # 0001-01: there is no month before it, so no vorige_maand either
    elif previous is None:
        out.append("  # De eerste maand: zet hier eventueel de cijfers van vorige maand zoals toen")
        out.append("  # gerapporteerd, dan worden ook instroom en uitstroom gecontroleerd:")
    elif previous.maand == missing:
        out.append(
            f"  # vorige_maand staat er niet in: de cijfers van vorige maand komen uit "
            f"{missing}.yaml."
        )
    else:
        out.append(f"  # {missing}.yaml ontbreekt: zet hier de cijfers van {_maand_jaar(missing)}")
        out.append("  # zoals toen gerapporteerd, zodat de controles ze hebben:")
        invullen.append(f"inzet_op_risicos.vorige_maand: de cijfers van {_maand_jaar(missing)}")
    if missing is not None and (previous is None or previous.maand != missing):
        out.append("  # vorige_maand:")
        out.append("  #   personen_in_regie: {totaal: …, on_hold: …, instroom: …, uitstroom: …}")

    out += ["", f"  # De overleggen van {naam}: per overleg datum, onderwerp en eventueel"]
    out.append("  # aanwezig, tekst en vervolg.")
    out.append("  overleggen: []")
    invullen.append(f"inzet_op_risicos.overleggen: de overleggen van {naam}")
    return out


def _regiepartijen_text(
    programma: Programma, previous: Maand | None, was: str, invullen: list[str]
) -> list[str]:
    """Last month's partners and their directors (to check), or the partners of monitor.yaml."""
    out = [""]
    rijen: list[tuple[dict[str, Any], int | None]] = []
    if previous is not None:
        inzet = previous.inzet
        out.append(f"  # Regiepartijen en regisseurs zoals in {_maand_jaar(previous.maand)}")
        out.append("  # (nakijken); vul per partij de casussen in (null als de partij geen")
        out.append("  # casussen heeft: '-' in de tabel).")
        for partij in inzet.regiepartijen:
            row: dict[str, Any] = {"partij": partij.partij, "regisseurs": partij.regisseurs}
            if partij.toelichting is not None:
                row["toelichting"] = partij.toelichting.source()
            rijen.append((row, partij.casussen))
        invullen.append(
            "inzet_op_risicos.regiepartijen: de casussen per partij (regisseurs nakijken)"
        )
    else:
        out.append("  # De regiepartijen uit monitor.yaml: vul per partij de regisseurs en de")
        out.append("  # casussen in (null als de partij geen casussen heeft: '-' in de tabel).")
        rijen = [({"partij": p, "regisseurs": OPEN}, None) for p in programma.regiepartijen]
        invullen.append("inzet_op_risicos.regiepartijen: de regisseurs en casussen per partij")
    out.append("  regiepartijen:" if rijen else "  regiepartijen: []")
    for row, casussen in rijen:
        regel = f"    - {_flow({**row, 'casussen': OPEN})}"
        out.append(f"{regel}  # {was}{_flow(casussen)}" if previous else regel)
    if previous is not None and previous.inzet.regisseurs_totaal is not None:
        out.append(f"  regisseurs_totaal: {_flow(previous.inzet.regisseurs_totaal)}")
    return out


def _subjecten_text(
    programma: Programma, inzet: InzetOpRisicos | None, was: str, invullen: list[str]
) -> list[str]:
    """Every breakdown of monitor.yaml: a figure to fill in per category, or last month's shape
    where it had no figures (most likely none this month either)."""
    if not programma.uitsplitsingen:
        return []
    out = ["", "  # Per uitsplitsing de cijfers op de peildatum; elk telt op tot het totaal."]
    out.append("  subjecten:")
    te_vullen = []
    for definitie in programma.uitsplitsingen:
        waarde = inzet.subjecten.get(definitie.id) if inzet else None
        regel = f"    {_key(definitie.id)}:"
        if isinstance(waarde, NietBeschikbaar) or (
            isinstance(waarde, Gelakt) and waarde.cijfers is None
        ):
            shape = waarde.model_dump(exclude_defaults=True)
            out.append(f"{regel} {_flow(shape)}  # zoals vorige maand")
            continue
        te_vullen.append(definitie.id)
        if isinstance(waarde, Gelakt):  # its figures are never repeated, not even as a comment
            out += [regel, f"      gelakt: {_flow(waarde.gelakt)}", "      cijfers:"]
            out += [f"        {_key(c.id)}: {PLACEHOLDER}" for c in definitie.categorieen]
            continue
        out.append(regel)
        for c in definitie.categorieen:
            vorig = waarde.get(c.id, 0) if isinstance(waarde, dict) else None
            out.append(_open_regel(f"      {_key(c.id)}: {PLACEHOLDER}", was, vorig))
    if te_vullen:
        invullen.append(f"inzet_op_risicos.subjecten: {', '.join(te_vullen)}")
    return out


def _open_regel(regel: str, was: str, vorig: int | None) -> str:
    """A figure to fill in, with last month's beside it: `totaal: INVULLEN  # mei: 59`."""
    return regel if vorig is None else f"{regel}  # {was}{vorig}"


def _item(item: Item) -> Any:
    return item.source() if isinstance(item, Tekst) else item.model_dump(exclude_defaults=True)


# --- a tiny YAML emitter: flow style, every string double-quoted ----------------------------------

_PLAIN_KEY = re.compile(r"[a-z][a-z0-9_]*")
_AMBIGUOUS_KEYS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
# Characters YAML does not allow raw, or reads as line breaks, inside a double-quoted scalar.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def quote(text: str) -> str:
    """`text` as a YAML double-quoted scalar: JSON's escapes, plus those YAML needs besides."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def _key(key: str) -> str:
    return key if _PLAIN_KEY.fullmatch(key) and key not in _AMBIGUOUS_KEYS else quote(key)


def _flow(value: Any) -> str:
    """One value in YAML flow style."""
    if value is OPEN:
        return PLACEHOLDER
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot emit {type(value).__name__}")


# --- months and dates ----------------------------------------------------------------------------


def _maand_jaar(maand: str) -> str:
    return maandnaam(maand, jaar=True)


def _suggest_peildatum(dag: int, maand: str) -> dt.date:
    """Day `dag` (last month's peildatum's) of the month after MAAND, at most the 28th; for
    9999-12, which has no month after it, its last day."""
    volgende = maand_terug(maand, -1)
    if volgende is None:
        return laatste_dag(maand)
    return dt.date(int(volgende[:4]), int(volgende[5:7]), min(dag, 28))


# --- writing without ever overwriting -------------------------------------------------------------


def schrijf_maand(target: Path, text: str, shown: str) -> None:
    """Atomic, and refuses to clobber a file that appeared meanwhile."""
    try:
        schrijf_nieuw(target, text)
    except FileExistsError:
        raise _exists(shown) from None
    except OSError as err:
        raise kan_niet_schrijven(shown, err) from None


def _exists(shown: str) -> MonitorError:
    return MonitorError([_problem(shown, "bestaat al; niets overschreven")])


def _problem(file: str, message: str) -> Problem:
    return Problem(file, 0, 0, "", message)
