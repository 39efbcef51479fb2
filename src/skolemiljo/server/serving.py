"""How the service runs under uvicorn: its options, a read deadline per connection, an access
log without query strings (not public API; see :func:`skolemiljo.server.serve`)."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["DEFAULT_MAX_BODY", "NoQuery", "ServerOptions", "protocol"]

DEFAULT_MAX_BODY = 256 * 1024
"""Request bodies above this many bytes are refused with 413."""


class ServerOptions(BaseModel):
    """How :func:`serve` runs the service (``skolemiljo serve`` flags of the same names).

    ``read_timeout``: seconds a client has to send a whole request, headers and body, before
    the connection is closed (default 10); ``shutdown_timeout``: seconds to finish open
    requests after SIGTERM (default 5); ``keep_alive``: seconds an idle connection is kept;
    ``access_log``: one line per request, without query strings (default off).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    max_body_bytes: int = Field(default=DEFAULT_MAX_BODY, ge=1)
    read_timeout: float = Field(default=10.0, gt=0, le=600)
    shutdown_timeout: float = Field(default=5.0, ge=0, le=600)
    keep_alive: float = Field(default=5.0, gt=0, le=600)
    access_log: bool = False


class NoQuery(logging.Filter):
    """Access-log lines without the query string (it may hold a name or a date)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], args[2].split("?", 1)[0], *args[3:])
        return True


def protocol(read_timeout: float) -> type[Any]:
    """uvicorn's h11 protocol with a read deadline: a request whose headers and body have not
    all arrived ``read_timeout`` seconds after the connection opened (or the last response
    was sent) is cut off, so slow or stalled clients cannot hold connections open."""
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class Protocol(H11Protocol):
        _read_timer: Any = None

        def _arm(self) -> None:
            if self._read_timer is not None:
                self._read_timer.cancel()
            self._read_timer = self.loop.call_later(read_timeout, self._read_expired)

        def _read_expired(self) -> None:
            self._read_timer = None
            if self.transport.is_closing():
                return
            if self.conn.their_state in (h11.IDLE, h11.SEND_BODY):
                self.transport.close()

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self._arm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            if self._read_timer is not None:
                self._read_timer.cancel()
                self._read_timer = None
            super().connection_lost(exc)

    return Protocol
