"""The HTTP service (``pip install skolemiljo[server]``): its face.

``app`` builds the FastAPI application from route groups (plans, a case's duties and audit,
``cases``: agenda, case file and letters, the catalogue and schemas) with one error shape;
``guard`` is the request-body limit and the catch-all around it; ``serving`` runs it on
uvicorn with the read and shutdown timeouts and an access log without query strings.
"""

from __future__ import annotations

from .app import (
    DEFAULT_MAX_BODY,
    ErrorBody,
    ErrorItem,
    PlanRevision,
    ServerOptions,
    create_app,
    serve,
)

__all__ = [
    "DEFAULT_MAX_BODY",
    "ErrorBody",
    "ErrorItem",
    "PlanRevision",
    "ServerOptions",
    "create_app",
    "serve",
]
