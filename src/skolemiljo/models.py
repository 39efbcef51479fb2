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

from collections.abc import Iterator
from datetime import date
from enum import Enum
from functools import cache
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

__all__ = [
    "EARLIEST_DATE",
    "LATEST_DATE",
    "ActivityPlan",
    "Assessed",
    "BestInterests",
    "ConsentKind",
    "Consents",
    "Consideration",
    "Day",
    "Identifier",
    "Level",
    "Measure",
    "MeasureEvaluation",
    "PrivateRepr",
    "PupilRef",
    "PupilViews",
    "Purpose",
    "School",
]

EARLIEST_DATE = date(1900, 1, 1)
"""The earliest date any input may carry (a birth date); events before 1 August 2017 are
accepted as input only to be refused as out of scope (``before_2017_08_01``)."""
LATEST_DATE = date(2100, 12, 31)
"""The latest date any input may carry. Nothing computed from an input date (a week, working
days, a deadline) can then run past the end of the calendar."""


DATE_RANGE_MESSAGE = "the date must be from 1900-01-01 to 2100-12-31"
"""The message of ``date_out_of_range``, wherever a date is checked."""


def _in_range(day: date) -> date:
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise PydanticCustomError("date_out_of_range", DATE_RANGE_MESSAGE)
    return day


Day = Annotated[
    date,
    AfterValidator(_in_range),
    Field(json_schema_extra={"formatMinimum": "1900-01-01", "formatMaximum": "2100-12-31"}),
]
"""A calendar date from :data:`EARLIEST_DATE` to :data:`LATEST_DATE` (``date_out_of_range``
otherwise): every date field of every input model."""

Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$"),
    Field(description="An opaque identifier from the vendor's system (no names, no spaces)."),
]
"""An opaque reference: letters, digits and ``._:/-``; a name with spaces is refused."""


def _orgnr(number: str) -> str:
    from stdnum.no import orgnr

    # The pattern has already made it 9 digits: stdnum's MOD11 check alone (its is_valid
    # would clean and measure the number again, a tenth of a letter's parse; issue 26).
    if orgnr.checksum(number) != 0:
        raise PydanticCustomError(
            "org_number_invalid", "not an organisation number (9 digits, MOD11 check digit)"
        )
    return number


OrgNumber = Annotated[str, StringConstraints(pattern=r"^[0-9]{9}$"), AfterValidator(_orgnr)]
"""An organisation number in Enhetsregisteret: 9 digits whose last is the MOD11 check digit
(``org_number_invalid`` otherwise), checked with python-stdnum's ``stdnum.no.orgnr``."""

Text = Annotated[str, StringConstraints(max_length=20_000)]
"""Free text written by staff (personal; never logged, never in errors or reprs)."""

Role = Annotated[str, StringConstraints(max_length=200)]


@cache
def _shown_fields(cls: type[BaseModel]) -> dict[str, bool]:
    """The fields whose values a repr may show, each with whether it is a closed vocabulary
    (``Literal``, an enum: always shown). Numbers, booleans, dates and nested models are shown
    too, tuples where they hold no plain string; every other field (free text, names,
    identifiers) is hidden."""
    shown: dict[str, bool] = {}
    for name, field in cls.model_fields.items():
        if not field.repr:
            continue
        annotation = field.annotation
        union = get_origin(annotation) in (Union, UnionType)
        kinds = [
            get_args(a)[0] if get_origin(a) is Annotated else a
            for a in (get_args(annotation) if union else (annotation,))
            if a is not type(None)
        ]
        closed = all(
            get_origin(a) is Literal or (isinstance(a, type) and issubclass(a, Enum)) for a in kinds
        )
        plain = all(
            get_origin(a) is tuple
            or (isinstance(a, type) and issubclass(a, bool | int | date | BaseModel))
            for a in kinds
        )
        if closed or plain:
            shown[name] = closed
    return shown


class PrivateRepr(BaseModel):
    """A repr that shows no free text: a value given by the caller can reach a log only
    through a repr, so string fields (names, descriptions, identifiers) are shown as ``'…'``;
    closed vocabularies, numbers, booleans and dates are shown."""

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        shown = _shown_fields(type(self))
        for name, field in type(self).model_fields.items():
            if not field.repr:
                continue
            value = getattr(self, name)
            closed = shown.get(name)
            if value is None or closed or (closed is False and not _has_text(value)):
                yield name, value
            else:
                yield name, _Hidden()


