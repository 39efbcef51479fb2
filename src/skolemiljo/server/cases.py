"""The HTTP operations that make a case's working papers and documents: ``POST
/v1/cases/agenda`` (JSON, or an iCalendar file when asked for with ``Accept: text/calendar``),
the case file (``POST /v1/cases/dossier``) and letters (``POST /v1/letters/{kind}``), the last
two also as PDF/A or DOCX (``format=pdf|docx``). Not public API; mounted by
:func:`skolemiljo.server.create_app`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Header, Query
from fastapi.responses import Response

from skolemiljo._i18n import Maalform
from skolemiljo._law import AuditOptions, OptInReading, SourceKind
from skolemiljo._reports import (
    Agenda,
    Dossier,
    DossierRequest,
    agenda,
    agenda_format_for,
    agenda_formats,
    dossier,
)
from skolemiljo.case import Case
from skolemiljo.letters import Letter, LetterRequest, render_letter
from skolemiljo.letters.kinds import LetterKind

__all__ = ["READINGS_QUERY", "add_case_routes"]

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
Format = Literal["text", "html", "pdf", "docx"]

_DOCUMENTS: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "JSON; or, with `format=pdf` or `format=docx`, the document itself "
        "(tagged PDF/A-2a or DOCX), its file name (no personal text) in `Content-Disposition`.",
        "content": {
            PDF: {"schema": {"type": "string", "format": "binary"}},
            DOCX: {"schema": {"type": "string", "format": "binary"}},
        },
    }
}


def _document(data: bytes, kind: str, stem: str) -> Response:
    media = PDF if kind == "pdf" else DOCX
    headers = {"content-disposition": f'attachment; filename="{stem}.{kind}"'}
    return Response(data, media_type=media, headers=headers)


READINGS_QUERY = Annotated[
    list[OptInReading] | None,
    Query(
        description="Opt-in readings (repeatable). carried_over_9a5: the 1998 act's heightened "
        "duty carried over to staff cases under the 2023 act (investigation and measures the "
        "same day, the principal tells the owner), labelled as that reading. None by default."
    ),
]


def add_case_routes(
    app: FastAPI,
    maalform: Callable[[Maalform | None, str | None], Maalform],
    routine_name: Callable[[str | None], str | None],
    responses: Callable[..., dict[int | str, dict[str, Any]]],
) -> None:
    """Mount the agenda (and the dossier) on ``app``."""
    _agenda_route(app, maalform, routine_name, responses)
    _dossier_route(app, maalform, routine_name, responses)
    _letter_route(app, maalform, responses)


def _formats_response() -> dict[int | str, dict[str, Any]]:
    """The agenda's 200 response in OpenAPI: JSON, or each registered format by Accept."""
    return {
        200: {
            "description": "The agenda as JSON, or "
            + "; or ".join(
                f"(with `Accept: {f.media_type}`) {f.http_description}" for f in agenda_formats()
            ),
            "content": {f.media_type: {"schema": {"type": "string"}} for f in agenda_formats()},
        }
    }


