"""`maandmonitor new`: start next month's file from the previous one, never overwriting anything.

The file is written as text by a small emitter, not by `yaml.dump`: it keeps comments, and every
string is double-quoted with JSON-style escapes (valid YAML), so text such as `no` or `12:30`
never changes type. What must be filled in is left as something that does not validate: the
placeholder `INVULLEN` where a number goes, `items: []` where a block needs its bullets. So
`maandmonitor validate` points at exactly those places, and at nothing else.

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

from .errors import MonitorError, Problem, display_path
from .marks import Tekst
from .model import Gelakt, Item, Maand, NietBeschikbaar, Programma
from .months import check_maand_arg, maand_terug, maanden_tussen, maandnaam
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
    """Create data/MAAND.yaml from the latest month before it; raise MonitorError otherwise."""
    check_maand_arg(maand)
    target = werkmap.month_path(maand)
    shown = display_path(target)
    if target.exists():
        raise _exists(shown)
    earlier = [m for m in werkmap.months() if m < maand]
    if not earlier:
        raise MonitorError(
            [
                _problem(
                    shown,
                    f"geen eerdere maand in {display_path(werkmap.data_dir)} om van uit te gaan; "
                    "maak het eerste maandbestand met de hand (zie de README)",
                )
            ]
        )
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
    programma = werkmap.programma
    source = werkmap.month_path(vorige)
    try:
        previous = werkmap.laad(vorige).maand
    except MonitorError as err:
        stop = _problem(
            shown, f"niet aangemaakt: herstel eerst de fouten in {display_path(source)}"
        )
        raise MonitorError([*err.problems, stop]) from None
    header = _header(werkmap.lees(vorige).decode("utf-8"), vorige, maand)
    text, invullen = _month_text(previous, programma, maand, header, display_path(source))
    _write_new(target, text, shown)
    return NieuweMaand(shown, display_path(source), invullen)


# --- the month file as text ----------------------------------------------------------------------


def _month_text(
    previous: Maand, programma: Programma, maand: str, header: list[str], source: str
) -> tuple[str, list[str]]:
    """The new month's file, and the list of what must be filled in (Dutch, for the user)."""
    naam = _maand_jaar(maand)
    peildatum = _suggest_peildatum(previous.peildatum, maand)
    out = [*header]
    out.append(
        f"# Aangemaakt met `maandmonitor new` uit {source}: vul elke {PLACEHOLDER} in, en elke"
    )
    out.append(f"# lege lijst `items: []`. `maandmonitor validate {maand}` wijst aan wat nog mist.")
    out.append(f"maand: {_flow(maand)}")
    out.append(
        f"peildatum: {_flow(peildatum)}  # voorstel: de datum waarop de cijfers zijn opgemaakt"
    )
    invullen = [f"peildatum (voorstel: {peildatum.isoformat()})"]

    blokken = sum(len(b) for b in previous.activiteiten.values())
    if blokken:
        out += ["", "activiteiten:"]
        out.append(f"  # Per blok de opsommingen van {naam}: vervang [] door regels '- tekst'.")
        out.append("  # Een blok zonder items mag weg.")
        for sectie, lijst in previous.activiteiten.items():
            out.append(f"  {_key(sectie)}:")
            for blok in lijst:
                if blok.kop is not None:
                    out += [f"    - kop: {_flow(blok.kop)}", "      items: []"]
                else:
                    out.append("    - items: []")
        invullen.append(f"activiteiten: de opsommingen (items) van {blokken} blokken")

    inzet = previous.inzet
    out += ["", "inzet_op_risicos:"]
    out.append(f"  # Meld- en Adviespunt: de meldingen van dit jaar; vul die van {naam} in")
    out.append("  # (een regel per melding; leeg als er geen waren).")
    out.append("  meldingen:")
    jaar = maand[:4]
    carried = [m for m in inzet.meldingen if m.maand.startswith(jaar) and m.maand < maand]
    for melding in carried:
        out += [
            f"    - maand: {_flow(melding.maand)}",
            f"      items: {_flow([_item(i) for i in melding.items])}",
        ]
    gevuld = {m.maand for m in carried}
    for nieuw in maanden_tussen(max(maand_terug(previous.maand, -1), f"{jaar}-01"), maand):
        if nieuw not in gevuld:
            out += [f"    - maand: {_flow(nieuw)}", "      items: []"]
    invullen.append(f"inzet_op_risicos.meldingen: de meldingen van {naam}")

    out += ["", "  # De stand op de peildatum; instroom en uitstroom sinds vorige maand."]
    out.append("  personen_in_regie:")
    out += [f"    {veld}: {PLACEHOLDER}" for veld in ("totaal", "on_hold", "instroom", "uitstroom")]
    out.append("  # Een regel per uitgestroomde persoon: evenveel regels als uitstroom.")
    out.append("  uitgestroomd: []")
    invullen.append("inzet_op_risicos.personen_in_regie: totaal, on_hold, instroom, uitstroom")
    invullen.append("inzet_op_risicos.uitgestroomd: een regel per uitgestroomde persoon")

    vorige_naam = _maand_jaar(previous.maand)
    out += [
        "",
        f"  # Regiepartijen en regisseurs zoals in {vorige_naam} (nakijken); vul per partij",
    ]
    out.append("  # de casussen in (null als de partij geen casussen heeft: '-' in de tabel).")
    out.append("  regiepartijen:")
    for partij in inzet.regiepartijen:
        row: dict[str, Any] = {"partij": partij.partij, "regisseurs": partij.regisseurs}
        if partij.toelichting is not None:
            row["toelichting"] = partij.toelichting.source()
        row["casussen"] = OPEN
        out.append(f"    - {_flow(row)}")
    if inzet.regisseurs_totaal is not None:
        out.append(f"  regisseurs_totaal: {_flow(inzet.regisseurs_totaal)}")
    invullen.append("inzet_op_risicos.regiepartijen: de casussen per partij (regisseurs nakijken)")

    if inzet.subjecten:
        out += ["", "  # Per uitsplitsing de cijfers op de peildatum; elk telt op tot het totaal."]
        out.append("  subjecten:")
        te_vullen = []
        for uitsplitsing, waarde in inzet.subjecten.items():
            regel = f"    {_key(uitsplitsing)}:"
            if isinstance(waarde, NietBeschikbaar) or (
                isinstance(waarde, Gelakt) and waarde.cijfers is None
            ):  # no figures last month: most likely none this month either
                shape = waarde.model_dump(exclude_defaults=True)
                out.append(f"{regel} {_flow(shape)}  # zoals in {vorige_naam}")
                continue
            te_vullen.append(uitsplitsing)
            open_cijfers = [
                f"{_key(c.id)}: {PLACEHOLDER}"
                for c in programma.uitsplitsing(uitsplitsing).categorieen
            ]
            if isinstance(waarde, Gelakt):
                out += [regel, f"      gelakt: {_flow(waarde.gelakt)}", "      cijfers:"]
                out += [f"        {c}" for c in open_cijfers]
            else:
                out += [regel, *(f"      {c}" for c in open_cijfers)]
        if te_vullen:
            invullen.append(f"inzet_op_risicos.subjecten: {', '.join(te_vullen)}")

    out.append("")
    if previous.maand == maand_terug(maand, 1):
        out.append(
            f"  # vorige_maand staat er niet in: de cijfers van vorige maand komen uit {source}."
        )
    else:
        missing = maand_terug(maand, 1)
        out.append(f"  # {missing}.yaml ontbreekt: zet hier de cijfers van {_maand_jaar(missing)}")
        out.append("  # zoals toen gerapporteerd, zodat de controles ze hebben:")
        out.append("  # vorige_maand:")
        out.append("  #   personen_in_regie: {totaal: …, on_hold: …, instroom: …, uitstroom: …}")
        invullen.append(f"inzet_op_risicos.vorige_maand: de cijfers van {_maand_jaar(missing)}")

    out += ["", f"  # De overleggen van {naam}: per overleg datum, onderwerp en eventueel"]
    out.append("  # aanwezig, tekst en vervolg.")
    out.append("  overleggen: []")
    invullen.append(f"inzet_op_risicos.overleggen: de overleggen van {naam}")
    return "\n".join(out) + "\n", invullen


def _header(previous_text: str, vorige: str, maand: str) -> list[str]:
    """The previous file's leading comment, with its month name moved on; a modeline first."""
    lines = []
    for line in previous_text.removeprefix("\ufeff").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.replace(_maand_jaar(vorige), _maand_jaar(maand)))
    if not (lines and lines[0].startswith("# yaml-language-server:")):
        lines.insert(0, MODELINE)
    return lines


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


def _suggest_peildatum(previous: dt.date, maand: str) -> dt.date:
    """The same day as last month's peildatum, in the month after MAAND (at most the 28th)."""
    volgende = maand_terug(maand, -1)
    return dt.date(int(volgende[:4]), int(volgende[5:7]), min(previous.day, 28))


# --- writing without ever overwriting -------------------------------------------------------------


def _write_new(target: Path, text: str, shown: str) -> None:
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
