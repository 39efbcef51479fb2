"""The library's readings of the deadlines the statute states in words (not public API; use
:class:`skolemiljo.AuditOptions`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .provenance import SourceKind

__all__ = ["OPT_IN_READINGS", "AuditOptions", "OptInReading", "parse_readings"]

OptInReading = Literal["carried_over_9a5"]
"""A reading that changes which duties apply, and so is never on by default (the name a
caller passes in ``readings``)."""

OPT_IN_READINGS: dict[str, str] = {
    "carried_over_9a5": "The 1998 act's heightened duty carried over to the 2023 act: when "
    "someone working at the school violates a pupil, the school investigates and puts in "
    "measures 'straks' (the same day), and the principal tells the school owner. No source "
    "found says the 2023 act's provision keeps these (its title and Udir's rundskriv name only "
    "the reports), so under the 2023 act they apply only when this reading is chosen; under the "
    "1998 act its provision says them and they always apply.",
}
"""The opt-in readings, with what each one does."""


class AuditOptions(BaseModel):
    """The working-day readings of deadlines the statute states in words.

    ``snarast_working_days``: "snarast" (as soon as possible), default 5 working days, the
    one-week target Læringsmiljøsenteret sets for innsatsteam (seed 004).
    ``plan_working_days``: how long measures may run before the written plan, default 5.
    ``min_source``: the weakest source of a deadline to report: ``statute`` (only what the act
    itself sets), ``guidance``, ``reading`` (also the library's readings) or ``local`` (the
    default: also a routine's steps).
    ``readings``: opt-in readings (:data:`OPT_IN_READINGS`) that add duties and deadlines the
    verified sources do not support, each labelled as that reading wherever it shows:
    ``carried_over_9a5`` keeps the 1998 act's § 9 A-5 (investigation and measures "straks",
    the principal tells the owner) for staff cases under the 2023 act. None by default.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    snarast_working_days: int = Field(default=5, ge=0, le=30)
    plan_working_days: int = Field(default=5, ge=0, le=30)
    min_source: SourceKind = "local"
    readings: tuple[OptInReading, ...] = Field(default=(), max_length=len(OPT_IN_READINGS))


def parse_readings(value: object, name: str = "readings") -> frozenset[str]:
    """``value`` as a set of opt-in reading names (an iterable of names from
    :data:`OPT_IN_READINGS`); anything else is an :class:`~skolemiljo.InputError` naming
    ``name``, never repeating the value."""
    from skolemiljo._case import argument_error

    if isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
        raise argument_error(name, "a list of reading names: " + ", ".join(OPT_IN_READINGS))
    names = tuple(value)
    if len(names) > 16 or any(not isinstance(n, str) or n not in OPT_IN_READINGS for n in names):
        raise argument_error(name, "a list of reading names: " + ", ".join(OPT_IN_READINGS))
    return frozenset(names)
