"""What is due next in a case, by whom and by which date: the school's task list.

:func:`agenda` lists every duty of the case (from :func:`~skolemiljo.assess`) and every
deadline :func:`~skolemiljo.audit` checks, each as an :class:`AgendaItem`: open, done (with
the event that shows it) or continuous, its due date and where that date comes from. The dates
are the audit's own (the same :class:`~skolemiljo.AuditOptions` and working days, the same
routine), so an item is ``overdue`` exactly when ``audit`` reports its breach on that date:

>>> from pathlib import Path
>>> case = Path("examples/cases/pupil_says_unsafe.json").read_text()
>>> plan = agenda(case, as_of="2024-10-10", reminders=(1, 0))
>>> item = plan.item("put_right")
>>> item.state, item.deadline.due.isoformat(), item.deadline.source_kind, item.overdue
('open', '2024-10-14', 'reading', False)
>>> [d.isoformat() for d in item.reminders]
['2024-10-11', '2024-10-14']
>>> item.deadline.breach_code
'unsafe_pupil_without_measures'
>>> plan.item("investigate").done.type
'investigation_started'

Rights (the pupil's right to go to the Statsforvaltaren) are not tasks of the school and are
left out; ``assess`` lists them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from skolemiljo._case import anchors, argument_error, derive_facts, parse_as_of, parse_model
from skolemiljo._engine import (
    EngineName,
    Obligation,
    Point,
    Step,
    duties,
    get_engine,
    restated,
    steps,
)
from skolemiljo._i18n import Maalform, parse_maalform
from skolemiljo._law import AuditOptions, at_least, load_rules
from skolemiljo._stamp import current_stamp
from skolemiljo.case import Case
from skolemiljo.errors import RuleDataError
from skolemiljo.findings import notices
from skolemiljo.legal import Regime, in_maalform, regime_for
from skolemiljo.routine import Routine
from skolemiljo.workdays import working_days_before

from .agenda_models import AgendaDeadline, AgendaEvent, AgendaFields, AgendaItem, ItemState
from .agenda_tables import Indicator, agenda_data, indicators
from .auditing import parse_options, pick_routine
from .ics import agenda_ics
from .party_steps import party_item, steps_for_parties

__all__ = ["Agenda", "AgendaDeadline", "AgendaEvent", "AgendaItem", "agenda"]


class Agenda(AgendaFields):
    """The result of :func:`agenda`: items ordered by due date (those without one last), the
    case's reference (``case_id``, ``pupil_ref``: never a name) and the seriousness
    ``indicators`` recorded."""

    def to_ics(self) -> bytes:
        """The open items as an RFC 5545 calendar (one all-day event per open dated item, a UID
        stable for the case and code, alarms on the reminder dates)."""
        return agenda_ics(self)


_RESTATED = ("title", "legal_basis", "source_kind", "source_note", "valid_from", "valid_to")
"""The fields of a duty that follow the act it was done under."""


def _local_fields(step: Step, m: str) -> tuple[Any, dict[str, Any]]:
    """The deadline kind and fixed fields of a routine's step (``local``)."""
    assert step.routine is not None
    assert step.title is not None
    info = step.routine.routine
    rule = step.routine.steps[step.code]
    kind: Any = (
        "working_days"
        if rule.within_working_days is not None
        else ("days" if rule.within_days is not None else "none_stated")
    )
    return kind, {
        "kind": "local",
        "duty_status": "applies",
        "title": getattr(step.title, m),
        "duty_bearer": "school",
        "legal_basis": (),
        "source_kind": "local",
        "source_note": None,
        "routine_reference": info.reference,
        "valid_from": info.valid_from,
        "valid_to": info.valid_to,
    }


def _task_fields(step: Step, code: str, m: str, regime: Regime) -> tuple[Any, dict[str, Any]]:
    """The deadline kind and fixed fields of the agenda's own task ``code`` (a plan's
    evaluation; the Statsforvaltaren's dates)."""
    task = agenda_data().tasks[code]  # type: ignore[index]
    return "evaluate_on" if code == "evaluate_plan" else "stated", {
        "kind": "task",
        "duty_status": "applies",
        "title": getattr(task.title, m),
        "duty_bearer": task.duty_bearer,
        "legal_basis": in_maalform(step.basis, m),
        "source_kind": task.source.kind,
        "source_note": task.source.text(m),
        "routine_reference": None,
        "valid_from": regime.valid_from,
        "valid_to": regime.valid_to,
    }


