"""assess(): scope, input errors, dates, and the CLI's assess command."""

from __future__ import annotations

import json
from typing import Any

import pytest

from skolemiljo import InputError, OutOfScopeError, assess, duty_codes
from skolemiljo.cli import main

from ..conftest import EXAMPLES


def case(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / "cases" / "pupil_says_unsafe.json").read_text())
    data.update(changes)
    return data


def test_kindergarten_is_outside_scope() -> None:
    """Barnehagelova kap. VIII governs kindergartens: a clear error, not an empty result."""
    with pytest.raises(OutOfScopeError) as info:
        assess(case(setting="kindergarten"), "2024-10-10")
    assert (info.value.code, info.value.path) == ("kindergarten", "setting")


def test_events_before_august_2017_are_outside_scope() -> None:
    """The older enkeltvedtak-based chapter 9a is not modelled: the event is named."""
    data = case(events=[{"type": "pupil_said_unsafe", "on": "2017-07-31", "told": "principal"}])
    with pytest.raises(OutOfScopeError) as info:
        assess(data, "2024-10-10")
    assert (info.value.code, info.value.path) == ("before_2017_08_01", "events.0.on")
    with pytest.raises(OutOfScopeError):
        assess(case(), "2017-01-01")


@pytest.mark.parametrize(
    ("data", "path"),
    [
        (case(events=[{"type": "teleported", "on": "2024-10-01"}]), "events.0"),
        (
            case(events=[{"type": "violation", "on": "2024-10-01", "kind": "bad"}]),
            "events.0.violation.kind",
        ),
        (case(setting="bus"), "setting"),
        (case(pupil={"ref": "Ola Nordmann"}), "pupil.ref"),
    ],
)
def test_malformed_case_names_the_field(data: dict[str, Any], path: str) -> None:
    """Unknown event types, kinds and settings raise InputError naming the path."""
    with pytest.raises(InputError) as info:
        assess(data, "2024-10-10")
    assert info.value.fields[0].path == path
    assert "Ola" not in str(info.value)


def test_bad_as_of_is_an_input_error() -> None:
    """as_of must be a date."""
    with pytest.raises(InputError, match="as_of"):
        assess(case(), "31.12.2024")


def test_no_events_still_gives_the_continuous_duty_to_monitor() -> None:
    """Even without events, everyone working at the school must watch (følgje med)."""
    report = assess(case(events=[]), "2024-10-10")
    assert report.codes() == {"monitor"}


def test_duty_codes_are_stable_and_documented() -> None:
    """The duty codes are the public contract listed in docs/codes.md."""
    from ..conftest import ROOT

    doc = (ROOT / "docs" / "codes.md").read_text(encoding="utf-8")
    for code in duty_codes():
        assert f"`{code}`" in doc, code


