"""The HTTP service: the library's checks as JSON endpoints (``pip install skolemiljo[server]``).

Stateless: it stores nothing, logs no request bodies, and refuses bodies over
``max_body_bytes`` with 413. Malformed JSON and schema violations get 422 with
``{"errors": [{"path", "code", "message"}]}`` (never the input). The målform is the
``maalform`` query parameter or, without it, ``Accept-Language`` (``nn`` or ``nb``). The OpenAPI
document (``/openapi.json``) is generated from the same pydantic models the library uses.

Run it with ``skolemiljo serve`` (loopback by default) or ``make serve``. This module needs
FastAPI; ``import skolemiljo`` never imports it.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Annotated, Any

from fastapi import FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

from skolemiljo._case import argument_error, error_items
from skolemiljo._engine import default_engine
from skolemiljo._i18n import Maalform
from skolemiljo._law import AuditOptions, OptInReading, SourceKind
from skolemiljo._reports import Assessment, AuditReport, assess, audit
from skolemiljo._version import __version__
from skolemiljo.case import Case
from skolemiljo.errors import (
    EngineError,
    FieldError,
    InputError,
    LetterError,
    OutOfScopeError,
    RoutineError,
    SkolemiljoError,
)
from skolemiljo.findings import Profile, ValidationReport
from skolemiljo.followup import FollowUpPlan, validate_follow_up
from skolemiljo.measures import MeasureEntry, measure_catalogue
from skolemiljo.models import ActivityPlan
from skolemiljo.plan import validate_plan
from skolemiljo.routine import shipped_routines
from skolemiljo.schema import json_schema, schema_names

from .cases import READINGS_QUERY, add_case_routes
from .compact import add_compact_route
from .documentation import errors_as_json, mount_docs
from .guard import Guard
from .inspection import add_inspection_routes
from .routing import DirectJSONRoute
from .serving import DEFAULT_MAX_BODY, NoQuery, ServerOptions, protocol

__all__ = [
    "DEFAULT_MAX_BODY",
    "ErrorBody",
    "ErrorItem",
    "PlanRevision",
    "ServerOptions",
    "create_app",
    "serve",
]


class PlanRevision(BaseModel):
    """The body of ``POST /v1/plans/validate-revision``: a revised plan and the version before."""

    model_config = ConfigDict(extra="forbid")

    plan: ActivityPlan
    previous: ActivityPlan


_HTTP_ERRORS = {
    404: {"path": "", "code": "not_found", "message": "no such path"},
    405: {"path": "", "code": "method_not_allowed", "message": "method not allowed"},
    413: {"path": "", "code": "body_too_large", "message": "request body too large"},
}


_MAALFORM_TAGS = {"nn": Maalform.NN, "nn-no": Maalform.NN, "nb": Maalform.NB,
                  "nb-no": Maalform.NB, "no": Maalform.NB, "no-no": Maalform.NB}  # fmt: skip


def _maalform(param: Maalform | None, accept_language: str | None) -> Maalform:
    """The query parameter wins; else the nn or nb tag of Accept-Language with the highest
    q-value (RFC 9110; the first of equal ones; q=0 means not acceptable); else Bokmål."""
    if param is not None:
        return param
    ranked: list[tuple[float, int, Maalform]] = []
    for n, part in enumerate((accept_language or "").split(",")[:50]):
        tag, *params = (p.strip().lower() for p in part.split(";"))
        given = next((p[2:] for p in params if p.startswith("q=")), "1")
        q = float(given) if given.replace(".", "", 1).isdigit() else 0.0
        found = _MAALFORM_TAGS.get(tag)
        if found is not None and 0 < q <= 1:
            ranked.append((-q, n, found))
    return min(ranked)[2] if ranked else Maalform.NB


class ErrorItem(BaseModel):
    """One problem: the field's dotted path (empty for the whole request), a stable code
    (``skolemiljo.error_codes()`` and pydantic's error types) and a message without input."""

    path: str
    code: str
    message: str


class ErrorBody(BaseModel):
    """The body of every error response."""

    errors: list[ErrorItem]


def _responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The documented error responses of an operation (all with :class:`ErrorBody`)."""
    text = {
        404: "No such path, schema or letter kind (`not_found`, `unknown_schema`, "
        "`unknown_letter_kind`).",
        405: "The path does not take this method (`method_not_allowed`).",
        413: "The request body is over the limit (`body_too_large`), however it is sent.",
        422: "The body could not be read (`json_invalid`) or validated (the field's path and "
        "code), or a skolemiljo error (`error_codes()`).",
        500: "An unforeseen failure (`internal_error`): a bug, please report it.",
        501: "PDF or DOCX asked for, and the service was installed without the `[pdf]` or "
        "`[docx]` extra (`extra_missing`).",
        503: "The rule engine failed (`engine_error`); nothing was guessed.",
    }
    return {status: {"model": ErrorBody, "description": text[status]} for status in statuses}


def _errors(items: list[dict[str, str]], status: int = 422) -> Any:
    return JSONResponse(status_code=status, content={"errors": items})


def create_app(*, max_body_bytes: int = DEFAULT_MAX_BODY) -> Any:
    """The ASGI application: FastAPI, wrapped in the request-body limit (at least 1 byte:
    there is no way to turn it off) and a guard that answers anything unforeseen with a JSON
    500 that names no input."""
    if isinstance(max_body_bytes, bool) or not isinstance(max_body_bytes, int):
        raise argument_error("max_body_bytes", "a whole number of bytes")
    if max_body_bytes < 1:
        raise InputError(
            "max_body_bytes",
            [FieldError("max_body_bytes", "argument_type", "expected at least 1 byte")],
        )
    app = FastAPI(
        title="skolemiljo",
        version=__version__,
        description="Norwegian school-environment law (opplæringslova kap. 12 / kap. 9 A): "
        "plan validation, duties, audits and letters in Bokmål and Nynorsk. Every error is "
        '`{"errors": [{"path", "code", "message"}]}` and never repeats an input value.',
        docs_url=None,  # served below from the package, not a CDN: it works offline
        redoc_url=None,
        responses=_responses(413, 500),
        openapi_tags=[
            {"name": "plans", "description": "Activity plans (aktivitetsplan), items a–f."},
            {"name": "cases", "description": "Duties, rights and missed deadlines of a case."},
            {"name": "letters", "description": "Letters to parents, pupils and the owner."},
            {"name": "schemas", "description": "The published JSON Schemas."},
            {"name": "service", "description": "Liveness and this documentation."},
        ],
    )
    app.router.route_class = DirectJSONRoute  # a result model is written as JSON once
    mount_docs(app)
    errors_as_json(app)

    _add_error_handlers(app)
    _add_plan_routes(app)
    _add_case_core_routes(app)
    add_compact_route(app, _assessed, _responses)
    add_case_routes(app, _maalform, _routine_name, _responses)
    add_inspection_routes(app, _maalform, _responses)
    _add_reference_routes(app)
    return Guard(app, max_body_bytes)


def _add_error_handlers(app: FastAPI) -> None:
    """Every error as ``{"errors": [...]}``, never an input value or a traceback."""

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> Any:
        if any(tuple(e.get("loc", ()))[:2] == ("path", "kind") for e in exc.errors()):
            # a letter kind that does not exist is a missing resource, not a bad body
            item = {"path": "kind", "code": "unknown_letter_kind", "message": "no such letter kind"}
            return _errors([item], 404)
        fields = error_items(list(exc.errors()), skip_prefix=("body", "query", "path", "header"))
        return _errors([{"path": f.path, "code": f.code, "message": f.message} for f in fields])

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> Any:
        if exc.status_code == 400:  # FastAPI could not read the body: bytes, charset, depth
            return _errors([{"path": "", "code": "json_invalid", "message": "not valid JSON"}])
        item = _HTTP_ERRORS.get(
            exc.status_code, {"path": "", "code": "error", "message": "request refused"}
        )
        return _errors([item], exc.status_code)

    @app.exception_handler(Exception)
    async def _internal(_: Request, exc: Exception) -> Any:
        return _errors([{"path": "", "code": "internal_error", "message": "internal error"}], 500)

    @app.exception_handler(SkolemiljoError)
    async def _library(_: Request, exc: SkolemiljoError) -> Any:
        if isinstance(exc, InputError):
            return _errors(
                [{"path": f.path, "code": f.code, "message": f.message} for f in exc.fields]
            )
        if isinstance(exc, OutOfScopeError):
            return _errors([{"path": exc.path, "code": exc.code, "message": str(exc)}])
        if isinstance(exc, LetterError):
            status = 501 if exc.code == "extra_missing" else 422  # the service lacks an extra
            return _errors([{"path": exc.path, "code": exc.code, "message": str(exc)}], status)
        if isinstance(exc, RoutineError):
            return _errors([{"path": "routine", "code": "routine_invalid", "message": str(exc)}])
        if isinstance(exc, EngineError):
            return _errors([{"path": "", "code": "engine_error", "message": str(exc)}], 503)
        return _errors([{"path": "", "code": "error", "message": str(exc)}])


def _routine_name(routine: str | None) -> str | None:
    """``routine`` when it names a shipped routine (an HTTP client names one, never a path)."""
    if routine is not None and routine not in shipped_routines():
        raise InputError(
            "routine",
            [FieldError("routine", "unknown_routine", "one of " + ", ".join(shipped_routines()))],
        )
    return routine


def _add_plan_routes(app: FastAPI) -> None:
    """Liveness and the plans: validate, a revision against the one before, the follow-up."""

    @app.get("/health", operation_id="health", tags=["service"])
    def health() -> dict[str, str]:
        """Liveness, the library version and the rule engine in use."""
        return {"status": "ok", "version": __version__, "engine": default_engine()}

    @app.post(
        "/v1/plans/validate",
        response_model=ValidationReport,
        operation_id="validate_plan",
        tags=["plans"],
        responses=_responses(422),
    )
    def validate(
        plan: ActivityPlan,
        profile: Profile = Profile.DEFAULT,
        maalform: Annotated[Maalform | None, Query()] = None,
        accept_language: Annotated[str | None, Header()] = None,
    ) -> ValidationReport:
        """Validate an activity plan (items a–f) before it is saved."""
        return validate_plan(plan, profile=profile, maalform=_maalform(maalform, accept_language))

    @app.post(
        "/v1/plans/validate-revision",
        response_model=ValidationReport,
        operation_id="validate_plan_revision",
        tags=["plans"],
        responses=_responses(422),
    )
    def validate_revision(
        body: PlanRevision,
        profile: Profile = Profile.DEFAULT,
        maalform: Annotated[Maalform | None, Query()] = None,
        accept_language: Annotated[str | None, Header()] = None,
    ) -> ValidationReport:
        """Validate a revised plan against the version it revises (``previous``): the
        revision keeps each earlier measure with how it went."""
        return validate_plan(
            body.plan,
            profile=profile,
            maalform=_maalform(maalform, accept_language),
            previous=body.previous,
        )

    @app.post(
        "/v1/follow-up-plans/validate",
        response_model=ValidationReport,
        operation_id="validate_follow_up",
        tags=["plans"],
        responses=_responses(422),
    )
    def follow_up(
        plan: FollowUpPlan,
        maalform: Annotated[Maalform | None, Query()] = None,
        accept_language: Annotated[str | None, Header()] = None,
    ) -> ValidationReport:
        """Validate the follow-up plan after a case is closed (Udir's guidance)."""
        return validate_follow_up(plan, maalform=_maalform(maalform, accept_language))


def _assessed(
    case: Case,
    as_of: date | None,
    routine: str | None,
    maalform: Maalform | None,
    readings: list[OptInReading] | None,
    accept_language: str | None,
) -> Assessment:
    """A case's assessment as the assess operations ask for it (JSON and compact)."""
    return assess(
        case,
        as_of,
        maalform=_maalform(maalform, accept_language),
        routine=_routine_name(routine),
        readings=readings or (),
    )


def _add_case_core_routes(app: FastAPI) -> None:
    """A case's duties and rights (assess) and its missed deadlines (audit)."""

    @app.post(
        "/v1/cases/assess",
        response_model=Assessment,
        operation_id="assess_case",
        tags=["cases"],
        responses=_responses(422, 503),
    )
    async def assess_case(
        case: Case,
        as_of: date | None = None,
        routine: str | None = None,
        maalform: Annotated[Maalform | None, Query()] = None,
        readings: READINGS_QUERY = None,
        accept_language: Annotated[str | None, Header()] = None,
    ) -> Assessment:
        """The duties and rights in force for a case at ``as_of`` (default: today)."""
        # async: a case's assessment takes well under a millisecond (a capped case a few),
        # less than handing it to a worker thread and back (issue 26)
        return _assessed(case, as_of, routine, maalform, readings, accept_language)

    @app.post(
        "/v1/cases/audit",
        response_model=AuditReport,
        operation_id="audit_case",
        tags=["cases"],
        responses=_responses(422),
    )
    async def audit_case(
        case: Case,
        as_of: date | None = None,
        routine: str | None = None,
        maalform: Annotated[Maalform | None, Query()] = None,
        min_source: Annotated[
            SourceKind,
            Query(
                description="The weakest source of a deadline to report: statute (what the "
                "act itself sets), guidance, reading (the library's readings) or local."
            ),
        ] = "local",
        readings: READINGS_QUERY = None,
        accept_language: Annotated[str | None, Header()] = None,
    ) -> AuditReport:
        """Breaches of the law (and a shipped local routine) in a case's timeline, each with
        the source of its deadline (``source_kind``)."""
        return audit(
            case,
            as_of,
            routine=_routine_name(routine),
            maalform=_maalform(maalform, accept_language),
            options=AuditOptions(min_source=min_source, readings=tuple(readings or ())),
        )


def _add_reference_routes(app: FastAPI) -> None:
    """The catalogue of measures and the published JSON Schemas."""

    @app.get(
        "/v1/measures",
        response_model=list[MeasureEntry],
        operation_id="list_measures",
        tags=["plans"],
    )
    def measures() -> list[MeasureEntry]:
        """The catalogue of measures (Udir's guidance), with nb and nn labels, level, purposes
        and whose consent each needs: choices a vendor may offer (free text stays valid)."""
        return list(measure_catalogue())

    @app.get("/v1/schemas", operation_id="list_schemas", tags=["schemas"])
    def schemas() -> list[str]:
        """The names of the published JSON Schemas."""
        return list(schema_names())

    @app.get(
        "/v1/schemas/{name}",
        operation_id="get_schema",
        tags=["schemas"],
        responses=_responses(404, 422),
    )
    def schema(name: str) -> Any:
        """One published JSON Schema (the same as ``skolemiljo schema NAME``); 404 for a name
        that is not one of ``/v1/schemas``."""
        if name not in schema_names():
            return _errors(
                [{"path": "name", "code": "unknown_schema", "message": "no such schema"}], 404
            )
        return json_schema(name)


def serve(options: ServerOptions | None = None) -> None:
    """Run the service with uvicorn until SIGTERM or Ctrl-C."""
    import uvicorn
    from uvicorn.config import LOGGING_CONFIG

    opts = options or ServerOptions()
    log_config = copy.deepcopy(LOGGING_CONFIG)
    log_config.setdefault("filters", {})["no_query"] = {"()": NoQuery}
    log_config["handlers"]["access"]["filters"] = ["no_query"]
    uvicorn.run(
        create_app(max_body_bytes=opts.max_body_bytes),
        host=opts.host,
        port=opts.port,
        http=protocol(opts.read_timeout),
        log_level="info",
        access_log=opts.access_log,
        log_config=log_config,
        timeout_keep_alive=max(1, round(opts.keep_alive)),
        timeout_graceful_shutdown=max(1, round(opts.shutdown_timeout)),
    )
