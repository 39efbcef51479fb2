"""The case model: the pupil, the setting and a dated timeline of events.

A :class:`Case` is what a vendor's case system knows about one pupil's school-environment case.
Events carry dates; :func:`skolemiljo.assess` judges each duty under the act in force on the
date of the event that triggered it. Unknown facts stay unknown (``None``): the offender of a
violation or whether it was serious. The engine then answers ``undetermined``, never "no duty".

>>> case = Case.model_validate({
...     "pupil": {"ref": "elev-1"},
...     "school": {"name": "Lia skole"},
...     "events": [{"type": "pupil_said_unsafe", "on": "2024-09-10", "told": "contact_teacher"}],
... })
>>> case.events[0].type, case.setting
('pupil_said_unsafe', <Setting.SCHOOL: 'school'>)
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .enforcement import (
    AppealedToUdir,
    StatsforvaltarenAnswered,
    StatsforvaltarenDecided,
    StatsforvaltarenDismissed,
    StatsforvaltarenReported,
    StatsforvaltarenReportedBack,
    StatsforvaltarenRequested,
    stage_errors,
)
from .models import Day, Identifier, PupilRef, School, _Model
from .parties import Party, PupilParty, StaffParty, case_pupils, party_errors
from .records import (
    _INFO,
    AccusedHeard,
    CaseClosed,
    ClassInformed,
    FollowedUp,
    Intervened,
    Monitored,
    OwnerAcknowledged,
    PupilHeard,
    _Event,
    _ForPupil,
)

__all__ = [
    "AbsenceNoted",
    "AccusedHeard",
    "AppealedToUdir",
    "Case",
    "CaseClosed",
    "CaseSchool",
    "ClassInformed",
    "EvaluationDone",
    "Event",
    "FollowedUp",
    "Intervened",
    "InvestigationFinished",
    "InvestigationPlanWritten",
    "InvestigationStarted",
    "MeasuresStarted",
    "MeetingHeld",
    "Monitored",
    "Observed",
    "Offender",
    "OwnerAcknowledged",
    "Person",
    "PlanWritten",
    "PupilHeard",
    "PupilInformed",
    "PupilSaidUnsafe",
    "RaisedWithPrincipal",
    "Reported",
    "ReportedToOwner",
    "SchoolKind",
    "Setting",
    "StatsforvaltarenAnswered",
    "StatsforvaltarenDecided",
    "StatsforvaltarenDismissed",
    "StatsforvaltarenReported",
    "StatsforvaltarenReportedBack",
    "StatsforvaltarenRequested",
    "Violation",
    "ViolationKind",
]


class Setting(StrEnum):
    """Where it happened. Opplæringslova § 12-1: the school, leksehjelp and SFO.

    ``kindergarten`` is accepted as input only to be refused clearly: barnehagelova kap. VIII
    governs kindergartens, not opplæringslova.
    """

    SCHOOL = "school"
    SFO = "sfo"
    HOMEWORK_HELP = "leksehjelp"
    KINDERGARTEN = "kindergarten"


class SchoolKind(StrEnum):
    """``public``, or ``private`` (privatskolelova; chapter 12 applies through § 2-4)."""

    PUBLIC = "public"
    PRIVATE = "private"


class CaseSchool(School):
    """The school the case concerns, with its kind (public or private) and its owner."""

    kind: SchoolKind = SchoolKind.PUBLIC
    owner: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = Field(
        default=None,
        description="The school owner (skoleeigar: the municipality, the county or the "
        "private owner), by name; the control questions are rolled up per owner.",
    )


class Person(StrEnum):
    """Who reports or is told something."""

    PRINCIPAL = "principal"
    CONTACT_TEACHER = "contact_teacher"
    OTHER_STAFF = "other_staff"
    PUPIL = "pupil"
    PARENTS = "parents"
    SCHOOL_OWNER = "school_owner"
    OTHER = "other"


class ViolationKind(StrEnum):
    """Krenking: bullying, violence, discrimination, harassment, exclusion, or another kind."""

    MOBBING = "mobbing"
    VALD = "vald"
    DISKRIMINERING = "diskriminering"
    TRAKASSERING = "trakassering"
    UTESTENGING = "utestenging"
    OTHER = "other"


class Offender(StrEnum):
    """Who committed the violation. ``staff`` is anyone working at the school outside the
    leadership; ``leadership`` is the principal or someone else in the school's leadership."""

    PUPIL = "pupil"
    STAFF = "staff"
    LEADERSHIP = "leadership"
    UNKNOWN = "unknown"
    OUTSIDE_SCHOOL = "outside_school"


