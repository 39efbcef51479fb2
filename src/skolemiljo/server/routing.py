"""The service's route class: a result model is written as JSON once, by pydantic (not public
API).

FastAPI, given a ``response_model``, dumps the returned model to Python data, validates that
data against the model again, and serialises it a second time with ``json.dumps``: a third of
a request's time for a large result (issue 26). The results here are the library's own
validated models, so :class:`DirectJSONRoute` writes them with ``model_dump_json(by_alias=
True)`` into the response, byte for byte what FastAPI wrote (compact, non-ASCII kept). The
``response_model`` still documents the response in the OpenAPI document.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from functools import cache
from typing import Any

from fastapi.responses import Response
from fastapi.routing import APIRoute
from pydantic import BaseModel

__all__ = ["DirectJSONRoute", "media_response", "one_media"]


class DirectJSONRoute(APIRoute):
    """An API route whose endpoint's model result is serialised once, directly."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        if inspect.iscoroutinefunction(endpoint):

            @functools.wraps(endpoint)
            async def direct_async(*args: Any, **kw: Any) -> Any:
                return _written(await endpoint(*args, **kw))

            super().__init__(path, direct_async, **kwargs)
            return

        @functools.wraps(endpoint)
        def direct(*args: Any, **kw: Any) -> Any:
            return _written(endpoint(*args, **kw))

        super().__init__(path, direct, **kwargs)


def _written(result: Any) -> Any:
    if isinstance(result, BaseModel):
        return Response(result.model_dump_json(by_alias=True), media_type="application/json")
    return result


@cache
def media_response(media: str) -> type[Response]:
    """The response class of an operation that answers ``media`` only (one per media type:
    the OpenAPI document then gives the operation that one content type)."""
    return type(f"Response_{media.replace('/', '_')}", (Response,), {"media_type": media})


def one_media(media: str, description: str, *, binary: bool = False) -> dict[int | str, Any]:
    """An operation's documented 200 response: ``description``, in ``media`` only (a file
    when ``binary``, text otherwise)."""
    schema = {"type": "string", "format": "binary"} if binary else {"type": "string"}
    return {200: {"description": description, "content": {media: {"schema": schema}}}}
