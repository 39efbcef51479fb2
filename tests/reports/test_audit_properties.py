"""Properties of audit() and working days (strategies in skolemiljo.testing)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skolemiljo import Offender, add_working_days, audit, is_working_day
from skolemiljo.testing import ExemplaryTimeline, cases, dates_in_scope, exemplary_timelines
from skolemiljo.workdays import _holidays

SNARAST = 5


def codes(case, as_of, routine=None, options=None) -> list[str]:  # type: ignore[no-untyped-def]
    return [b.code for b in audit(case, as_of, routine=routine, options=options).breaches]


@given(exemplary_timelines(), st.sampled_from([None, "oyer_2024"]))
def test_exemplary_timeline_has_no_breach(timeline: ExemplaryTimeline, routine: str | None) -> None:
    """Every step in time: no breach under the law alone or with Øyer's routine."""
    assert codes(timeline.case, timeline.as_of, routine) == []


def _offender(timeline: ExemplaryTimeline) -> Offender:
    return timeline.case.events[timeline.steps["violation"]].offender  # type: ignore[union-attr]


@given(exemplary_timelines(), st.data())
def test_moving_one_legal_step_past_its_deadline_gives_exactly_that_breach(
    timeline: ExemplaryTimeline, data: st.DataObject
) -> None:
    """Each legal step moved past its deadline yields its own breach and no other. The
    timelines are under the 2023 act: investigation and measures are "straks" in a staff case
    only with the opt-in reading carried_over_9a5 (issue 22), "snarast" otherwise."""
    start = timeline.case.events[0].on
    chosen = data.draw(st.booleans())
    options = {"readings": ["carried_over_9a5"]} if chosen else None
    heightened = chosen and _offender(timeline) is not Offender.PUPIL
    snarast_late = add_working_days(start, SNARAST + 1)
    steps = [
        (
            "investigation_started",
            start + timedelta(days=1) if heightened else snarast_late,
            "investigation_not_started",
        ),
        (
            "measures_started",
            start + timedelta(days=1) if heightened else snarast_late,
            "unsafe_pupil_without_measures",
        ),
        ("evaluation_done", timeline.as_of, "evaluation_overdue"),
    ]
    if _offender(timeline) is Offender.STAFF:
        steps.append(
            ("reported_to_principal", start + timedelta(days=1), "report_to_principal_late")
        )
    if _offender(timeline) is Offender.LEADERSHIP:
        steps.append(("reported_to_owner", start + timedelta(days=1), "report_to_owner_late"))
    elif timeline.case.serious:
        steps.append(("reported_to_owner", snarast_late, "serious_case_not_reported_to_owner"))
    step, to, breach = data.draw(st.sampled_from(steps))
    case = timeline.moved(step, min(to, timeline.as_of))
    assert codes(case, timeline.as_of, options=options) == [breach]


@given(exemplary_timelines(), st.data())
def test_moving_one_routine_step_gives_exactly_that_local_breach(
    timeline: ExemplaryTimeline, data: st.DataObject
) -> None:
    """Each of Øyer's steps done late yields its local breach, and no legal breach."""
    start = timeline.case.events[0].on
    step, breach = data.draw(
        st.sampled_from(
            [
                ("pupil_informed", "oyer_pupil_told_same_day"),
                ("meeting_held", "oyer_meeting_same_or_next_day"),
            ]
        )
    )
    late = start + timedelta(days=2 if step == "meeting_held" else 1)
    report = audit(timeline.moved(step, late), timeline.as_of, routine="oyer_2024")
    assert [(b.code, b.local) for b in report.breaches] == [(breach, True)]
    assert report.breaches[0].legal_basis == ()
    assert report.breaches[0].routine_reference
    # The routine sets no time limit for the written investigation plan: never a breach.
    never = timeline.moved("investigation_plan_written", timeline.as_of)
    assert codes(never, timeline.as_of, "oyer_2024") == []
    no_f = timeline.changed("plan_written", best_interests_assessed=False)
    assert codes(no_f, timeline.as_of, "oyer_2024") == ["oyer_best_interests_in_plan"]


@given(cases(start=date(2024, 10, 2)), dates_in_scope(date(2024, 10, 2)))
def test_a_routine_only_adds_breaches(case, as_of) -> None:  # type: ignore[no-untyped-def]
    """With a routine, every breach of the law alone is still there; only local ones are added."""
    law = audit(case, as_of).breaches
    both = audit(case, as_of, routine="oyer_2024").breaches
    assert [b for b in both if not b.local] == list(law)


@given(dates_in_scope(), st.integers(0, 30))
def test_working_day_deadlines_never_land_on_weekends_or_holidays(start: date, days: int) -> None:
    """add_working_days always returns a weekday that is not a Norwegian public holiday."""
    due = add_working_days(start, days)
    assert due.weekday() < 5
    assert due not in _holidays(due.year)
    assert is_working_day(due)
    assert due >= start


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 5, 17), False),  # grunnlovsdag
        (date(2025, 4, 17), False),  # skjærtorsdag
        (date(2025, 6, 9), False),  # 2. pinsedag
        (date(2024, 12, 24), True),  # julaften is not a public holiday
        (date(2024, 12, 26), False),  # 2. juledag
        (date(2025, 5, 16), True),
        (date(2025, 5, 18), False),  # Sunday
    ],
)
def test_norwegian_public_holidays(day: date, expected: bool) -> None:
    """Known Norwegian public holidays and ordinary days."""
    assert is_working_day(day) is expected