class Observed(_Event):
    """Staff saw or heard something that gives suspicion (mistanke) of an unsafe environment."""

    type: Literal["observed"] = "observed"
    by: Literal["staff", "leadership"] = Field(default="staff", description=_INFO)


class PupilSaidUnsafe(_Event):
    """The pupil said they do not feel safe (§ 12-4 andre ledd: "seier sjølv")."""

    type: Literal["pupil_said_unsafe"] = "pupil_said_unsafe"
    told: Person


class Violation(_Event):
    """A violation (krenking). ``serious`` and the offender may be unknown (``None``/unknown)."""

    type: Literal["violation"] = "violation"
    kind: ViolationKind = Field(
        description="Informational: no rule reads it. Every kind of violation (krenking) "
        "brings the same duties; teasing is a violation too."
    )
    offender: Offender = Offender.UNKNOWN
    serious: bool | None = None
    digital: bool = Field(
        default=False,
        description="The violation happened online. It brings the same duties as any other; "
        "the agenda counts it among the facts that point to a serious case.",
    )
    on_way_to_school: bool = Field(default=False, description="Informational: no rule reads it.")
    threats: bool = Field(
        default=False,
        description="It included threats: a fact that points to a serious case (the agenda "
        "asks the principal to assess it; a reading).",
    )
    several_offenders: bool = Field(
        default=False,
        description="More than one person took part: a fact that points to a serious case "
        "(a reading).",
    )
    long_lasting: bool = Field(
        default=False,
        description="It has gone on over a long time: a fact that points to a serious case "
        "(a reading).",
    )
    known_on: Day | None = Field(
        default=None,
        description="When someone working at the school first had suspicion or knowledge of "
        "it (får mistanke om eller kjennskap til); not before `on`. The heightened duty "
        "to report a staff member's violation runs from then. When absent, "
        "the violation's date is used, and audit() says that this is an assumption.",
    )

    @field_validator("known_on")
    @classmethod
    def _known_after_it_happened(cls, value: date | None, info: ValidationInfo) -> date | None:
        on = info.data.get("on")
        if value is not None and isinstance(on, date) and value < on:
            raise PydanticCustomError("date_order", "known_on is before the violation's date (on)")
        return value


class Reported(_Event):
    """Someone reported the matter to someone (melde frå / varsle)."""

    type: Literal["reported"] = "reported"
    by: Person = Field(description=_INFO)
    to: Person


class RaisedWithPrincipal(_Event):
    """The pupil or the parents raised the case with the principal personally (§ 12-6)."""

    type: Literal["raised_with_principal"] = "raised_with_principal"
    by: Literal["pupil", "parents"] = Field(description=_INFO)


class ReportedToOwner(_Event):
    """The school owner (municipality, county, or a private school's owner) was told."""

    type: Literal["reported_to_owner"] = "reported_to_owner"
    by: Person = Field(default=Person.PRINCIPAL, description=_INFO)


class InvestigationStarted(_Event):
    """The school started investigating (undersøkje saka)."""

    type: Literal["investigation_started"] = "investigation_started"


class InvestigationFinished(_Event):
    """The investigation ended: the pupil's environment is unsafe, safe, or still unclear."""

    type: Literal["investigation_finished"] = "investigation_finished"
    result: Literal["unsafe", "safe", "unclear"]
    party: _ForPupil = None


class MeasuresStarted(_Event):
    """Measures (tiltak) were put in place."""

    type: Literal["measures_started"] = "measures_started"
    party: _ForPupil = None


class PlanWritten(_Event):
    """The written plan (aktivitetsplan) was made. ``evaluate_on``: its evaluation date;
    ``best_interests_assessed``: whether it contains the assessment of the pupil's best
    interests (§ 10-1; required by some municipal routines)."""

    type: Literal["plan_written"] = "plan_written"
    evaluate_on: Day | None = None
    best_interests_assessed: bool | None = None
    complete: bool | None = Field(
        default=None,
        description="Whether the plan states what the act asks of it (the problem, the "
        "measures, when, who, when they are evaluated), as validate_plan found it; None: not "
        "recorded. The control questions read it when the plan itself is not given.",
    )
    party: _ForPupil = None


