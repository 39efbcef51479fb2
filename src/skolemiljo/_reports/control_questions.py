"""Control questions per case (not public API; ``skolemiljo.control`` is): yes/no questions, one
per legal requirement the library models, answered from one case's own data on one date
(``rules/control.toml``). The wording is the library's (``reading``) until Udir's own list is
quoted; each answer says which breach makes it «no», or what is missing when it cannot be told.

>>> from pathlib import Path
>>> from skolemiljo import control
>>> text = Path("examples/cases/missed_deadlines.json").read_text(encoding="utf-8")
>>> report = control(text, "2024-11-01")
>>> [(a.code, a.answer, [b.code for b in a.breaches]) for a in report.answers][4]
('measures', 'no', ['unsafe_pupil_without_measures'])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from functools import cache
from typing import Any, Literal

from pydantic import ConfigDict, Field

from skolemiljo._base import FrozenModel, Titles
from skolemiljo._case import Anchor, anchors, parse_as_of, parse_model
from skolemiljo._i18n import Maalform, parse_maalform
from skolemiljo._law import SourceKind, clears_with_rules, load_data
from skolemiljo._stamp import Stamp, current_stamp
from skolemiljo.case import Case
from skolemiljo.errors import RuleDataError
from skolemiljo.legal import REGIME_IDS, LegalReference, in_maalform, reference, regime_for
from skolemiljo.models import ActivityPlan

from .agenda_items import agenda
from .agenda_models import AgendaFields, AgendaItem
from .case_file_models import SentLetter

__all__ = [
    "ControlAnswer",
    "ControlBreach",
    "ControlReport",
    "ControlRequest",
    "control",
    "control_data",
    "control_from_agenda",
]

Answer = Literal["yes", "no", "not_determinable", "not_applicable"]


class _Question(FrozenModel):
    question: Titles
    source_kind: SourceKind
    basis: dict[str, tuple[str, ...]]
    applies: tuple[str, ...] = ()
    breaches: tuple[str, ...] = ()
    done: tuple[str, ...] = ()
    evidence: tuple[Anchor, ...] = ()
    plan: bool = False
    letters: tuple[str, ...] = ()


LABELS = (
    "title", "as_of", "wording", "school", "owner", "unknown_owner", "cases", "question", "yes",
    "no", "not_determinable", "not_applicable", "breaches", "median_days_late", "open_overdue",
    "at_statsforvaltaren", "next_date", "none",
)  # fmt: skip
"""The roll-up's words in ``[labels]`` (each in nb and nn)."""


class _Label(FrozenModel):
    nb: str = Field(min_length=1, max_length=300)
    nn: str = Field(min_length=1, max_length=300)


class _ControlData(FrozenModel):
    wording: Literal["statute", "guidance", "reading"]
    questions: dict[str, _Question] = Field(min_length=1)
    labels: dict[str, _Label]


@clears_with_rules
@cache
def control_data() -> _ControlData:
    """``rules/control.toml``, validated: every basis names each regime, every reference is
    known."""
    data = load_data("control.toml", _ControlData)
    if set(data.labels) != set(LABELS):
        raise RuleDataError(f"rules/control.toml: labels: give exactly {sorted(LABELS)}")
    for code, question in data.questions.items():
        if set(question.basis) != set(REGIME_IDS):
            raise RuleDataError(f"rules/control.toml: questions.{code}.basis: name every regime")
        for refs in question.basis.values():
            for ref in refs:
                reference(ref)
    return data


class ControlRequest(FrozenModel):
    """The body of ``POST /v1/cases/control``: the case, its plans and the letters sent."""

    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    case: Case
    plans: tuple[ActivityPlan, ...] = Field(default=(), max_length=50)
    letters: tuple[SentLetter, ...] = Field(default=(), max_length=200)


class ControlBreach(FrozenModel):
    """A breach that makes an answer «no»: the audit's code, the date it was due, and where
    that deadline comes from (``reading``: the library's, not the law's words)."""

    code: str
    due: date | None
    source_kind: SourceKind


class ControlAnswer(FrozenModel):
    """One control question for one case. ``answer``: ``yes``; ``no`` (``breaches`` name what
    shows it, or ``findings`` the plan's errors); ``not_determinable`` (``missing`` says what the
    case does not show); ``not_applicable`` (the requirement does not apply to this case).
    ``wording``: whose words the question is in; ``source_kind``: the requirement's own."""

    code: str
    question: str
    answer: Answer
    breaches: tuple[ControlBreach, ...] = ()
    findings: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    legal_basis: tuple[LegalReference, ...]
    source_kind: SourceKind
    wording: Literal["statute", "guidance", "reading"]


class ControlReport(FrozenModel):
    """The control questions of one case on ``as_of``: the case's reference, its school and
    school owner (for a roll-up), and one answer per question."""

    as_of: date
    maalform: Maalform
    case_id: str | None
    pupil_ref: str
    school: str
    owner: str | None
    answers: tuple[ControlAnswer, ...]
    stamp: Stamp