def test_cli_assess_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    """--json has obligations[] with code, status, duty_bearer, deadline, legal_basis, because."""
    path = EXAMPLES / "cases" / "teacher_harasses_pupil.json"
    assert main(["assess", str(path), "--as-of", "2024-10-01", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    duty = next(o for o in data["obligations"] if o["code"] == "report_staff_violation_immediately")
    assert duty["status"] == "applies"
    assert duty["duty_bearer"] == "everyone_at_school"
    deadline = {k: v for k, v in duty["deadline"].items() if k != "source_note"}
    assert deadline == {"kind": "immediately", "due": "2024-09-30", "source_kind": "guidance"}
    assert "Udir" in duty["deadline"]["source_note"]
    assert duty["source_kind"] == "guidance"
    assert duty["legal_basis"][0]["citation"] == "opplæringsloven § 12-5"
    assert duty["because"][0]["fact"] == "offender_staff"
    assert data["engine"] in ("durable", "reference")


def test_cli_assess_bad_input_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Any) -> None:
    """Kindergarten input: exit 2, one line, no traceback."""
    bad = tmp_path / "case.json"
    bad.write_text(json.dumps(case(setting="kindergarten")))
    assert main(["assess", str(bad), "--as-of", "2024-10-10"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "kindergarten" in err


def test_codes_document_is_generated_from_the_data() -> None:
    """docs/codes.md is exactly what scripts/generate_docs.py renders from the rule data."""
    from ..conftest import run_script

    proc = run_script("generate_docs.py", "--check")
    assert proc.returncode == 0, proc.stderr


def test_the_assessment_s_json_is_pydantic_s_byte_for_byte() -> None:
    """The assessment writes each shared obligation's JSON once and reuses it (issue 26);
    the result is exactly pydantic's own dump, for every shipped case in both målformer, with
    a local routine's duties too, and any option falls back to pydantic itself."""
    from pydantic import BaseModel

    from skolemiljo._engine import making, obligation_json

    # From empty memos: both are bounded, and an obligation the cache still holds after the
    # memo of what it was made from turned over (the suite's earlier tests fill both) is
    # written by pydantic instead, correctly but not by the path this test checks.
    making.made.cache_clear()
    making._MADE_FROM.clear()
    for path in sorted((EXAMPLES / "cases").glob("*.json")):
        for m in ("nb", "nn"):
            for routine in (None, "oyer_2024"):
                result = assess(path.read_text(encoding="utf-8"), "2025-06-01", maalform=m,
                                routine=routine)  # fmt: skip
                text = result.model_dump_json()
                assert text == BaseModel.model_dump_json(result), (path.name, m, routine)
                for made in result.obligations:  # each from its rule version's segments
                    written = obligation_json(made)
                    assert written is not None or made.local, made.code
                    assert written in (None, BaseModel.model_dump_json(made)), made.code
                assert text == result.model_dump_json()  # the second time, from what it wrote
                assert json.loads(text) == result.model_dump(mode="json")
    indented = result.model_dump_json(indent=2)
    assert indented == BaseModel.model_dump_json(result, indent=2)


def test_the_compact_output_prints_each_reference_once_and_stands_for_the_same() -> None:
    """Issue 26: the opt-in compact output has a ``references`` table, ids in ``legal_basis``,
    every reference once; it turns back into the same assessment, is much smaller, reads its
    own dump, and has its own schema. The default output is unchanged."""
    from skolemiljo import Assessment, CompactAssessment, json_schema

    shares = []
    for path in sorted((EXAMPLES / "cases").glob("*.json")):
        for m in ("nb", "nn"):
            report = assess(path.read_text(encoding="utf-8"), "2025-06-01", maalform=m)
            small = report.to_compact()
            text = small.model_dump_json()
            cited = [r for o in (*report.obligations, *report.not_applicable)
                     for r in o.legal_basis]  # fmt: skip
            assert set(small.references) == {r.id for r in cited}
            assert all(small.references[r.id] == r for r in cited)  # in this målform
            assert text.count('"citation"') == len(small.references)  # each one once
            shares.append(len(text) / len(report.model_dump_json()))
            assert Assessment.from_compact(small) == report
            assert CompactAssessment.model_validate_json(text) == small
    assert max(shares) < 0.9
    assert sorted(shares)[len(shares) // 2] < 0.8  # the median case: a fifth smaller or more
    schema = json_schema("assessment-compact")
    assert schema["properties"]["format"]["const"] == "compact"
    assert "references" in schema["required"]


def test_the_compact_output_from_the_command_line_and_over_http(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``assess --json --compact`` and ``POST /v1/cases/assess-compact`` give the compact form;
    ``--compact`` without JSON is a one-line error."""
    from skolemiljo.cli import main
    from skolemiljo.server import create_app

    from ..conftest import AsgiClient

    path = str(EXAMPLES / "cases" / "teacher_harasses_pupil.json")
    assert main(["assess", path, "--as-of", "2024-10-01", "--json", "--compact"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["format"] == "compact"
    assert main(["assess", path, "--as-of", "2024-10-01", "--compact"]) == 2
    assert "--compact is a JSON format" in capsys.readouterr().err
    client = AsgiClient(create_app())
    answer = client.post("/v1/cases/assess-compact?as_of=2024-10-01",
                         content=(EXAMPLES / "cases" / "teacher_harasses_pupil.json").read_bytes(),
                         headers={"content-type": "application/json"})  # fmt: skip
    assert answer.status_code == 200
    assert answer.json() == {**printed, "engine": answer.json()["engine"]}
