"""The HTTP operations that make a case's working papers and documents, one media type each
(so a client generated from the OpenAPI document gets one result type per operation):

- ``POST /v1/cases/agenda`` (JSON) and ``POST /v1/cases/agenda.ics`` (the calendar; one
  operation per registered agenda format);
- ``POST /v1/cases/dossier`` (JSON), ``/v1/cases/dossier.pdf`` and ``/v1/cases/dossier.docx``;
- ``POST /v1/letters/{kind}`` (JSON), ``/v1/letters/{kind}.pdf`` and ``/v1/letters/{kind}.docx``.

The older forms (``format=pdf|docx`` on the JSON operations, ``Accept: text/calendar`` on the
agenda) still answer as before, for this version, with ``Deprecation: true`` and a ``Link`` to
the operation that replaces them; the OpenAPI document describes their JSON only. Not public
API; mounted by :func:`skolemiljo.server.create_app`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Header, Query
from fastapi.responses import Response

from skolemiljo._i18n import Maalform
from skolemiljo._law import AuditOptions, OptInReading, SourceKind
from skolemiljo._reports import (
    Agenda,
    AgendaFormat,
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

from .routing import media_response, one_media

__all__ = ["READINGS_QUERY", "add_case_routes"]

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
Format = Literal["text", "html", "pdf", "docx"]

FORMAT_QUERY = Annotated[
    Format,
    Query(
        description="text or html (the letter's `body`). `pdf` and `docx` still return the "
        "document itself, but are deprecated: use the `.pdf` and `.docx` operations, which "
        "a generated client can type."
    ),
]
PDFA_QUERY = Annotated[
    Literal["2a", "1a", "3b"],
    Query(
        description="The PDF/A part: 2a (tagged PDF/A-2a, the default), 1a (PDF/A-1a, the part "
        "older Norwegian archive rules name) or 3b (the library's format before 0.20)."
    ),
]


PdfResponse = media_response(PDF)
DocxResponse = media_response(DOCX)


def _binary(media: str, what: str) -> dict[int | str, Any]:
    return one_media(
        media, f"{what}; its file name (no personal text) in `Content-Disposition`.", binary=True
    )


def _document(data: bytes, kind: str, stem: str, successor: str | None = None) -> Response:
    media = PDF if kind == "pdf" else DOCX
    headers = {"content-disposition": f'attachment; filename="{stem}.{kind}"'}
    if successor is not None:  # the old form: still answered, marked as deprecated
        headers["deprecation"] = "true"
        headers["link"] = f'<{successor}>; rel="successor-version"'
    return Response(data, media_type=media, headers=headers)


READINGS_QUERY = Annotated[
    list[OptInReading] | None,
    Query(
        description="Opt-in readings (repeatable). carried_over_9a5: the 1998 act's heightened "
        "duty carried over to staff cases under the 2023 act (investigation and measures the "
        "same day, the principal tells the owner), labelled as that reading. None by default."
    ),
]


@dataclass(frozen=True, slots=True)
class _Mount:
    """What every route here needs from the app: the app, how the målform and routine are
    read, and the error responses' documentation."""

    app: FastAPI
    maalform: Callable[[Maalform | None, str | None], Maalform]
    routine_name: Callable[[str | None], str | None]
    responses: Callable[..., dict[int | str, dict[str, Any]]]

    def agenda(
        self,
        case: Case,
        as_of: date | None,
        routine: str | None,
        m: Maalform | None,
        min_source: SourceKind,
        reminders: list[int] | None,
        readings: list[OptInReading] | None,
        accept_language: str | None,
    ) -> Agenda:
        return agenda(
            case,
            as_of,
            routine=self.routine_name(routine),
            options=AuditOptions(min_source=min_source, readings=tuple(readings or ())),
            maalform=self.maalform(m, accept_language),
            reminders=reminders or (),
        )

    def dossier(
        self,
        body: DossierRequest,
        as_of: date | None,
        format: str,
        m: Maalform | None,
        routine: str | None,
        readings: list[OptInReading] | None,
        accept_language: str | None,
    ) -> Dossier:
        return dossier(
            body.case,
            as_of,
            plans=body.plans,
            letters=body.letters,
            maalform=self.maalform(m, accept_language),
            format="html" if format == "html" else "text",
            pupil_name=body.pupil_name,
            routine=self.routine_name(routine),
            options=AuditOptions(readings=tuple(readings or ())),
            exempt_from_public_access=body.exempt_from_public_access,
        )

    def letter(
        self,
        kind: str,
        request: LetterRequest,
        format: str,
        m: Maalform | None,
        accept_language: str | None,
    ) -> Letter:
        return render_letter(
            kind,
            request,
            maalform=self.maalform(m, accept_language),
            format="html" if format == "html" else "text",
        )


