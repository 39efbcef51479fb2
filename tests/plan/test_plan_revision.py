"""A plan over time (issue 15, part 5): a revision keeps the earlier measures with how each went,
and validate_plan(previous=) checks it against the version before."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from skolemiljo import render_letter, validate_plan

from ..conftest import EXAMPLES

PLAN: dict[str, Any] = json.loads((EXAMPLES / "plan.json").read_text(encoding="utf-8"))


def _revision() -> dict[str, Any]:
    """The shipped plan revised on 16 October 2024: every measure evaluated (all were due)."""
    data = copy.deepcopy(PLAN)
    data["plan_id"], data["revision_of"] = "AP-2024-0117-r1", PLAN["plan_id"]
    data["plan_date"] = "2024-10-16"
    for measure in data["measures"]:
        measure["evaluation"] = {"on": "2024-10-15", "goal": "partly", "decision": "continue"}
        measure["evaluate_on"] = "2024-11-12"
        measure.pop("ends_on", None)
    return data


def _codes(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [(f.code, f.path) for f in validate_plan(data, previous=PLAN).findings]


def test_a_revision_that_keeps_and_evaluates_every_measure_is_valid() -> None:
    """A revision that keeps every earlier measure with its evaluation is valid."""
    report = validate_plan(_revision(), previous=PLAN)
    assert report.valid
    assert report.findings == ()


def test_a_measure_dropped_without_an_evaluation_is_an_error() -> None:
    """A measure dropped from a revision without its evaluation is an error."""
    data = _revision()
    del data["measures"][1]
    data["best_interests"]["measures"] = [1, 2]
    assert _codes(data) == [("plan_revision_measure_dropped", "measures")]
    [finding] = validate_plan(data, previous=PLAN, maalform="nn").findings
    assert "Tiltak 2 i førre versjon" in finding.message
    assert finding.source_kind == "reading"


def test_an_evaluation_date_passed_without_an_evaluation_is_an_error() -> None:
    """A measure whose evaluation date passed before the revision, without an evaluation, is an
    error."""
    data = _revision()
    del data["measures"][3]["evaluation"]  # due 2024-10-15, revised 2024-10-16
    data["measures"][3]["evaluate_on"] = "2024-10-30"
    assert _codes(data) == [("plan_revision_evaluation_missing", "measures.3.evaluation")]
    early = {**copy.deepcopy(PLAN), "revision_of": PLAN["plan_id"], "plan_date": "2024-09-30"}
    assert _codes(early) == []  # revised before any evaluation date: nothing was due yet


def test_measures_match_by_id_across_versions() -> None:
    """Measures are matched across versions by their id."""
    previous = copy.deepcopy(PLAN)
    previous["measures"][0]["measure_id"] = "t-1"
    data = _revision()
    data["measures"][0]["measure_id"] = "t-1"
    data["measures"][0]["description"] = "Aktiviteter i storefri, nå to dager i uka."
    assert validate_plan(data, previous=previous).findings == ()
    data["measures"][0]["measure_id"] = "t-9"
    codes = [f.code for f in validate_plan(data, previous=previous).findings]
    assert codes == ["plan_revision_measure_dropped"]


def test_a_revision_dated_before_the_version_it_revises_is_an_error() -> None:
    """A revision dated before the version it revises is an error."""
    data = _revision()
    data["plan_date"] = "2024-09-10"
    data["reported_on"] = "2024-09-09"
    assert ("plan_revision_before_previous", "plan_date") in _codes(data)


def test_a_bad_previous_plan_is_an_input_error_naming_it() -> None:
    """A malformed previous plan is an InputError naming previous."""
    from skolemiljo import InputError

    with pytest.raises(InputError) as caught:
        validate_plan(_revision(), previous={"plan_date": "x"})
    assert "previous plan" in str(caught.value)


@pytest.mark.parametrize(("m", "head"), [("nb", "Dette er endret i planen"),
                                          ("nn", "Dette er endra i planen")])  # fmt: skip
def test_the_evaluation_letter_shows_what_changed(m: str, head: str) -> None:
    """The evaluation letter shows what changed in the revised plan."""
    request = json.loads((EXAMPLES / "letters" / "evaluation.json").read_text(encoding="utf-8"))
    text = " ".join(render_letter("evaluation", request, maalform=m).body.split())
    assert head in text
    assert "Målet er delvis nådd, tiltaket" in text
    assert ("tiltaket avsluttes" if m == "nb" else "tiltaket blir avslutta") in text
    assert "Nytt tiltak 4:" in text
    del request["plan"]["revision_of"]
    for measure in request["plan"]["measures"]:
        measure.pop("evaluation", None)
    assert head not in render_letter("evaluation", request, maalform=m).body


def test_the_cli_checks_a_revision_against_the_version_before(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """skolemiljo validate --previous checks a revision against the version before."""
    from skolemiljo.cli import main

    data = _revision()
    del data["measures"][1]
    data["best_interests"]["measures"] = [1, 2]
    path = tmp_path / "revision.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    previous = str(EXAMPLES / "plan.json")
    assert main(["validate", str(path), "--previous", previous, "--json"]) == 1
    codes = [f["code"] for f in json.loads(capsys.readouterr().out)["findings"]]
    assert codes == ["plan_revision_measure_dropped"]
    assert main(["validate", str(path), "--json"]) == 0  # without --previous: nothing to compare


def test_http_validates_a_revision_against_the_version_before() -> None:
    """POST /v1/plans/validate-revision checks a revision against the version before."""
    pytest.importorskip("fastapi")
    from skolemiljo.server import create_app

    from ..conftest import AsgiClient

    data = _revision()
    del data["measures"][1]
    data["best_interests"]["measures"] = [1, 2]
    client = AsgiClient(create_app())
    answer = client.post("/v1/plans/validate-revision?maalform=nn",
                         json={"plan": data, "previous": PLAN})  # fmt: skip
    assert answer.status_code == 200
    assert [f["code"] for f in answer.json()["findings"]] == ["plan_revision_measure_dropped"]
    assert client.post("/v1/plans/validate-revision", json={"plan": data}).status_code == 422
