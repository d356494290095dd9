"""Month arithmetic and Dutch month names: the one place that knows what a month (JJJJ-MM) is.

A month is a string `JJJJ-MM`, as in the file names; years are `JJJJ`. Names come from Babel, not
from a hand-written table.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

MAAND_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"
_MAAND = re.compile(MAAND_PATTERN)
_MAANDBESTAND = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])\.yaml")
_JAAR = re.compile(r"[0-9]{4}")


def is_maand(argument: str) -> bool:
    return bool(_MAAND.fullmatch(argument))


def is_maandbestand(naam: str) -> bool:
    """A month's file name: JJJJ-MM.yaml."""
    return bool(_MAANDBESTAND.fullmatch(naam))


def check_maand_arg(maand: str) -> str:
    """`maand` itself, or a usage error (exit 2) when it is not JJJJ-MM."""
    if not is_maand(maand):
        from .errors import UsageError

        raise UsageError(f"'{maand}' is geen maand: gebruik JJJJ-MM, bijvoorbeeld 2018-06")
    return maand


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


def maand_terug(maand: str, n: int) -> str:
    """The month `n` months before `maand` (negative `n`: after)."""
    jaar, nummer = divmod(int(maand[:4]) * 12 + int(maand[5:7]) - 1 - n, 12)
    return f"{jaar:04d}-{nummer + 1:02d}"


def maanden_tussen(eerste: str, laatste: str) -> list[str]:
    """`eerste` .. `laatste` inclusive (empty when eerste > laatste)."""
    out = []
    while eerste <= laatste:
        out.append(eerste)
        eerste = maand_terug(eerste, -1)
    return out


def maanden_van(jaar: str) -> list[str]:
    return [f"{jaar}-{nummer:02d}" for nummer in range(1, 13)]


@functools.lru_cache(maxsize=1024)  # a month prints the same few dates and month names often
def datum(value: dt.date, fmt: str = "long") -> str:
    """A date in Dutch: '4 juli 2018' (Babel's long format), or as `fmt` says."""
    from babel.dates import format_date

    return format_date(value, fmt, locale="nl")


def maandnaam(maand: str, *, hoofdletter: bool = False, jaar: bool = False) -> str:
    """'2018-06' → 'juni', 'Juni', or 'juni 2018'."""
    naam = datum(eerste_dag(maand), "MMMM yyyy" if jaar else "MMMM")
    return naam[:1].upper() + naam[1:] if hoofdletter else naam


def korte_maandnaam(maand: str) -> str:
    """'2018-06' → 'jun' (the axis of a year chart)."""
    return datum(eerste_dag(maand), "LLL")
