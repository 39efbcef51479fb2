"""The agenda's output models (not public API; the names are exported from ``skolemiljo``)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from skolemiljo._base import FrozenModel as _Out
from skolemiljo._i18n import Maalform
from skolemiljo._law import DeadlineKind, DutyBearer, SourceKind
from skolemiljo._stamp import Stamp
from skolemiljo.findings import Notice
from skolemiljo.legal import LegalReference, RegimeId

from .agenda_tables import Indicator

__all__ = ["AgendaDeadline", "AgendaEvent", "AgendaFields", "AgendaItem", "ItemState"]

ItemState = Literal["open", "done", "continuous"]


class AgendaEvent(_Out):
    """An event of the case: its index in ``case.events``, type and date."""

    event: int
    type: str
    on: date


class AgendaDeadline(_Out):
    """When an item is due. ``kind``: the duty's deadline as ``assess`` gives it
    (``immediately``, ``as_soon_as_possible``, ``continuous``, ``none_stated``) or a routine's
    (``working_days``, ``days``) or the plan's own date (``evaluate_on``) or a date the
    Statsforvaltaren set in its letter or decision (``stated``). ``due``: the date,
    where one can be given; ``source_kind`` and ``source_note`` say where that date comes from
    (a ``reading`` is the library's, configurable in :class:`~skolemiljo.AuditOptions`).
    ``breach_code``: the code ``audit`` reports when this deadline is missed; None when no
    event of the timeline can show the step done in time, and then the item is never overdue.
    ``legal_basis``: the basis ``audit`` gives that breach."""

    kind: DeadlineKind | Literal["working_days", "days", "evaluate_on", "stated"]
    due: date | None
    source_kind: SourceKind
    source_note: str | None
    breach_code: str | None
    legal_basis: tuple[LegalReference, ...]


class AgendaItem(_Out):
    """One step of the case. ``kind``: a ``duty`` of ``assess`` (``duty_status`` says whether
    it ``applies`` or is ``undetermined``), a routine's ``local`` step, or a ``task`` of the
    agenda's own (``evaluate_plan``: the evaluation date a plan set; ``assess_seriousness``:
    facts point to a serious case and the principal has not assessed it, a reading).
    ``state``: ``open``, ``done`` (``done`` names the event) or ``continuous`` (never done).
    ``overdue`` with ``days_late`` (calendar days past ``deadline.due``, to ``as_of`` or to the
    late event); ``reminders``: the dates asked for with ``agenda(reminders=...)``, for open
    items with a due date. ``legal_basis`` and ``source_kind`` are the duty's own. ``party``:
    for a step the school takes for one party of the case (``rules/parties.toml``: hearing a
    pupil involved, the follow-up after the case), that party's reference; else None."""

    code: str
    kind: Literal["duty", "local", "task"]
    duty_status: Literal["applies", "undetermined"]
    title: str
    duty_bearer: DutyBearer
    state: ItemState
    deadline: AgendaDeadline
    overdue: bool
    days_late: int | None
    reminders: tuple[date, ...]
    trigger: AgendaEvent | None
    done: AgendaEvent | None
    legal_basis: tuple[LegalReference, ...]
    source_kind: SourceKind
    source_note: str | None
    routine_reference: str | None
    regime: RegimeId
    valid_from: date
    valid_to: date | None
    party: str | None = None


class AgendaFields(_Out):
    """The fields and queries of :class:`skolemiljo.Agenda` (which adds the calendar)."""

    as_of: date
    maalform: Maalform
    case_id: str | None
    pupil_ref: str
    routine: str | None
    items: tuple[AgendaItem, ...]
    indicators: tuple[Indicator, ...]
    notices: tuple[Notice, ...] = ()
    stamp: Stamp

    def item(self, code: str) -> AgendaItem:
        """The first item with ``code`` (``KeyError`` if there is none)."""
        for entry in self.items:
            if entry.code == code:
                return entry
        raise KeyError(code)

    def open_items(self) -> tuple[AgendaItem, ...]:
        """The items still to do (``state == "open"``)."""
        return tuple(i for i in self.items if i.state == "open")

    def overdue_items(self) -> tuple[AgendaItem, ...]:
        """The items whose deadline was missed (open and past, or done late)."""
        return tuple(i for i in self.items if i.overdue)

    def to_json_dict(self) -> dict[str, Any]:
        """The agenda as JSON-ready data (the CLI's ``--json`` output)."""
        return self.model_dump(mode="json")
