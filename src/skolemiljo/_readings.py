"""The library's readings of the deadlines the statute states in words (not public API; use
:class:`skolemiljo.AuditOptions`)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ._provenance import SourceKind

__all__ = ["AuditOptions"]


class AuditOptions(BaseModel):
    """The working-day readings of deadlines the statute states in words.

    ``snarast_working_days``: "snarast" (as soon as possible), default 5 working days, the
    one-week target Læringsmiljøsenteret sets for innsatsteam (seed 004).
    ``plan_working_days``: how long measures may run before the written plan, default 5.
    ``min_source``: the weakest source of a deadline to report: ``statute`` (only what the act
    itself sets), ``guidance``, ``reading`` (also the library's readings) or ``local`` (the
    default: also a routine's steps).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    snarast_working_days: int = Field(default=5, ge=0, le=30)
    plan_working_days: int = Field(default=5, ge=0, le=30)
    min_source: SourceKind = "local"
