"""Typed input models: the pupil, the school and the activity plan (aktivitetsplan).

All models are frozen and reject unknown keys. Free text written by staff is hidden from reprs,
and pydantic never echoes input in its error messages (``hide_input_in_errors``).

The plan's six items:

* a) ``problem``: kva problem tiltaka skal løyse (the problem the measures shall solve);
* b) ``measures[].description``: kva tiltak skolen har planlagt (the planned measures);
* c) ``measures[].starts_on`` / ``ends_on`` / ``schedule``: når tiltaka skal gjennomførast;
* d) ``measures[].carried_out_by``: kven som skal gjennomføre tiltaka (1998 act: kven som er
  ansvarleg for gjennomføringa av tiltaka);
* e) ``measures[].evaluate_on`` or the plan's ``evaluation_on``: når tiltaka skal evaluerast;
* f) ``best_interests``: vurderinga av kva som er best for eleven (§ 10-1; required by the
  default profile and many municipal routines, not a statutory plan item).

Items a–f are optional in the model so that a draft can be validated: a missing item is a
finding of :func:`skolemiljo.validate_plan`, not a parse error.

>>> plan = ActivityPlan.model_validate({
...     "pupil": {"ref": "elev-42"}, "school": {"name": "Øyer ungdomsskole"},
...     "plan_date": "2024-09-02", "problem": "Eleven blir utestengd i friminutta.",
... })
>>> plan.pupil.ref, plan.plan_date.isoformat(), plan.measures
('elev-42', '2024-09-02', None)
>>> "utestengd" in repr(plan)  # staff text never shows in reprs
False
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

__all__ = [
    "ActivityPlan",
    "Identifier",
    "Measure",
    "PupilRef",
    "PupilViews",
    "School",
]

Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$"),
    Field(description="An opaque identifier from the vendor's system (no names, no spaces)."),
]
"""An opaque reference: letters, digits and ``._:/-``; a name with spaces is refused."""

Text = Annotated[str, StringConstraints(max_length=20_000)]
"""Free text written by staff (personal; never logged, never in errors or reprs)."""

Role = Annotated[str, StringConstraints(max_length=200)]


class _Model(BaseModel):
    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        hide_input_in_errors=True,
        str_strip_whitespace=False,
        validate_default=False,
    )


class PupilRef(_Model):
    """The pupil, as an opaque reference into the vendor's own records (never a name)."""

    ref: Identifier


class School(_Model):
    """The school (skolen). ``org_number`` is the 9-digit Enhetsregisteret number."""

    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    org_number: Annotated[str, StringConstraints(pattern=r"^[0-9]{9}$")] | None = None


class PupilViews(_Model):
    """How and when the pupil was heard (§ 10-2; 1998 act § 9 A-4 femte ledd)."""

    heard_on: date
    summary: Text | None = Field(default=None, repr=False)


class Measure(_Model):
    """One planned measure (tiltak): items b, c, d and e for that measure."""

    description: Text | None = Field(default=None, repr=False, description="Item b.")
    starts_on: date | None = Field(default=None, description="Item c: when it starts.")
    ends_on: date | None = Field(default=None, description="Item c: when it ends, if known.")
    schedule: Text | None = Field(
        default=None, repr=False, description="Item c: how often, e.g. 'hvert friminutt'."
    )
    carried_out_by: tuple[Role, ...] | None = Field(
        default=None, description="Item d: roles that carry it out, e.g. 'kontaktlærer'."
    )
    evaluate_on: date | None = Field(default=None, description="Item e, for this measure.")


class ActivityPlan(_Model):
    """A written plan for the measures in a case (skriftleg plan, aktivitetsplan).

    Opplæringslova § 12-4 tredje ledd (from 1 August 2024); § 9 A-4 sjette ledd a–e for plans
    dated 1 August 2017 to 31 July 2024. ``plan_date`` selects which act applies.
    """

    plan_id: Identifier | None = None
    pupil: PupilRef
    school: School
    plan_date: date = Field(description="The date the plan was made or last revised.")
    reported_on: date | None = Field(
        default=None, description="When the matter was reported to or raised with the principal."
    )
    problem: Text | None = Field(default=None, repr=False, description="Item a.")
    measures: tuple[Measure, ...] | None = Field(default=None, description="Items b–e.")
    evaluation_on: date | None = Field(
        default=None, description="Item e for every measure without its own evaluate_on."
    )
    best_interests: Text | None = Field(default=None, repr=False, description="Item f.")
    pupil_views: PupilViews | None = None
    investigation_summary: Text | None = Field(default=None, repr=False)
