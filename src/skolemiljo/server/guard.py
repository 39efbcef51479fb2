"""The outermost ASGI layer of the service: the body limit and the catch-all for bugs (not
public API; see :func:`skolemiljo.server.create_app`)."""

from __future__ import annotations

import logging
from typing import Any

__all__ = ["Guard"]

_log = logging.getLogger("skolemiljo.server")


_TOO_LARGE = b'{"errors":[{"path":"","code":"body_too_large","message":"request body too large"}]}'
_INTERNAL = b'{"errors":[{"path":"","code":"internal_error","message":"internal error"}]}'


class Guard:
    """ASGI middleware, outermost: 413 for bodies over the limit (by Content-Length, or as a
    chunked body streams in, whatever the application made of the cut-off body), and a JSON
    500 for anything unforeseen, logged by its type only (a traceback can quote input)."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await self._respond(send, 413, _TOO_LARGE)
            return
        seen = 0
        too_large = False
        started = False

        async def counting_receive() -> dict[str, Any]:
            nonlocal seen, too_large
            if too_large:
                raise _TooLarge
            message: dict[str, Any] = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    too_large = True
                    raise _TooLarge
            return message

        async def guarded_send(message: dict[str, Any]) -> None:
            nonlocal started
            if too_large:  # the application answered a body it never got whole: drop that
                return
            started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except _TooLarge:
            pass
        except Exception as error:
            _log.error("internal error: %s", type(error).__name__)
            if not started and not too_large:
                await self._respond(send, 500, _INTERNAL)
                return
        if too_large:
            await self._respond(send, 413, _TOO_LARGE)

    @staticmethod
    async def _respond(send: Any, status: int, body: bytes) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass
