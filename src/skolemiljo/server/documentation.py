"""The service's own documentation: Swagger UI served from the package, and the OpenAPI
document's error responses as JSON on every operation. Not public API."""

from __future__ import annotations

from importlib import resources
from typing import Any

from fastapi import FastAPI

__all__ = ["errors_as_json", "mount_docs"]


def errors_as_json(app: FastAPI) -> None:
    """Every error response documented as JSON: FastAPI documents an operation's error models
    under the operation's own media type, so a PDF operation's 422 read ``application/pdf``
    (a generated client then expects a PDF where the service sends ``{"errors": ...}``)."""
    made = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        document = made()
        for operations in document.get("paths", {}).values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if str(status).startswith("2") or "application/json" in content:
                        continue
                    for media in list(content):
                        content["application/json"] = content.pop(media)
        return document

    app.openapi = openapi  # type: ignore[method-assign]


def mount_docs(app: FastAPI) -> None:
    """Swagger UI at ``/docs``, its scripts from the package (fastapi-offline's copy of
    swagger-ui 5, which reads OpenAPI 3.1), never from a CDN."""
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.responses import HTMLResponse
    from fastapi.staticfiles import StaticFiles

    try:
        static = resources.files("fastapi_offline") / "static"
    except ModuleNotFoundError:  # pragma: no cover - the server extra installs it
        return
    app.mount("/docs/static", StaticFiles(directory=str(static)), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="skolemiljo",
            swagger_js_url="/docs/static/swagger-ui-bundle.js",
            swagger_css_url="/docs/static/swagger-ui.css",
            swagger_favicon_url="/docs/static/favicon.png",
        )
