"""Dates and numbers in Dutch, as Babel's `nl` locale writes them, for the few patterns the report
prints, without loading Babel's locale data (a tenth of a build's own work).

The words and symbols below are Babel's: tests/test_nl.py compares every month and pattern here
with Babel, so a Babel (CLDR) release that writes Dutch differently fails a test rather than
changing the report unnoticed. Any other pattern (a workspace's own template may ask for one) is
passed to Babel itself.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal

MAANDNAMEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
KORTE_MAANDNAMEN = (
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
)  # fmt: skip
GROEP = "."  # 1.234
DECIMAAL = ","  # 18,2

# Babel's pattern → the same text from the table above. 'long' is nl's "d MMMM y".
_PATRONEN = {
    "long": lambda d: f"{d.day} {MAANDNAMEN[d.month - 1]} {d.year}",
    "d MMMM y": lambda d: f"{d.day} {MAANDNAMEN[d.month - 1]} {d.year}",
    "d MMMM": lambda d: f"{d.day} {MAANDNAMEN[d.month - 1]}",
    "MMMM": lambda d: MAANDNAMEN[d.month - 1],
    "MMMM yyyy": lambda d: f"{MAANDNAMEN[d.month - 1]} {d.year:04d}",
    "LLL": lambda d: KORTE_MAANDNAMEN[d.month - 1],
}


@functools.lru_cache(maxsize=1024)  # a month prints the same few dates and month names often
def datum(value: dt.date, fmt: str = "long") -> str:
    """A date in Dutch: '4 juli 2018' (Babel's long format), or as the Babel pattern `fmt` says."""
    patroon = _PATRONEN.get(fmt)
    if patroon is not None:
        return patroon(value)
    from babel.dates import format_date

    return format_date(value, fmt, locale="nl")


def aantal(value: int) -> str:
    """A count with Dutch digit grouping: 1.234."""
    return f"{value:,}".replace(",", GROEP)


def een_decimaal(value: Decimal) -> str:
    """A number already rounded to one decimal, as Babel's '#,##0.0' writes it: '1.234,5'."""
    tekst = f"{value:,.1f}"
    return tekst.replace(",", "\0").replace(".", DECIMAAL).replace("\0", GROEP)
