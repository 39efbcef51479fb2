"""The control questions rolled up per school and per owner (issue 25): counts that add up,
no personal data, typed errors for bad or repeated cases, and every output (JSON, CSV, text,
HTML, SVG) through Python, the CLI and HTTP."""

from __future__ import annotations

import csv as csv_module
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from skolemiljo import InputError, roll_up
from skolemiljo.cli import main
from skolemiljo.server import create_app
from skolemiljo.testing.strategies import case_folders

from ..conftest import EXAMPLES, AsgiClient

FOLDER = EXAMPLES / "inspection"
FILES = sorted(FOLDER.glob("*.json"))
AS_OF = "2025-03-01"


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in FILES]


def _adds_up(report: Any) -> None:
    assert sum(g.cases for g in report.schools) == report.cases
    assert sum(g.cases for g in report.owners) == report.cases
    for group in (*report.schools, *report.owners):
        for q in group.questions:
            assert q.yes + q.no + q.not_determinable + q.not_applicable == group.cases
        assert all(b.cases <= group.cases for b in group.breaches)
        assert group.open_overdue <= group.cases


def test_the_shipped_folder_rolls_up_per_school_and_owner() -> None:
    """~20 cases over three schools and two owners: every count adds up to the cases."""
    report = roll_up(_texts(), AS_OF)
    assert report.cases == len(FILES) >= 20
    assert [g.name for g in report.schools] == ["Berg ungdomsskole", "Fjord skole", "Lia skole"]
    assert [g.name for g in report.owners] == ["Fjord kommune", "Lia kommune"]
    _adds_up(report)
    assert sum(g.at_statsforvaltaren for g in report.schools) == 1
    assert report.wording == "reading"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case_folders())
def test_generated_folders_add_up(folder: list[Any]) -> None:
    """For any folder of valid cases, each group's answers add up to its cases, and the
    schools' and owners' cases to the folder's (an owner not given is a group of its own)."""
    report = roll_up(folder, AS_OF)
    assert report.cases == len(folder)
    _adds_up(report)


def test_no_personal_data_unless_case_ids_are_asked_for() -> None:
    """Neither pupil references nor case ids are in the roll-up; with_refs lists case ids."""
    texts = _texts()
    pupils = {json.loads(t)["pupil"]["ref"] for t in texts}
    plain = roll_up(texts, AS_OF).model_dump_json()
    assert not [ref for ref in pupils if ref in plain]
    assert "INS-001" not in plain
    listed = roll_up(texts, AS_OF, with_refs=True)
    assert sum(len(g.case_refs) for g in listed.schools) == len(texts)


def test_a_bad_or_repeated_case_is_a_typed_error_naming_its_position() -> None:
    """A case id given twice, or an invalid case, names cases.N and the field."""
    texts = _texts()
    with pytest.raises(InputError) as info:
        roll_up([texts[0], texts[0]], AS_OF)
    assert [(f.path, f.code) for f in info.value.fields] == [("cases.1.case_id", "case_repeated")]
    bad = json.loads(texts[2])
    bad["grade"] = "syvende"
    with pytest.raises(InputError) as info:
        roll_up([texts[0], json.dumps(bad)], AS_OF)
    assert info.value.fields[0].path == "cases.1.grade"
    assert "syvende" not in str(info.value)


def test_every_output_speaks_the_maalform_and_escapes_names() -> None:
    """Text and HTML in nb and nn; CSV with English columns and no formula cells; HTML and
    SVG escape a hostile school name; the SVG is well-formed XML."""
    texts = _texts()
    hostile = json.loads(texts[0])
    hostile["school"]["name"] = '=HYPERLINK("x")<script>alert(1)</script>'
    report = roll_up([json.dumps(hostile), *texts[1:]], AS_OF, maalform="nn")
    assert "Kontrollspørsmål per skole og skoleeigar" in report.to_text()
    assert "<script>" not in report.to_html()
    assert "<script>" not in report.to_svg()
    ET.fromstring(report.to_svg())  # well-formed
    csv = report.to_csv()
    assert csv.startswith("level,name,cases,question,yes,no,not_determinable,not_applicable")
    cells = [c for row in csv_module.reader(io.StringIO(csv)) for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@")]
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    assert "Kontrollspørsmål per skole og skoleeier" in roll_up(texts, AS_OF).to_text()


def test_the_cli_inspects_files_and_json_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """skolemiljo inspect: files or --jsonl, each format; a bad line is named by its number."""
    args = [str(p) for p in FILES]
    assert main(["inspect", *args, "--as-of", AS_OF, "--format", "json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["cases"] == len(FILES)
    svg = tmp_path / "chart.svg"
    main(["inspect", *args, "--as-of", AS_OF, "--format", "svg", "-o", str(svg)])
    ET.fromstring(svg.read_text(encoding="utf-8"))
    lines = tmp_path / "cases.jsonl"
    rows = [json.dumps(json.loads(t)) for t in _texts()[:3]]
    lines.write_text("\n".join([*rows, "{not json"]) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["inspect", "--jsonl", str(lines), "--as-of", AS_OF]) == 2
    assert "line 4" in capsys.readouterr().err
    assert main(["control", str(EXAMPLES / "cases" / "missed_deadlines.json"),
                 "--as-of", "2024-11-01", "--json"]) == 1  # fmt: skip
    answers = {a["code"]: a["answer"] for a in json.loads(capsys.readouterr().out)["answers"]}
    assert answers["measures"] == "no"


def test_the_http_service_rolls_up_and_answers_one_case() -> None:
    """POST /v1/inspect (JSON and CSV) and POST /v1/cases/control, with the same results."""
    client = AsgiClient(create_app())
    cases = [json.loads(t) for t in _texts()]
    r = client.post(f"/v1/inspect?as_of={AS_OF}", json={"cases": cases})
    assert r.status_code == 200, r.text
    assert r.json()["cases"] == len(cases)
    r = client.post(f"/v1/inspect?as_of={AS_OF}&format=csv", json={"cases": cases})
    assert r.headers["content-type"].startswith("text/csv")
    assert r.text == roll_up(cases, AS_OF).to_csv()
    case = json.loads((EXAMPLES / "cases" / "missed_deadlines.json").read_text(encoding="utf-8"))
    r = client.post("/v1/cases/control?as_of=2024-11-01", json={"case": case})
    assert {a["code"]: a["answer"] for a in r.json()["answers"]}["measures"] == "no"
    r = client.post(f"/v1/inspect?as_of={AS_OF}", json={"cases": [cases[0], cases[0]]})
    assert r.status_code == 422
    assert r.json()["errors"][0]["code"] == "case_repeated"
