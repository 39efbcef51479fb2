"""The case read once (skolemiljo._case.facts): anchors in date order, facts as they stood
on a date, and when the school knew of a violation."""

from __future__ import annotations

from datetime import date

from skolemiljo import Case
from skolemiljo._case import anchors, derive_facts
from skolemiljo._case.facts import known


def _case(*events: dict[str, object]) -> Case:
    return Case.model_validate(
        {"pupil": {"ref": "elev-1"}, "school": {"name": "Lia skole"}, "events": list(events)}
    )


SAID = {"type": "pupil_said_unsafe", "on": "2024-10-14", "told": "contact_teacher"}
RAISED = {"type": "raised_with_principal", "on": "2024-10-10", "by": "parents"}


def test_anchors_list_events_in_date_order_with_their_index() -> None:
    """An anchor holds (event index, date) in date order, whatever the input order."""
    case = _case(SAID, RAISED)
    points = anchors(case, date(2024, 10, 31))
    assert points["raised_with_principal"] == [(1, date(2024, 10, 10))]
    assert points["pupil_said_unsafe"] == [(0, date(2024, 10, 14))]


def test_facts_stand_as_they_did_at_the_end_of_the_day_asked() -> None:
    """A fact is not true on a date before the event that shows it, and true from it on, with
    the date it became true and the event that shows it."""
    case = _case(SAID)
    before = derive_facts(case, date(2024, 10, 13))
    after = derive_facts(case, date(2024, 10, 14))
    assert before["pupil_says_unsafe"].truth != "T"
    assert after["pupil_says_unsafe"].truth == "T"
    assert after["pupil_says_unsafe"].since == date(2024, 10, 14)
    assert after["pupil_says_unsafe"].events == (0,)


def test_a_violation_is_known_when_recorded_or_else_when_it_happened() -> None:
    """``known_on`` when the school records it; otherwise the day it happened (an assumption
    the notices name)."""
    violation = {"type": "violation", "on": "2024-10-01", "kind": "mobbing", "offender": "pupil"}
    plain = _case(violation).events[0]
    later = _case({**violation, "known_on": "2024-10-05"}).events[0]
    assert known(plain) == date(2024, 10, 1)  # type: ignore[arg-type]
    assert known(later) == date(2024, 10, 5)  # type: ignore[arg-type]