class PupilInformed(_Event):
    """The pupil was told that the principal has received the report (a local routine step)."""

    type: Literal["pupil_informed"] = "pupil_informed"


class MeetingHeld(_Event):
    """A meeting with the pupil and/or the parents (investigation, feedback, planning)."""

    type: Literal["meeting_held"] = "meeting_held"
    attendees: Literal["pupil", "parents", "pupil_and_parents"] = Field(description=_INFO)
    purpose: Literal["investigation", "feedback", "planning", "evaluation", "other"] = Field(
        default="other", description=_INFO
    )


class InvestigationPlanWritten(_Event):
    """A written plan for the investigation (undersøkingsplan; a local routine step)."""

    type: Literal["investigation_plan_written"] = "investigation_plan_written"


class EvaluationDone(_Event):
    """The measures were evaluated."""

    type: Literal["evaluation_done"] = "evaluation_done"


class AbsenceNoted(_Event):
    """The school noted absence by the pupil that may be linked to the case: a fact that points
    to a serious case (the agenda asks the principal to assess it; a reading). No duty or
    deadline reads it."""

    type: Literal["absence_noted"] = "absence_noted"


Event = Annotated[
    Observed
    | PupilSaidUnsafe
    | Violation
    | Reported
    | RaisedWithPrincipal
    | ReportedToOwner
    | InvestigationStarted
    | InvestigationFinished
    | MeasuresStarted
    | PlanWritten
    | EvaluationDone
    | CaseClosed
    | PupilInformed
    | MeetingHeld
    | InvestigationPlanWritten
    | AbsenceNoted
    | Intervened
    | PupilHeard
    | AccusedHeard
    | ClassInformed
    | OwnerAcknowledged
    | Monitored
    | FollowedUp
    | StatsforvaltarenReported
    | StatsforvaltarenRequested
    | StatsforvaltarenAnswered
    | StatsforvaltarenDecided
    | StatsforvaltarenDismissed
    | StatsforvaltarenReportedBack
    | AppealedToUdir,
    Field(discriminator="type"),
]


MAX_EVENTS = 1000
"""The most events one case may hold, at every entry point (``too_long`` at ``events``,
naming the limit). A real case has tens of events, a long one a few hundred; the limit keeps
one request from holding a worker for minutes (the case file's PDF grows with its events)."""


class Case(_Model):
    """One pupil's school-environment case: who, where, and what happened when.

    ``still_attends``: whether the pupil attends this school now (§ 12-6: Statsforvaltaren only
    handles the school the pupil attends); ``None`` (the default, also when the key is left
    out) when not known, so the right to go to the Statsforvaltaren is then ``undetermined``.
    """

    case_id: Identifier | None = None
    pupil: PupilRef
    birth_date: Day | None = Field(
        default=None, repr=False, description="For addressing letters (18+)."
    )
    grade: Annotated[int, Field(ge=1, le=13)] | None = Field(
        default=None,
        description="Trinn. Informational: no rule reads it (it is kept with the case only).",
    )
    school: CaseSchool
    setting: Setting = Setting.SCHOOL
    still_attends: bool | None = None
    serious: bool | None = Field(
        default=None,
        description="The principal's assessment of whether the case is serious "
        "(alvorleg tilfelle); None until assessed.",
    )
    parties: tuple[Party, ...] = Field(
        default=(),
        max_length=200,
        description="The other parties: pupils with their roles (exposed, acted, bystander) and "
        "guardians, and an accused staff member, each by reference. Empty: the case's pupil is "
        "its one party, exposed.",
    )
    events: tuple[Event, ...] = Field(
        default=(),
        max_length=MAX_EVENTS,
        description=f"What happened, in any order (at most {MAX_EVENTS}: MAX_EVENTS).",
    )

    @model_validator(mode="after")
    def _parties_known(self) -> Case:
        errors = party_errors(self.pupil.ref, self.parties, self.events)
        errors += stage_errors(self.events)
        if errors:
            raise ValidationError.from_exception_data("Case", errors)
        return self

    def pupils(self) -> tuple[PupilParty, ...]:
        """Every pupil of the case, its own pupil first (exposed unless listed otherwise)."""
        return case_pupils(self.pupil.ref, self.parties)

    def staff(self) -> tuple[StaffParty, ...]:
        """The accused staff members the case lists."""
        return tuple(p for p in self.parties if isinstance(p, StaffParty))
