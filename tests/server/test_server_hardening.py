"""The HTTP service under hostile clients (issue 11, defects 7, 10 and 11).

Every error is ``{"errors": [...]}`` with its documented status; bodies over the limit are
413 however they arrive; no access log by default and never a query string in it; stalled
clients are cut off, and SIGTERM ends the server even with a half-sent request.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from skolemiljo import InputError
from skolemiljo.cli import main
from skolemiljo.server import create_app

from ..conftest import EXAMPLES, AsgiClient, _free_port

CASE = (EXAMPLES / "cases" / "teacher_harasses_pupil.json").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def client() -> AsgiClient:
    return AsgiClient(create_app(max_body_bytes=65536))


def _only_errors(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"errors"}, body
    assert body["errors"][0]["code"] == code, body
    assert all(set(e) == {"path", "code", "message"} for e in body["errors"])


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b'{"pupil": {"ref": "\xff\xfe"}}', "application/json"),
        ('{"pupil": {"ref": "Ødegård"}}'.encode("latin-1"), "application/json; charset=latin-1"),
        (b"[" * 5000 + b"]" * 5000, "application/json"),
        (b'{"grade": ' + b"9" * 5000 + b"}", "application/json"),
        (b"\x00\x01\x02", "application/octet-stream"),
        (b"", "application/json"),
        (b"{", "application/json"),
    ],
)
def test_unreadable_bodies_are_422_json_invalid(
    client: AsgiClient, content: bytes, content_type: str
) -> None:
    """A body that cannot be read as JSON is 422 in the error shape."""
    response = client.post(
        "/v1/cases/assess", content=content, headers={"content-type": content_type}
    )
    assert response.status_code == 422, response.text
    assert set(response.json()) == {"errors"}


def test_a_5000_digit_number_in_a_field_is_a_field_error(client: AsgiClient) -> None:
    """A number thousands of digits long in a body is a field error, not a hang or a crash."""
    data = json.loads(CASE)
    body = json.dumps(data)[:-1] + ', "extra": ' + "9" * 4000 + "}"
    response = client.post(
        "/v1/cases/assess", content=body, headers={"content-type": "application/json"}
    )
    _only_errors(response, 422, "extra_forbidden")


def test_unknown_paths_and_methods_are_in_the_contract(client: AsgiClient) -> None:
    """Unknown paths, methods and letter kinds answer 404 or 405 in the error shape (a letter
    kind that does not exist is a missing resource: 404, issue 27), never echoing the kind."""
    _only_errors(client.get("/v1/nothing"), 404, "not_found")
    _only_errors(client.get("/v1/cases/assess"), 405, "method_not_allowed")
    unknown = client.post("/v1/letters/Kari%20Nordmann", content="{}")
    _only_errors(unknown, 404, "unknown_letter_kind")
    assert "Kari" not in unknown.text


def test_bodies_over_the_limit_are_413_also_when_chunked(client: AsgiClient) -> None:
    """A body over the limit is 413, also when it arrives chunked."""
    big = b'{"pupil": {"ref": "' + b"x" * 100_000 + b'"}}'
    _only_errors(client.post("/v1/cases/assess", content=big), 413, "body_too_large")

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(10):
            yield b" " * 10_000

    _only_errors(client.post("/v1/cases/assess", content=chunks()), 413, "body_too_large")


def test_the_body_limit_cannot_be_turned_off() -> None:
    """The body limit cannot be set to zero, a negative or a wrong type."""
    for bad in (0, -1, True, "10"):
        with pytest.raises(InputError):
            create_app(max_body_bytes=bad)  # type: ignore[arg-type]
    with pytest.raises(SystemExit) as info:
        main(["serve", "--max-body", "0"])
    assert info.value.code == 2


def test_an_unforeseen_failure_is_a_json_500_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, client: AsgiClient, caplog: pytest.LogCaptureFixture
) -> None:
    """An unforeseen failure is a JSON 500 internal_error, without a traceback or the
    exception's text."""
    import skolemiljo.server.app as server

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("Kari Nordmann")

    monkeypatch.setattr(server, "assess", boom)
    with caplog.at_level("DEBUG"):
        response = client.post(
            "/v1/cases/assess", content=CASE, headers={"content-type": "application/json"}
        )
    _only_errors(response, 500, "internal_error")
    assert "Kari" not in response.text
    assert "Kari" not in caplog.text


# ------------------------------------------------------------- a real server, on loopback --


def _start(*flags: str, log: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    exe = Path(sys.executable).parent / "skolemiljo"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [str(exe), "serve", "--port", str(port), *flags], stdout=out, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + 20
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc, port
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            raise RuntimeError(log.read_text())
        time.sleep(0.1)


def _closed_by_server(sock: socket.socket, deadline: float) -> bool:
    sock.settimeout(max(0.01, deadline - time.monotonic()))
    try:
        while True:
            data = sock.recv(4096)
            if not data:
                return True
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True


def test_stalled_clients_are_cut_off_and_sigterm_ends_the_server(tmp_path: Path) -> None:
    """200 connections that never finish their headers, and one half-sent body: all are
    closed after --read-timeout; SIGTERM with a half-sent body ends the server promptly."""
    proc, port = _start("--read-timeout", "1", "--shutdown-timeout", "1", log=tmp_path / "l")
    try:
        stalled = []
        for _ in range(200):
            sock = socket.create_connection(("127.0.0.1", port))
            sock.sendall(b"POST /v1/cases/assess HTTP/1.1\r\nHost: x\r\n")
            stalled.append(sock)
        half = socket.create_connection(("127.0.0.1", port))
        half.sendall(
            b'POST /v1/cases/assess HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"pu'
        )
        start = time.monotonic()
        assert all(_closed_by_server(s, start + 6) for s in [*stalled, half])
        assert time.monotonic() - start < 6
        for sock in stalled:
            sock.close()
        half.close()
        # the server still answers
        answer = httpx.post(
            f"http://127.0.0.1:{port}/v1/cases/assess",
            content=CASE,
            headers={"content-type": "application/json"},
        )
        assert answer.status_code == 200, answer.text
        again = socket.create_connection(("127.0.0.1", port))
        again.sendall(b"POST /v1/cases/assess HTTP/1.1\r\nHost: x\r\nContent-Length: 900\r\n\r\n{")
        time.sleep(0.2)
        start = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)
        assert time.monotonic() - start < 5
        again.close()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_access_log_is_off_by_default_and_never_has_query_strings(tmp_path: Path) -> None:
    """The access log is off by default and, when on, never holds query strings."""
    query = "?as_of=2024-10-01&maalform=nn&routine=Kari"
    for flags, logged in (((), False), (("--access-log",), True)):
        log = tmp_path / f"log{len(flags)}"
        proc, port = _start(*flags, log=log)
        try:
            httpx.post(
                f"http://127.0.0.1:{port}/v1/cases/assess{query}",
                content=CASE,
                headers={"content-type": "application/json"},
            )
            httpx.get(f"http://127.0.0.1:{port}/v1/schemas?x=Kari")
        finally:
            proc.terminate()
            proc.wait(timeout=10)
        text = log.read_text()
        assert ("POST /v1/cases/assess HTTP/1.1" in text) is logged, text
        assert "Kari" not in text
        assert "as_of" not in text
        assert "maalform=nn" not in text
