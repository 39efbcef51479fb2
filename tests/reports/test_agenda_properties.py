"""The agenda never contradicts assess() or audit() on the same case and date."""

from __future__ import annotations

from collections import Counter
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from skolemiljo import agenda, assess, audit
from skolemiljo.legal import regime_for
from skolemiljo.testing import cases, dates_in_scope, exemplary_timelines

ROUTINES = st.sampled_from([None, "oyer_2024"])
OPTIONS = st.sampled_from(
    [
        None,
        {"snarast_working_days": 2},
        {"min_source": "statute"},
        {"min_source": "guidance"},
        {"readings": ["carried_over_9a5"]},
    ]
)


def _check(case, as_of: date, routine: str | None, options) -> None:  # type: ignore[no-untyped-def]
    plan = agenda(case, as_of, routine=routine, options=options)
    report = audit(case, as_of, routine=routine, options=options)
    overdue = Counter((i.deadline.breach_code, i.deadline.due) for i in plan.items if i.overdue)
    missed = Counter((b.code, b.due) for b in report.breaches)
    assert overdue == missed  # every breach is an overdue item, and nothing else is overdue
    for item in plan.items:
        if item.overdue:
            assert item.days_late is not None
            assert item.days_late > 0
            assert item.deadline.due is not None
        if item.state == "done":
            assert item.done is not None
            assert item.done.on <= as_of
        if item.reminders:
            assert item.state == "open"
    readings = (options or {}).get("readings", ())
    duties = {
        o.code: o for o in assess(case, as_of, routine=routine, readings=readings).obligations
    }
    listed = {i.code for i in plan.items if i.kind in ("duty", "local")}
    expected = {c for c, o in duties.items() if o.kind == "duty"}
    assert listed == expected  # every duty of assess, and no duty assess does not give
    for item in plan.items:
        if item.kind == "duty":
            ob = duties[item.code]
            assert item.duty_status == ob.status
            assert item.duty_bearer == ob.duty_bearer
            if item.done is not None and item.regime != ob.regime:
                # done under the act that followed: cited under it (the act on that date)
                assert item.regime == regime_for(item.done.on).id
                assert item.legal_basis != ob.legal_basis
            else:
                assert item.legal_basis == ob.legal_basis
            assert item.deadline.kind == ob.deadline.kind
            if ob.deadline.due is not None and item.deadline.breach_code is None:
                assert item.deadline.due == ob.deadline.due
    dues = [(i.deadline.due is None, i.deadline.due or as_of) for i in plan.items]
    assert dues == sorted(dues)


@settings(max_examples=300, deadline=None)
@given(cases(), dates_in_scope(), ROUTINES, OPTIONS)
def test_generated_cases_agree_with_assess_and_audit(case, as_of, routine, options) -> None:  # type: ignore[no-untyped-def]
    """On generated cases the agenda agrees with assess and audit, with each routine and option
    (the opt-in reading too)."""
    _check(case, as_of, routine, options)


@settings(max_examples=100, deadline=None)
@given(exemplary_timelines(), ROUTINES, st.integers(0, 40))
def test_exemplary_timelines_agree_with_assess_and_audit(timeline, routine, shift) -> None:  # type: ignore[no-untyped-def]
    """On exemplary timelines at shifted dates the agenda agrees with assess and audit."""
    from datetime import timedelta

    _check(timeline.case, timeline.as_of - timedelta(days=shift), routine, None)