class _Reader:
    """One case at one date, read once, turned into items."""

    def __init__(
        self,
        case: Case,
        as_of: date,
        m: Maalform,
        options: AuditOptions,
        reminders: tuple[int, ...],
    ) -> None:
        self.case, self.as_of, self.m, self.options = case, as_of, m, options
        self.reminders = reminders

    def event(self, point: Point | None) -> AgendaEvent | None:
        if point is None:
            return None
        return AgendaEvent(event=point[0], type=self.case.events[point[0]].type, on=point[1])

    def timing(
        self, due: date | None, done: Point | None, checked: bool
    ) -> tuple[bool, int | None, tuple[date, ...]]:
        """(overdue, days_late, reminders) of a deadline."""
        if due is None:
            return False, None, ()
        late = (done[1] if done else self.as_of) - due
        overdue = checked and late.days > 0
        remind = (
            () if done else tuple(sorted({working_days_before(due, n) for n in self.reminders}))
        )
        return overdue, late.days if overdue else None, remind

    def remind(self, due: date) -> tuple[date, ...]:
        return tuple(sorted({working_days_before(due, n) for n in self.reminders}))

    def from_step(
        self, step: Step, code: str, ob: Obligation | None, dated: bool = True
    ) -> AgendaItem:
        """An item for a deadline ``audit`` checks (``ob``: the duty it belongs to; not
        ``dated``: the deadline's source is weaker than the one asked for, so no date)."""
        m = self.m.value
        regime = regime_for(step.regime_date)
        due = step.due if dated else None
        overdue, late, remind = self.timing(due, step.done, checked=True)
        if step.local:
            kind, fixed = _local_fields(step, m)
        elif ob is None:  # an agenda task: the plan's evaluation date, the Statsforvaltaren's
            kind, fixed = _task_fields(step, code, m, regime)
        else:
            kind = ob.deadline.kind
            fixed = self.duty_fields(ob, step.done)
        note = step.source.text(m, days=step.days) if step.source is not None else None
        regime_id = fixed.pop("regime", regime.id)
        return AgendaItem(
            code=code,
            state="done" if step.done else "open",
            deadline=AgendaDeadline(
                kind=kind,
                due=due,
                source_kind=step.source_kind,
                source_note=note,
                breach_code=step.code if due is not None else None,
                legal_basis=in_maalform(step.basis, m),
            ),
            overdue=overdue,
            days_late=late,
            reminders=remind,
            trigger=self.event(step.trigger),
            done=self.event(step.done),
            regime=regime_id,
            **fixed,
        )

    def duty_fields(self, ob: Obligation, done: Point | None = None) -> dict[str, Any]:
        """The duty's fields; a duty ``done`` under another act than the one it arose under
        is cited under the act in force on the day it was done."""
        fields: dict[str, Any] = {
            "kind": "duty",
            "duty_status": ob.status,
            "title": ob.title,
            "duty_bearer": ob.duty_bearer,
            "legal_basis": ob.legal_basis,
            "source_kind": ob.source_kind,
            "source_note": ob.source_note,
            "routine_reference": None,
            "valid_from": ob.valid_from,
            "valid_to": ob.valid_to,
            "regime": ob.regime,
        }
        if done is not None and regime_for(done[1]).id != ob.regime:
            then = restated(ob.code, done[1], self.m, self.case)
            if then is not None:
                fields.update({k: then[k] for k in (*_RESTATED, "regime")})
        return fields

    def from_duty(self, ob: Obligation, points: dict[str, list[Point]]) -> AgendaItem:
        """An item for a duty no audited deadline tracks in this case."""
        anchor = agenda_data().done_by.get(ob.code)
        done = None
        if anchor is not None:
            start = min((r.on for r in ob.because if r.on is not None), default=date.min)
            done = next((p for p in points[anchor] if p[1] >= start), None)
        continuous = ob.deadline.kind == "continuous"
        state: ItemState = "continuous" if continuous else ("done" if done else "open")
        due = ob.deadline.due if not continuous else None
        _, _, remind = self.timing(due, done, checked=False)
        first = next((r for r in ob.because if r.events), None)
        trigger = (first.events[0], first.on) if first is not None and first.on else None
        return AgendaItem(
            code=ob.code,
            state=state,
            deadline=AgendaDeadline(
                kind=ob.deadline.kind,
                due=due,
                source_kind=ob.deadline.source_kind,
                source_note=ob.deadline.source_note,
                breach_code=None,
                legal_basis=(),
            ),
            overdue=False,
            days_late=None,
            reminders=remind,
            trigger=self.event(trigger),
            done=self.event(done),
            **self.duty_fields(ob, done),
        )

    def seriousness(
        self, found: tuple[Indicator, ...], points: dict[str, list[Point]]
    ) -> AgendaItem | None:
        """``assess_seriousness`` when indicators are recorded and the principal's assessment
        is missing (the case's seriousness is unknown)."""
        if not found or derive_facts(self.case, self.as_of, points)["serious_case"].truth != "U":
            return None
        task = agenda_data().tasks["assess_seriousness"]
        if not at_least(task.source.kind, self.options.min_source):
            return None
        first = points["concern"][0] if points["concern"] else None
        regime = regime_for(first[1] if first else self.as_of)
        m = self.m.value
        return AgendaItem(
            code="assess_seriousness",
            kind="task",
            duty_status="applies",
            title=getattr(task.title, m),
            duty_bearer=task.duty_bearer,
            state="open",
            deadline=AgendaDeadline(
                kind="none_stated",
                due=None,
                source_kind=task.source.kind,
                source_note=task.source.text(m),
                breach_code=None,
                legal_basis=(),
            ),
            overdue=False,
            days_late=None,
            reminders=(),
            trigger=self.event(first),
            done=None,
            legal_basis=(),
            source_kind=task.source.kind,
            source_note=task.source.text(m),
            routine_reference=None,
            regime=regime.id,
            valid_from=regime.valid_from,
            valid_to=regime.valid_to,
        )


