"""Dutch dates and numbers without Babel's locale data (nl.py) are what Babel writes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal

from maandmonitor import nl

JAREN = (1, 5, 99, 999, 1000, 2018, 9999)


@pytest.mark.parametrize("patroon", ["long", "d MMMM y", "d MMMM", "MMMM", "MMMM yyyy", "LLL"])
def test_every_month_of_every_pattern_is_babels(patroon: str) -> None:
    for jaar in JAREN:
        for maand in range(1, 13):
            for dag in (1, 9, 10, 28):
                datum = dt.date(jaar, maand, dag)
                nl.datum.cache_clear()
                assert nl.datum(datum, patroon) == format_date(datum, patroon, locale="nl")


def test_another_pattern_is_left_to_babel() -> None:
    datum = dt.date(2018, 6, 4)
    assert nl.datum(datum, "EEEE d MMMM") == "maandag 4 juni"


def test_numbers_are_babels() -> None:
    for waarde in [*range(-20, 20), 999, 1000, 12345, 1234567]:
        assert nl.aantal(waarde) == format_decimal(waarde, locale="nl")
    tienden = [Decimal(n) / 10 for n in range(-100, 20001, 7)] + [Decimal("1234567.8")]
    for waarde in tienden:
        assert nl.een_decimaal(waarde) == format_decimal(waarde, format="#,##0.0", locale="nl")
