"""The deadlines a case's timeline is measured against (not public API).

One reading for :func:`skolemiljo.audit` (which reports the missed ones as breaches) and
:func:`skolemiljo.agenda` (which lists every one, open, done or overdue): each :class:`Step`
says what starts the clock, when it runs out, and which event (if any) stopped it. The law's
steps come from ``rules/audit.toml``, a routine's from its TOML file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache

from skolemiljo._base import Titles
from skolemiljo._law import (
    AuditOptions,
    BreachSpec,
    Reading,
    Source,
    SourceKind,
    audit_data,
    clears_with_rules,
)
from skolemiljo.case import Case
from skolemiljo.legal import LegalReference, reference, regime_for
from skolemiljo.routine import Routine
from skolemiljo.workdays import add_working_days

__all__ = ["Point", "Step", "steps"]

Point = tuple[int, date]
"""An event's index in ``case.events`` and the date it marks."""


@dataclass(frozen=True, slots=True)
class Step:
    """One deadline of one case. ``code`` is the audit's breach code (or the routine step's
    code, ``local``); ``due`` is None only for a routine step without a time limit; ``done`` is
    the first event that fulfilled it (on or after the trigger, unless ``done_may_precede``).
    ``heightened``: the deadline became "straks" because a staff member or the leadership is
    the offender."""

    code: str
    local: bool
    trigger: Point
    due: date | None
    done: Point | None
    basis: tuple[LegalReference, ...]
    source: Source | None
    days: int
    regime_date: date
    heightened: bool = False
    routine: Routine | None = None
    title: Titles | None = None

    @property
    def source_kind(self) -> SourceKind:
        """Where the deadline comes from (``local`` for a routine step)."""
        return "local" if self.source is None else self.source.kind

    def missed(self, as_of: date) -> bool:
        """Whether the deadline was missed by the end of ``as_of``: done after it, or not done
        and already past (a deadline that has not passed yet is not missed)."""
        if self.due is None:
            return False
        if self.done is not None:
            return self.done[1] > self.due
        return as_of > self.due


@clears_with_rules
@cache
def heightened_basis(regime: str) -> tuple[tuple[LegalReference, ...], Source]:
    """The basis and source of a deadline made "straks" by a staff or leadership offender
    (``rules/audit.toml``, ``heightened``)."""
    data = audit_data().heightened
    return tuple(reference(r) for r in data.basis[regime]), data.source[regime]


def _straks(regime: str, options: AuditOptions) -> bool:
    """Whether a staff or leadership offender makes investigation and measures "straks" under
    ``regime``: where the act says so (``rules/audit.toml``, ``heightened.opt_in`` names no
    reading for it), or where the opt-in reading that carries it over was chosen."""
    reading = audit_data().heightened.opt_in.get(regime)
    return reading is None or reading in options.readings


def _due(reading: Reading, start: date, options: AuditOptions) -> date:
    if reading == "same_day":
        return start
    days = options.plan_working_days if reading == "plan" else options.snarast_working_days
    return add_working_days(start, days)


def _done(points: dict[str, list[Point]], done_by: str, earliest: date) -> Point | None:
    return next(((i, d) for i, d in points[done_by] if d >= earliest), None)


def _stated_steps(
    case: Case, code: str, spec: BreachSpec, starts: list[Point], points: dict[str, list[Point]]
) -> Iterator[Step]:
    """A step per starting event whose date is on the event itself: the plan's evaluation
    date, or the date the Statsforvaltaren's letter or decision set (``due_field``)."""
    field = spec.due_field or "evaluate_on"
    for index, day in starts:
        stated = getattr(case.events[index], field, None)
        if isinstance(stated, date):
            regime_id = regime_for(day).id
            yield Step(
                code=code,
                local=False,
                trigger=(index, day),
                due=stated,
                done=_done(points, spec.done_by, day),
                basis=tuple(reference(r) for r in spec.basis[regime_id]),
                source=spec.source[regime_id],
                days=0,
                regime_date=day,
            )


def law_steps(case: Case, points: dict[str, list[Point]], options: AuditOptions) -> Iterator[Step]:
    """The law's deadlines for ``case`` (in the order of ``rules/audit.toml``)."""
    heightened = sorted(
        points["staff_violation"] + points["leadership_violation"], key=lambda p: p[1]
    )
    if heightened and not _straks(regime_for(heightened[0][1]).id, options):
        heightened = []
    for code, spec in audit_data().breaches.items():
        starts = sorted((p for a in spec.after for p in points[a]), key=lambda p: p[1])
        if spec.deadline in ("evaluate_on", "stated"):
            yield from _stated_steps(case, code, spec, starts, points)
            continue
        trigger = starts[0] if starts else None
        due = _due(spec.deadline, trigger[1], options) if trigger else None
        made_straks = False
        if spec.heightened and heightened:
            # § 12-5: investigation and measures "straks" from the staff/leadership violation
            first = heightened[0]
            if due is None or first[1] < due:
                trigger, due, made_straks = first, first[1], True
        if trigger is None or due is None:
            continue
        regime = regime_for(trigger[1])
        if made_straks:
            basis, source = heightened_basis(regime.id)
        else:
            basis = tuple(reference(r) for r in spec.basis[regime.id])
            source = spec.source[regime.id]
        earliest = date.min if spec.done_may_precede else trigger[1]
        yield Step(
            code=code,
            local=False,
            trigger=trigger,
            due=due,
            done=_done(points, spec.done_by, earliest),
            basis=basis,
            source=source,
            days=(
                options.plan_working_days
                if spec.deadline == "plan"
                else options.snarast_working_days
            ),
            regime_date=trigger[1],
            heightened=made_straks,
        )


def routine_steps(routine: Routine, points: dict[str, list[Point]]) -> Iterator[Step]:
    """A routine's steps whose trigger happened while the routine was in force."""
    for code, step in routine.steps.items():
        starts = points[step.after]
        if not starts or not routine.covers(starts[0][1]):
            continue
        trigger = starts[0]
        yield Step(
            code=code,
            local=True,
            trigger=trigger,
            due=step.due(trigger[1]),
            done=_done(points, step.done_by, trigger[1]),
            basis=(),
            source=None,
            days=0,
            regime_date=trigger[1],
            routine=routine,
            title=step.title,
        )


def steps(
    case: Case,
    points: dict[str, list[Point]],
    options: AuditOptions,
    routine: Routine | None = None,
) -> Iterator[Step]:
    """Every deadline of ``case``: the law's, then the routine's."""
    yield from law_steps(case, points, options)
    if routine is not None:
        yield from routine_steps(routine, points)
