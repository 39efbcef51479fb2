"""The HTTP service and the versioned contract, exercised over loopback.

The service runs as `skolemiljo serve` in a subprocess on 127.0.0.1 (a free port); requests are
bounded in number and time. Every endpoint answers the shipped examples; generated inputs and
junk never get a 500; schema violations get 422 with paths and codes; nothing personal is logged.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skolemiljo import (
    LETTER_KINDS,
    Assessment,
    AuditReport,
    Letter,
    ValidationReport,
    __version__,
)
from skolemiljo.testing import cases, complete_plans, letter_requests

from ..conftest import EXAMPLES, ROOT, run_script

SECRET = "Hemmeleg Hansen-Øvrebø"


def _post(client: httpx.Client, path: str, body: Any, **params: Any) -> httpx.Response:
    content = body if isinstance(body, str | bytes) else json.dumps(body, default=str)
    return client.post(
        path, content=content, params=params, headers={"content-type": "application/json"}
    )


def test_health(server: tuple[httpx.Client, Path]) -> None:
    """/health reports the version and the engine in use."""
    client, _ = server
    data = client.get("/health").json()
    assert data == {"status": "ok", "version": __version__, "engine": data["engine"]}
    assert data["engine"] in ("durable", "reference")


def test_every_endpoint_answers_the_shipped_examples(server: tuple[httpx.Client, Path]) -> None:
    """validate, assess, audit, every letter kind and the schemas, on the shipped examples."""
    client, _ = server
    r = _post(client, "/v1/plans/validate", (EXAMPLES / "plan.json").read_text())
    assert r.status_code == 200
    assert ValidationReport.model_validate(r.json()).valid
    for path in sorted((EXAMPLES / "invalid").glob("*.json")):
        report = ValidationReport.model_validate(
            _post(client, "/v1/plans/validate", path.read_text()).json()
        )
        assert not report.valid
    for path in sorted((EXAMPLES / "cases").glob("*.json")):
        r = _post(client, "/v1/cases/assess", path.read_text(), as_of="2025-06-01")
        assert r.status_code == 200, r.text
        Assessment.model_validate(r.json())
        r = _post(
            client, "/v1/cases/audit", path.read_text(), as_of="2025-06-01", routine="oyer_2024"
        )
        assert r.status_code == 200, r.text
        AuditReport.model_validate(r.json())
    for kind in LETTER_KINDS:
        for fmt in ("text", "html"):
            r = _post(
                client,
                f"/v1/letters/{kind}",
                (EXAMPLES / "letters" / f"{kind}.json").read_text(),
                format=fmt,
                maalform="nn",
            )
            assert r.status_code == 200, r.text
            assert Letter.model_validate(r.json()).maalform == "nn"
    names = client.get("/v1/schemas").json()
    for name in names:
        committed = json.loads((ROOT / "schemas" / f"{name}.json").read_text())
        assert client.get(f"/v1/schemas/{name}").json() == committed


def test_openapi_is_generated_from_the_library_models(server: tuple[httpx.Client, Path]) -> None:
    """The OpenAPI document lists every endpoint and uses the library's model schemas."""
    client, _ = server
    doc = client.get("/openapi.json").json()
    assert {
        "/health",
        "/v1/plans/validate",
        "/v1/cases/assess",
        "/v1/cases/audit",
        "/v1/letters/{kind}",
        "/v1/schemas/{name}",
    } <= set(doc["paths"])
    components = doc["components"]["schemas"]
    for model in ("ActivityPlan", "Case", "LetterRequest", "ValidationReport", "Assessment"):
        assert (
            model in components or f"{model}-Input" in components or f"{model}-Output" in components
        )


def test_accept_language_selects_the_maalform(server: tuple[httpx.Client, Path]) -> None:
    """Accept-Language: nn gives Nynorsk; the maalform parameter wins over the header."""
    client, _ = server
    body = (EXAMPLES / "invalid" / "no_measures.json").read_text()
    headers = {"content-type": "application/json", "accept-language": "nn-NO, nb;q=0.5"}
    nn = client.post("/v1/plans/validate", content=body, headers=headers).json()
    assert nn["findings"][0]["message"].startswith("Planen har ingen tiltak. Før opp minst eitt")
    nb = client.post(
        "/v1/plans/validate", content=body, headers=headers, params={"maalform": "nb"}
    ).json()
    assert "minst ett tiltak" in nb["findings"][0]["message"]


@pytest.mark.parametrize(
    ("body", "path", "code"),
    [
        ("{bad json", "", "json_invalid"),
        (
            '{"pupil": {"ref": "x"}, "school": {"name": "A"}, "plan_date": "nope"}',
            "plan_date",
            "date_from_datetime_parsing",
        ),
        (
            '{"pupil": {"ref": "x"}, "school": {"name": "A"}, "plan_date": "2024-09-01", "x": 1}',
            "x",
            "extra_forbidden",
        ),
        (
            '{"pupil": {"ref": "x"}, "school": {"name": "A"}, "plan_date": "2016-01-01"}',
            "plan_date",
            "before_2017_08_01",
        ),
    ],
)
def test_bad_input_gets_422_with_path_and_code(
    server: tuple[httpx.Client, Path], body: str, path: str, code: str
) -> None:
    """Malformed JSON, schema violations and out-of-scope input: 422, path and code."""
    client, _ = server
    r = _post(client, "/v1/plans/validate", body)
    assert r.status_code == 422
    first = r.json()["errors"][0]
    assert (first["path"], first["code"]) == (path, code)