def add_case_routes(
    app: FastAPI,
    maalform: Callable[[Maalform | None, str | None], Maalform],
    routine_name: Callable[[str | None], str | None],
    responses: Callable[..., dict[int | str, dict[str, Any]]],
) -> None:
    """Mount the agenda, the case file and the letters on ``app``, each media type its own
    operation (a document's before its JSON one: ``{kind}`` alone would match
    ``receipt.pdf``)."""
    mount = _Mount(app, maalform, routine_name, responses)
    for fmt in agenda_formats():
        _agenda_format_route(mount, fmt)
    _agenda_route(mount)
    _dossier_pdf_route(mount)
    _dossier_docx_route(mount)
    _dossier_route(mount)
    _letter_pdf_route(mount)
    _letter_docx_route(mount)
    _letter_route(mount)


MIN_SOURCE_QUERY = Annotated[
    SourceKind,
    Query(
        description="The weakest source of a deadline to date: statute, guidance, "
        "reading (the library's readings) or local."
    ),
]
REMINDERS_QUERY = Annotated[
    list[int] | None,
    Query(
        description="Working days before each due date to remind on "
        "(`reminders=1&reminders=0`: the working day before, and on the day)."
    ),
]
MAALFORM_QUERY = Annotated[Maalform | None, Query(alias="maalform")]
LANGUAGE_HEADER = Annotated[str | None, Header()]


def _agenda_route(mount: _Mount) -> None:
    """POST /v1/cases/agenda: JSON."""

    @mount.app.post(
        "/v1/cases/agenda",
        response_model=Agenda,
        operation_id="case_agenda",
        tags=["cases"],
        responses=mount.responses(422, 503),
    )
    def case_agenda(
        case: Case,
        as_of: date | None = None,
        routine: str | None = None,
        maalform_: MAALFORM_QUERY = None,
        min_source: MIN_SOURCE_QUERY = "local",
        reminders: REMINDERS_QUERY = None,
        readings: READINGS_QUERY = None,
        accept: Annotated[str | None, Header()] = None,
        accept_language: LANGUAGE_HEADER = None,
    ) -> Any:
        """What is due next in a case: every duty and deadline, open, done or overdue, with
        the source of each date; ``overdue`` exactly where ``/v1/cases/audit`` finds a
        breach. (``Accept: text/calendar`` still gives the calendar, deprecated: use
        ``/v1/cases/agenda.ics``.)"""
        result = mount.agenda(case, as_of, routine, maalform_, min_source, reminders, readings,
                              accept_language)  # fmt: skip
        wanted = agenda_format_for(accept)
        if wanted is None:
            return result
        return Response(
            wanted.write(result),
            media_type=f"{wanted.media_type}; charset=utf-8",
            headers={
                "deprecation": "true",
                "link": f'</v1/cases/agenda.{wanted.name}>; rel="successor-version"',
            },
        )


def _agenda_format_route(mount: _Mount, fmt: AgendaFormat) -> None:
    """POST /v1/cases/agenda.NAME: the agenda in one registered format, its media type only."""

    @mount.app.post(
        f"/v1/cases/agenda.{fmt.name}",
        response_class=media_response(fmt.media_type),
        operation_id=f"case_agenda_{fmt.name}",
        tags=["cases"],
        description=f"The agenda of a case: {fmt.http_description}",
        responses={
            **one_media(fmt.media_type, f"The agenda: {fmt.http_description}"),
            **mount.responses(422, 503),
        },
    )
    def case_agenda_format(
        case: Case,
        as_of: date | None = None,
        routine: str | None = None,
        maalform_: MAALFORM_QUERY = None,
        min_source: MIN_SOURCE_QUERY = "local",
        reminders: REMINDERS_QUERY = None,
        readings: READINGS_QUERY = None,
        accept_language: LANGUAGE_HEADER = None,
    ) -> Any:
        result = mount.agenda(case, as_of, routine, maalform_, min_source, reminders, readings,
                              accept_language)  # fmt: skip
        return Response(fmt.write(result), media_type=f"{fmt.media_type}; charset=utf-8")


def _stem(result: Dossier) -> str:
    return f"dossier-{result.as_of}-{result.maalform.value}"


def _dossier_route(mount: _Mount) -> None:
    """POST /v1/cases/dossier: the case file as JSON."""

    @mount.app.post(
        "/v1/cases/dossier",
        response_model=Dossier,
        operation_id="case_dossier",
        tags=["cases"],
        responses=mount.responses(422, 501, 503),
    )
    def case_dossier(
        body: DossierRequest,
        as_of: date | None = None,
        format: FORMAT_QUERY = "text",
        maalform_: MAALFORM_QUERY = None,
        routine: str | None = None,
        readings: READINGS_QUERY = None,
        accept_language: LANGUAGE_HEADER = None,
    ) -> Any:
        """The case file for the Statsforvaltaren: each sub-duty of the activity duty with
        the events, plans and letters that show it, and what is missing or late (from the
        audit, with the source of each deadline). The pupil is named by reference unless
        ``pupil_name`` is given. The document itself: ``/v1/cases/dossier.pdf`` and
        ``.docx``."""
        result = mount.dossier(body, as_of, format, maalform_, routine, readings, accept_language)
        if format in ("pdf", "docx"):
            data = result.to_pdf() if format == "pdf" else result.to_docx()
            return _document(data, format, _stem(result), f"/v1/cases/dossier.{format}")
        return result


