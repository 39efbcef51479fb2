"""The HTTP operations for a school owner or a supervision: ``POST /v1/cases/control`` (the
control questions of one case) and ``POST /v1/inspect`` (many cases rolled up per school and
per owner; JSON, or ``format=csv|text|html|svg``). Not public API; mounted by
:func:`skolemiljo.server.create_app`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Header, Query
from fastapi.responses import Response

from skolemiljo._i18n import Maalform
from skolemiljo._reports import (
    ControlReport,
    ControlRequest,
    RollUp,
    RollUpRequest,
    control,
    roll_up,
)
from skolemiljo.school import SchoolProfile, SchoolReport, check_school

__all__ = ["add_inspection_routes"]

_MEDIA = {"csv": "text/csv", "text": "text/plain", "html": "text/html", "svg": "image/svg+xml"}


def add_inspection_routes(
    app: FastAPI,
    maalform: Callable[[Maalform | None, str | None], Maalform],
    responses: Callable[..., dict[int | str, dict[str, Any]]],
) -> None:
    """Mount the control questions and the roll-up on ``app``."""
    _control_route(app, maalform, responses)
    _inspect_route(app, maalform, responses)

    @app.post(
        "/v1/school",
        response_model=SchoolReport,
        operation_id="school_check",
        tags=["cases"],
        responses=responses(422),
    )
    def school_check(
        body: SchoolProfile,
        as_of: date | None = None,
        maalform_: Annotated[Maalform | None, Query(alias="maalform")] = None,
        accept_language: Annotated[str | None, Header()] = None,
    ) -> Any:
        """The school's duties above the cases: the routine revised by its own date, the rules
        made known this school year, preventive work planned. Each finding is a warning with
        its basis and source kind."""
        return check_school(body, as_of, maalform=maalform(maalform_, accept_language))


def _control_route(
    app: FastAPI,
    maalform: Callable[[Maalform | None, str | None], Maalform],
    responses: Callable[..., dict[int | str, dict[str, Any]]],
) -> None:
    """POST /v1/cases/control."""

    @app.post(
        "/v1/cases/control",
        response_model=ControlReport,
        operation_id="case_control",
        tags=["cases"],
        responses=responses(422),
    )
    def case_control(
        body: ControlRequest,
        as_of: date | None = None,
        maalform_: Annotated[Maalform | None, Query(alias="maalform")] = None,
        accept_language: Annotated[str | None, Header()] = None,
    ) -> Any:
        """The control questions of one case: yes, no (naming the breach and its source kind),
        not determinable (naming what is missing) or not applicable. The questions' wording is
        the library's (``wording``), not Udir's."""
        return control(
            body.case,
            as_of,
            maalform=maalform(maalform_, accept_language),
            plans=body.plans,
            letters=body.letters,
        )


def _inspect_route(
    app: FastAPI,
    maalform: Callable[[Maalform | None, str | None], Maalform],
    responses: Callable[..., dict[int | str, dict[str, Any]]],
) -> None:
    """POST /v1/inspect."""

    @app.post(
        "/v1/inspect",
        response_model=RollUp,
        operation_id="inspect",
        tags=["cases"],
        responses={
            200: {
                "description": "JSON; or, with `format`, CSV, text, HTML or an SVG chart.",
                "content": {media: {"schema": {"type": "string"}} for media in _MEDIA.values()},
            },
            **responses(422),
        },
    )
    def inspect(
        body: RollUpRequest,
        as_of: date | None = None,
        format: Literal["json", "csv", "text", "html", "svg"] = "json",
        maalform_: Annotated[Maalform | None, Query(alias="maalform")] = None,
        accept_language: Annotated[str | None, Header()] = None,
    ) -> Any:
        """The control questions of many cases, counted per school and per school owner, with
        breaches (median days late), open cases with overdue items and cases at the
        Statsforvaltaren. No personal data; case ids only with ``with_refs``."""
        report = roll_up(
            body.cases,
            as_of,
            maalform=maalform(maalform_, accept_language),
            with_refs=body.with_refs,
        )
        if format == "json":
            return report
        text = {"csv": report.to_csv, "text": report.to_text, "html": report.to_html,
                "svg": report.to_svg}[format]()  # fmt: skip
        return Response(text, media_type=f"{_MEDIA[format]}; charset=utf-8")
