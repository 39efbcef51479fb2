"""From a case's timeline to three-valued facts (not public API).

Only events dated on or before ``as_of`` count. Each fact is true (``T``), false (``F``) or
unknown (``U``), with the date it became true and the indices of the events that show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

from skolemiljo.case import (
    Case,
    Event,
    InvestigationFinished,
    MeetingHeld,
    Observed,
    Offender,
    Person,
    PlanWritten,
    PupilHeard,
    PupilSaidUnsafe,
    RaisedWithPrincipal,
    Reported,
    ReportedToOwner,
    Setting,
    StatsforvaltarenDecided,
    Violation,
)
from skolemiljo.errors import OutOfScopeError
from skolemiljo.legal import law

__all__ = [
    "ANCHORS",
    "CONCERN_EVENTS",
    "Anchor",
    "Fact",
    "Timeline",
    "Truth",
    "anchors",
    "derive_facts",
]

Truth = Literal["T", "F", "U"]


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact's truth value, the date it became true (or, if unknown, possibly true), and the
    events that show it."""

    truth: Truth
    since: date | None = None
    events: tuple[int, ...] = ()


_FALSE = Fact("F")
_SIMPLE_TYPES = frozenset(
    {
        "pupil_informed", "meeting_held", "investigation_started", "investigation_plan_written",
        "measures_started", "evaluation_done", "intervened", "accused_heard", "class_informed",
        "owner_acknowledged", "monitored", "case_closed", "statsforvaltaren_reported",
        "statsforvaltaren_requested", "statsforvaltaren_answered", "statsforvaltaren_decided",
        "statsforvaltaren_dismissed", "statsforvaltaren_reported_back", "appealed_to_udir",
    }
)  # fmt: skip
"""The event types that mark one anchor each, by the same name."""
CONCERN_EVENTS = (
    Observed,
    PupilSaidUnsafe,
    Violation,
    Reported,
    RaisedWithPrincipal,
    ReportedToOwner,
)


_CONCERN_TYPES = frozenset(
    ("observed", "pupil_said_unsafe", "violation", "reported", "raised_with_principal",
     "reported_to_owner")
)  # fmt: skip
"""The ``type`` of each of :data:`CONCERN_EVENTS`."""


def _true(indexed: list[tuple[int, date]]) -> Fact:
    return Fact("T", min(d for _, d in indexed), tuple(sorted(i for i, _ in indexed)))


def _unknown(indexed: list[tuple[int, date]]) -> Fact:
    return Fact("U", min(d for _, d in indexed), tuple(sorted(i for i, _ in indexed)))


def check_scope(case: Case, as_of: date) -> None:
    """Raise :class:`OutOfScopeError` for facts opplæringslova kap. 12 / 9 A does not govern."""
    if case.setting is Setting.KINDERGARTEN:
        raise OutOfScopeError(
            "kindergarten",
            "kindergartens fall under barnehagelova kap. VIII, not opplæringslova",
            "setting",
        )
    start = min(r.valid_from for r in law().regimes)
    if as_of < start:
        raise OutOfScopeError(
            "before_2017_08_01", "chapter 9 A applies from 1 August 2017", "as_of"
        )
    for index, event in enumerate(case.events):
        if event.on < start:
            raise OutOfScopeError(
                "before_2017_08_01",
                "events before 1 August 2017 fall under the older chapter 9a",
                f"events.{index}.on",
            )


def known(violation: Violation) -> date:
    """When someone at the school had suspicion or knowledge of ``violation``: its
    ``known_on``, or (an assumption, which the notices name) the date it happened."""
    return violation.known_on or violation.on