def _agenda_route(
    app: FastAPI,
    maalform: Callable[[Maalform | None, str | None], Maalform],
    routine_name: Callable[[str | None], str | None],
    responses: Callable[..., dict[int | str, dict[str, Any]]],
) -> None:
    """POST /v1/cases/agenda: JSON, or another of the agenda's formats by Accept."""
    calendar_response = _formats_response()

    @app.post(
        "/v1/cases/agenda",
        response_model=Agenda,
        operation_id="case_agenda",
        tags=["cases"],
        responses={**calendar_response, **responses(422, 503)},
    )
    def case_agenda(
        case: Case,
        as_of: date | None = None,
        routine: str | None = None,
        maalform_: Annotated[Maalform | None, Query(alias="maalform")] = None,
        min_source: Annotated[
            SourceKind,
            Query(
                description="The weakest source of a deadline to date: statute, guidance, "
                "reading (the library's readings) or local."
            ),
        ] = "local",
        reminders: Annotated[
            list[int] | None,
            Query(
                description="Working days before each due date to remind on "
                "(`reminders=1&reminders=0`: the working day before, and on the day)."
            ),
        ] = None,
        readings: READINGS_QUERY = None,
        accept: Annotated[str | None, Header()] = None,
        accept_language: Annotated[str | None, Header()] = None,
    ) -> Any:
        """What is due next in a case: every duty and deadline, open, done or overdue, with
        the source of each date; ``overdue`` exactly where ``/v1/cases/audit`` finds a
        breach."""
        result = agenda(
            case,
            as_of,
            routine=routine_name(routine),
            options=AuditOptions(min_source=min_source, readings=tuple(readings or ())),
            maalform=maalform(maalform_, accept_language),
            reminders=reminders or (),
        )
        wanted = agenda_format_for(accept)
        if wanted is not None:
            return Response(wanted.write(result), media_type=f"{wanted.media_type}; charset=utf-8")
        return result


def _dossier_route(
    app: FastAPI,
    maalform: Callable[[Maalform | None, str | None], Maalform],
    routine_name: Callable[[str | None], str | None],
    responses: Callable[..., dict[int | str, dict[str, Any]]],
) -> None:
    """POST /v1/cases/dossier: the case file as JSON, or the document itself."""

    @app.post(
        "/v1/cases/dossier",
        response_model=Dossier,
        operation_id="case_dossier",
        tags=["cases"],
        responses={**_DOCUMENTS, **responses(422, 501, 503)},
    )
    def case_dossier(
        body: DossierRequest,
        as_of: date | None = None,
        format: Format = "text",
        maalform_: Annotated[Maalform | None, Query(alias="maalform")] = None,
        routine: str | None = None,
        readings: READINGS_QUERY = None,
        accept_language: Annotated[str | None, Header()] = None,
    ) -> Any:
        """The case file for the Statsforvaltaren: each sub-duty of the activity duty with
        the events, plans and letters that show it, and what is missing or late (from the
        audit, with the source of each deadline). The pupil is named by reference unless
        ``pupil_name`` is given. ``format=pdf|docx`` returns the document itself."""
        result = dossier(
            body.case,
            as_of,
            plans=body.plans,
            letters=body.letters,
            maalform=maalform(maalform_, accept_language),
            format="html" if format == "html" else "text",
            pupil_name=body.pupil_name,
            routine=routine_name(routine),
            options=AuditOptions(readings=tuple(readings or ())),
            exempt_from_public_access=body.exempt_from_public_access,
        )
        if format in ("pdf", "docx"):
            data = result.to_pdf() if format == "pdf" else result.to_docx()
            return _document(data, format, f"dossier-{result.as_of}-{result.maalform.value}")
        return result


def _letter_route(
    app: FastAPI,
    maalform: Callable[[Maalform | None, str | None], Maalform],
    responses: Callable[..., dict[int | str, dict[str, Any]]],
) -> None:
    """POST /v1/letters/{kind}: a letter as JSON, or the document itself."""

    @app.post(
        "/v1/letters/{kind}",
        response_model=Letter,
        operation_id="render_letter",
        tags=["letters"],
        responses={**_DOCUMENTS, **responses(404, 422, 501)},
    )
    def letter(
        kind: LetterKind,
        request: LetterRequest,
        format: Format = "text",
        maalform_: Annotated[Maalform | None, Query(alias="maalform")] = None,
        accept_language: Annotated[str | None, Header()] = None,
    ) -> Any:
        """Render a letter in the målform; incomplete letters are refused (422).
        ``format=pdf|docx`` returns the document itself (tagged PDF/A-2a or DOCX)."""
        result = render_letter(
            kind,
            request,
            maalform=maalform(maalform_, accept_language),
            format="html" if format == "html" else "text",
        )
        if format in ("pdf", "docx"):
            data = result.to_pdf() if format == "pdf" else result.to_docx()
            return _document(data, format, result.file_stem)
        return result
