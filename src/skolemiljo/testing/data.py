"""Data and small strategies for :mod:`skolemiljo.testing` (not public API; use that module)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from skolemiljo.case import (
    Case,
    CaseSchool,
    Event,
    Offender,
    Person,
    PupilSaidUnsafe,
    RaisedWithPrincipal,
    StatsforvaltarenDecided,
    StatsforvaltarenReported,
    StatsforvaltarenRequested,
    Violation,
    ViolationKind,
)
from skolemiljo.followup import FollowUpPlan
from skolemiljo.models import ActivityPlan, PupilRef, School
from skolemiljo.parties import PupilParty

__all__ = ["INJECTIONS", "follow_up_plans", "letter_cases"]

_WORDS = [
    "eleven",
    "blir",
    "holdt",
    "utenfor",
    "i",
    "friminuttene",
    "og",
    "får",
    "stygge",
    "meldinger",
    "på",
    "nettet",
    "fra",
    "medelever",
    "sier",
    "at",
    "hun",
    "ikke",
    "vil",
    "gå",
    "skolen",
    "gruer",
    "seg",
    "til",
    "gymtimene",
    "blåmerker",
    "etter",
    "bussen",
    "Åse",
    "Ørjan",
    "Æsa",
    "klassechat",
    "utestenging",
    "trakassering",
    "dytting",
]
_ROLES = (
    "kontaktlærer", "rektor", "inspektør", "sosiallærer", "helsesykepleier", "miljøterapeut",
    "inspiserende lærer", "SFO-leder", "faglærer i kroppsøving",
)  # fmt: skip


INJECTIONS = ("{{ 7*7 }}", "{% raw %}", "<script>alert(1)</script>", "Ærlig & «sant»")
"""Staff text that must come out literally in text letters and escaped in HTML."""


@st.composite
def follow_up_plans(draw: st.DrawFn, closed_on: date) -> FollowUpPlan:
    """A complete follow-up plan after a case closed on ``closed_on`` (seeds S000, S002): a
    contact person chosen with the pupil, conversations over time, absence watched, a measure
    for the group, the family told about help services, an end."""
    days = sorted(draw(st.lists(st.integers(1, 120), min_size=2, max_size=6, unique=True)))
    return FollowUpPlan(
        pupil=PupilRef(ref="elev-1"),
        school=School(name="Lia skole"),
        case_closed_on=closed_on,
        plan_date=closed_on,
        contact_person=draw(st.sampled_from(_ROLES)),
        contact_chosen_with_pupil=True,
        conversations=tuple(closed_on + timedelta(days=d) for d in days),
        watch_absence=True,
        group_measures=("Faste grupper i storefri med voksen til stede.",),
        family_informed_of_help=True,
        ends_on=closed_on + timedelta(days=days[-1] + draw(st.integers(0, 30))),
    )


@st.composite
def letter_cases(draw: st.DrawFn, plan: ActivityPlan, guards: tuple[str, ...]) -> Case:
    """The case of a letter request: the pupil said they were unsafe and the parents raised it
    with rektor; a serious violation where the kind needs one; a pupil who acted where the
    letter is about one."""
    start = plan.reported_on or plan.plan_date
    offender = draw(st.sampled_from([Offender.PUPIL, Offender.STAFF, Offender.LEADERSHIP]))
    events: list[Event] = [
        PupilSaidUnsafe(on=start, told=Person.CONTACT_TEACHER),
        RaisedWithPrincipal(on=start, by="parents"),
    ]
    if "serious_or_staff" in guards:
        events.append(
            Violation(on=start, kind=ViolationKind.MOBBING, offender=offender, serious=True)
        )
    if {"statsforvaltaren_requested", "statsforvaltaren_decided"} & set(guards):
        events += [
            StatsforvaltarenReported(on=start + timedelta(days=8)),
            StatsforvaltarenRequested(on=start + timedelta(days=9), due=start + timedelta(days=19)),
        ]
    if "statsforvaltaren_decided" in guards:
        met = draw(st.booleans())
        events.append(StatsforvaltarenDecided(
            on=start + timedelta(days=15), outcome="met" if met else "not_met",
            measures_due=None if met else start + timedelta(days=40)))  # fmt: skip
    parties = (
        (PupilParty(ref=plan.pupil.ref, roles=("exposed",)),
         PupilParty(ref="elev-acted-1", roles=("acted",)))
        if "about_acted" in guards
        else ()
    )  # fmt: skip
    return Case(
        pupil=plan.pupil,
        school=CaseSchool(name=plan.school.name),
        birth_date=draw(st.none() | st.dates(date(1995, 1, 1), date(2015, 12, 31))),
        events=tuple(events),
        parties=parties,
    )
