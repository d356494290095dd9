"""Month arithmetic and Dutch month names: the one place that knows what a month (JJJJ-MM) is.

A month is a string `JJJJ-MM`, as in the file names; years are `JJJJ`. Months run from 0001-01 to
9999-12, the dates Python has: the month before the first and the month after the last do not
exist (`maand_terug` gives None), so no command ever computes a date outside them. Names are
Babel's (nl.py).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .nl import datum

EERSTE, LAATSTE = "0001-01", "9999-12"
_JAAR_PATTERN = "(?:000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"  # 0001 .. 9999
MAAND_PATTERN = rf"^{_JAAR_PATTERN}-(?:0[1-9]|1[0-2])$"
_MAAND = re.compile(MAAND_PATTERN)
_JAAR = re.compile(_JAAR_PATTERN)
# What a user may have meant as a month's file: 2018-07.yml, 2018-7.yaml, 2018-07.YAML, 0000-01.yaml
_LIJKT_MAANDBESTAND = re.compile(r"([0-9]{4})-([0-9]{1,2})\.ya?ml", re.IGNORECASE)


def is_maand(argument: str) -> bool:
    return bool(_MAAND.fullmatch(argument))


def is_maandbestand(naam: str) -> bool:
    """A month's file name: JJJJ-MM.yaml."""
    return naam.endswith(".yaml") and len(naam) == 12 and is_maand(naam[:7])


def bedoelde_maand(naam: str) -> str | None:
    """For a file name that looks like a month's file but is not one (`2018-07.yml`,
    `2018-7.yaml`, `0000-01.yaml`): the JJJJ-MM it seems to mean, which need not be a month.
    None for a month's file itself and for every other name."""
    match = _LIJKT_MAANDBESTAND.fullmatch(naam)
    if match is None or is_maandbestand(naam):
        return None
    return f"{match.group(1)}-{int(match.group(2)):02d}"


def check_maand_arg(maand: str) -> str:
    """`maand` itself, or a usage error (exit 2) when it is not JJJJ-MM."""
    if not is_maand(maand):
        from .errors import UsageError

        raise UsageError(f"'{maand}' is geen maand: {_hoe(maand)}")
    return maand


def _hoe(maand: str) -> str:
    if maand[:4] == "0000" and is_maand(f"0001{maand[4:]}"):  # the year 0 has no dates
        return f"maanden lopen van {EERSTE} tot en met {LAATSTE}"
    return "gebruik JJJJ-MM, bijvoorbeeld 2018-06"


def is_jaar(argument: str) -> bool:
    """A year argument (`build 2018`), as opposed to a month (JJJJ-MM)."""
    return bool(_JAAR.fullmatch(argument))


def eerste_dag(maand: str) -> dt.date:
    """'2018-06' → 1 June 2018."""
    return dt.date(int(maand[:4]), int(maand[5:7]), 1)


def laatste_dag(maand: str) -> dt.date:
    """'2018-06' → 30 June 2018."""
    jaar, nummer = int(maand[:4]), int(maand[5:7])
    return dt.date(jaar, nummer, calendar.monthrange(jaar, nummer)[1])


def _volgnummer(maand: str) -> int:
    return int(maand[:4]) * 12 + int(maand[5:7]) - 1


def _maand(volgnummer: int) -> str:
    jaar, nummer = divmod(volgnummer, 12)
    return f"{jaar:04d}-{nummer + 1:02d}"


_BEGIN, _EINDE = _volgnummer(EERSTE), _volgnummer(LAATSTE)


def maand_terug(maand: str, n: int) -> str | None:
    """The month `n` months before `maand` (negative `n`: after); None before 0001-01 or after
    9999-12."""
    volgnummer = _volgnummer(maand) - n
    return _maand(volgnummer) if _BEGIN <= volgnummer <= _EINDE else None


def maanden_tussen(eerste: str, laatste: str) -> list[str]:
    """`eerste` .. `laatste` inclusive (empty when eerste > laatste)."""
    return [_maand(i) for i in range(_volgnummer(eerste), _volgnummer(laatste) + 1)]


def maanden_van(jaar: str) -> list[str]:
    return [f"{jaar}-{nummer:02d}" for nummer in range(1, 13)]


def terugblik(maand: str) -> list[str]:
    """The months whose figures and texts a month's report repeats, in order: last month (its
    column) and the earlier months of its year (the meldingen)."""
    vorige = maand_terug(maand, 1)
    return sorted({vorige, *maanden_tussen(f"{maand[:4]}-01", vorige)}) if vorige else []


def maandnaam(maand: str, *, hoofdletter: bool = False, jaar: bool = False) -> str:
    """'2018-06' → 'juni', 'Juni', or 'juni 2018'."""
    naam = datum(eerste_dag(maand), "MMMM yyyy" if jaar else "MMMM")
    return naam[:1].upper() + naam[1:] if hoofdletter else naam


def korte_maandnaam(maand: str) -> str:
    """'2018-06' → 'jun' (the axis of a year chart)."""
    return datum(eerste_dag(maand), "LLL")