def _reminders(value: Iterable[int]) -> tuple[int, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise argument_error("reminders", "working days before the due date (0 to 30)")
    out = tuple(value)
    if len(out) > 5 or any(
        isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= 30 for n in out
    ):
        raise argument_error("reminders", "at most 5 whole numbers of working days, 0 to 30")
    return tuple(sorted(set(out), reverse=True))


def _step_items(
    reader: _Reader, all_steps: Iterable[Step], by_code: dict[str, Obligation]
) -> tuple[list[AgendaItem], set[str]]:
    """An item per deadline the audit checks (a routine's, the agenda's tasks, the duties'
    deadlines as dated as ``min_source`` asks), and the duties they stand for."""
    data = agenda_data()
    items: list[AgendaItem] = []
    tracked: set[str] = set()
    for step in all_steps:
        dated = at_least(step.source_kind, reader.options.min_source)
        if step.local:
            items.append(reader.from_step(step, step.code, None, dated))
            continue
        entry = data.breaches[step.code]
        if entry.task is not None:
            items.append(reader.from_step(step, entry.task, None, dated))
            continue
        if not dated:
            continue  # this deadline is not asked for: the duty's own deadline stands
        code = entry.heightened if step.heightened and entry.heightened else entry.duty
        assert code is not None
        ob = by_code.get(code)
        if ob is None:  # the rule data disagree; the property tests keep this from happening
            raise RuleDataError(f"rules/agenda.toml: breaches.{step.code}: the duty does not apply")
        items.append(reader.from_step(step, code, ob))
        tracked.add(code)
    return items, tracked


def agenda(
    case: Case | Mapping[str, Any] | str | bytes,
    as_of: date | datetime | str | None = None,
    *,
    routine: Routine | str | Path | None = None,
    options: AuditOptions | Mapping[str, Any] | None = None,
    maalform: Maalform | str = Maalform.NB,
    reminders: Iterable[int] = (),
    engine: EngineName = "auto",
) -> Agenda:
    """Every step of ``case`` at the end of ``as_of``: what is open, done and overdue.

    ``routine`` and ``options`` are those of :func:`~skolemiljo.audit` (a deadline weaker
    than ``options.min_source`` is not dated). ``reminders``: working days before each due
    date to remind on (``(1, 0)``: the working day before, and the due date itself).
    Raises :class:`~skolemiljo.InputError` naming the argument or field.
    """
    model = parse_model(Case, case, "case")
    day = parse_as_of(as_of)
    m = parse_maalform(maalform)
    opts = parse_options(options)
    remind = _reminders(reminders)
    chosen = pick_routine(routine, opts)
    points = anchors(model, day)
    obligations, _ = duties(
        model,
        day,
        m,
        get_engine(engine, load_rules()),
        points=points,
        readings=frozenset(opts.readings),
    )
    by_code = {o.code: o for o in obligations if o.kind == "duty"}
    reader = _Reader(model, day, m, opts, remind)
    items, tracked = _step_items(reader, steps(model, points, opts, chosen), by_code)
    items += [reader.from_duty(ob, points) for ob in by_code.values() if ob.code not in tracked]
    routine_id = chosen.routine.id if chosen else None
    items += [
        party_item(*step, chosen, m, reader.event)
        for step in steps_for_parties(model, points, routine_id, day)
    ]
    found = indicators(model, day)
    serious = reader.seriousness(found, points)
    if serious is not None:
        items.append(serious)
    items.sort(key=lambda i: (i.deadline.due is None, i.deadline.due or day, i.code))
    return Agenda(
        as_of=day,
        maalform=m,
        case_id=model.case_id,
        pupil_ref=model.pupil.ref,
        routine=chosen.routine.id if chosen else None,
        items=tuple(items),
        indicators=found,
        notices=notices(model.events, day, m),
        stamp=current_stamp(),
    )
