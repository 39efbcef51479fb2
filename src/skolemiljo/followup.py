"""The follow-up after a case is closed (seeds S000, Udir «Oppfølging etter en skolemiljøsak»;
S002, Læringsmiljøsenteret «Oppfølging etter mobbing»).

No provision requires a follow-up plan; the guidance does, and the activity duty holds again as
soon as the pupil is not safe. :func:`validate_follow_up` checks a :class:`FollowUpPlan` the way
:func:`skolemiljo.validate_plan` checks an activity plan: findings in nb or nn, each with its
source (Udir's or Læringsmiljøsenteret's guidance) and basis.

>>> from pathlib import Path
>>> report = validate_follow_up(Path("examples/follow_up_plan.json").read_text())
>>> report.valid, report.findings
(True, ())
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import Field

from ._case import parse_model
from ._i18n import Maalform, parse_maalform
from ._stamp import current_stamp
from .findings import Profile, ValidationReport
from .legal import regime_for
from .models import Day, PupilRef, Role, School, Text, _Model
from .plan import _Collector

__all__ = ["FollowUpPlan", "validate_follow_up"]


class FollowUpPlan(_Model):
    """How the school follows the pupil up after the case is closed: a contact person chosen
    with the pupil's view, conversations planned over time, the pupil's absence watched,
    measures for the group or the school, information to the family about help services, and
    when (``ends_on``) or on what condition (``ends_when``) the follow-up ends."""

    pupil: PupilRef
    school: School
    case_closed_on: Day
    plan_date: Day = Field(description="When the follow-up plan was made.")
    contact_person: Role | None = Field(default=None, description="A role, e.g. kontaktlærer.")
    contact_chosen_with_pupil: bool | None = None
    conversations: tuple[Day, ...] = Field(default=(), description="Planned conversations.")
    watch_absence: bool = False
    group_measures: tuple[Text, ...] = Field(default=(), repr=False)
    family_informed_of_help: bool | None = Field(
        default=None, description="The family was told about help services (helsesykepleier, …)."
    )
    ends_on: Day | None = None
    ends_when: Text | None = Field(default=None, repr=False)


def validate_follow_up(
    plan: FollowUpPlan | Mapping[str, Any] | str | bytes,
    *,
    maalform: Maalform | str = Maalform.NB,
) -> ValidationReport:
    """Check a follow-up plan; ``valid`` is false when a finding is an error (no conversation
    planned, or dates out of order). Malformed input raises :class:`~skolemiljo.InputError`."""
    model = parse_model(FollowUpPlan, plan, "follow-up plan")
    m = parse_maalform(maalform)
    regime = regime_for(model.case_closed_on, path="case_closed_on")
    out = _Collector(regime, m, Profile.DEFAULT)
    dates = (model.plan_date, *model.conversations)
    if any(day < model.case_closed_on for day in dates) or (
        model.ends_on is not None and any(day > model.ends_on for day in model.conversations)
    ):
        out.add("follow_up_dates_out_of_order", "conversations")
    if not model.conversations:
        out.add("follow_up_conversations_missing", "conversations")
    elif len(model.conversations) == 1:
        out.add("follow_up_single_conversation", "conversations")
    if not (model.contact_person or "").strip():
        out.add("follow_up_contact_person_missing", "contact_person")
    elif not model.contact_chosen_with_pupil:
        out.add("follow_up_contact_not_chosen_with_pupil", "contact_chosen_with_pupil")
    if not model.watch_absence:
        out.add("follow_up_absence_not_watched", "watch_absence")
    if not any(text.strip() for text in model.group_measures):
        out.add("follow_up_no_group_measures", "group_measures")
    if not model.family_informed_of_help:
        out.add("follow_up_family_not_informed", "family_informed_of_help")
    if model.ends_on is None and not (model.ends_when or "").strip():
        out.add("follow_up_no_end", "ends_on")
    return ValidationReport(
        profile=Profile.DEFAULT,
        maalform=m,
        regime=regime.id,
        findings=tuple(out.findings),
        stamp=current_stamp(),
    )
