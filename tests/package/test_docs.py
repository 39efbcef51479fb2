"""The documentation runs: every command, request and client example in README.md and docs/.

Python examples run as doctests (pytest --doctest-glob=*.md). Here: each `skolemiljo ...` line
of a ```sh block, each curl line of a ```http block against the live service, and the
TypeScript client, compiled with tsc and run with node, whose output must be what the guide says.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import httpx
import pytest

from ..conftest import ROOT, needs_tsc

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BIN = Path(sys.executable).parent
TSC = ROOT / ".node" / "node_modules" / "typescript" / "bin" / "tsc"


def blocks(language: str) -> list[tuple[str, str]]:
    """(file name, line) for every line of every fenced block in that language."""
    out = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for body in re.findall(rf"```{language}\n(.*?)```", text, flags=re.S):
            out += [(path.name, line) for line in body.splitlines() if line.strip()]
    return out


SHELL = [(name, line) for name, line in blocks("sh") if line.startswith("skolemiljo ")]
SERVE = [line for _, line in SHELL if line.startswith("skolemiljo serve")]


@pytest.mark.parametrize(
    ("doc", "line"), [s for s in SHELL if not s[1].startswith("skolemiljo serve")]
)
def test_shell_examples_run(doc: str, line: str, tmp_path: Path) -> None:
    """Each documented command runs from the project folder: exit 0 (or 1 for findings)."""
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}")
    line = line.replace("-o plan.html", f"-o {tmp_path / 'plan.html'}")
    line = line.replace("--ics agenda.ics", f"--ics {tmp_path / 'plan.html'}")
    line = line.replace("-o letter.pdf", f"-o {tmp_path / 'plan.html'}")
    line = line.replace("-o letter.docx", f"-o {tmp_path / 'plan.html'}")
    line = line.replace("my-templates", str(tmp_path / "my-templates"))
    proc = subprocess.run(
        ["bash", "-c", line],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert proc.returncode in (0, 1), f"{doc}: {line}\n{proc.stderr}"
    assert "Traceback" not in proc.stderr
    assert proc.stdout or (tmp_path / "plan.html").exists()


def test_documented_serve_command_and_extra_exist() -> None:
    """`skolemiljo serve` is documented with loopback, and the [server] extra exists
    (the command itself runs as the service fixture of the contract tests)."""
    assert any("--host 127.0.0.1" in line for line in SERVE)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "server" in project["optional-dependencies"]


CURL = [(name, line) for name, line in blocks("http") if line.startswith("curl ")]


@pytest.mark.parametrize(("doc", "line"), CURL)
def test_http_examples_answer_200(server: tuple[httpx.Client, Path], doc: str, line: str) -> None:
    """Each documented curl request, sent to the live service, gets 200 and JSON (or, where
    it asks for ``text/calendar``, an iCalendar file)."""
    client, _ = server
    line = line.replace("http://127.0.0.1:8000", str(client.base_url).rstrip("/"))
    proc = subprocess.run(
        ["bash", "-c", line + " -w '\\n%{http_code}'"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    body, _, status = proc.stdout.rpartition("\n")
    assert status == "200", f"{doc}: {line}\n{body}"
    if "accept: text/calendar" in line:
        assert body.startswith("BEGIN:VCALENDAR")
    else:
        json.loads(body)


@needs_tsc
def test_typescript_client_compiles_runs_and_prints_what_the_guide_says(
    server: tuple[httpx.Client, Path], tmp_path: Path
) -> None:
    """docs/examples/client.ts: tsc --strict, node against the service, output as documented."""
    source = ROOT / "docs" / "examples" / "client.ts"
    guide = (ROOT / "docs" / "integration.md").read_text(encoding="utf-8")
    snippet = re.search(r"```typescript\n(.*?)```", guide, flags=re.S)
    assert snippet is not None

    def lines(text: str) -> str:
        return "\n".join(line.strip() for line in text.strip().splitlines())

    assert lines(snippet.group(1)) in lines(source.read_text(encoding="utf-8"))
    compiled = subprocess.run(
        [
            "node",
            str(TSC),
            "--strict",
            "--target",
            "es2022",
            "--module",
            "nodenext",
            "--moduleResolution",
            "nodenext",
            "--lib",
            "es2022,dom",
            "--types",
            "node",
            "--typeRoots",
            str(ROOT / ".node" / "node_modules" / "@types"),
            "--outDir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    if (
        compiled.returncode != 0
        and "Cannot find type definition file for 'node'" in compiled.stdout
    ):
        pytest.fail("install @types/node with typescript (Makefile NODE_STAMP)")
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    client, _ = server
    run = subprocess.run(
        [
            "node",
            str(tmp_path / "client.js"),
            str(client.base_url).rstrip("/"),
            str(ROOT / "examples"),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    printed = re.search(r"It prints:\n\n```text\n(.*?)```", guide, flags=re.S)
    assert printed is not None
    assert run.stdout == printed.group(1)


@pytest.mark.parametrize(
    "link", ["[gone](examples/nope.ts)", "[gone](gone.md)", "[gone](integration.md#no-such-part)"]
)
def test_the_strict_docs_build_fails_on_a_broken_link(tmp_path: Path, link: str) -> None:
    """Issue 27: a link to `examples/client.ts` was broken in the built site (the folder was
    left out of it) and the strict build still passed. Now the guides' files are in the site,
    and a link to a page, file or anchor that is not there fails the build."""
    import shutil

    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "src").symlink_to(ROOT / "src", target_is_directory=True)
    index = tmp_path / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + f"\nSee {link}.\n", encoding="utf-8")
    proc = _mkdocs(tmp_path, tmp_path / "site")
    assert proc.returncode != 0
    assert "index.md" in proc.stderr
    assert (ROOT / "docs" / "examples" / "client.ts").is_file()


def test_the_api_reference_renders_cross_references(tmp_path: Path) -> None:
    """Issue 27: the API reference showed 33 raw Sphinx roles (``:class:`…` ``) and
    ``Bases: _Model``. Built now, it has neither, and a role the reference documents is a
    link to it."""
    import re

    proc = _mkdocs(ROOT, tmp_path / "site", "--quiet")
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "site" / "api" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r":(class|func|meth|attr|data|mod|exc|obj):(<code>|`)", page)
    assert "_Model" not in page
    assert "Bases:" not in page
    assert 'href="#skolemiljo.InputError"' in page


def _mkdocs(folder: Path, site: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """The strict docs build of the project in ``folder``, into ``site``."""
    return subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", *options, "-d", str(site)],
        cwd=folder,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
