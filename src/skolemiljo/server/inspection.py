"""The HTTP operations for a school owner or a supervision: ``POST /v1/cases/control`` (the
control questions of one case) and ``POST /v1/inspect`` (many cases rolled up per school and
per owner: JSON, and ``/v1/inspect.csv``, ``.txt``, ``.html`` and ``.svg``, one media type
each; ``format=csv|text|html|svg`` on the JSON operation still answers, deprecated). Not
public API; mounted by :func:`skolemiljo.server.create_app`."""

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

from .routing import media_response, one_media

__all__ = ["add_inspection_routes"]

_MEDIA = {"csv": "text/csv", "text": "text/plain", "html": "text/html", "svg": "image/svg+xml"}
_SUFFIX = {"csv": "csv", "text": "txt", "html": "html", "svg": "svg"}
"""Each format's own operation: ``/v1/inspect.SUFFIX``."""


def add_inspection_routes(
    app: FastAPI,
    maalform: Callable[[Maalform | None, str | None], Maalform],
    responses: Callable[..., dict[int | str, dict[str, Any]]],
) -> None:
    """Mount the control questions and the roll-up on ``app``."""
    _control_route(app, maalform, responses)
    for name in _MEDIA:
        _inspect_format_route(app, maalform, responses, name)
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
    """POST /v1/inspect: JSON."""

    @app.post(
        "/v1/inspect",
        response_model=RollUp,
        operation_id="inspect",
        tags=["cases"],
        responses=responses(422),
    )
    def inspect(
        body: RollUpRequest,
        as_of: date | None = None,
        format: Annotated[
            Literal["json", "csv", "text", "html", "svg"],
            Query(
                description="json. The others still answer, deprecated: use /v1/inspect.csv, "
                ".txt, .html and .svg, which a generated client can type."
            ),
        ] = "json",
        maalform_: Annotated[Maalform | None, Query(alias="maalform")] = None,
        accept_language: Annotated[str | None, Header()] = None,
    ) -> Any:
        """The control questions of many cases, counted per school and per school owner, with
        breaches (median days late), open cases with overdue items and cases at the
        Statsforvaltaren. No personal data; case ids only with ``with_refs``."""
        report = roll_up(
            body.cases, as_of, maalform=maalform(maalform_, accept_language),
            with_refs=body.with_refs,
        )  # fmt: skip
        if format == "json":
            return report
        successor = f'</v1/inspect.{_SUFFIX[format]}>; rel="successor-version"'
        return Response(
            _written(report, format),
            media_type=f"{_MEDIA[format]}; charset=utf-8",
            headers={"deprecation": "true", "link": successor},
        )


def _written(report: RollUp, format: str) -> str:
    return {"csv": report.to_csv, "text": report.to_text, "html": report.to_html,
            "svg": report.to_svg}[format]()  # fmt: skip


def _inspect_format_route(
    app: FastAPI,
    maalform: Callable[[Maalform | None, str | None], Maalform],
    responses: Callable[..., dict[int | str, dict[str, Any]]],
    name: str,
) -> None:
    """POST /v1/inspect.SUFFIX: the roll-up in one format, its media type only."""
    media = _MEDIA[name]

    what = {"csv": "CSV", "text": "plain text", "html": "HTML", "svg": "an SVG chart"}[name]

    @app.post(
        f"/v1/inspect.{_SUFFIX[name]}",
        response_class=media_response(media),
        operation_id=f"inspect_{_SUFFIX[name]}",
        tags=["cases"],
        description=f"The roll-up (as /v1/inspect makes it) as {what}.",
        responses={**one_media(media, f"The roll-up as {what}."), **responses(422)},
    )
    def inspect_format(
        body: RollUpRequest,
        as_of: date | None = None,
        maalform_: Annotated[Maalform | None, Query(alias="maalform")] = None,
        accept_language: Annotated[str | None, Header()] = None,
    ) -> Any:
        report = roll_up(
            body.cases, as_of, maalform=maalform(maalform_, accept_language),
            with_refs=body.with_refs,
        )  # fmt: skip
        return Response(_written(report, name), media_type=f"{media}; charset=utf-8")