def derive_facts(
    case: Case, as_of: date, points: dict[str, list[tuple[int, date]]] | None = None
) -> dict[str, Fact]:
    """The facts of ``case`` as they stood at the end of ``as_of``, read from its
    :func:`anchors` (``points``, when the caller has them already): one reading of the case
    for the facts, the audit, the routines and the letters."""
    p = anchors(case, as_of) if points is None else points

    def true(name: str) -> Fact:
        return _true(p[name]) if p[name] else _FALSE

    facts: dict[str, Fact] = {}
    concern = p["concern"]
    facts["concern"] = true("concern")
    if p["concern_for_principal"]:
        facts["concern_for_principal"] = _true(p["concern_for_principal"])
    elif p[_MAYBE_FOR_PRINCIPAL]:  # beside a leadership violation: perhaps about it
        facts["concern_for_principal"] = _unknown(p[_MAYBE_FOR_PRINCIPAL])
    else:
        facts["concern_for_principal"] = _FALSE
    facts["pupil_says_unsafe"] = true("pupil_said_unsafe")
    facts["violation"] = true(_VIOLATION)
    for name, anchor in (
        ("offender_staff", "staff_violation"),
        ("offender_leadership", "leadership_violation"),
    ):
        if p[anchor]:
            facts[name] = _true(p[anchor])
        elif p[_UNKNOWN_OFFENDER]:
            facts[name] = _unknown(p[_UNKNOWN_OFFENDER])
        else:
            facts[name] = _FALSE
    if p[_SERIOUS_VIOLATION]:
        facts["serious_case"] = _true(p[_SERIOUS_VIOLATION])
    elif case.serious:
        facts["serious_case"] = Fact("T", facts["concern"].since or as_of, facts["concern"].events)
    elif not concern or case.serious is False or (p[_VIOLATION] and not p[_SERIOUSNESS_UNKNOWN]):
        facts["serious_case"] = _FALSE
    else:
        facts["serious_case"] = Fact("U", facts["concern"].since, facts["concern"].events)
    facts["raised_with_principal"] = true(_RAISED)
    facts["attends_school_now"] = (
        Fact("U") if case.still_attends is None else Fact("T" if case.still_attends else "F")
    )
    if p["found_unsafe"]:
        facts["found_unsafe"] = _true(p["found_unsafe"])
    elif not concern:
        facts["found_unsafe"] = _FALSE
    else:
        last_safe = max((d for _, d in p[_FOUND_SAFE]), default=None)
        newer = [(i, d) for i, d in concern if last_safe is None or d > last_safe]
        facts["found_unsafe"] = _unknown(newer) if newer else _FALSE
    facts["measures_started"] = true("measures_started")
    return facts


Anchor = Literal[
    "concern",
    "concern_for_principal",
    "staff_violation",
    "leadership_violation",
    "serious",
    "pupil_said_unsafe",
    "found_unsafe",
    "reported_to_principal",
    "reported_to_owner",
    "pupil_informed",
    "meeting_held",
    "investigation_started",
    "investigation_plan_written",
    "measures_started",
    "plan_written",
    "plan_with_best_interests",
    "evaluation_done",
    "intervened",
    "pupil_heard",
    "accused_heard",
    "class_informed",
    "owner_acknowledged",
    "monitored",
    "case_closed",
    "statsforvaltaren_reported",
    "statsforvaltaren_requested",
    "statsforvaltaren_answered",
    "statsforvaltaren_decided",
    "statsforvaltaren_ordered",
    "statsforvaltaren_dismissed",
    "statsforvaltaren_reported_back",
    "appealed_to_udir",
]
ANCHORS: tuple[Anchor, ...] = get_args(Anchor)
"""Dated points of a timeline that audits and local routines measure deadlines between."""


def reaches_principal(event: Event) -> bool:
    """The event brings the matter to rektor: it was raised with the principal, reported to
    the principal, or the pupil told the principal (the ``reported_to_principal`` anchor)."""
    return (
        isinstance(event, RaisedWithPrincipal)
        or (isinstance(event, Reported) and event.to is Person.PRINCIPAL)
        or (isinstance(event, PupilSaidUnsafe) and event.told is Person.PRINCIPAL)
    )


_RAISED = "raised_with_principal"
"""Not an anchor routines may name, but a point the letters need (the § 12-6 week)."""
_VIOLATION = "_violation"
_UNKNOWN_OFFENDER = "_unknown_offender"
_SERIOUS_VIOLATION = "_serious_violation"
_SERIOUSNESS_UNKNOWN = "_seriousness_unknown"
_FOUND_SAFE = "_found_safe"
_MAYBE_FOR_PRINCIPAL = "_maybe_for_principal"
_INTERNAL = (_RAISED, _VIOLATION, _UNKNOWN_OFFENDER, _SERIOUS_VIOLATION, _SERIOUSNESS_UNKNOWN,
             _FOUND_SAFE, _MAYBE_FOR_PRINCIPAL)  # fmt: skip
"""Points the facts need besides the anchors routines may name."""


class Timeline:
    """The dates and flags a letter needs from the case, read from :func:`anchors` (one reading
    of the case for facts, audits, routines and letters): when the school received the matter,
    when the concern arose, when it was raised with the principal, whether a staff member or
    the leadership is the offender (``heightened``), and whether it is serious."""

    __slots__ = ("concern", "heightened", "leadership", "principal", "raised", "serious")

    def __init__(
        self, case: Case, as_of: date, points: dict[str, list[tuple[int, date]]] | None = None
    ) -> None:
        points = anchors(case, as_of) if points is None else points

        def first(name: str) -> date | None:
            return points[name][0][1] if points[name] else None

        self.principal = first("reported_to_principal")
        self.concern = first("concern")
        self.raised = first(_RAISED)
        self.leadership = bool(points["leadership_violation"])
        self.heightened = self.leadership or bool(points["staff_violation"])
        self.serious = bool(points["serious"])


Points = dict[str, list[tuple[int, date]]]


