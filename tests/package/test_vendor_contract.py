"""What a vendor relies on beyond the law (issue 12): the version stamp on every result, the
OpenAPI document as the service really behaves, the scenario runner, many cases at once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import skolemiljo
from skolemiljo import Stamp, assess, audit, render_letter, validate_plan
from skolemiljo._stamp import rules_digest
from skolemiljo.cli import main

from ..conftest import EXAMPLES, ROOT

CASE = (EXAMPLES / "cases" / "missed_deadlines.json").read_text(encoding="utf-8")


def _results() -> list[Any]:
    return [
        assess(CASE, "2024-11-01"),
        audit(CASE, "2024-11-01", routine="oyer_2024"),
        validate_plan((EXAMPLES / "plan.json").read_text(encoding="utf-8")),
        validate_plan((EXAMPLES / "invalid" / "no_measures.json").read_text(encoding="utf-8")),
        render_letter("receipt", (EXAMPLES / "letters" / "receipt.json").read_text()),
    ]


def test_every_result_carries_the_version_stamp() -> None:
    """Every result carries the stamp: library version, schema version and the rule data's
    digest."""
    for result in _results():
        stamp = result.stamp
        assert isinstance(stamp, Stamp)
        assert stamp.library_version == skolemiljo.__version__ == stamp.schema_version
        assert stamp.rules_version == rules_digest()
        assert result.model_dump(mode="json")["stamp"] == stamp.model_dump(mode="json")
        assert type(result).model_validate(result.model_dump(mode="json")) == result


def test_the_rules_version_changes_with_the_rule_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The digest covers rules/, the catalogs and the templates: one byte changed, a new one."""
    import shutil

    from skolemiljo import _stamp

    package = Path(skolemiljo.__file__).parent
    copy = tmp_path / "skolemiljo"
    for folder in ("rules", "locales", "templates"):
        shutil.copytree(package / folder, copy / folder)
    monkeypatch.setattr(_stamp.resources, "files", lambda _: copy)
    _stamp.rules_digest.cache_clear()
    try:
        same = _stamp.rules_digest()
        assert same == rules_digest.__wrapped__()  # type: ignore[attr-defined]
        law = copy / "rules" / "law.toml"
        law.write_text(law.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
        _stamp.rules_digest.cache_clear()
        assert _stamp.rules_digest() != same
    finally:
        _stamp.rules_digest.cache_clear()


@pytest.mark.parametrize(
    "argv",
    [
        ["assess", str(EXAMPLES / "cases" / "missed_deadlines.json"), "--as-of", "2024-11-01",
         "--json"],
        ["audit", str(EXAMPLES / "cases" / "missed_deadlines.json"), "--as-of", "2024-11-01",
         "--json"],
        ["validate", str(EXAMPLES / "plan.json"), "--json"],
    ],
)  # fmt: skip
def test_the_stamp_is_in_the_command_line_json(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """The command line's JSON carries the same stamp."""
    main(argv)
    data = json.loads(capsys.readouterr().out)
    assert data["stamp"]["library_version"] == skolemiljo.__version__
    assert data["stamp"]["rules_version"] == rules_digest()


def test_the_schemas_require_the_stamp() -> None:
    """The committed JSON Schemas of the results require the stamp."""
    for name in ("assessment", "audit-report", "validation-report", "letter"):
        schema = json.loads((ROOT / "schemas" / f"{name}.json").read_text(encoding="utf-8"))
        assert "stamp" in schema["required"], name


# ------------------------------------------------- the OpenAPI document, as it really is ---


def _naming_another_party() -> str:
    """The several-pupils plan letter without redact: a measure names two other pupils."""
    path = EXAMPLES / "letters" / "activity_plan_several_pupils.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return json.dumps({**data, "redact": False}, ensure_ascii=False)


def test_a_letter_naming_another_party_is_refused_over_http_without_the_name() -> None:
    """POST /v1/letters/activity_plan whose measure names another pupil: 422 with the code
    other_party_named and the field as path; the body holds no name or reference."""
    from skolemiljo.server import create_app

    from ..conftest import AsgiClient

    body = _naming_another_party()
    response = AsgiClient(create_app()).post(
        "/v1/letters/activity_plan", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert (error["code"], error["path"]) == ("other_party_named", "plan.measures.1.description")
    for party in json.loads(body)["parties"]:
        assert party["name"] not in response.text
        assert party["ref"] not in response.text


def _provocations() -> list[tuple[str, str, dict[str, Any]]]:
    """A request for every status each operation can answer (500 and 503 are provoked by a
    failure patched in; see the test)."""
    json_header = {"content-type": "application/json"}
    case = CASE
    plan = (EXAMPLES / "plan.json").read_text(encoding="utf-8")
    letter = (EXAMPLES / "letters" / "receipt.json").read_text(encoding="utf-8")
    follow_up = (EXAMPLES / "follow_up_plan.json").read_text(encoding="utf-8")
    big = '{"x": "' + "y" * 70_000 + '"}'
    out: list[tuple[str, str, dict[str, Any]]] = [
        ("GET", "/health", {}),
        ("GET", "/v1/schemas", {}),
        ("GET", "/v1/measures", {}),
        ("GET", "/v1/schemas/case", {}),
        ("GET", "/v1/schemas/no-such-schema", {}),
        ("POST", "/v1/plans/validate", {"content": plan, "headers": json_header}),
        ("POST", "/v1/plans/validate?profile=nope", {"content": plan, "headers": json_header}),
        ("POST", "/v1/plans/validate", {"content": "{", "headers": json_header}),
        ("POST", "/v1/plans/validate-revision",
         {"content": f'{{"plan": {plan}, "previous": {plan}}}', "headers": json_header}),
        ("POST", "/v1/plans/validate-revision", {"content": f'{{"plan": {plan}}}',
                                                  "headers": json_header}),
        ("POST", "/v1/follow-up-plans/validate", {"content": follow_up, "headers": json_header}),
        ("POST", "/v1/follow-up-plans/validate", {"content": '{"x": 1}', "headers": json_header}),
        ("POST", "/v1/cases/assess?as_of=2024-11-01", {"content": case, "headers": json_header}),
        ("POST", "/v1/cases/assess?as_of=9999-12-31", {"content": case, "headers": json_header}),
        ("POST", "/v1/cases/assess", {"content": '{"pupil": 1}', "headers": json_header}),
        ("POST", "/v1/cases/audit?routine=oyer_2024&as_of=2024-11-01",
         {"content": case, "headers": json_header}),
        ("POST", "/v1/cases/audit?routine=nope", {"content": case, "headers": json_header}),
        ("POST", "/v1/cases/agenda?as_of=2024-11-01&reminders=1",
         {"content": case, "headers": json_header}),
        ("POST", "/v1/cases/agenda?reminders=99", {"content": case, "headers": json_header}),
        ("POST", "/v1/cases/dossier?as_of=2024-11-01",
         {"content": f'{{"case": {case}}}', "headers": json_header}),
        ("POST", "/v1/cases/dossier", {"content": f'{{"case": {case}, "pupil_name": ""}}',
                                       "headers": json_header}),
        ("POST", "/v1/letters/receipt?format=html", {"content": letter, "headers": json_header}),
        ("POST", "/v1/letters/postcard", {"content": letter, "headers": json_header}),
        ("POST", "/v1/letters/owner_notice", {"content": letter, "headers": json_header}),
        ("POST", "/v1/letters/activity_plan", {"content": _naming_another_party(),
                                               "headers": json_header}),
    ]  # fmt: skip
    out += [(m, u, {"content": big, "headers": json_header}) for m, u, _ in out if m == "POST"]
    return out


def _operation(doc: dict[str, Any], method: str, url: str) -> dict[str, Any]:
    import re

    path = url.split("?")[0]
    for template, operations in doc["paths"].items():
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if re.match(pattern, path) and method.lower() in operations:
            return operations[method.lower()]  # type: ignore[no-any-return]
    raise AssertionError(f"{method} {path} is not in the OpenAPI document")


def test_every_status_and_body_is_the_one_the_openapi_document_promises(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each provoked response: its status is documented for its operation, and its body
    validates against the documented schema (JSON Schema 2020-12, as OpenAPI 3.1 says)."""
    import jsonschema

    import skolemiljo.server.app as server
    from skolemiljo import EngineError

    from ..conftest import AsgiClient

    client = AsgiClient(server.create_app(max_body_bytes=65_536))
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    seen: set[tuple[str, int]] = set()

    def check(method: str, url: str, response: Any) -> None:
        operation = _operation(doc, method, url)
        status = str(response.status_code)
        assert status in operation["responses"], (method, url, status, response.text)
        content = operation["responses"][status].get("content", {})
        schema = content.get("application/json", {}).get("schema", {})
        jsonschema.validate(
            response.json(),
            {**schema, "components": doc["components"]},
            cls=jsonschema.Draft202012Validator,
        )
        seen.add((operation["operationId"], response.status_code))

    for method, url, kwargs in _provocations():
        check(method, url, client.request(method, url, **kwargs))

    def engine_down(*args: object, **kwargs: object) -> None:
        raise EngineError("durable-rules failed")

    def bug(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    for failure in (engine_down, bug):
        monkeypatch.setattr(server, "assess", failure)
        url = "/v1/cases/assess"
        response = client.post(url, content=CASE, headers={"content-type": "application/json"})
        check("POST", url, response)
    expected = {
        ("health", 200), ("list_schemas", 200), ("get_schema", 200), ("get_schema", 404),
        ("list_measures", 200), ("validate_plan_revision", 200), ("validate_plan_revision", 422),
        ("validate_plan_revision", 413), ("validate_follow_up", 200), ("validate_follow_up", 422),
        ("validate_follow_up", 413),
        ("validate_plan", 200), ("validate_plan", 422), ("validate_plan", 413),
        ("assess_case", 200), ("assess_case", 422), ("assess_case", 413), ("assess_case", 503),
        ("assess_case", 500), ("audit_case", 200), ("audit_case", 422), ("audit_case", 413),
        ("render_letter", 200), ("render_letter", 422), ("render_letter", 413),
        ("case_agenda", 200), ("case_agenda", 422), ("case_agenda", 413),
        ("case_dossier", 200), ("case_dossier", 422), ("case_dossier", 413),
    }  # fmt: skip
    assert expected <= seen, expected - seen


def test_operations_have_ids_and_tags_and_no_fastapi_default_error() -> None:
    """Every HTTP operation has an id and a tag, and documents our error shape, not FastAPI's
    default."""
    from skolemiljo.server import create_app

    from ..conftest import AsgiClient

    doc = AsgiClient(create_app()).get("/openapi.json").json()
    ids = [op["operationId"] for ops in doc["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids)) == 25
    assert all(op.get("tags") for ops in doc["paths"].values() for op in ops.values())
    assert "HTTPValidationError" not in json.dumps(doc)
    assert "ErrorBody" in doc["components"]["schemas"]


def test_swagger_ui_is_served_from_the_package_without_a_cdn() -> None:
    """The API docs page is served from the package, fetching nothing from a CDN."""
    import re

    from skolemiljo.server import create_app

    from ..conftest import AsgiClient

    client = AsgiClient(create_app())
    page = client.get("/docs")
    assert page.status_code == 200
    urls = re.findall(r"""(?:src|href|url)\s*[:=]\s*['"]([^'"]+)['"]""", page.text)
    assert urls, page.text
    assert all(u.startswith("/") for u in urls), urls  # nothing from another host
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert "SwaggerUIBundle" in client.get("/docs/static/swagger-ui-bundle.js").text[:3_000_000]


# --------------------------------------------------------------- skolemiljo check ---------

SCENARIO_FILES = sorted((ROOT / "tests" / "scenarios").glob("*.yaml")) + sorted(
    (ROOT / "tests" / "audit_scenarios").glob("*.yaml")
)


def _check(capsys: pytest.CaptureFixture[str], *paths: Path | str) -> tuple[int, str]:
    code = main(["check", *map(str, paths)])
    return code, capsys.readouterr().out


def test_check_passes_the_shipped_scenarios(capsys: pytest.CaptureFixture[str]) -> None:
    """skolemiljo check passes every shipped scenario."""
    code, out = _check(capsys, *SCENARIO_FILES)
    assert code == 0, out
    n = len(SCENARIO_FILES)
    assert out.strip().endswith(f"{n} scenarios: {n} passed, 0 failed, 0 unreadable")


@pytest.mark.parametrize(
    ("name", "old", "new", "line"),
    [
        ("teacher_harasses_pupil", "applies: [report_staff_violation_immediately, investigate,",
         "applies: [investigate_immediately, investigate,",
         "investigate_immediately: expected 'applies', got 'absent'"),
        ("teacher_harasses_pupil", "due: 2024-09-30", "due: 2024-10-30",
         "details.report_staff_violation_immediately.deadline.due: expected "
         "datetime.date(2024, 10, 30), got datetime.date(2024, 9, 30)"),
        ("pupil_says_unsafe", "undetermined: [principal_reports_serious_case]",
         "applies: [principal_reports_serious_case]", "principal_reports_serious_case: expected"),
    ],
)  # fmt: skip
def test_check_fails_when_a_scenario_expects_a_wrong_duty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, old: str, new: str, line: str
) -> None:
    """An edited scenario fails with exit 1 and says which duty and what differs."""
    text = (ROOT / "tests" / "scenarios" / f"{name}.yaml").read_text(encoding="utf-8")
    assert old in text
    edited = tmp_path / f"{name}.yaml"
    edited.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, out = _check(capsys, edited, ROOT / "tests" / "scenarios" / "private_school.yaml")
    assert code == 1
    assert f"FAIL  {edited}" in out
    assert line in out, out
    assert "2 scenarios: 1 passed, 1 failed, 0 unreadable" in out


def test_check_refuses_malformed_scenarios_naming_the_line_or_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A malformed scenario is unreadable, named by line or key, never by its content."""
    bad_yaml = tmp_path / "a.yaml"
    bad_yaml.write_text("name: [unclosed\n", encoding="utf-8")
    unknown_key = tmp_path / "b.yaml"
    text = (SCENARIO_FILES[0]).read_text(encoding="utf-8")
    unknown_key.write_text(text + "\nKari Nordmann: 1\n", encoding="utf-8")
    missing_case = tmp_path / "c.yaml"
    missing_case.write_text(text.replace("case: examples/", "case: nowhere/"), encoding="utf-8")
    code, out = _check(capsys, bad_yaml, unknown_key, missing_case)
    assert code == 2
    assert "scenario: line 2: not valid YAML" in out
    assert "extra_forbidden" in out
    assert "Kari" not in out
    assert "case: no such file" in out
    assert "3 scenarios: 0 passed, 0 failed, 3 unreadable" in out


def test_check_reads_scenarios_with_the_case_inline_and_relative_paths(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A vendor's own scenario: the case inline, or a file beside the scenario."""
    case = json.loads(CASE)
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "mine.json").write_text(json.dumps(case), encoding="utf-8")
    relative = tmp_path / "mine.yaml"
    relative.write_text(
        "name: Min sak\nlaw: opplæringslova § 12-4\nreviewed_against: kommunens jurist\n"
        "as_of: 2024-11-01\ncase: cases/mine.json\n"
        "expect:\n  applies: [investigate, put_right]\n",
        encoding="utf-8",
    )
    inline = tmp_path / "inline.yaml"
    inline.write_text(
        "name: Inline\nlaw: opplæringslova § 12-4\nreviewed_against: x\nas_of: 2024-11-01\n"
        f"case: {json.dumps(case)}\n"
        "expect:\n  - {code: report_to_principal_late, due: 2024-10-07, local: false}\n"
        "  - {code: unsafe_pupil_without_measures, due: 2024-10-14, local: false}\n"
        "  - {code: evaluation_overdue, due: 2024-10-28, local: false}\n",
        encoding="utf-8",
    )
    code, out = _check(capsys, relative, inline)
    assert code == 0, out
    main(["check", str(inline), "--json"])
    (result,) = json.loads(capsys.readouterr().out)
    assert result["passed"] is True
    assert result["kind"] == "audit"


def test_the_scenario_format_is_documented() -> None:
    """docs/scenarios.md documents every field of the scenario format."""
    doc = (ROOT / "docs" / "scenarios.md").read_text(encoding="utf-8")
    from skolemiljo.scenarios import AssessExpectation, BreachExpectation, Detail, Scenario

    for model in (Scenario, AssessExpectation, Detail, BreachExpectation):
        for field in model.model_fields:
            assert f"`{field}`" in doc, (model.__name__, field)


# ---------------------------------------------------------------- many cases at once ------


def _jsonl_file(tmp_path: Path, n: int = 30) -> tuple[Path, list[dict[str, Any]]]:
    cases = [
        json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((EXAMPLES / "cases").glob("*.json"))
    ]
    lines, expected = [], []
    for i in range(n):
        if i == 4:
            lines.append('{"pupil": {"ref": "Kari Nordmann"}}')
        elif i == 9:
            lines.append("not json at all")
        elif i == 12:
            lines.append("   ")  # blank lines are skipped, and still counted
        else:
            lines.append(json.dumps(cases[i % len(cases)]))
            expected.append(cases[i % len(cases)])
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, expected


@pytest.mark.parametrize("command", ["audit", "assess"])
def test_jsonl_one_result_per_line_and_bad_lines_by_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """--jsonl writes one result per line and names bad lines by number, without stopping."""
    path, expected = _jsonl_file(tmp_path)
    code = main([command, "--jsonl", str(path), "--as-of", "2025-06-01", "--routine", "oyer_2024"])
    out, err = capsys.readouterr()
    assert code == 2  # two lines were bad
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["line"] for r in rows] == [n for n in range(1, 31) if n != 13]
    assert [r["line"] for r in rows if "errors" in r] == [5, 10]
    assert {e["code"] for e in rows[4]["errors"]} == {"string_pattern_mismatch", "missing"}
    assert rows[9]["errors"][0]["code"] == "json_invalid"
    run = audit if command == "audit" else assess
    results = [r["result"] for r in rows if "result" in r]
    for got, case in zip(results, expected, strict=True):
        one = run(case, "2025-06-01", routine="oyer_2024")
        assert got == json.loads(one.model_dump_json())
    assert "line 5:" in err
    assert "line 10:" in err
    assert "Kari" not in err + out


def test_jsonl_exit_codes_without_bad_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--jsonl exits 0 when nothing is found and 1 when a line has a breach."""
    clean = tmp_path / "clean.jsonl"
    clean.write_text((EXAMPLES / "cases" / "exemplary_timeline.json").read_text().replace("\n", "")
                     + "\n", encoding="utf-8")  # fmt: skip
    assert main(["audit", "--jsonl", str(clean), "--as-of", "2024-12-20"]) == 0
    late = tmp_path / "late.jsonl"
    late.write_text(CASE.replace("\n", "") + "\n", encoding="utf-8")
    assert main(["audit", "--jsonl", str(late), "--as-of", "2024-11-01"]) == 1
    assert main(["assess", "--jsonl", str(late), "--as-of", "2024-11-01"]) == 0
    capsys.readouterr()
    assert main(["assess", str(late), "--jsonl", str(late)]) == 2
    assert "not both" in capsys.readouterr().err


def test_jsonl_shows_a_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    """--jsonl shows a progress bar on a terminal and never in a pipe."""
    import os
    import pty
    import subprocess
    import sys

    path, _ = _jsonl_file(tmp_path, 200)
    exe = str(Path(sys.executable).parent / "skolemiljo")
    argv = [exe, "assess", "--jsonl", str(path), "--as-of", "2025-06-01"]
    piped = subprocess.run(argv, capture_output=True, text=True, check=False)
    assert "cases" not in piped.stderr  # no bar into a log file
    primary, secondary = pty.openpty()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=secondary, check=False)
    os.close(secondary)
    shown = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(primary)
    assert proc.returncode == 2
    assert b"199 cases" in shown, shown[-400:]  # 200 lines, one of them blank
    assert b"skolemiljo: line 5:" in shown


# -------------------------------------------------------------------- the command line ----


def test_every_option_has_help_text() -> None:
    """Every command-line option has help text."""
    import argparse

    from skolemiljo.cli.commands import _parser

    parser = _parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    missing = [
        f"{name} {'/'.join(action.option_strings) or action.dest}"
        for name, command in [("skolemiljo", parser), *sub.choices.items()]
        for action in command._actions
        if not isinstance(action, argparse._SubParsersAction) and not action.help
    ]
    assert missing == []
    assert all(choice.help for choice in sub._choices_actions)


def test_letter_json_is_the_whole_letter(capsys: pytest.CaptureFixture[str]) -> None:
    """skolemiljo letter --json prints the whole Letter, as Python gives it."""
    request = EXAMPLES / "letters" / "receipt.json"
    assert main(["letter", "receipt", str(request), "--maalform", "nn", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    letter = render_letter("receipt", request.read_text(encoding="utf-8"), maalform="nn")
    assert data == letter.model_dump(mode="json")
    assert data["stamp"]["library_version"] == skolemiljo.__version__


def test_the_package_has_a_license_and_metadata() -> None:
    """The package carries its MIT licence and metadata."""
    from importlib.metadata import metadata

    meta = metadata("skolemiljo")
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert meta["License-Expression"] == "MIT"
    classifiers = meta.get_all("Classifier") or []
    for version in ("3.11", "3.12", "3.13"):
        assert f"Programming Language :: Python :: {version}" in classifiers
    assert "durable" in (meta.get_all("Provides-Extra") or [])
    requires = meta.get_all("Requires-Dist") or []
    assert not [r for r in requires if r.startswith("durable") and "extra ==" not in r]
