"""Working days (virkedagar) the way Norwegian schools count them.

Monday to Friday, except Norwegian public holidays (helligdagar and 1 and 17 May), taken from
the maintained ``holidays`` package rather than a hand-written calendar.

>>> from datetime import date
>>> add_working_days(date(2025, 5, 16), 1)   # Friday; Saturday 17 May and Sunday skipped
datetime.date(2025, 5, 19)
>>> add_working_days(date(2025, 4, 16), 1)   # the day before Skjærtorsdag: over Easter
datetime.date(2025, 4, 22)
>>> add_working_days(date(2025, 5, 17), 0)   # a deadline of 0 working days from a holiday
datetime.date(2025, 5, 19)
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

__all__ = ["add_working_days", "is_working_day"]


@cache
def _holidays(year: int) -> frozenset[date]:
    import holidays  # imported on first use: it costs ~70 ms

    return frozenset(holidays.country_holidays("NO", years=year, include_sundays=False))


def is_working_day(day: date) -> bool:
    """Whether ``day`` is a weekday that is not a Norwegian public holiday."""
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The working day ``days`` working days after ``start``.

    With ``days == 0`` it is ``start`` itself, or the next working day if ``start`` is not one.
    The result is never a weekend or a public holiday.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    while not is_working_day(day):
        day += timedelta(days=1)
    for _ in range(days):
        day += timedelta(days=1)
        while not is_working_day(day):
            day += timedelta(days=1)
    return day