class _Model(PrivateRepr):
    """Frozen, refusing unknown keys, never echoing input in errors or reprs."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        hide_input_in_errors=True,
        str_strip_whitespace=False,
        validate_default=False,
    )


class _Hidden:
    """Stands in a repr for a value that may be personal text."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "'…'"


def _has_text(value: object) -> bool:
    """Whether a value shown in a repr could carry caller text (a plain string inside a tuple;
    nested models hide their own text)."""
    if isinstance(value, str):
        return not isinstance(value, Enum)
    if isinstance(value, tuple):
        return any(_has_text(v) for v in value)
    return False


class PupilRef(_Model):
    """The pupil, as an opaque reference into the vendor's own records (never a name)."""

    ref: Identifier


class School(_Model):
    """The school (skolen). ``org_number`` is the 9-digit Enhetsregisteret number, check digit
    validated."""

    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    org_number: OrgNumber | None = Field(
        default=None,
        description="The 9-digit number in Enhetsregisteret, with a valid MOD11 check digit "
        "(python-stdnum, stdnum.no.orgnr). Informational: no rule reads it.",
    )


class PupilViews(_Model):
    """How and when the pupil was heard (§ 10-2; 1998 act § 9 A-4 femte ledd), or that the
    pupil declined to speak: a right, not a duty (seed S003), which is valid when the plan says
    how the pupil's view was otherwise sought."""

    heard_on: Day | None = Field(default=None, description="When the pupil was heard.")
    heard_by: Role | None = Field(default=None, description="Who heard the pupil (a role).")
    declined: bool = Field(default=False, description="The pupil declined to speak.")
    otherwise_sought: Text | None = Field(
        default=None,
        repr=False,
        description="When the pupil declined: how the pupil's view was otherwise sought.",
    )
    weight: Text | None = Field(
        default=None, repr=False, description="The weight given, by age and maturity."
    )
    others_heard: bool | None = Field(
        default=None, description="The other pupils involved were heard too."
    )
    summary: Text | None = Field(default=None, repr=False)


Consideration = Literal[
    "child_view",
    "identity",
    "family",
    "protection_care_safety",
    "vulnerability",
    "life_and_development",
    "health",
    "education",
    "age_and_maturity",
    "parents_view",
    "school_investigations",
    "need_for_protection",
]
"""The considerations (momenter) of a best-interests assessment (seed S003, with the
Statsforvaltaren's it quotes); labels in ``rules/plan.toml``."""

Level = Literal["individual", "group", "school"]
"""The level a measure works at: the pupil (individ), a group (gruppe) or the school (skole)."""

Purpose = Literal["safety_and_trust", "protection", "inclusion", "oversight", "relations"]
"""What a measure is for (seed S001): create safety and trust; protect against new violations;
inclusion and belonging; oversight and insight into the pupil's experience; better relations."""

ConsentKind = Literal["pupil_wish", "pupil", "parents", "other_parents"]
"""Whose wish or consent a measure needs: the pupil's own wish, the pupil's and the parents'
consent, the consent of the other pupils' parents (a separate pupil group, seed S001)."""


class Assessed(_Model):
    """One consideration of a best-interests assessment, and what was found (vurdere)."""

    consideration: Consideration
    found: Text | None = Field(default=None, repr=False, description="What was found.")


class BestInterests(_Model):
    """Item f as a structured assessment in three steps (seed S003): ``considerations`` (vurdere),
    ``weighing`` and ``weightiest`` (vekte: how they were weighed against each other and other
    considerations, and which weighed most where they conflict), ``conclusion`` and ``measures``
    (vise: what is best for the pupil, and the numbers of the measures that follow from it)."""

    considerations: tuple[Assessed, ...] = ()
    weighing: Text | None = Field(default=None, repr=False)
    weightiest: Text | None = Field(default=None, repr=False)
    conclusion: Text | None = Field(default=None, repr=False)
    measures: tuple[Annotated[int, Field(ge=1, le=200)], ...] = Field(
        default=(), description="The measures (numbered from 1) the conclusion leads to."
    )


