"""Which duties and rights apply to a case now: by whom, by when, on what legal basis.

:func:`assess` derives three-valued facts from the case's timeline (events dated on or before
``as_of``), evaluates the rule data (``rules/s*.toml``) on the chosen engine, and returns every
duty or right whose condition holds (``applies``) or may hold (``undetermined``, with the
missing facts named). It never answers "no duty" for lack of facts.

Each obligation is judged under the act in force on the date of the fact that triggered it:
opplæringslova 1998 kap. 9 A before 1 August 2024, opplæringslova 2023 kap. 12 from then.

>>> from pathlib import Path
>>> case = Path("examples/cases/teacher_harasses_pupil.json").read_text()
>>> report = assess(case, as_of="2024-10-01")
>>> duty = report.obligation("report_staff_violation_immediately")
>>> duty.status, duty.deadline.kind, duty.deadline.due.isoformat()
('applies', 'immediately', '2024-09-30')
>>> duty.legal_basis[0].citation, duty.legal_basis[0].verified
('opplæringsloven § 12-5', False)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import Field

from skolemiljo._base import FrozenModel as _Out
from skolemiljo._base import Remembered
from skolemiljo._case import anchors, parse_as_of, parse_model
from skolemiljo._engine import (
    Deadline,
    EngineName,
    NotApplicable,
    Obligation,
    Reason,
    Status,
    Unmet,
    duties,
    get_engine,
    obligation_json,
)
from skolemiljo._i18n import Maalform, parse_maalform
from skolemiljo._law import load_rules, parse_readings
from skolemiljo._stamp import Stamp, current_stamp
from skolemiljo.case import Case
from skolemiljo.findings import Notice, notices
from skolemiljo.legal import regime_for
from skolemiljo.routine import Routine, load_routine

from .compact import CompactAssessment, compact, expanded_basis

__all__ = [
    "Assessment",
    "Deadline",
    "NotApplicable",
    "Obligation",
    "Reason",
    "Unmet",
    "assess",
    "duty_codes",
]


class Assessment(_Out):
    """The result of :func:`assess`: obligations sorted by rule id, and the engine used.
    ``not_applicable``: every other duty and right, with the conditions that failed."""

    as_of: date
    maalform: Maalform
    engine: str
    pupil_ref: str | None = Field(
        default=None,
        description="The pupil every duty and deadline here concerns: the case's pupil (an "
        "opaque reference). The steps for the case's other parties are in the agenda "
        "(AgendaItem.party).",
    )
    obligations: tuple[Obligation, ...]
    not_applicable: tuple[NotApplicable, ...] = ()
    notices: tuple[Notice, ...] = ()
    stamp: Stamp

    def obligation(self, code: str) -> Obligation:
        """The obligation with duty code ``code`` (``KeyError`` if it does not apply)."""
        for item in self.obligations:
            if item.code == code:
                return item
        raise KeyError(code)

    def codes(self, status: Status | None = None) -> frozenset[str]:
        """The duty codes present, optionally only those with ``status``."""
        return frozenset(o.code for o in self.obligations if status in (None, o.status))

    def to_json_dict(self) -> dict[str, Any]:
        """The assessment as JSON-ready data (the CLI's ``--json`` output)."""
        return self.model_dump(mode="json")

    def to_compact(self) -> CompactAssessment:
        """The same assessment with each legal reference printed once (a ``references``
        table; its own schema, ``assessment-compact``): for vendors that store or send many."""
        return compact(self)

    @classmethod
    def from_compact(cls, report: CompactAssessment) -> Assessment:
        """The default assessment a compact one stands for."""
        refs = report.references
        return cls(
            as_of=report.as_of,
            maalform=report.maalform,
            engine=report.engine,
            pupil_ref=report.pupil_ref,
            obligations=tuple(Obligation(**f) for f in expanded_basis(report.obligations, refs)),
            not_applicable=tuple(
                NotApplicable(**f) for f in expanded_basis(report.not_applicable, refs)
            ),
            notices=report.notices,
            stamp=report.stamp,
        )

    def to_compact_json(self) -> str:
        """:meth:`to_compact` as JSON text."""
        return self.to_compact().model_dump_json()

    def model_dump_json(self, **kwargs: Any) -> str:
        """pydantic's JSON of the assessment, byte for byte; without options (``by_alias``
        aside: no field has an alias), each obligation and not-applicable duty is written
        once and reused (they are immutable and shared between cases, issue 26)."""
        if set(kwargs) - {"by_alias"}:
            return super().model_dump_json(**kwargs)
        shell = super(Assessment, self.model_copy(update=_EMPTY)).model_dump_json()
        head, _, rest = shell.partition('"obligations":[]')  # JSON escapes any quote in a
        middle, _, tail = rest.partition('"not_applicable":[]')  # value: only the keys match
        return "".join((
            head, '"obligations":[', ",".join(fragment(o) for o in self.obligations),
            "]", middle, '"not_applicable":[', ",".join(fragment(n) for n in self.not_applicable),
            "]", tail,
        ))  # fmt: skip


_EMPTY: dict[str, Any] = {"obligations": (), "not_applicable": ()}
_FRAGMENTS: Remembered[_Out, str] = Remembered(4096)


def fragment(item: _Out) -> str:
    """``item``'s JSON, written once per object while it is remembered (:class:`Remembered`):
    a new obligation's from its rule version's segments, anything else by pydantic."""
    known = _FRAGMENTS.get(item)
    if known is not None:
        return known
    text = obligation_json(item) if isinstance(item, Obligation) else None
    return _FRAGMENTS.put(item, text or item.model_dump_json())


def duty_codes() -> dict[str, str]:
    """Every duty/right code with the rule id that produces it (the public contract).

    >>> duty_codes()["report_to_principal"]
    's12_4_aktivitetsplikt/report_to_principal'
    """
    return {rule.code: rule.id for rule in load_rules()}


def _local_obligations(
    routine: Routine, case: Case, as_of: date, m: Maalform
) -> tuple[Obligation, ...]:
    """A routine's steps whose trigger has happened, as duties marked local."""
    points = anchors(case, as_of)
    out = []
    for code, step in routine.steps.items():
        if not points[step.after]:
            continue
        index, start = points[step.after][0]
        if not routine.covers(start):
            continue
        info = routine.routine
        out.append(
            Obligation(
                code=code,
                rule_id=f"{info.id}/{code}",
                kind="duty",
                status="applies",
                duty_bearer="school",
                title=getattr(step.title, m.value),
                deadline=Deadline(
                    kind="working_days"
                    if step.within_working_days is not None
                    else ("days" if step.within_days is not None else "none_stated"),
                    due=step.due(start),
                    source_kind="local",
                ),
                legal_basis=(),
                regime=regime_for(start).id,
                valid_from=info.valid_from,
                valid_to=info.valid_to,
                because=(Reason(fact=step.after, on=start, events=(index,)),),
                missing_facts=(),
                local=True,
                routine_reference=info.reference,
                source_kind="local",
            )
        )
    return tuple(out)


def assess(
    case: Case | Mapping[str, Any] | str | bytes,
    as_of: date | datetime | str | None = None,
    *,
    maalform: Maalform | str = Maalform.NB,
    engine: EngineName = "auto",
    routine: Routine | str | Path | None = None,
    readings: Iterable[str] = (),
) -> Assessment:
    """The duties and rights in force for ``case`` at the end of ``as_of`` (default: today).

    ``engine``: ``auto`` (durable-rules where importable, with the ``[durable]`` extra; else the
    reference evaluator, without a warning), ``durable`` or ``reference``; both give the same
    result, and ``Assessment.engine`` says which ran. Raises :class:`~skolemiljo.InputError`
    for malformed input and :class:`~skolemiljo.OutOfScopeError` for kindergartens and events
    before 1 August 2017.
    ``routine`` (a shipped routine's name, a path or a :class:`~skolemiljo.routine.Routine`)
    adds its steps as duties marked ``local``, after the law's.
    ``readings``: opt-in readings (``skolemiljo.OPT_IN_READINGS``); ``carried_over_9a5`` adds,
    for staff cases under the 2023 act, the 1998 act's § 9 A-5 duties (investigation and
    measures "straks", the principal tells the owner), each titled as that reading.

    ``as_of`` is a date, ``YYYY-MM-DD`` or a datetime (its date in Europe/Oslo); the default is
    today's date in Norway. Events dated after it are left out and listed in ``notices``.
    """
    model = parse_model(Case, case, "case")
    day = parse_as_of(as_of)
    m = parse_maalform(maalform)
    chosen_readings = parse_readings(readings)
    chosen = get_engine(engine, load_rules())
    obligations, not_applicable = duties(model, day, m, chosen, readings=chosen_readings)
    if routine is not None:
        chosen_routine = routine if isinstance(routine, Routine) else load_routine(routine)
        obligations += _local_obligations(chosen_routine, model, day, m)
    return Assessment(
        as_of=day,
        maalform=m,
        engine=chosen.name,
        pupil_ref=model.pupil.ref,
        obligations=obligations,
        not_applicable=not_applicable,
        notices=notices(model.events, day, m),
        stamp=current_stamp(),
    )


# The rule data is validated when this module is imported: a malformed rule file fails here,
# with the file and key named, not in the middle of a vendor's request.
load_rules()