def _answer(
    code: str,
    q: _Question,
    items: Mapping[str, list[AgendaItem]],
    ctx: _Context,
) -> tuple[Answer, dict[str, Any]]:
    """The answer to question ``q`` and the fields that show it."""
    if q.applies and not any(c in items or c in ctx.rights for c in q.applies):
        return "not_applicable", {}
    late = [ControlBreach(code=i.deadline.breach_code or "", due=i.deadline.due,
                          source_kind=i.deadline.source_kind)
            for c in q.breaches for i in ctx.overdue.get(c, ())]  # fmt: skip
    if late:
        return "no", {"breaches": tuple(late)}
    missing: list[str] = []
    if q.done:
        listed = [i for c in q.done for i in items.get(c, ())]
        if listed and all(i.state == "done" for i in listed):
            return "yes", {}
        missing += [c for c in q.done if c in items] or list(q.done)
    if q.evidence:
        if any(ctx.points.get(a) for a in q.evidence):
            return "yes", {}
        missing += list(q.evidence)
    if q.plan:
        return _plan_answer(ctx)
    if q.letters:
        if any(s.kind in q.letters for s in ctx.letters):
            return "yes", {}
        missing.append("letters:" + ",".join(q.letters))
    return "not_determinable", {"missing": tuple(dict.fromkeys(missing))}


def _plan_answer(ctx: _Context) -> tuple[Answer, dict[str, Any]]:
    """Whether the plans given (or, without one, the plan_written events) state items a–e."""
    from skolemiljo.plan import validate_plan

    if ctx.plans:
        reports = [validate_plan(p, profile="statutory", maalform=ctx.m) for p in ctx.plans]
        errors = tuple(dict.fromkeys(f.code for r in reports for f in r.errors))
        return ("no", {"findings": errors}) if errors else ("yes", {})
    own = (None, ctx.case.pupil.ref)
    recorded = [
        getattr(e, "complete", None)
        for e in ctx.case.events
        if e.type == "plan_written" and e.on <= ctx.as_of and getattr(e, "party", None) in own
    ]
    if recorded and all(r is True for r in recorded):
        return "yes", {}
    return "not_determinable", {"missing": ("plan",)}


class _Context:
    """One case read once for its questions."""

    def __init__(
        self,
        case: Case,
        as_of: date,
        m: Maalform,
        plan: AgendaFields,
        plans: tuple[ActivityPlan, ...],
        letters: tuple[SentLetter, ...],
    ) -> None:
        self.case, self.as_of, self.m, self.plans = case, as_of, m, plans
        self.letters = tuple(s for s in letters if s.sent_on <= as_of)
        self.points = anchors(case, as_of)
        self.overdue: dict[str, list[AgendaItem]] = {}
        for item in plan.items:
            if item.overdue and item.deadline.breach_code and item.party is None:
                self.overdue.setdefault(item.deadline.breach_code, []).append(item)
        self.rights = {"right_to_report_to_statsforvaltaren"}


def control(
    case: Case | Mapping[str, Any] | str | bytes,
    as_of: date | datetime | str | None = None,
    *,
    maalform: Maalform | str = Maalform.NB,
    plans: Iterable[ActivityPlan | Mapping[str, Any]] = (),
    letters: Iterable[SentLetter | Mapping[str, Any]] = (),
) -> ControlReport:
    """Answer every control question of ``rules/control.toml`` for ``case`` at the end of
    ``as_of``: yes, no (naming the breach, with its source kind), not determinable (naming what
    is missing) or not applicable. ``plans``: the case's activity plans (checked against items
    a–e of the act); ``letters``: the letters sent (``{"kind", "sent_on"}``). Raises
    :class:`~skolemiljo.InputError` naming the argument or field."""
    model = parse_model(Case, case, "case")
    day = parse_as_of(as_of)
    m = parse_maalform(maalform)
    given = tuple(parse_model(ActivityPlan, p, f"plans.{i}") for i, p in enumerate(plans))
    sent = tuple(parse_model(SentLetter, s, f"letters.{i}") for i, s in enumerate(letters))
    return control_from_agenda(model, day, m, agenda(model, day, maalform=m), given, sent)


def control_from_agenda(
    model: Case,
    day: date,
    m: Maalform,
    plan: AgendaFields,
    given: tuple[ActivityPlan, ...] = (),
    sent: tuple[SentLetter, ...] = (),
) -> ControlReport:
    """The control questions of ``model`` from its agenda on ``day`` (read once; the roll-up
    reads each case's agenda for its breaches too)."""
    items: dict[str, list[AgendaItem]] = {}
    for item in plan.items:
        if item.party is None and item.duty_status == "applies":
            items.setdefault(item.code, []).append(item)
    ctx = _Context(model, day, m, plan, given, sent)
    data = control_data()
    first = ctx.points["concern"][0][1] if ctx.points["concern"] else day
    regime = regime_for(first).id
    answers = []
    for code, q in data.questions.items():
        answer, shown = _answer(code, q, items, ctx)
        refs = tuple(reference(r) for r in q.basis[regime])
        answers.append(ControlAnswer(
            code=code, question=getattr(q.question, m.value), answer=answer,
            legal_basis=in_maalform(refs, m.value), source_kind=q.source_kind,
            wording=data.wording, **shown,
        ))  # fmt: skip
    return ControlReport(
        as_of=day,
        maalform=m,
        case_id=model.case_id,
        pupil_ref=model.pupil.ref,
        school=model.school.name,
        owner=getattr(model.school, "owner", None),
        answers=tuple(answers),
        stamp=current_stamp(),
    )
