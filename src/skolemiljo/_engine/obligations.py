"""The output of :func:`skolemiljo.assess`, one duty or right at a time (not public API; the
names are exported from ``skolemiljo``)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from skolemiljo._base import FrozenModel as _Out
from skolemiljo._law import DeadlineKind, DutyBearer, SourceKind
from skolemiljo.legal import LegalReference, RegimeId

from .evaluators import Status

__all__ = ["Deadline", "NotApplicable", "Obligation", "Reason", "Unmet"]


class Deadline(_Out):
    """``kind`` and, where computable, ``due``: the date by which (``immediately``: the same
    day as the trigger; ``working_days``, ``days``: a local routine's deadline in working or
    calendar days) or from which
    (``not_before``) it applies. ``source_kind``: where the deadline comes from (``statute``,
    ``guidance``, ``reading``: the library's reading of an open term, ``local``: a routine);
    ``source_note``: why, in the assessment's målform (for a reading or guidance)."""

    kind: DeadlineKind | Literal["working_days", "days"]
    due: date | None = None
    source_kind: SourceKind
    source_note: str | None = None


class Reason(_Out):
    """A fact that triggered the obligation (or, if undetermined, is unknown), with the date it
    became true and the indices of the events in ``case.events`` that show it."""

    fact: str
    on: date | None
    events: tuple[int, ...]


class Obligation(_Out):
    """A duty (plikt) or right (rett) in force for the case at ``as_of``. ``source_kind`` and
    ``source_note`` say where the duty itself comes from (its deadline says where the
    deadline does): a ``reading`` is the library's, never worded as the law's demand."""

    code: str
    rule_id: str
    kind: Literal["duty", "right"]
    status: Status
    duty_bearer: DutyBearer
    title: str
    deadline: Deadline
    legal_basis: tuple[LegalReference, ...]
    regime: RegimeId
    valid_from: date
    valid_to: date | None
    because: tuple[Reason, ...]
    missing_facts: tuple[str, ...]
    local: bool = False
    routine_reference: str | None = None
    source_kind: SourceKind
    source_note: str | None = None


class Unmet(_Out):
    """A condition of a duty or right that the case does not meet (yet): the fact, its code
    (``unmet_<fact>``) and a sentence for parents or staff in the assessment's målform."""

    fact: str
    code: str
    message: str


class NotApplicable(_Out):
    """A duty or right that does not apply to the case at ``as_of``, with the conditions that
    failed (``unmet``): parents can be shown *why not yet* (the case is not raised with the
    principal) or *why not*. Judged under the act in force when the case's concern arose."""

    code: str
    rule_id: str
    kind: Literal["duty", "right"]
    status: Literal["not_applicable"] = "not_applicable"
    duty_bearer: DutyBearer
    title: str
    legal_basis: tuple[LegalReference, ...]
    regime: RegimeId
    valid_from: date
    valid_to: date | None
    source_kind: SourceKind
    unmet: tuple[Unmet, ...]
