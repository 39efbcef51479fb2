"""The agenda's output formats besides JSON, registered in one place (not public API).

A format is one module with a writer (``Agenda -> bytes``) and one line in
:data:`AGENDA_FORMATS`: the CLI gives it an option ``--NAME FILE`` on ``skolemiljo agenda``, and
the HTTP service answers with it when ``Accept`` asks for its media type before JSON, with the
description below in the OpenAPI document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .agenda_models import AgendaFields
from .ics import agenda_ics

__all__ = ["AGENDA_FORMATS", "AgendaFormat", "agenda_format_for", "agenda_formats"]


@dataclass(frozen=True, slots=True)
class AgendaFormat:
    """One output format of the agenda."""

    name: str
    """The CLI option's name (``--ics``) and the format's short name."""
    media_type: str
    """What ``Accept`` asks for, and the response's media type (with ``charset=utf-8``)."""
    cli_help: str
    http_description: str
    write: Callable[[AgendaFields], bytes]


AGENDA_FORMATS: tuple[AgendaFormat, ...] = (
    AgendaFormat(
        name="ics",
        media_type="text/calendar",
        cli_help="write the open items as a calendar (.ics)",
        http_description="the open items as an RFC 5545 calendar, one all-day event per item, "
        "stable UIDs.",
        write=agenda_ics,
    ),
)


def agenda_formats() -> tuple[AgendaFormat, ...]:
    """The registered formats (the CLI and the HTTP service read them here, when they build
    their options and routes)."""
    return AGENDA_FORMATS


def agenda_format_for(accept: str | None) -> AgendaFormat | None:
    """The format ``Accept`` asks for before (or instead of) JSON; ``None`` for JSON."""
    for part in (accept or "").split(","):
        kind = part.split(";")[0].strip().lower()
        for fmt in agenda_formats():
            if kind == fmt.media_type:
                return fmt
        if kind in ("application/json", "application/*"):
            return None
    return None
