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
>>> working_days_before(date(2025, 5, 19), 1)  # a reminder one working day before Monday
datetime.date(2025, 5, 16)
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache, lru_cache

from ._case import argument_error, parse_day

__all__ = ["add_working_days", "is_working_day", "working_days_before"]


@cache
def _holidays(year: int) -> frozenset[date]:
    import holidays  # imported on first use: it costs ~70 ms

    return frozenset(holidays.country_holidays("NO", years=year, include_sundays=False))


MAX_DAYS = 3660
"""At most this many working days are added (some fourteen years)."""


def is_working_day(day: date) -> bool:
    """Whether ``day`` is a weekday that is not a Norwegian public holiday."""
    if not isinstance(day, date):
        raise argument_error("day", "a date")
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The working day ``days`` working days after ``start``.

    With ``days == 0`` it is ``start`` itself, or the next working day if ``start`` is not one.
    The result is never a weekend or a public holiday. ``start`` must lie within the dates
    inputs may carry (1900-01-01..2100-12-31) and ``days`` within 0..3660, so the result never
    runs past the end of the calendar; otherwise :class:`~skolemiljo.InputError`.
    """
    return _add_working_days(_checked(start, days, "start"), days)


def _checked(day: object, days: object, name: str) -> date:
    """``day`` as a date within the inputs' range, once ``days`` is a whole number within
    0..:data:`MAX_DAYS` (else :class:`~skolemiljo.InputError` naming the argument)."""
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= MAX_DAYS:
        raise argument_error("days", f"a whole number from 0 to {MAX_DAYS}")
    if not isinstance(day, date):
        raise argument_error(name, "a date")
    return parse_day(day, name)


@lru_cache(maxsize=8192)
def _add_working_days(start: date, days: int) -> date:
    """:func:`add_working_days` on checked arguments: a pure function of them, remembered
    (deadlines are counted from a few hundred days a year)."""
    day = start
    while not is_working_day(day):
        day += timedelta(days=1)
    for _ in range(days):
        day += timedelta(days=1)
        while not is_working_day(day):
            day += timedelta(days=1)
    return day


def working_days_before(day: date, days: int) -> date:
    """The working day ``days`` working days before ``day`` (``day`` itself for 0): the date of
    a reminder ahead of a deadline. The same limits as :func:`add_working_days`."""
    return _working_days_before(_checked(day, days, "day"), days)


@lru_cache(maxsize=4096)
def _working_days_before(day: date, days: int) -> date:
    for _ in range(days):
        day -= timedelta(days=1)
        while not is_working_day(day):
            day -= timedelta(days=1)
    return day
