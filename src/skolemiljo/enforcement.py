"""The Statsforvaltaren's case (issue 25): what happens after a pupil or the parents take the
case to the Statsforvaltaren (opplæringslova § 12-6; before 1 August 2024 opplæringsloven
§ 9 A-6), recorded as events of the case.

Every date here comes from the Statsforvaltaren's own letters and decisions (``due``,
``measures_due``: data on the event), never from a reading of this library: the agenda and the
audit measure the school against the dates the Statsforvaltaren set (source kind
``authority``). Each event must come after the case was reported to the Statsforvaltaren
(``statsforvaltaren_reported``); otherwise the case is refused, naming the event.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from .models import Day
from .records import _Event

__all__ = [
    "AppealedToUdir",
    "StatsforvaltarenAnswered",
    "StatsforvaltarenDecided",
    "StatsforvaltarenDismissed",
    "StatsforvaltarenReported",
    "StatsforvaltarenReportedBack",
    "StatsforvaltarenRequested",
    "stage_errors",
]


class StatsforvaltarenReported(_Event):
    """The pupil or the parents took the case to the Statsforvaltaren (§ 12-6; § 9 A-6)."""

    type: Literal["statsforvaltaren_reported"] = "statsforvaltaren_reported"


class StatsforvaltarenRequested(_Event):
    """The Statsforvaltaren asked the school for documentation (or asked again); ``due``: the
    date its letter set for the answer."""

    type: Literal["statsforvaltaren_requested"] = "statsforvaltaren_requested"
    due: Day = Field(description="The answer's due date, as the Statsforvaltaren's letter set it.")

    @model_validator(mode="after")
    def _due_after(self) -> StatsforvaltarenRequested:
        if self.due < self.on:
            raise PydanticCustomError("due_before_event", "the due date is before the request")
        return self


class StatsforvaltarenAnswered(_Event):
    """The school sent its answer (and the case file) to the Statsforvaltaren."""

    type: Literal["statsforvaltaren_answered"] = "statsforvaltaren_answered"


class StatsforvaltarenDecided(_Event):
    """The Statsforvaltaren's decision (vedtak): the duty was ``met``, or ``not_met`` with the
    measures it ordered and ``measures_due``, the date by which they must be in place."""

    type: Literal["statsforvaltaren_decided"] = "statsforvaltaren_decided"
    outcome: Literal["met", "not_met"]
    measures_due: Day | None = Field(
        default=None,
        description="Required when the outcome is not_met: the date the decision set.",
    )

    @model_validator(mode="after")
    def _ordered_by_a_date(self) -> StatsforvaltarenDecided:
        if self.outcome == "not_met" and self.measures_due is None:
            raise PydanticCustomError(
                "measures_due_missing", "a decision that orders measures gives their date"
            )
        if self.outcome == "met" and self.measures_due is not None:
            raise PydanticCustomError(
                "measures_due_unexpected", "a decision that the duty was met orders nothing"
            )
        if self.measures_due is not None and self.measures_due < self.on:
            raise PydanticCustomError("due_before_event", "the due date is before the decision")
        return self


class StatsforvaltarenDismissed(_Event):
    """The Statsforvaltaren dismissed the case (avvist) without deciding it: the pupil no
    longer attends the school, the case was not first raised with the principal, a week had
    not passed, or another reason."""

    type: Literal["statsforvaltaren_dismissed"] = "statsforvaltaren_dismissed"
    reason: Literal["not_attending", "not_raised_with_principal", "week_not_passed", "other"]


class StatsforvaltarenReportedBack(_Event):
    """The school reported back to the Statsforvaltaren that the ordered measures are in
    place."""

    type: Literal["statsforvaltaren_reported_back"] = "statsforvaltaren_reported_back"


class AppealedToUdir(_Event):
    """The pupil or the parents appealed the decision to Udir (the municipality cannot)."""

    type: Literal["appealed_to_udir"] = "appealed_to_udir"


STAGE_TYPES = frozenset(
    {
        "statsforvaltaren_requested",
        "statsforvaltaren_answered",
        "statsforvaltaren_decided",
        "statsforvaltaren_dismissed",
        "statsforvaltaren_reported_back",
        "appealed_to_udir",
    }
)
"""The events of the stage that only follow the case's report to the Statsforvaltaren."""


def stage_errors(events: Sequence[_Event]) -> list[InitErrorDetails]:
    """An error at ``events.N.type`` for every event of the stage dated before the case was
    reported to the Statsforvaltaren (or with no such report), and for an appeal before a
    decision. The input is left out of each error."""
    reported = _first(events, "statsforvaltaren_reported")
    decided = _first(events, "statsforvaltaren_decided")
    errors: list[InitErrorDetails] = []
    for i, event in enumerate(events):
        kind = getattr(event, "type", "")
        if kind not in STAGE_TYPES:
            continue
        if reported is None or event.on < reported:
            error = PydanticCustomError(
                "before_statsforvaltaren",
                "an event of the Statsforvaltaren's stage before the case was reported there",
            )
        elif kind == "appealed_to_udir" and (decided is None or event.on < decided):
            error = PydanticCustomError(
                "appeal_before_decision", "an appeal before the Statsforvaltaren's decision"
            )
        else:
            continue
        errors.append(InitErrorDetails(type=error, loc=("events", i, "type"), input=None))
    return errors


def _first(events: Sequence[_Event], kind: str) -> date | None:
    return min((e.on for e in events if getattr(e, "type", "") == kind), default=None)
