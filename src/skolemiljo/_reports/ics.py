"""An agenda as an RFC 5545 calendar, written with ``icalendar`` (not public API; use
:meth:`skolemiljo.Agenda.to_ics`).

One all-day VEVENT per open item with a due date. Its UID is made from the case's reference
(``case_id``, else the pupil reference) and the item's code (and, for a plan's evaluation, the
plan's date), so a calendar exported again updates its events instead of adding new ones.
Summary and description are in the agenda's målform and hold no personal text: the titles and
notes come from the rule data, the references are the vendor's opaque identifiers. A reminder
is a VALARM at 08:00 Norwegian time on its date.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from skolemiljo._i18n import message
from skolemiljo._version import __version__

from .agenda_models import AgendaFields as Agenda
from .agenda_models import AgendaItem

__all__ = ["agenda_ics", "event_uid"]

_NAMESPACE = uuid.UUID("7b1d3c52-5a0e-4f7e-9d59-2f0f6c1b8a11")
_OSLO = ZoneInfo("Europe/Oslo")
_REMIND_AT = time(8, 0)
_FIRST = date(2017, 8, 1)


def event_uid(case_key: str, item: AgendaItem) -> str:
    """The stable UID of ``item``'s event in the calendar of the case ``case_key``."""
    parts = [case_key, item.code, *([item.party] if item.party else [])]
    if item.code == "evaluate_plan" and item.trigger is not None:
        parts.append(item.trigger.on.isoformat())
    return f"{uuid.uuid5(_NAMESPACE, '/'.join(parts))}@skolemiljo"


def case_key(agenda: Agenda) -> str:
    """What tells this case's events from another's: its ``case_id``; without one, the pupil's
    reference and the date the case began (the first trigger of its items), so two cases of
    one pupil do not overwrite each other's events when imported."""
    if agenda.case_id:
        return agenda.case_id
    begun = min((i.trigger.on for i in agenda.items if i.trigger is not None), default=None)
    return f"{agenda.pupil_ref}/{begun.isoformat()}" if begun else agenda.pupil_ref


def _description(agenda: Agenda, item: AgendaItem) -> str:
    m = agenda.maalform
    lines = [message(m, "agenda_ics_case", case=agenda.case_id or "-", pupil=agenda.pupil_ref)]
    basis = ", ".join(r.citation for r in item.legal_basis)
    if basis:
        lines.append(message(m, "agenda_ics_basis", basis=basis))
    lines.append(message(m, f"agenda_source_{item.deadline.source_kind}"))
    if item.deadline.source_note:
        lines.append(item.deadline.source_note)
    if item.overdue:
        lines.append(message(m, "agenda_overdue", days=item.days_late))
    lines.append(f"skolemiljo: {item.code}")
    return "\n".join(lines)


def agenda_ics(agenda: Agenda) -> bytes:
    """The open, dated items of ``agenda`` as an iCalendar file (UTF-8 bytes)."""
    from icalendar import Alarm, Calendar, Event

    lang = {"LANGUAGE": agenda.maalform.value}
    cal = Calendar()
    cal.add("prodid", f"-//skolemiljo//agenda {__version__}//{agenda.maalform.value.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    stamp = datetime.now(UTC).replace(microsecond=0)  # DTSTAMP: when this file was made
    # SEQUENCE grows with the date the agenda was made for: a later export revises the event
    sequence = (agenda.as_of - _FIRST).days
    for item in agenda.items:
        due = item.deadline.due
        if item.state != "open" or due is None:
            continue
        event = Event()
        event.add("uid", event_uid(case_key(agenda), item))
        event.add("dtstamp", stamp)
        event.add("sequence", sequence)
        event.add("dtstart", due)
        event.add("dtend", due + timedelta(days=1))
        event.add("summary", item.title, parameters=lang)
        event.add("description", _description(agenda, item), parameters=lang)
        event.add("categories", [item.deadline.source_kind])
        event.add("transp", "TRANSPARENT")
        event.add("x-skolemiljo-code", item.code)
        for day in item.reminders:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", item.title)
            at = datetime.combine(day, _REMIND_AT, tzinfo=_OSLO).astimezone(UTC)
            alarm.add("trigger", at, parameters={"VALUE": "DATE-TIME"})
            event.add_component(alarm)
        cal.add_component(event)
    return bytes(cal.to_ical())
