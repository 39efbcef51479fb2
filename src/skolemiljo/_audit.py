"""Audit a case's timeline against the law and, optionally, a local routine.

:func:`audit` answers the inspector's question afterwards: did the school do what the law
required, in time? Each :class:`Breach` names its code, the legal basis (or, for a local
routine step, the routine's own reference with ``local=True``), the deadline that was missed,
and the events that show it. The readings of "straks" and "snarast" are in ``rules/audit.toml``.

>>> from pathlib import Path
>>> text = Path("examples/cases/missed_deadlines.json").read_text()
>>> report = audit(text, as_of="2024-11-01")
>>> for b in report.breaches:
...     print(b.code, b.due)
report_to_principal_late 2024-10-07
investigation_not_started 2024-10-07
unsafe_pupil_without_measures 2024-10-07
evaluation_overdue 2024-10-28
>>> report.breaches[0].legal_basis[0].citation
'opplæringsloven § 12-5'
>>> exemplary = Path("examples/cases/exemplary_timeline.json").read_text()
>>> audit(exemplary, as_of="2024-12-20", routine="oyer_2024").breaches
()
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any, Literal

from ._base import FrozenModel as _Out
from ._facts import anchors, check_scope
from ._i18n import Maalform, format_day, message, parse_maalform
from ._input import argument_error, parse_as_of, parse_model
from ._provenance import Source, SourceKind, at_least
from ._readings import AuditOptions
from ._ruledata import Reading, audit_data
from ._stamp import Stamp, current_stamp
from .case import Case, PlanWritten
from .findings import Notice, notices
from .legal import (
    LegalReference,
    RegimeId,
    clears_with_rules,
    in_maalform,
    reference,
    regime_for,
)
from .routine import Routine, load_routine
from .workdays import add_working_days

__all__ = ["BREACH_CODES", "AuditOptions", "AuditReport", "Breach", "Evidence", "audit"]

# AuditOptions lives with the other readings of open terms (_readings); it is imported here so
# that skolemiljo.AuditOptions and skolemiljo._audit.AuditOptions stay the same class.


class Evidence(_Out):
    """An event that shows the breach: its index in ``case.events``, type and date."""

    event: int
    type: str
    on: date
    role: Literal["trigger", "late_fulfilment"]


class Breach(_Out):
    """A deadline the school missed. ``local`` breaches come from a routine, not the law.
    ``source_kind`` says where the missed deadline comes from (``statute``, ``guidance``,
    ``reading``: the library's reading of an open term, ``local``: a routine), and
    ``source_note`` why, in the report's målform (also at the end of ``message``)."""

    code: str
    local: bool
    source_kind: SourceKind
    source_note: str | None
    legal_basis: tuple[LegalReference, ...]
    routine_reference: str | None
    due: date
    done_on: date | None
    evidence: tuple[Evidence, ...]
    message: str
    regime: RegimeId
    valid_from: date
    valid_to: date | None


class AuditReport(_Out):
    """The result of :func:`audit`."""

    as_of: date
    maalform: Maalform
    routine: str | None
    breaches: tuple[Breach, ...]
    notices: tuple[Notice, ...] = ()
    stamp: Stamp

    def to_json_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (the CLI's ``--json`` output)."""
        return self.model_dump(mode="json")


BREACH_CODES = (
    "report_to_principal_late",
    "report_to_owner_late",
    "investigation_not_started",
    "unsafe_pupil_without_measures",
    "measures_without_plan",
    "evaluation_overdue",
    "serious_case_not_reported_to_owner",
)
"""The law's breach codes (public contract), in the order audit() reports them."""


@clears_with_rules
@cache
def _heightened(regime: str) -> tuple[tuple[LegalReference, ...], Source]:
    """The basis and source of a deadline made "straks" by a staff or leadership offender
    (``rules/audit.toml``, ``heightened``)."""
    data = audit_data().heightened
    return tuple(reference(r) for r in data.basis[regime]), data.source[regime]


class _Auditor:
    def __init__(self, case: Case, as_of: date, m: Maalform, options: AuditOptions) -> None:
        self.case, self.as_of, self.m, self.options = case, as_of, m, options
        self.points = anchors(case, as_of)
        self.heightened = sorted(
            self.points["staff_violation"] + self.points["leadership_violation"], key=lambda p: p[1]
        )
        self.breaches: list[Breach] = []

    def due(self, reading: Reading, start: date) -> date:
        if reading == "same_day":
            return start
        days = (
            self.options.plan_working_days
            if reading == "plan"
            else self.options.snarast_working_days
        )
        return add_working_days(start, days)

    def check(
        self,
        code: str,
        trigger: tuple[int, date],
        due: date,
        done_by: str,
        *,
        local: bool,
        basis: tuple[LegalReference, ...],
        regime_date: date,
        source: Source | None = None,
        days: int = 0,
        routine: Routine | None = None,
        title: str = "",
        done_may_precede: bool = False,
    ) -> None:
        kind: SourceKind = "local" if source is None else source.kind
        if not at_least(kind, self.options.min_source):
            return
        earliest = date.min if done_may_precede else trigger[1]
        done = next(((i, d) for i, d in self.points[done_by] if d >= earliest), None)
        if done is not None and done[1] <= due:
            return
        if done is None and self.as_of <= due:
            return  # the deadline has not passed yet
        evidence = [self._evidence(trigger[0], "trigger")]
        if done is not None:
            evidence.append(self._evidence(done[0], "late_fulfilment"))
        regime = regime_for(regime_date)
        when = format_day(due, self.m)
        if local:
            assert routine is not None
            text = message(self.m, "routine_step_missed", title=title, due=when)
            valid_from, valid_to = routine.routine.valid_from, routine.routine.valid_to
        else:
            text = message(self.m, code, due=when)
            valid_from, valid_to = regime.valid_from, regime.valid_to
        note = source.text(self.m.value, days=days) if source is not None else None
        if note:
            text = f"{text} {note}"
        self.breaches.append(
            Breach(
                code=code,
                local=local,
                source_kind=kind,
                source_note=note,
                legal_basis=in_maalform(basis, self.m.value),
                routine_reference=routine.routine.reference if routine else None,
                due=due,
                done_on=done[1] if done else None,
                evidence=tuple(evidence),
                message=text,
                regime=regime.id,
                valid_from=valid_from,
                valid_to=valid_to,
            )
        )

    def _evidence(self, index: int, role: Literal["trigger", "late_fulfilment"]) -> Evidence:
        event = self.case.events[index]
        return Evidence(event=index, type=event.type, on=event.on, role=role)

    def law(self) -> None:
        for code, spec in audit_data().breaches.items():
            starts = sorted((p for a in spec.after for p in self.points[a]), key=lambda p: p[1])
            if spec.deadline == "evaluate_on":
                for index, day in starts:
                    plan = self.case.events[index]
                    if isinstance(plan, PlanWritten) and plan.evaluate_on is not None:
                        regime_id = regime_for(day).id
                        basis = tuple(reference(r) for r in spec.basis[regime_id])
                        self.check(
                            code,
                            (index, day),
                            plan.evaluate_on,
                            spec.done_by,
                            local=False,
                            basis=basis,
                            regime_date=day,
                            source=spec.source[regime_id],
                        )
                continue
            trigger = starts[0] if starts else None
            due = self.due(spec.deadline, trigger[1]) if trigger else None
            heightened = False
            if spec.heightened and self.heightened:
                # § 12-5: investigation and measures "straks" from the staff/leadership violation
                first = self.heightened[0]
                if due is None or first[1] < due:
                    trigger, due, heightened = first, first[1], True
            if trigger is None or due is None:
                continue
            regime = regime_for(trigger[1])
            if heightened:
                basis, source = _heightened(regime.id)
            else:
                basis = tuple(reference(r) for r in spec.basis[regime.id])
                source = spec.source[regime.id]
            days = (
                self.options.plan_working_days
                if spec.deadline == "plan"
                else self.options.snarast_working_days
            )
            self.check(
                code,
                trigger,
                due,
                spec.done_by,
                local=False,
                basis=basis,
                regime_date=trigger[1],
                source=source,
                days=days,
                done_may_precede=spec.done_may_precede,
            )

    def local(self, routine: Routine) -> None:
        for code, step in routine.steps.items():
            starts = self.points[step.after]
            if not starts or not routine.covers(starts[0][1]):
                continue
            trigger = starts[0]
            due = step.due(trigger[1])
            if due is None:
                continue  # the routine sets no time limit for this step: never a breach
            self.check(
                code,
                trigger,
                due,
                step.done_by,
                local=True,
                basis=(),
                regime_date=trigger[1],
                routine=routine,
                title=getattr(step.title, self.m.value),
            )


def audit(
    case: Case | Mapping[str, Any] | str | bytes,
    as_of: date | datetime | str | None = None,
    *,
    routine: Routine | str | Path | None = None,
    maalform: Maalform | str = Maalform.NB,
    options: AuditOptions | Mapping[str, int] | None = None,
) -> AuditReport:
    """Breaches of the law (and of ``routine``, if given) in the timeline up to ``as_of``.

    A deadline that has not yet passed on ``as_of`` is not a breach; events dated after it are
    left out and listed in ``notices``. ``options``: an :class:`AuditOptions` or a mapping of
    its fields. ``routine`` is a
    :class:`~skolemiljo.routine.Routine`, the name of a shipped routine (``oyer_2024``) or a path.
    """
    model = parse_model(Case, case, "case")
    day = parse_as_of(as_of)
    m = parse_maalform(maalform)
    check_scope(model, day)
    if options is None:
        opts = AuditOptions()
    elif isinstance(options, AuditOptions):
        opts = options
    elif isinstance(options, Mapping):
        opts = parse_model(AuditOptions, options, "options")
    else:
        raise argument_error("options", "AuditOptions or a mapping of its fields")
    chosen = None
    if routine is not None:
        readings = {"snarast": opts.snarast_working_days, "plan": opts.plan_working_days}
        chosen = (
            routine if isinstance(routine, Routine) else load_routine(routine, readings=readings)
        )
    auditor = _Auditor(model, day, m, opts)
    auditor.law()
    if chosen is not None:
        auditor.local(chosen)
    return AuditReport(
        as_of=day,
        maalform=m,
        routine=chosen.routine.id if chosen else None,
        breaches=tuple(auditor.breaches),
        notices=notices(model.events, day, m),
        stamp=current_stamp(),
    )
