"""The control questions rolled up per school and per school owner (not public API;
``skolemiljo.roll_up`` is): from many cases, per question how many answer yes, no, not
determinable and not applicable; per breach code how many and the median days late; the cases
with overdue items; the cases at the Statsforvaltaren and their next date. No personal data:
case references only where the caller asks for them (``with_refs``).

>>> from skolemiljo import roll_up
>>> from skolemiljo._examples import examples_folder
>>> folder = examples_folder() / "inspection"
>>> report = roll_up(sorted(p.read_text() for p in folder.glob("*.json")), "2025-03-01")
>>> report.cases == sum(g.cases for g in report.schools) == sum(g.cases for g in report.owners)
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from statistics import median
from typing import Any, Literal

from pydantic import ConfigDict, Field

from skolemiljo._base import FrozenModel
from skolemiljo._case import parse_as_of, parse_model
from skolemiljo._i18n import Maalform, parse_maalform
from skolemiljo._stamp import current_stamp
from skolemiljo.case import Case
from skolemiljo.errors import FieldError, InputError

from .agenda_items import agenda
from .control_questions import ControlReport, control_data, control_from_agenda
from .rollup_models import BreachCount, QuestionCount, RollUpFields, RollUpGroup

__all__ = [
    "MAX_CASES",
    "BreachCount",
    "QuestionCount",
    "RollUp",
    "RollUpGroup",
    "RollUpRequest",
    "roll_up",
]

MAX_CASES = 100_000
"""The most cases one roll-up takes (a typed error names the limit beyond it)."""


class RollUp(RollUpFields):
    """The roll-up of ``cases`` cases on ``as_of``: one group per school and per owner, with its
    text, CSV, HTML and chart."""

    def to_csv(self) -> str:
        """Counts per group and question, then per group and breach (English column names)."""
        from .rollup_text import rollup_csv

        return rollup_csv(self)

    def to_text(self) -> str:
        """A readable table per school and owner, in the report's målform."""
        from .rollup_text import rollup_text

        return rollup_text(self)

    def to_html(self) -> str:
        """The readable tables as an HTML page."""
        from .rollup_text import rollup_html

        return rollup_html(self)

    def to_svg(self) -> str:
        """A chart: bars per question per school, split by answer."""
        from .rollup_text import rollup_svg

        return rollup_svg(self)


class RollUpRequest(FrozenModel):
    """The body of ``POST /v1/inspect``: the cases (at most 10 000 in one request) and whether
    to list each group's case ids."""

    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    cases: tuple[Case, ...] = Field(min_length=1, max_length=10_000)
    with_refs: bool = False


class _Case:
    """What one case adds to its groups."""

    def __init__(
        self,
        ref: str,
        report: ControlReport,
        late: dict[str, int],
        overdue: bool,
        stage: date | None,
        at: bool,
    ) -> None:
        self.ref, self.report, self.late, self.overdue = ref, report, late, overdue
        self.stage, self.at = stage, at


def _read(case: Case, day: date, m: Maalform) -> _Case:
    plan = agenda(case, day, maalform=m)
    report = control_from_agenda(case, day, m, plan)
    late: dict[str, int] = {}
    for item in plan.items:
        code = item.deadline.breach_code
        if item.overdue and code and item.party is None:
            late[code] = max(late.get(code, 0), item.days_late or 0)
    stage_items = [i for i in plan.items if i.deadline.kind == "stated" and i.state == "open"]
    due = min((i.deadline.due for i in stage_items if i.deadline.due), default=None)
    at = any(e.type == "statsforvaltaren_reported" and e.on <= day for e in case.events)
    overdue = any(i.overdue and i.state == "open" for i in plan.items)
    return _Case(case.case_id or case.pupil.ref, report, late, overdue, due, at)


def _group(
    level: Literal["school", "owner"], name: str | None, members: list[_Case], with_refs: bool
) -> RollUpGroup:
    questions = []
    for i, code in enumerate(control_data().questions):
        counts = {"yes": 0, "no": 0, "not_determinable": 0, "not_applicable": 0}
        for member in members:
            counts[member.report.answers[i].answer] += 1
        text = members[0].report.answers[i].question if members else code
        questions.append(QuestionCount(code=code, question=text, **counts))
    codes = sorted({c for m in members for c in m.late})
    breaches = tuple(
        BreachCount(
            code=c,
            cases=sum(c in m.late for m in members),
            median_days_late=float(median(m.late[c] for m in members if c in m.late)),
        )
        for c in codes
    )
    dates = [m.stage for m in members if m.stage is not None]
    return RollUpGroup(
        level=level,
        name=name,
        cases=len(members),
        questions=tuple(questions),
        breaches=breaches,
        open_overdue=sum(m.overdue for m in members),
        at_statsforvaltaren=sum(m.at for m in members),
        next_statsforvaltaren_date=min(dates, default=None),
        case_refs=tuple(m.ref for m in members) if with_refs else (),
    )


def _read_all(
    cases: Iterable[Case | Mapping[str, Any] | str | bytes], day: date, m: Maalform
) -> list[tuple[Case, _Case]]:
    """Each case read once (at most MAX_CASES); an invalid one, or a case id given twice,
    is an InputError naming ``cases.N``."""
    read: list[tuple[Case, _Case]] = []
    seen: dict[str, int] = {}
    for n, given in enumerate(cases):
        if n >= MAX_CASES:
            raise InputError(
                "cases",
                [
                    FieldError(
                        "cases", "too_many_cases", f"at most {MAX_CASES} cases in one roll-up"
                    )
                ],
            )
        try:
            model = parse_model(Case, given, "case")
            one = _read(model, day, m)
        except InputError as error:
            raise InputError(
                "cases",
                [
                    FieldError(".".join(p for p in (f"cases.{n}", f.path) if p), f.code, f.message)
                    for f in error.fields
                ],
            ) from None
        if model.case_id is not None:
            if model.case_id in seen:
                raise InputError(
                    "cases",
                    [
                        FieldError(
                            f"cases.{n}.case_id", "case_repeated", "two cases have one case_id"
                        )
                    ],
                )
            seen[model.case_id] = n
        read.append((model, one))
    return read


def roll_up(
    cases: Iterable[Case | Mapping[str, Any] | str | bytes],
    as_of: date | datetime | str | None = None,
    *,
    maalform: Maalform | str = Maalform.NB,
    with_refs: bool = False,
) -> RollUp:
    """The control questions of every case in ``cases`` on ``as_of``, counted per school and
    per school owner (the case's ``school.name`` and ``school.owner``). A case that is not
    valid, or a ``case_id`` given twice, is an :class:`~skolemiljo.InputError` naming
    ``cases.N`` (its position) and the field. ``with_refs``: list each group's case ids."""
    day = parse_as_of(as_of)
    m = parse_maalform(maalform)
    read = _read_all(cases, day, m)
    schools: dict[str, list[_Case]] = {}
    owners: dict[str | None, list[_Case]] = {}
    for model, one in read:
        schools.setdefault(model.school.name, []).append(one)
        owners.setdefault(model.school.owner, []).append(one)
    return RollUp(
        as_of=day,
        maalform=m,
        cases=len(read),
        wording=control_data().wording,
        schools=tuple(_group("school", k, v, with_refs) for k, v in sorted(schools.items())),
        owners=tuple(
            _group("owner", k, v, with_refs)
            for k, v in sorted(owners.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))
        ),
        stamp=current_stamp(),
    )
