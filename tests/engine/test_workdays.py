"""Working days as Norwegian schools count them (skolemiljo.workdays)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skolemiljo import InputError
from skolemiljo.workdays import add_working_days, is_working_day, working_days_before

DAYS = st.dates(date(2017, 8, 1), date(2030, 12, 31))


def test_public_holidays_and_weekends_are_not_working_days() -> None:
    """17 May, Easter and Christmas days and weekends are skipped; an ordinary Tuesday is not."""
    assert not is_working_day(date(2025, 5, 17))  # Grunnlovsdag (a Saturday too)
    assert not is_working_day(date(2024, 5, 17))  # Grunnlovsdag on a Friday
    assert not is_working_day(date(2025, 4, 17))  # Skjærtorsdag
    assert not is_working_day(date(2025, 4, 21))  # 2. påskedag
    assert not is_working_day(date(2024, 12, 25))
    assert not is_working_day(date(2024, 10, 19))  # Saturday
    assert is_working_day(date(2024, 10, 15))


@given(DAYS, st.integers(0, 30))
def test_adding_lands_on_a_working_day_and_counts_exactly(start: date, days: int) -> None:
    """The result is a working day with exactly ``days`` working days after the start (a start
    on a weekend or holiday counts from the next working day, as with 0 days)."""
    first = add_working_days(start, 0)
    assert first >= start
    assert all(not is_working_day(start + timedelta(n)) for n in range((first - start).days))
    end = add_working_days(start, days)
    assert is_working_day(end)
    between = sum(is_working_day(first + timedelta(n)) for n in range(1, (end - first).days + 1))
    assert between == days


@given(DAYS, st.integers(0, 30))
def test_before_is_the_inverse_of_adding_on_a_working_day(day: date, days: int) -> None:
    """For a working day, going ``days`` working days back and then forward returns to it."""
    target = add_working_days(day, 0)
    assert add_working_days(working_days_before(target, days), days) == target


@pytest.mark.parametrize("days", [-1, True, 3661, 1.5, "2"])
def test_a_bad_count_is_a_typed_error_naming_the_argument(days: object) -> None:
    """A count out of range or not a whole number is an InputError naming ``days``, without
    the value."""
    with pytest.raises(InputError) as info:
        add_working_days(date(2024, 10, 15), days)  # type: ignore[arg-type]
    assert "days" in str(info.value)
    assert str(days) not in str(info.value).replace("3660", "")


def test_a_start_that_is_not_a_date_is_a_typed_error() -> None:
    """A start that is not a date is an InputError naming ``start``."""
    with pytest.raises(InputError) as info:
        add_working_days("2024-10-15", 1)  # type: ignore[arg-type]
    assert "start" in str(info.value)
