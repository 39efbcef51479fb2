"""Hypothesis strategies for skolemiljo's models, for our tests and for vendors' own.

Requires the ``testing`` extra (``pip install skolemiljo[testing]``). Every strategy names the
provision it models. Generated free text is realistic Norwegian, never placeholder text.

>>> from hypothesis import given
>>> from skolemiljo import validate_plan
>>> @given(complete_plans())
... def test_complete_plan_is_valid(plan):
...     assert validate_plan(plan).valid
>>> test_complete_plan_is_valid()
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, get_args

from hypothesis import strategies as st

from skolemiljo.case import (
    AbsenceNoted,
    Case,
    CaseClosed,
    CaseSchool,
    EvaluationDone,
    Event,
    InvestigationFinished,
    InvestigationPlanWritten,
    InvestigationStarted,
    MeasuresStarted,
    MeetingHeld,
    Observed,
    Offender,
    Person,
    PlanWritten,
    PupilInformed,
    PupilSaidUnsafe,
    RaisedWithPrincipal,
    Reported,
    ReportedToOwner,
    SchoolKind,
    Setting,
    Violation,
    ViolationKind,
)
from skolemiljo.measures import measure_catalogue
from skolemiljo.models import (
    ActivityPlan,
    Assessed,
    BestInterests,
    Consents,
    Consideration,
    Level,
    Measure,
    PupilRef,
    PupilViews,
    Purpose,
    School,
)

from .data import _ROLES, _WORDS, INJECTIONS, follow_up_plans, letter_cases

if TYPE_CHECKING:
    from skolemiljo.letters import LetterRequest

__all__ = [
    "INJECTIONS", "ExemplaryTimeline", "best_interests", "case_folders", "cases",
    "complete_plans", "dates_in_scope", "events", "exemplary_timelines", "follow_up_plans",
    "identifiers", "letter_requests", "measures", "pupil_refs", "schools", "staff_text",
    "violations",
]  # fmt: skip

SCOPE_START = date(2017, 8, 1)
"""Opplæringslova 1998 kap. 9 A (aktivitetsplikt) entered into force 1 August 2017."""
NEW_ACT = date(2024, 8, 1)
"""Opplæringslova 2023 kap. 12 entered into force 1 August 2024."""


def identifiers() -> st.SearchStrategy[str]:
    """Opaque identifiers as the models accept them (no names, no spaces)."""
    return st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,30}", fullmatch=True)


def pupil_refs() -> st.SearchStrategy[PupilRef]:
    """The pupil as an opaque reference (personopplysningar stay in the vendor's system)."""
    return st.builds(PupilRef, ref=identifiers())


def schools() -> st.SearchStrategy[School]:
    """A school (opplæringslova § 12-1: the school, SFO and leksehjelp are in scope)."""
    names = st.sampled_from(["Solbakken skole", "Øyer ungdomsskole", "Lia skule", "Ås vgs"])
    org = st.none() | st.integers(80_000_000, 99_999_999).map(_with_check_digit).filter(bool)
    return st.builds(School, name=names, org_number=org)


def _with_check_digit(first8: int) -> str:
    """An organisation number from its first 8 digits ("" where no check digit exists)."""
    from stdnum.no import orgnr

    digits = str(first8)
    for check in "0123456789":
        if orgnr.is_valid(digits + check):
            return digits + check
    return ""


def staff_text(min_words: int = 6) -> st.SearchStrategy[str]:
    """Free text written by staff: Norwegian words with æ, ø, å, never placeholder text."""
    return st.lists(st.sampled_from(_WORDS), min_size=min_words, max_size=40).map(
        lambda words: " ".join(words).capitalize() + "."
    )


def dates_in_scope(
    start: date = SCOPE_START, end: date = date(2027, 7, 31)
) -> st.SearchStrategy[date]:
    """Dates from 1 August 2017 (kap. 9 A) across the 1 August 2024 change to kap. 12."""
    return st.dates(min_value=start, max_value=end)


@st.composite
def measures(draw: st.DrawFn, plan_date: date, horizon_days: int = 42) -> Measure:
    """One complete measure (tiltak): items b–e of § 12-4 tredje ledd / § 9 A-4 sjette ledd.

    It starts on or after the plan date, ends (if at all) after it starts, and is evaluated
    within ``horizon_days`` after it starts.
    """
    starts_on = plan_date + timedelta(days=draw(st.integers(0, 14)))
    length = draw(st.none() | st.integers(0, 120))
    entry = draw(
        st.none() | st.sampled_from([e for e in measure_catalogue() if not e.out_of_class])
    )
    return Measure(
        catalogue_id=entry.id if entry else None,
        level=draw(st.none() | st.sampled_from(get_args(Level))),
        purposes=tuple(draw(st.lists(st.sampled_from(get_args(Purpose)), max_size=2, unique=True))),
        goal=draw(st.none() | staff_text()),
        interim=draw(st.booleans()),
        consent=Consents(pupil_wish=True, pupil=True, parents=True, other_parents=True),
        description=draw(staff_text()),
        starts_on=starts_on,
        ends_on=None if length is None else starts_on + timedelta(days=length),
        schedule=draw(st.none() | st.sampled_from(["hver dag", "hvert friminutt", "kvar veke"])),
        carried_out_by=tuple(draw(st.lists(st.sampled_from(_ROLES), min_size=1, max_size=3))),
        evaluate_on=starts_on + timedelta(days=draw(st.integers(0, horizon_days))),
    )


@st.composite
def complete_plans(draw: st.DrawFn) -> ActivityPlan:
    """A complete activity plan: items a–f filled in, the pupil heard, dates in order.

    Models opplæringslova § 12-4 tredje ledd (plans dated from 1 August 2024) and § 9 A-4
    sjette ledd (1 August 2017 to 31 July 2024), plus item f (§ 10-1, the default profile).
    ``validate_plan`` must find no error in any of them.
    """
    plan_date = draw(dates_in_scope())
    reported_on = plan_date - timedelta(days=draw(st.integers(0, 30)))
    if reported_on < SCOPE_START:
        reported_on = SCOPE_START
    heard_on = plan_date - timedelta(days=draw(st.integers(0, (plan_date - reported_on).days)))
    measures_ = tuple(draw(st.lists(measures(plan_date), min_size=1, max_size=6)))
    return ActivityPlan(
        plan_id=draw(st.none() | identifiers()),
        pupil=draw(pupil_refs()),
        school=draw(schools()),
        plan_date=plan_date,
        reported_on=draw(st.none() | st.just(reported_on)),
        problem=draw(staff_text()),
        measures=measures_,
        evaluation_on=None,
        best_interests=draw(staff_text() | best_interests(len(measures_))),
        pupil_views=PupilViews(heard_on=heard_on, summary=draw(st.none() | staff_text(1))),
        investigation_summary=draw(st.none() | staff_text()),
    )


@st.composite
def best_interests(draw: st.DrawFn, measures: int) -> BestInterests:
    """Item f in three steps (seed S003): the pupil's view among the considerations, a weighing
    and a conclusion naming some of the plan's ``measures`` (numbered from 1)."""
    others = draw(st.lists(st.sampled_from(get_args(Consideration)), max_size=4, unique=True))
    return BestInterests(
        considerations=tuple(Assessed(consideration=c, found=draw(staff_text()))
                             for c in dict.fromkeys(["child_view", *others])),
        weighing=draw(staff_text()), weightiest=draw(st.none() | staff_text()),
        conclusion=draw(staff_text()),
        measures=tuple(draw(st.lists(st.integers(1, measures), min_size=1, unique=True))),
    )  # fmt: skip


def violations(
    start: date = SCOPE_START, end: date = date(2027, 7, 31)
) -> st.SearchStrategy[Violation]:
    """A violation (krenking) of any kind, seriousness and offender (§ 12-3: no threshold)."""
    return st.builds(
        Violation,
        on=dates_in_scope(start, end),
        kind=st.sampled_from(ViolationKind),
        offender=st.sampled_from(Offender),
        serious=st.none() | st.booleans(),
        digital=st.booleans(),
        on_way_to_school=st.booleans(),
        threats=st.booleans(),
        several_offenders=st.booleans(),
        long_lasting=st.booleans(),
    )


def events(start: date = SCOPE_START, end: date = date(2027, 7, 31)) -> st.SearchStrategy[Event]:
    """Any timeline event (observation, report, violation, investigation, plan, closing)."""
    on = dates_in_scope(start, end)
    people = st.sampled_from(Person)
    return st.one_of(
        st.builds(Observed, on=on, by=st.sampled_from(["staff", "leadership"])),
        st.builds(PupilSaidUnsafe, on=on, told=people),
        violations(start, end),
        st.builds(Reported, on=on, by=people, to=people),
        st.builds(RaisedWithPrincipal, on=on, by=st.sampled_from(["pupil", "parents"])),
        st.builds(ReportedToOwner, on=on, by=people),
        st.builds(InvestigationStarted, on=on),
        st.builds(
            InvestigationFinished, on=on, result=st.sampled_from(["unsafe", "safe", "unclear"])
        ),
        st.builds(MeasuresStarted, on=on),
        st.builds(PlanWritten, on=on, evaluate_on=st.none() | on),
        st.builds(EvaluationDone, on=on),
        st.builds(CaseClosed, on=on),
        st.builds(AbsenceNoted, on=on),
    )


@st.composite
def cases(
    draw: st.DrawFn,
    start: date = SCOPE_START,
    end: date = date(2027, 7, 31),
    max_events: int = 8,
) -> Case:
    """A case in scope (opplæringslova § 12-1: school, SFO or leksehjelp; public or private
    school) with up to ``max_events`` events dated between ``start`` and ``end``, across the
    1 August 2024 change from kap. 9 A to kap. 12 unless the range excludes it."""
    timeline = draw(st.lists(events(start, end), max_size=max_events))
    return Case(
        case_id=draw(st.none() | identifiers()),
        pupil=draw(pupil_refs()),
        grade=draw(st.none() | st.integers(1, 13)),
        school=CaseSchool(
            name=draw(st.sampled_from(["Solbakken skole", "Lia skule"])),
            kind=draw(st.sampled_from(SchoolKind)),
        ),
        setting=draw(st.sampled_from([Setting.SCHOOL, Setting.SFO, Setting.HOMEWORK_HELP])),
        still_attends=draw(st.none() | st.booleans()),
        serious=draw(st.none() | st.booleans()),
        events=tuple(sorted(timeline, key=lambda e: e.on)),
    )


@st.composite
def case_folders(draw: st.DrawFn, max_cases: int = 8) -> list[Case]:
    """A school owner's folder of cases: 1 to ``max_cases`` cases with distinct ``case_id``s,
    spread over three schools and two owners (one school with no owner given)."""
    found = draw(st.lists(cases(start=date(2024, 1, 1), end=date(2025, 6, 1), max_events=6),
                          min_size=1, max_size=max_cases))  # fmt: skip
    place = st.sampled_from([("Lia skole", "Lia kommune"), ("Berg skole", "Lia kommune"),
                             ("Fjord skule", None)])  # fmt: skip
    folder = []
    for n, case in enumerate(found):
        name, owner = draw(place)
        school = CaseSchool(name=name, kind=case.school.kind, owner=owner)
        folder.append(case.model_copy(update={"case_id": f"SAK-{n}", "school": school}))
    return folder


@dataclass(frozen=True)
class ExemplaryTimeline:
    """A case where every step is taken in time, and where each step is in ``case.events``."""

    case: Case
    as_of: date
    steps: dict[str, int]

    def moved(self, step: str, to: date) -> Case:
        """The same case with the event of ``step`` moved to ``to``."""
        events = list(self.case.events)
        events[self.steps[step]] = events[self.steps[step]].model_copy(update={"on": to})
        return self.case.model_copy(update={"events": tuple(events)})

    def changed(self, step: str, **update: object) -> Case:
        """The same case with fields of the event of ``step`` changed."""
        events = list(self.case.events)
        events[self.steps[step]] = events[self.steps[step]].model_copy(update=update)
        return self.case.model_copy(update={"events": tuple(events)})


@st.composite
def exemplary_timelines(draw: st.DrawFn) -> ExemplaryTimeline:
    """A timeline where the school does every step in time, under the law and Øyer's routine.

    Opplæringslova § 12-4 (report, investigate and measures at once, a written plan, the
    evaluation on its date), § 12-5 when the offender is staff or leadership (the same day,
    the owner told), and Øyer kommune's steps (the pupil told and the investigation planned the
    same day, a meeting the next calendar day, best interests in the plan).
    """
    from skolemiljo.workdays import add_working_days

    start = add_working_days(draw(dates_in_scope(date(2024, 10, 2), date(2027, 6, 1))), 0)
    offender = draw(st.sampled_from([Offender.PUPIL, Offender.STAFF, Offender.LEADERSHIP]))
    serious = draw(st.booleans())
    next_day = start + timedelta(days=1)
    evaluate_on = add_working_days(start, draw(st.integers(5, 20)))
    plan: list[tuple[str, Event]] = [
        (
            "violation",
            Violation(
                on=start,
                kind=draw(st.sampled_from(ViolationKind)),
                offender=offender,
                serious=serious,
            ),
        ),
        ("pupil_said_unsafe", PupilSaidUnsafe(on=start, told=Person.CONTACT_TEACHER)),
        (
            "reported_to_principal",
            Reported(on=start, by=Person.CONTACT_TEACHER, to=Person.PRINCIPAL),
        ),
        ("reported_to_owner", ReportedToOwner(on=start)),
        ("pupil_informed", PupilInformed(on=start)),
        ("investigation_started", InvestigationStarted(on=start)),
        ("investigation_plan_written", InvestigationPlanWritten(on=start)),
        (
            "meeting_held",
            MeetingHeld(on=next_day, attendees="pupil_and_parents", purpose="investigation"),
        ),
        ("measures_started", MeasuresStarted(on=start)),
        (
            "plan_written",
            PlanWritten(on=start, evaluate_on=evaluate_on, best_interests_assessed=True),
        ),
        ("evaluation_done", EvaluationDone(on=evaluate_on)),
    ]
    case = Case(
        pupil=draw(pupil_refs()),
        school=CaseSchool(name="Øyer ungdomsskole"),
        serious=serious,
        events=tuple(event for _, event in plan),
    )
    as_of = evaluate_on + timedelta(days=draw(st.integers(1, 60)))
    return ExemplaryTimeline(case, as_of, {name: i for i, (name, _) in enumerate(plan)})


@st.composite
def letter_requests(draw: st.DrawFn, kind: str) -> LetterRequest:
    """A complete request for a letter of ``kind`` (skolemiljo.LETTER_KINDS).

    The case has a pupil who said they were unsafe and parents who raised it with rektor
    (§ 12-4 andre ledd, § 12-6); plan letters carry a complete plan (§ 12-4 tredje ledd);
    owner notices a serious case (§ 12-4 andre ledd) or a staff offender (§ 12-5). Names and
    staff text include æ, ø, å and template or HTML syntax.
    """
    from skolemiljo.letters import EvaluationOutcome, LetterRequest, Meeting, Sender
    from skolemiljo.letters.data import kind_guards

    guards = kind_guards(kind)  # what the kind needs, from rules/letters.toml, not its name
    plan = draw(complete_plans())
    text = st.one_of(staff_text(3), st.sampled_from(INJECTIONS))
    acted = "about_acted" in guards  # a letter about a pupil who acted, to that pupil's parents
    case = draw(letter_cases(plan, guards))
    start = plan.reported_on or plan.plan_date
    evaluation = EvaluationOutcome(
        on=plan.plan_date + timedelta(days=14),
        result="resolved"
        if "resolved_evaluation" in guards
        else draw(st.sampled_from(["resolved", "continue", "revised"])),
        summary=draw(st.none() | text),
        next_evaluation_on=draw(st.none() | st.just(plan.plan_date + timedelta(days=40))),
    )
    return LetterRequest(
        case=case,
        pupil_name=draw(st.sampled_from(["Åse Ødegård", "Ærle Øvrebø-Aas", "Per"]) | text),
        recipient_names=draw(st.none() | st.just("Bjørg og Kåre")),
        letter_date=plan.plan_date + timedelta(days=20),
        sender=Sender(name=draw(st.sampled_from(["Ingrid Aas", "Øyvind Lie"])), role="rektor"),
        plan=None if acted else plan,  # a plan belongs to the case's own pupil
        meeting=Meeting(
            on=start + timedelta(days=2),
            time="14:00",
            place=draw(st.sampled_from(["møterom 2", "biblioteket"])),
            purpose=draw(st.sampled_from(["investigation", "feedback", "planning", "evaluation"])),
        ),
        evaluation=evaluation,
        follow_up=draw(st.none() | text),
        follow_up_plan=draw(follow_up_plans(plan.plan_date + timedelta(days=20))),
        owner_name=draw(st.none() | st.just("Øyer kommune")),
        about="elev-acted-1" if acted else None,
    )