def _mark_violation(e: Violation, point: tuple[int, date], out: Points) -> None:
    """The anchors a violation marks (``point``: when the school knew of it)."""
    out["concern"].append(point)
    if e.offender is not Offender.LEADERSHIP:
        out["concern_for_principal"].append(point)
    out[_VIOLATION].append(point)
    if e.offender is Offender.UNKNOWN:
        out[_UNKNOWN_OFFENDER].append(point)
    if e.serious:
        out[_SERIOUS_VIOLATION].append(point)
        out["serious"].append(point)
    elif e.serious is None:
        out[_SERIOUSNESS_UNKNOWN].append(point)
    if e.offender is Offender.STAFF:
        out["staff_violation"].append(point)
    if e.offender is Offender.LEADERSHIP:
        out["leadership_violation"].append(point)


def _mark_event(e: Event, point: tuple[int, date], out: Points, pupil: str) -> None:
    """The anchors any other event marks (``pupil``: the case's pupil's reference)."""
    kind = e.type  # the discriminator: one test per event instead of one per class
    if kind in _CONCERN_TYPES:
        out["concern"].append(point)
        out["concern_for_principal"].append(point)
    if isinstance(e, PupilSaidUnsafe):
        out["pupil_said_unsafe"].append(point)
        if e.told is Person.PRINCIPAL:
            out["reported_to_principal"].append(point)
    elif isinstance(e, Reported):
        if e.to is Person.PRINCIPAL:
            out["reported_to_principal"].append(point)
        elif e.to is Person.SCHOOL_OWNER:
            out["reported_to_owner"].append(point)
    elif isinstance(e, RaisedWithPrincipal):
        out["reported_to_principal"].append(point)
        out[_RAISED].append(point)
    elif isinstance(e, ReportedToOwner):
        out["reported_to_owner"].append(point)
    elif isinstance(e, InvestigationFinished):
        if e.result == "unsafe":
            out["found_unsafe"].append(point)
        elif e.result == "safe":
            out[_FOUND_SAFE].append(point)
    elif isinstance(e, PlanWritten):
        out["plan_written"].append(point)
        if e.best_interests_assessed:
            out["plan_with_best_interests"].append(point)
    elif isinstance(e, PupilHeard):
        # the case's pupil heard, or offered it and declined (§ 10-2: a right, not a duty)
        if e.party is None or e.party == pupil:
            out["pupil_heard"].append(point)
    else:
        if isinstance(e, MeetingHeld) and e.attendees != "parents":
            out["pupil_heard"].append(point)  # a meeting with the pupil: the pupil was heard
        if kind in _SIMPLE_TYPES:
            out[kind].append(point)
        if isinstance(e, StatsforvaltarenDecided) and e.outcome == "not_met":
            out["statsforvaltaren_ordered"].append(point)  # measures ordered by a date


def _settle(case: Case, out: Points) -> Points:
    """Anchors marked at a known-on date in date order; a case marked serious is so from its
    first concern; and, with a leadership offender, whether a concern goes to rektor is
    unknown."""
    for name in (
        "concern",
        "concern_for_principal",
        "serious",
        "staff_violation",
        "leadership_violation",
        *_INTERNAL,
    ):
        out[name].sort(key=lambda point: point[1])
    if case.serious and out["concern"] and not out["serious"]:
        out["serious"].append(out["concern"][0])
    if out["leadership_violation"]:
        # Where someone in the leadership is the offender, a report or observation may be about
        # that violation (reported to the owner, not to rektor) or about something else: the
        # case does not say, so whether it goes to rektor is unknown, and no routine step runs
        # from it.
        out[_MAYBE_FOR_PRINCIPAL] = out["concern_for_principal"]
        out["concern_for_principal"] = []
    return out


_OWN_STEPS = frozenset({"investigation_finished", "measures_started", "plan_written"})
"""Event types that, naming another pupil, are that pupil's steps (``rules/parties.toml``)."""


def concerns_case_pupil(case: Case, event: Event) -> bool:
    """Whether ``event`` is part of the case pupil's timeline: every event but another pupil's
    own investigation result, measures or plan (that pupil's steps and personal matters, which
    no document about the case's pupil shows)."""
    named = getattr(event, "party", None)
    return named in (None, case.pupil.ref) or event.type not in _OWN_STEPS


def anchors(case: Case, as_of: date) -> Points:
    """For each anchor, the (event index, date) of every event that marks it, in date order
    (and, under ``raised_with_principal``, the events that raised the case with rektor)."""
    out: Points = {name: [] for name in (*ANCHORS, *_INTERNAL)}
    for i, e in sorted(enumerate(case.events), key=lambda pair: pair[1].on):
        if e.on > as_of:
            continue
        if isinstance(e, Violation):
            # Every clock a violation starts runs from when someone at the school knew of it
            # (known_on), which may be later than the violation; one not yet known on as_of
            # starts none.
            knew = known(e)
            if knew <= as_of:
                _mark_violation(e, (i, knew), out)
            continue
        if not concerns_case_pupil(case, e):
            continue  # another pupil's investigation, measures or plan: that pupil's steps
        _mark_event(e, (i, e.on), out, case.pupil.ref)
    return _settle(case, out)
