"""The letters' input and output models (a letter request, the rendered letter)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from skolemiljo._i18n import Maalform
from skolemiljo._stamp import Stamp
from skolemiljo.case import Case
from skolemiljo.followup import FollowUpPlan
from skolemiljo.legal import (
    LegalReference,
    RegimeId,
)
from skolemiljo.models import ActivityPlan, Day, Text, _Model

LetterKind = Literal[
    "receipt",
    "pupil_notice",
    "meeting_invitation",
    "activity_plan",
    "evaluation",
    "closing",
    "follow_up",
    "owner_notice",
]
LETTER_KINDS: tuple[str, ...] = get_args(LetterKind)
"""The letter kinds, in the order a case usually needs them."""


Name = Annotated[str, StringConstraints(min_length=1, max_length=300)]


class Sender(_Model):
    """Who signs the letter (usually rektor) and how to reach them."""

    name: Name = Field(repr=False)
    role: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    phone: Annotated[str, StringConstraints(pattern=r"^\+?[0-9 ]{8,16}$")] | None = None
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+$")] | None = None


class Meeting(_Model):
    """A meeting to invite to: when, where, and what it is for."""

    on: Day
    time: Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3])[:.][0-5][0-9]$")]
    place: Name
    purpose: Literal["investigation", "feedback", "planning", "evaluation"]


class EvaluationOutcome(_Model):
    """The result of evaluating the measures."""

    on: Day
    result: Literal["resolved", "continue", "revised"]
    summary: Text | None = Field(default=None, repr=False)
    next_evaluation_on: Day | None = None


class LetterRequest(_Model):
    """Everything a letter needs. Names are personal text: they never appear in errors."""

    case: Case
    pupil_name: Name = Field(repr=False)
    recipient_names: Name | None = Field(default=None, repr=False)
    letter_date: Day
    sender: Sender
    handler: Name | None = Field(default=None, repr=False, description="Who handles the case.")
    plan: ActivityPlan | None = None
    meeting: Meeting | None = None
    evaluation: EvaluationOutcome | None = None
    follow_up: Text | None = Field(default=None, repr=False)
    follow_up_plan: FollowUpPlan | None = Field(
        default=None, description="The follow-up after the case (the follow_up letter; closing)."
    )
    owner_name: Name | None = None


class Letter(BaseModel):
    """A rendered letter: subject, body, the legal references it cites, and the period of the
    regime it was written under (``valid_from``/``valid_to``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: LetterKind
    maalform: Maalform
    format: Literal["text", "html"]
    addressed_to: Literal["parents", "pupil", "school_owner"]
    regime: RegimeId
    valid_from: date
    valid_to: date | None
    subject: str = Field(repr=False)
    body: str = Field(repr=False)
    legal_basis: tuple[LegalReference, ...]
    stamp: Stamp
