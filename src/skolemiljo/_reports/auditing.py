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
unsafe_pupil_without_measures 2024-10-14
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
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from skolemiljo._base import FrozenModel as _Out
from skolemiljo._case import anchors, argument_error, check_scope, parse_as_of, parse_model
from skolemiljo._engine import Point, Step, steps
from skolemiljo._i18n import Maalform, format_day, message, parse_maalform
from skolemiljo._law import AuditOptions, SourceKind, at_least, audit_data
from skolemiljo._stamp import Stamp, current_stamp
from skolemiljo.case import Case
from skolemiljo.findings import Notice, notices
from skolemiljo.legal import LegalReference, RegimeId, in_maalform, regime_for
from skolemiljo.routine import Routine, load_routine

__all__ = ["BREACH_CODES", "AuditOptions", "AuditReport", "Breach", "Evidence", "audit"]

# AuditOptions lives with the other readings of open terms (_readings); it is imported here so
# that skolemiljo.AuditOptions and skolemiljo._reports.auditing.AuditOptions stay the same class.


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
    pupil_ref: str | None = Field(
        default=None,
        description="The pupil every breach here concerns: the case's pupil (an "
        "opaque reference). The steps for the case's other parties are in the agenda "
        "(AgendaItem.party).",
    )
    breaches: tuple[Breach, ...]
    notices: tuple[Notice, ...] = ()
    stamp: Stamp

    def to_json_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (the CLI's ``--json`` output)."""
        return self.model_dump(mode="json")


BREACH_CODES: tuple[str, ...] = tuple(audit_data().breaches)
"""The law's breach codes (public contract), in the order audit() reports them: the
``breaches`` of ``rules/audit.toml``, written there once (a code is added there, never renamed;
docs/codes.md lists them)."""


def _breach(step: Step, case: Case, m: Maalform) -> Breach:
    """The breach a missed ``step`` is, in ``m``."""
    assert step.due is not None
    evidence = [_evidence(case, step.trigger[0], "trigger")]
    if step.done is not None:
        evidence.append(_evidence(case, step.done[0], "late_fulfilment"))
    regime = regime_for(step.regime_date)
    when = format_day(step.due, m)
    if step.local:
        assert step.routine is not None
        assert step.title is not None
        title = getattr(step.title, m.value)
        text = message(m, "routine_step_missed", title=title, due=when)
        valid_from, valid_to = step.routine.routine.valid_from, step.routine.routine.valid_to
    else:
        text = message(m, step.code, due=when)
        valid_from, valid_to = regime.valid_from, regime.valid_to
    note = step.source.text(m.value, days=step.days) if step.source is not None else None
    if note:
        text = f"{text} {note}"
    return Breach(
        code=step.code,
        local=step.local,
        source_kind=step.source_kind,
        source_note=note,
        legal_basis=in_maalform(step.basis, m.value),
        routine_reference=step.routine.routine.reference if step.routine else None,
        due=step.due,
        done_on=step.done[1] if step.done else None,
        evidence=tuple(evidence),
        message=text,
        regime=regime.id,
        valid_from=valid_from,
        valid_to=valid_to,
    )


def _evidence(case: Case, index: int, role: Literal["trigger", "late_fulfilment"]) -> Evidence:
    event = case.events[index]
    return Evidence(event=index, type=event.type, on=event.on, role=role)


def breaches(
    case: Case,
    as_of: date,
    m: Maalform,
    options: AuditOptions,
    routine: Routine | None = None,
    points: dict[str, list[Point]] | None = None,
) -> tuple[Breach, ...]:
    """The missed deadlines of ``case`` by the end of ``as_of`` (one reading of its
    :func:`~skolemiljo._engine.deadlines.steps`, shared with the agenda)."""
    p = anchors(case, as_of) if points is None else points
    return tuple(
        _breach(step, case, m)
        for step in steps(case, p, options, routine)
        if at_least(step.source_kind, options.min_source) and step.missed(as_of)
    )


def parse_options(options: AuditOptions | Mapping[str, Any] | None) -> AuditOptions:
    """``options`` as :class:`AuditOptions` (a mapping is validated, naming the field)."""
    if options is None:
        return AuditOptions()
    if isinstance(options, AuditOptions):
        return options
    if isinstance(options, Mapping):
        return parse_model(AuditOptions, options, "options")
    raise argument_error("options", "AuditOptions or a mapping of its fields")


def pick_routine(routine: Routine | str | Path | None, options: AuditOptions) -> Routine | None:
    """The routine asked for, checked against the law's readings in ``options``."""
    if routine is None or isinstance(routine, Routine):
        return routine
    readings = {"snarast": options.snarast_working_days, "plan": options.plan_working_days}
    return load_routine(routine, readings=readings)


def audit(
    case: Case | Mapping[str, Any] | str | bytes,
    as_of: date | datetime | str | None = None,
    *,
    routine: Routine | str | Path | None = None,
    maalform: Maalform | str = Maalform.NB,
    options: AuditOptions | Mapping[str, Any] | None = None,
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
    opts = parse_options(options)
    chosen = pick_routine(routine, opts)
    return AuditReport(
        as_of=day,
        maalform=m,
        routine=chosen.routine.id if chosen else None,
        pupil_ref=model.pupil.ref,
        breaches=breaches(model, day, m, opts, chosen),
        notices=notices(model.events, day, m),
        stamp=current_stamp(),
    )
