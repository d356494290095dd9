"""Numbers as the report prints them: computed from the figures, rounded once and explicitly.

Babel rounds half-to-even (python-babel#90: 2.5 → "2"); the report rounds half up, so a
percentage is rounded here, as a Decimal, before any formatting.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_EEN_DECIMAAL = Decimal("0.1")


def percentage(deel: int, geheel: int) -> Decimal:
    """`deel` as a percentage of `geheel`, rounded half up to one decimal: 10/55 → 18.2."""
    if geheel <= 0:
        raise ValueError(f"percentage van een geheel van {geheel}")
    return (Decimal(deel) * 100 / Decimal(geheel)).quantize(_EEN_DECIMAAL, rounding=ROUND_HALF_UP)


_TELWOORDEN = (
    "nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf",
    "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien",
    "twintig",
)  # fmt: skip


def telwoord(n: int) -> str:
    """A count as a Dutch word in running text, as style guides write up to twenty: 3 → 'drie';
    beyond that the digits."""
    return _TELWOORDEN[n] if 0 <= n < len(_TELWOORDEN) else str(n)
