"""Shared test setup: hypothesis profiles and paths to the shipped examples."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

from skolemiljo._engine import durable_available  # noqa: E402

needs_durable = pytest.mark.skipif(
    not durable_available(),
    reason="durable-rules is not installed here (Python 3.13+, or no [durable] extra); "
    "make test runs these on the main Python, where test_durable_is_there_where_required "
    "makes sure it is",
)
"""For tests of the durable-rules engine itself, and the differential tests against it."""

TSC = ROOT / ".node" / "node_modules" / ".bin" / "tsc"
needs_tsc = pytest.mark.skipif(
    not TSC.exists(),
    reason="the TypeScript compiler is not installed (make test installs it into .node)",
)

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


class AsgiClient:
    """An ASGI application in process, through httpx's ASGI transport (each call its own
    event loop): no server, no sockets."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def go() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app, raise_app_exceptions=False)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
                return await c.request(method, url, **kwargs)

        return asyncio.run(go())

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)


@pytest.fixture
def rules_copy(tmp_path: Path) -> Iterator[Path]:
    """A copy of ``src/skolemiljo/rules`` that the library reads until the test ends (to show
    that a change of data alone, an amendment or a gap, does what it should)."""
    import shutil

    from skolemiljo.legal import use_rules_folder

    copy = tmp_path / "rules"
    shutil.copytree(ROOT / "src" / "skolemiljo" / "rules", copy)
    use_rules_folder(None)
    yield copy
    use_rules_folder(None)


FIXTURE_RULE = ROOT / "tests" / "fixtures" / "rules" / "s99_fixture.toml"


@pytest.fixture
def fixture_rule(rules_copy: Path) -> Path:
    """A copy of ``rules/`` with one more rule file, ``s99_fixture.toml`` (a fictitious duty,
    ``fixture_duty``), listed last in its ``law.toml``: the file a test amends or breaks, so that
    no test patches the text of a real rule. Returns the copied fixture file."""
    import shutil

    target = rules_copy / FIXTURE_RULE.name
    shutil.copy(FIXTURE_RULE, target)
    law = rules_copy / "law.toml"
    text = law.read_text(encoding="utf-8")
    listed = '"s12_6_handheving.toml",\n]'
    assert listed in text
    law.write_text(text.replace(listed, f'"s12_6_handheving.toml",\n    "{target.name}",\n]'))
    return target


def run_script(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``scripts/NAME`` with this interpreter, output captured (e.g. a generator's
    ``--check``, which exits non-zero when a committed file is out of date)."""
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / name), *args],
        capture_output=True,
        text=True,
        check=False,
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, Path]]:
    """The service on loopback, with its combined log captured to a file."""
    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    exe = Path(sys.executable).parent / "skolemiljo"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [str(exe), "serve", "--host", "127.0.0.1", "--port", str(port), "--max-body", "65536"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if client.get("/health").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError(log.read_text())
            time.sleep(0.1)
        yield client, log
    finally:
        client.close()
        proc.terminate()
        proc.wait(timeout=10)


def vendor_templates(folder: Path) -> Path:
    """``folder`` holding the templates a vendor starts from (every kind, both målformer):
    the shipped ones with the library's law blocks as placeholders."""
    from skolemiljo._i18n import Maalform
    from skolemiljo.letters import LETTER_KINDS, starting_template

    folder.mkdir(parents=True, exist_ok=True)
    for kind in LETTER_KINDS:
        for m in (Maalform.NB, Maalform.NN):
            (folder / f"{kind}.{m.value}.j2").write_text(
                starting_template(kind, m), encoding="utf-8"
            )
    return folder
