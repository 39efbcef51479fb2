"""Hypothesis strategies for testing an integration (``pip install skolemiljo[testing]``): the
ones the library tests itself with. ``strategies`` holds them, ``data`` their word lists and the
injection strings staff text is tried with."""

from __future__ import annotations

from .strategies import (
    INJECTIONS,
    ExemplaryTimeline,
    best_interests,
    cases,
    complete_plans,
    dates_in_scope,
    events,
    exemplary_timelines,
    follow_up_plans,
    identifiers,
    letter_requests,
    measures,
    pupil_refs,
    schools,
    staff_text,
    violations,
)

__all__ = [
    "INJECTIONS",
    "ExemplaryTimeline",
    "best_interests",
    "cases",
    "complete_plans",
    "dates_in_scope",
    "events",
    "exemplary_timelines",
    "follow_up_plans",
    "identifiers",
    "letter_requests",
    "measures",
    "pupil_refs",
    "schools",
    "staff_text",
    "violations",
]
