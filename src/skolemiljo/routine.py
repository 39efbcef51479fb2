"""Local routines: stricter municipal steps and deadlines layered on top of the law.

A routine is a TOML file (schema-validated, unknown keys refused) whose steps each say: after
anchor X, anchor Y must happen within N working days. Steps are reported as local, with the
routine's own reference, never as law. A routine can only add duties and breaches; a step that
``tightens`` a legal deadline must not be weaker than the law's reading of it.

The routine of Øyer kommune ships as ``oyer_2024`` (seed 003):

>>> routine = load_routine("oyer_2024")
>>> sorted(routine.steps)[:2]
['oyer_best_interests_in_plan', 'oyer_investigation_plan']
>>> routine.steps["oyer_meeting_same_or_next_day"].within_days
1
"""

from __future__ import annotations

import os
import re
import tomllib
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationError, model_validator

from skolemiljo._law import clears_with_rules, rules_folder

from ._base import FrozenModel as _Data
from ._base import Period, Titles
from ._case import Anchor, argument_error, field_errors
from ._law import AuditOptions, audit_data
from .errors import RoutineError
from .models import PrivateRepr
from .workdays import add_working_days

__all__ = [
    "LAW_READINGS",
    "Routine",
    "RoutineInfo",
    "RoutineStep",
    "load_routine",
    "shipped_routines",
]

TightenableBreach = Literal[
    "investigation_not_started",
    "unsafe_pupil_without_measures",
    "measures_without_plan",
    "serious_case_not_reported_to_owner",
]

LAW_READINGS: dict[str, str] = {
    "investigation_not_started": "snarast",
    "unsafe_pupil_without_measures": "snarast",
    "measures_without_plan": "plan",
    "serious_case_not_reported_to_owner": "snarast",
}
"""Which of the audit's readings (options) bounds a routine step that tightens each breach."""

StepCode = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{2,63}$")]


class RoutineStep(PrivateRepr, _Data):
    """After ``after`` happens, ``done_by`` must happen within ``within_working_days``
    (Norwegian public holidays excluded) or within ``within_days`` calendar days ("samme dag
    eller senest dagen etter" is ``within_days = 1``); a step with neither states no time
    limit: it is a local duty in ``assess``, never a breach in ``audit``."""

    after: Anchor
    done_by: Anchor
    within_working_days: Annotated[int, Field(ge=0, le=60)] | None = None
    within_days: Annotated[int, Field(ge=0, le=90)] | None = None
    tightens: tuple[TightenableBreach, ...] = ()
    title: Titles

    @model_validator(mode="after")
    def _one_limit(self) -> RoutineStep:
        if self.within_working_days is not None and self.within_days is not None:
            raise ValueError("give within_working_days or within_days, not both")
        if self.tightens and self.within_working_days is None and self.within_days is None:
            raise ValueError("a step without a time limit cannot tighten a legal deadline")
        return self

    def due(self, start: date) -> date | None:
        """The last day for ``done_by`` when ``after`` happened on ``start`` (None: no limit)."""
        if self.within_working_days is not None:
            return add_working_days(start, self.within_working_days)
        if self.within_days is not None:
            return start + timedelta(days=self.within_days)
        return None


class RoutineInfo(Period, PrivateRepr, _Data):
    """Who issued the routine, when it applies, and its title in both målformer."""

    id: StepCode
    reference: Annotated[str, StringConstraints(min_length=5)]
    valid_from: date
    valid_to: date | None = None
    review_by: date | None = Field(
        default=None, description="When the routine is next to be revised (its own text)."
    )
    title: Titles


class Routine(PrivateRepr, _Data):
    """A validated local routine."""

    routine: RoutineInfo
    steps: dict[StepCode, RoutineStep] = Field(min_length=1)

    def covers(self, day: date) -> bool:
        """Whether the routine was in force on ``day``."""
        return self.routine.covers(day)


def shipped_routines() -> tuple[str, ...]:
    """Names of the routines shipped with the library (``load_routine(NAME)``)."""
    folder = rules_folder() / "routines"
    return tuple(
        sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))
    )


def _parse(text: str) -> Routine:
    """A routine from TOML text. Errors name the line or the key, never a value, the routine's
    name or its path (a file name can be personal too)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        line = f"line {match.group(1)}: " if match else ""
        raise RoutineError(f"routine: {line}not valid TOML") from None
    try:
        return Routine.model_validate(raw)
    except ValidationError as error:
        first = field_errors(error)[0]
        raise RoutineError(f"routine: {first.path}: {first.code}: {first.message}") from None


def check_against_law(routine: Routine, readings: dict[str, int]) -> None:
    """Refuse steps that are weaker than the law's reading of the deadline they tighten."""
    for code, step in routine.steps.items():
        if code in audit_data().breaches:
            raise RoutineError(f"routine: steps.{code}: a local step may not reuse a legal code")
        for breach in step.tightens:
            limit = readings[LAW_READINGS[breach]]
            # n calendar days are never more than n working days, so both compare with it
            key, days = (
                ("within_working_days", step.within_working_days)
                if step.within_working_days is not None
                else ("within_days", step.within_days)
            )
            if days is not None and days > limit:
                raise RoutineError(
                    f"routine: steps.{code}.{key}: {days} "
                    f"{'working days' if key == 'within_working_days' else 'days'} is weaker "
                    f"than the law's {limit} for {breach}"
                )


@clears_with_rules
@cache
def _shipped(name: str) -> Routine:
    path = rules_folder() / "routines" / f"{name}.toml"
    return _parse(path.read_text(encoding="utf-8"))


def load_routine(name_or_path: str | Path, *, readings: dict[str, int] | None = None) -> Routine:
    """A shipped routine by name (``oyer_2024``) or a routine file by path, validated.

    ``readings``: the audit's working-day readings (``snarast``, ``plan``) a tightening step
    must not exceed; the defaults of :class:`~skolemiljo.AuditOptions` when omitted.
    """
    if not isinstance(name_or_path, str | os.PathLike):
        raise argument_error("routine", "a shipped routine's name, a path or a Routine")
    text_name = os.fspath(name_or_path)
    if isinstance(name_or_path, str) and text_name in shipped_routines():
        routine = _shipped(text_name)
    else:
        path = Path(name_or_path)
        if not path.is_file():
            known = ", ".join(shipped_routines())
            raise RoutineError(f"routine: no such file or shipped routine ({known})")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise RoutineError(f"routine: cannot read the file ({type(error).__name__})") from None
        routine = _parse(text)
    options = AuditOptions()
    check_against_law(
        routine,
        readings or {"snarast": options.snarast_working_days, "plan": options.plan_working_days},
    )
    return routine