class Consents(_Model):
    """The wishes and consents recorded for a measure (each true when given)."""

    pupil_wish: bool = False
    pupil: bool = False
    parents: bool = False
    other_parents: bool = False
    other_parents_of: tuple[Identifier, ...] = Field(
        default=(),
        max_length=50,
        description="The pupils (references in the case's parties) whose parents consented; "
        "with `parties`, each member's parents must have.",
    )


class MeasureEvaluation(_Model):
    """How a measure went when it was evaluated (item e), recorded in the plan's next revision:
    whether its goal was reached, and whether it continues, changes or stops."""

    on: Day
    goal: Literal["reached", "partly", "not_reached"]
    decision: Literal["continue", "change", "stop"]
    note: Text | None = Field(default=None, repr=False)


class Measure(_Model):
    """One planned measure (tiltak): items b, c, d and e for that measure, and what the seed
    documents describe (S001): its level, purposes, goal, whether it was put in place while the
    investigation ran (``interim``), whose consent it needs, and whether it takes the pupil
    out of the class group."""

    description: Text | None = Field(default=None, repr=False, description="Item b.")
    starts_on: Day | None = Field(default=None, description="Item c: when it starts.")
    ends_on: Day | None = Field(default=None, description="Item c: when it ends, if known.")
    schedule: Text | None = Field(
        default=None, repr=False, description="Item c: how often, e.g. 'hvert friminutt'."
    )
    carried_out_by: tuple[Role, ...] | None = Field(
        default=None, description="Item d: roles that carry it out, e.g. 'kontaktlærer'."
    )
    evaluate_on: Day | None = Field(default=None, description="Item e, for this measure.")
    measure_id: Identifier | None = Field(
        default=None, description="The vendor's id, the same in every revision of the plan."
    )
    evaluation: MeasureEvaluation | None = Field(
        default=None, description="In a revision: how the measure went in the version before."
    )
    catalogue_id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,63}$")] | None = (
        Field(default=None, description="The catalogue entry it is (measure_catalogue()).")
    )
    level: Level | None = None
    purposes: tuple[Purpose, ...] = ()
    goal: Text | None = Field(
        default=None, repr=False, description="What it shall achieve (evaluated against)."
    )
    interim: bool = Field(default=False, description="Put in place while investigating.")
    needs_consent: tuple[ConsentKind, ...] = Field(
        default=(),
        description="Whose wish or consent it needs (a catalogue entry adds its own).",
    )
    consent: Consents | None = None
    parties: tuple[Identifier, ...] = Field(
        default=(),
        max_length=50,
        description="Other parties the measure concerns, by reference in the case's parties: "
        "the pupil it protects, the pupils of a pupil group (never names).",
    )
    out_of_class: bool | None = Field(
        default=None, description="It takes the pupil out of the class group."
    )


class ActivityPlan(_Model):
    """A written plan for the measures in a case (skriftleg plan, aktivitetsplan).

    Opplæringslova § 12-4 tredje ledd (from 1 August 2024); § 9 A-4 sjette ledd a–e for plans
    dated 1 August 2017 to 31 July 2024. ``plan_date`` selects which act applies.
    """

    plan_id: Identifier | None = Field(
        default=None, description="Informational: the vendor's own id of the plan."
    )
    pupil: PupilRef
    school: School
    plan_date: Day = Field(description="The date the plan was made or last revised.")
    reported_on: Day | None = Field(
        default=None, description="When the matter was reported to or raised with the principal."
    )
    problem: Text | None = Field(default=None, repr=False, description="Item a.")
    measures: tuple[Measure, ...] | None = Field(default=None, description="Items b–e.")
    evaluation_on: Day | None = Field(
        default=None, description="Item e for every measure without its own evaluate_on."
    )
    best_interests: BestInterests | Text | None = Field(
        default=None,
        repr=False,
        description="Item f: a structured assessment (BestInterests), or free text (kept, "
        "but it cannot be checked).",
    )
    pupil_views: PupilViews | None = None
    investigation_summary: Text | None = Field(
        default=None, repr=False, description="Informational: no check reads it."
    )
    revision_of: Identifier | None = Field(
        default=None,
        description="The plan_id of the version this one revises (validate_plan(previous=)).",
    )
    problem_level: Level | None = Field(
        default=None,
        description="Where the investigation found the problem: with the pupil, in a group, "
        "or at the school.",
    )
    staff_offender_role: Role | None = Field(
        default=None,
        description="When someone working at the school is the offender: their role, so that "
        "no measure is carried out by them without a second thought.",
    )
