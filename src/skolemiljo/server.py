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

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from ._assess import Assessment, assess
from ._audit import AuditReport, audit
from ._engine import default_engine
from ._i18n import Maalform
from ._input import SAFE_MESSAGES
from ._version import __version__
from .case import Case
from .errors import (
    EngineError,
    FieldError,
    InputError,
    LetterError,
    OutOfScopeError,
    RoutineError,
    SkolemiljoError,
)
from .findings import Profile, ValidationReport
from .letters import Letter, LetterRequest, render_letter
from .models import ActivityPlan
from .plan import validate_plan
from .routine import shipped_routines
from .schema import json_schema, schema_names

__all__ = ["DEFAULT_MAX_BODY", "create_app"]

DEFAULT_MAX_BODY = 256 * 1024
"""Request bodies above this many bytes are refused with 413."""

LetterKindParam = Literal[
    "receipt", "meeting_invitation", "activity_plan", "evaluation", "closing", "owner_notice"
]


class _BodyLimit:
    """ASGI middleware: 413 for bodies over the limit, by Content-Length or as they stream."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await self._refuse(send)
            return
        seen = 0
        too_large = False

        async def counting_receive() -> dict[str, Any]:
            nonlocal seen, too_large
            message: dict[str, Any] = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    too_large = True
                    raise _TooLarge
            return message

        try:
            await self.app(scope, counting_receive, send)
        except _TooLarge:
            await self._refuse(send)

    async def _refuse(self, send: Any) -> None:
        body = (
            b'{"errors":[{"path":"","code":"body_too_large","message":"request body too large"}]}'
        )
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


def _maalform(param: Maalform | None, accept_language: str | None) -> Maalform:
    """The query parameter wins; else the first of nn/nb in Accept-Language; else Bokmål."""
    if param is not None:
        return param
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().lower()
        if tag in ("nn", "nn-no"):
            return Maalform.NN
        if tag in ("nb", "nb-no", "no", "no-no"):
            return Maalform.NB
    return Maalform.NB


def _errors(items: list[dict[str, str]], status: int = 422) -> Any:
    return JSONResponse(status_code=status, content={"errors": items})


def create_app(*, max_body_bytes: int = DEFAULT_MAX_BODY) -> Any:
    """The ASGI application: FastAPI, wrapped in the request-body limit."""
    app = FastAPI(
        title="skolemiljo",
        version=__version__,
        description="Norwegian school-environment law (opplæringslova kap. 12 / kap. 9 A): "
        "plan validation, duties, audits and letters in Bokmål and Nynorsk.",
    )

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> Any:
        items = []
        for error in exc.errors():
            loc = [str(p) for p in error.get("loc", ())]
            if loc and loc[0] in ("body", "query", "path", "header"):
                loc = loc[1:]
            code = str(error.get("type", "invalid"))
            if code == "json_invalid":
                loc, message = [], "not valid JSON"
            else:
                message = SAFE_MESSAGES.get(code, str(error.get("msg", "")))
            items.append({"path": ".".join(loc), "code": code, "message": message})
        return _errors(items)

    @app.exception_handler(SkolemiljoError)
    async def _library(_: Request, exc: SkolemiljoError) -> Any:
        if isinstance(exc, InputError):
            return _errors(
                [{"path": f.path, "code": f.code, "message": f.message} for f in exc.fields]
            )
        if isinstance(exc, OutOfScopeError):
            return _errors([{"path": exc.path, "code": exc.code, "message": str(exc)}])
        if isinstance(exc, LetterError):
            return _errors([{"path": "", "code": exc.code, "message": str(exc)}])
        if isinstance(exc, RoutineError):
            return _errors([{"path": "routine", "code": "routine_invalid", "message": str(exc)}])
        if isinstance(exc, EngineError):
            return _errors([{"path": "", "code": "engine_error", "message": str(exc)}], 503)
        return _errors([{"path": "", "code": "error", "message": str(exc)}])

    def routine_name(routine: str | None) -> str | None:
        if routine is not None and routine not in shipped_routines():
            raise InputError(
                "routine",
                [
                    FieldError(
                        "routine", "unknown_routine", "one of " + ", ".join(shipped_routines())
                    )
                ],
            )
        return routine

    @app.get("/health")
    def health() -> dict[str, str]:
        """Liveness, the library version and the rule engine in use."""
        return {"status": "ok", "version": __version__, "engine": default_engine()}

    @app.post("/v1/plans/validate", response_model=ValidationReport)
    def validate(
        plan: ActivityPlan,
        profile: Profile = Profile.DEFAULT,
        maalform: Annotated[Maalform | None, Query()] = None,
        accept_language: Annotated[str | None, Header()] = None,
    ) -> ValidationReport:
        """Validate an activity plan (items a–f) before it is saved."""
        return validate_plan(plan, profile=profile, maalform=_maalform(maalform, accept_language))

    @app.post("/v1/cases/assess", response_model=Assessment)
    def assess_case(
        case: Case,
        as_of: date | None = None,
        routine: str | None = None,
        maalform: Annotated[Maalform | None, Query()] = None,
        accept_language: Annotated[str | None, Header()] = None,
    ) -> Assessment:
        """The duties and rights in force for a case at ``as_of`` (default: today)."""
        return assess(
            case,
            as_of,
            maalform=_maalform(maalform, accept_language),
            routine=routine_name(routine),
        )

    @app.post("/v1/cases/audit", response_model=AuditReport)
    def audit_case(
        case: Case,
        as_of: date | None = None,
        routine: str | None = None,
        maalform: Annotated[Maalform | None, Query()] = None,
        accept_language: Annotated[str | None, Header()] = None,
    ) -> AuditReport:
        """Breaches of the law (and a shipped local routine) in a case's timeline."""
        return audit(
            case,
            as_of,
            routine=routine_name(routine),
            maalform=_maalform(maalform, accept_language),
        )

    @app.post("/v1/letters/{kind}", response_model=Letter)
    def letter(
        kind: LetterKindParam,
        request: LetterRequest,
        format: Literal["text", "html"] = "text",
        maalform: Annotated[Maalform | None, Query()] = None,
        accept_language: Annotated[str | None, Header()] = None,
    ) -> Letter:
        """Render a letter in the målform; incomplete letters are refused (422)."""
        return render_letter(
            kind, request, maalform=_maalform(maalform, accept_language), format=format
        )

    @app.get("/v1/schemas")
    def schemas() -> list[str]:
        """The names of the published JSON Schemas."""
        return list(schema_names())

    @app.get("/v1/schemas/{name}")
    def schema(name: str) -> dict[str, Any]:
        """One published JSON Schema (the same as ``skolemiljo schema NAME``)."""
        return json_schema(name)

    return _BodyLimit(app, max_body_bytes) if max_body_bytes else app