def _dossier_pdf_route(mount: _Mount) -> None:
    @mount.app.post(
        "/v1/cases/dossier.pdf",
        response_class=PdfResponse,
        operation_id="case_dossier_pdf",
        tags=["cases"],
        responses={
            **_binary(PDF, "The case file as tagged PDF/A"),
            **mount.responses(422, 501, 503),
        },
    )
    def case_dossier_pdf(
        body: DossierRequest,
        as_of: date | None = None,
        maalform_: MAALFORM_QUERY = None,
        routine: str | None = None,
        readings: READINGS_QUERY = None,
        pdfa: PDFA_QUERY = "2a",
        accept_language: LANGUAGE_HEADER = None,
    ) -> Any:
        """The case file (as ``/v1/cases/dossier`` makes it) as a tagged PDF/A document."""
        result = mount.dossier(body, as_of, "text", maalform_, routine, readings, accept_language)
        return _document(result.to_pdf(pdfa=pdfa), "pdf", _stem(result))


def _dossier_docx_route(mount: _Mount) -> None:
    @mount.app.post(
        "/v1/cases/dossier.docx",
        response_class=DocxResponse,
        operation_id="case_dossier_docx",
        tags=["cases"],
        responses={**_binary(DOCX, "The case file as DOCX"), **mount.responses(422, 501, 503)},
    )
    def case_dossier_docx(
        body: DossierRequest,
        as_of: date | None = None,
        maalform_: MAALFORM_QUERY = None,
        routine: str | None = None,
        readings: READINGS_QUERY = None,
        accept_language: LANGUAGE_HEADER = None,
    ) -> Any:
        """The case file (as ``/v1/cases/dossier`` makes it) as a Word document."""
        result = mount.dossier(body, as_of, "text", maalform_, routine, readings, accept_language)
        return _document(result.to_docx(), "docx", _stem(result))


def _letter_route(mount: _Mount) -> None:
    """POST /v1/letters/{kind}: a letter as JSON."""

    @mount.app.post(
        "/v1/letters/{kind}",
        response_model=Letter,
        operation_id="render_letter",
        tags=["letters"],
        responses=mount.responses(404, 422, 501),
    )
    def letter(
        kind: LetterKind,
        request: LetterRequest,
        format: FORMAT_QUERY = "text",
        maalform_: MAALFORM_QUERY = None,
        accept_language: LANGUAGE_HEADER = None,
    ) -> Any:
        """Render a letter in the målform; incomplete letters are refused (422). The
        document itself: ``/v1/letters/{kind}.pdf`` and ``.docx``."""
        result = mount.letter(kind, request, format, maalform_, accept_language)
        if format in ("pdf", "docx"):
            data = result.to_pdf() if format == "pdf" else result.to_docx()
            return _document(data, format, result.file_stem, f"/v1/letters/{kind}.{format}")
        return result


def _letter_pdf_route(mount: _Mount) -> None:
    @mount.app.post(
        "/v1/letters/{kind}.pdf",
        response_class=PdfResponse,
        operation_id="render_letter_pdf",
        tags=["letters"],
        responses={**_binary(PDF, "The letter as tagged PDF/A"), **mount.responses(404, 422, 501)},
    )
    def letter_pdf(
        kind: LetterKind,
        request: LetterRequest,
        maalform_: MAALFORM_QUERY = None,
        pdfa: PDFA_QUERY = "2a",
        accept_language: LANGUAGE_HEADER = None,
    ) -> Any:
        """The letter (as ``/v1/letters/{kind}`` renders and checks it) as tagged PDF/A."""
        result = mount.letter(kind, request, "text", maalform_, accept_language)
        return _document(result.to_pdf(pdfa=pdfa), "pdf", result.file_stem)


def _letter_docx_route(mount: _Mount) -> None:
    @mount.app.post(
        "/v1/letters/{kind}.docx",
        response_class=DocxResponse,
        operation_id="render_letter_docx",
        tags=["letters"],
        responses={**_binary(DOCX, "The letter as DOCX"), **mount.responses(404, 422, 501)},
    )
    def letter_docx(
        kind: LetterKind,
        request: LetterRequest,
        maalform_: MAALFORM_QUERY = None,
        accept_language: LANGUAGE_HEADER = None,
    ) -> Any:
        """The letter (as ``/v1/letters/{kind}`` renders and checks it) as a Word document."""
        result = mount.letter(kind, request, "text", maalform_, accept_language)
        return _document(result.to_docx(), "docx", result.file_stem)
