"""Hijri dates to Gregorian.

Within 1343–1500 AH (1924–2077) the Umm al-Qura calendar of the ``hijridate``
package is used (the official Saudi calendar, the one news outlets print);
outside it, the tabular (arithmetical) Islamic calendar with the civil epoch
and the 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29 leap-year cycle. The two can
differ by a day or two from a local sighting-based month, which is why a Hijri
month is compared as a Gregorian interval, not a single day.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from hijridate import Hijri

_EPOCH_JDN = 1948440  # 1 Muharram 1 AH, civil epoch (16 July 622 Julian)
_ORDINAL_OFFSET = 1721425  # JDN − date.toordinal()


def _tabular_jdn(y: int, m: int, d: int) -> int:
    return d + math.ceil(29.5 * (m - 1)) + (y - 1) * 354 + (3 + 11 * y) // 30 + _EPOCH_JDN - 1


def tabular_month_length(y: int, m: int) -> int:
    if m == 12:
        return 30 if (14 + 11 * y) % 30 < 11 else 29
    return 30 if m % 2 == 1 else 29


def tabular_to_gregorian(y: int, m: int, d: int) -> date:
    return date.fromordinal(_tabular_jdn(y, m, d) - _ORDINAL_OFFSET)


def month_length(y: int, m: int) -> int:
    try:
        return int(Hijri(y, m, 1).month_length())
    except (OverflowError, ValueError):
        return tabular_month_length(y, m)


def to_gregorian(y: int, m: int, d: int) -> date:
    """A Hijri day to a Gregorian date; raises ``ValueError`` for an impossible day."""
    if not (1 <= m <= 12 and 1 <= d <= 30 and 1 <= y <= 9000):
        raise ValueError(f"not a Hijri date: {y}-{m}-{d}")
    try:
        g = Hijri(y, m, d).to_gregorian()
        return date(g.year, g.month, g.day)
    except OverflowError:
        return tabular_to_gregorian(y, m, d)


def month_interval(y: int, m: int) -> tuple[date, date]:
    first = to_gregorian(y, m, 1)
    return first, first + timedelta(days=month_length(y, m) - 1)


def year_interval(y: int) -> tuple[date, date]:
    first = to_gregorian(y, 1, 1)
    return first, month_interval(y, 12)[1]
