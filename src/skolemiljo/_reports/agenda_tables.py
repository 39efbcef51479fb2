"""``rules/agenda.toml``, validated (not public API), and the facts that point to a serious
case (seriousness indicators), read from a case's timeline."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Literal, get_args

from pydantic import model_validator

from skolemiljo._base import FrozenModel, Titles
from skolemiljo._case import ANCHORS, Anchor
from skolemiljo._law import DutyBearer, Source, audit_data, clears_with_rules, load_data, load_rules
from skolemiljo.case import AbsenceNoted, Case, Violation, ViolationKind
from skolemiljo.errors import RuleDataError

__all__ = ["INDICATORS", "Indicator", "agenda_data", "indicators"]

Indicator = Literal[
    "violence", "threats", "digital", "long_lasting", "several_offenders", "absence"
]
"""A recorded fact that points to a serious case (the principal still judges it)."""
INDICATORS: tuple[Indicator, ...] = get_args(Indicator)


class _BreachDuty(FrozenModel):
    duty: str | None = None
    heightened: str | None = None
    task: str | None = None

    @model_validator(mode="after")
    def _one(self) -> _BreachDuty:
        if (self.duty is None) == (self.task is None):
            raise ValueError("give either duty or task")
        return self


class _Task(FrozenModel):
    duty_bearer: DutyBearer
    title: Titles
    source: Source


class AgendaData(FrozenModel):
    """``rules/agenda.toml``: the duty each audited deadline belongs to, the events that show
    duties done, the agenda's own tasks and the labels of the indicators."""

    breaches: dict[str, _BreachDuty]
    done_by: dict[str, Anchor]
    tasks: dict[
        Literal[
            "evaluate_plan", "assess_seriousness", "answer_statsforvaltaren", "carry_out_decision"
        ],
        _Task,
    ]
    indicators: dict[Indicator, Titles]


@clears_with_rules
@cache
def agenda_data() -> AgendaData:
    """``rules/agenda.toml``, every code known: each audit breach has its duty, each duty code
    exists in the rules, every indicator has its labels."""
    data = load_data("agenda.toml", AgendaData)
    where = "rules/agenda.toml"
    codes = {rule.code for rule in load_rules()}
    missing = set(audit_data().breaches) - set(data.breaches)
    if missing:
        raise RuleDataError(f"{where}: breaches: no duty for {sorted(missing)}")
    for code, entry in data.breaches.items():
        if code not in audit_data().breaches:
            raise RuleDataError(f"{where}: breaches.{code}: not a breach of audit.toml")
        for duty in (entry.duty, entry.heightened):
            if duty is not None and duty not in codes:
                raise RuleDataError(f"{where}: breaches.{code}: unknown duty code")
        if entry.task is not None and entry.task not in data.tasks:
            raise RuleDataError(f"{where}: breaches.{code}.task: unknown task")
    for duty, anchor in data.done_by.items():
        if duty not in codes:
            raise RuleDataError(f"{where}: done_by.{duty}: unknown duty code")
        assert anchor in ANCHORS
    if {"evaluate_plan", "assess_seriousness"} - set(data.tasks):
        raise RuleDataError(f"{where}: tasks: evaluate_plan and assess_seriousness are needed")
    absent = set(INDICATORS) - set(data.indicators)
    if absent:
        raise RuleDataError(f"{where}: indicators: no labels for {sorted(absent)}")
    return data


def indicators(case: Case, as_of: date) -> tuple[Indicator, ...]:
    """The facts recorded by the end of ``as_of`` that point to a serious case, in the order
    of :data:`INDICATORS`: violence (a violation of the kind ``vald``), threats, a digital
    violation, a long-lasting one, several offenders, noted absence."""
    found: set[Indicator] = set()
    for event in case.events:
        if event.on > as_of:
            continue
        if isinstance(event, AbsenceNoted):
            found.add("absence")
        elif isinstance(event, Violation):
            flags: tuple[tuple[bool, Indicator], ...] = (
                (event.kind is ViolationKind.VALD, "violence"),
                (event.threats, "threats"),
                (event.digital, "digital"),
                (event.long_lasting, "long_lasting"),
                (event.several_offenders, "several_offenders"),
            )
            found.update(name for flag, name in flags if flag)
    return tuple(name for name in INDICATORS if name in found)