def test_large_bodies_get_413(server: tuple[httpx.Client, Path]) -> None:
    """A body over the configured limit is refused before it is read."""
    client, _ = server
    r = _post(client, "/v1/plans/validate", "x" * 70_000)
    assert r.status_code == 413
    assert r.json()["errors"][0]["code"] == "body_too_large"


def test_routines_over_http_are_shipped_names_only(server: tuple[httpx.Client, Path]) -> None:
    """A path or unknown routine name is refused: the service never reads files for callers."""
    client, _ = server
    case = (EXAMPLES / "cases" / "missed_deadlines.json").read_text()
    r = _post(client, "/v1/cases/audit", case, routine="/etc/passwd")
    assert r.status_code == 422
    assert r.json()["errors"][0]["code"] == "unknown_routine"


def test_nothing_personal_reaches_responses_on_errors_or_the_log(
    server: tuple[httpx.Client, Path],
) -> None:
    """A pupil's name in a rejected body never appears in the 422 nor in the server log."""
    client, log = server
    bad = {
        "pupil": {"ref": SECRET},
        "school": {"name": "A"},
        "plan_date": "2024-09-01",
        "problem": SECRET,
    }
    r = _post(client, "/v1/plans/validate", bad)
    assert r.status_code == 422
    assert SECRET not in r.text
    data = json.loads((EXAMPLES / "letters" / "receipt.json").read_text())
    data["pupil_name"] = SECRET
    assert _post(client, "/v1/letters/meeting_invitation", data).status_code == 422
    assert SECRET not in log.read_text()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)
ENDPOINTS = ["/v1/plans/validate", "/v1/cases/assess", "/v1/cases/audit", "/v1/letters/receipt"]
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))


@SLOW
@given(st.sampled_from(ENDPOINTS), JSON)
def test_junk_never_gets_a_500(server: tuple[httpx.Client, Path], path: str, value: Any) -> None:
    """Any JSON at any endpoint: 200 or 422, never a server error."""
    client, _ = server
    assert _post(client, path, value).status_code in (200, 422)


@SLOW
@given(complete_plans(), cases())
def test_generated_valid_inputs_get_200(server: tuple[httpx.Client, Path], plan, case) -> None:  # type: ignore[no-untyped-def]
    """Property-generated plans and cases are answered with documents of the published models."""
    client, _ = server
    r = _post(client, "/v1/plans/validate", plan.model_dump_json())
    assert r.status_code == 200
    assert ValidationReport.model_validate(r.json()).errors == ()
    r = _post(client, "/v1/cases/assess", case.model_dump_json(), as_of="2027-07-31")
    assert r.status_code == 200
    Assessment.model_validate(r.json())


@SLOW
@given(st.sampled_from(LETTER_KINDS).flatmap(lambda k: st.tuples(st.just(k), letter_requests(k))))
def test_generated_letter_requests_get_200(server: tuple[httpx.Client, Path], pair) -> None:  # type: ignore[no-untyped-def]
    """Every letter kind renders over HTTP for generated requests."""
    client, _ = server
    kind, request = pair
    r = _post(client, f"/v1/letters/{kind}", request.model_dump_json())
    assert r.status_code == 200, r.text


# ------------------------------------------------------------------- versioned contract -----


def test_committed_schemas_match_the_models() -> None:
    """schemas/*.json and the manifest are exactly what the models give (generate_schemas)."""
    proc = run_script("generate_schemas.py", "--check")
    assert proc.returncode == 0, proc.stderr


def _manifest(text: str) -> dict[str, dict[str, str]]:
    return json.loads(text)["versions"]  # type: ignore[no-any-return]


def test_every_schema_version_has_a_changelog_entry() -> None:
    """Each version in schemas/manifest.json is described in CHANGELOG.md."""
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = _manifest((ROOT / "schemas" / "manifest.json").read_text())
    assert __version__ in versions
    for version in versions:
        assert f"## {version}" in changelog, version


def test_recorded_schema_versions_are_never_rewritten() -> None:
    """A version's schema hashes, once committed, never change: a schema change needs a new
    version (and so a CHANGELOG entry). Compared with the previous commit, where there is one."""
    previous = subprocess.run(
        ["git", "show", "HEAD~1:schemas/manifest.json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if previous.returncode != 0:
        previous = subprocess.run(
            ["git", "show", "HEAD:schemas/manifest.json"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    current = _manifest((ROOT / "schemas" / "manifest.json").read_text())
    if previous.returncode == 0:
        for version, hashes in _manifest(previous.stdout).items():
            assert current.get(version) == hashes, f"schemas of {version} were rewritten"


def test_generator_refuses_to_change_a_recorded_version(tmp_path: Path) -> None:
    """Changing a schema under an already recorded version is refused by the generator."""
    manifest = json.loads((ROOT / "schemas" / "manifest.json").read_text())
    manifest["versions"][__version__]["case"] = "0" * 64
    fake = tmp_path / "schemas"
    fake.mkdir()
    (fake / "manifest.json").write_text(json.dumps(manifest))
    generator = ROOT / "scripts" / "generate_schemas.py"
    code = (
        "import runpy, sys, pathlib; "
        f"sys.argv = ['g']; m = runpy.run_path({str(generator)!r}, run_name='x'); "
        f"m['OUT'] = pathlib.Path({str(fake)!r}); "
        f"m['main'].__globals__['OUT'] = pathlib.Path({str(fake)!r}); "
        f"m['main'].__globals__['MANIFEST'] = pathlib.Path({str(fake / 'manifest.json')!r}); "
        "m['main']()"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode != 0
    assert "bump the version" in proc.stderr
