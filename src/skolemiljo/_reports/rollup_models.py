"""The roll-up's data (not public API; ``skolemiljo.RollUp`` is): counts per school and per
school owner."""

from __future__ import annotations

from datetime import date
from typing import Literal

from skolemiljo._base import FrozenModel
from skolemiljo._i18n import Maalform
from skolemiljo._stamp import Stamp

__all__ = ["BreachCount", "QuestionCount", "RollUpFields", "RollUpGroup"]


class QuestionCount(FrozenModel):
    """How the cases of a group answer one control question."""

    code: str
    question: str
    yes: int
    no: int
    not_determinable: int
    not_applicable: int


class BreachCount(FrozenModel):
    """How many cases of a group show a breach code, and its median days late (of the
    deadlines already passed)."""

    code: str
    cases: int
    median_days_late: float | None


class RollUpGroup(FrozenModel):
    """One school, or one school owner (``name`` None: the owner is not given in the case)."""

    level: Literal["school", "owner"]
    name: str | None
    cases: int
    questions: tuple[QuestionCount, ...]
    breaches: tuple[BreachCount, ...]
    open_overdue: int
    at_statsforvaltaren: int
    next_statsforvaltaren_date: date | None
    case_refs: tuple[str, ...] = ()


class RollUpFields(FrozenModel):
    """The roll-up of ``cases`` cases on ``as_of``: one group per school and per owner. The
    questions' ``wording`` is the library's unless ``rules/control.toml`` was replaced."""

    as_of: date
    maalform: Maalform
    cases: int
    wording: str
    schools: tuple[RollUpGroup, ...]
    owners: tuple[RollUpGroup, ...]
    stamp: Stamp
