"""Properties of validate_plan over generated plans (strategies in skolemiljo.testing)."""

from __future__ import annotations

import contextlib
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skolemiljo import (
    ActivityPlan,
    Maalform,
    SkolemiljoError,
    ValidationReport,
    validate_plan,
)
from skolemiljo._i18n import message
from skolemiljo.plan import plan_finding_codes
from skolemiljo.testing import complete_plans


@given(complete_plans(), st.sampled_from(["nb", "nn"]), st.sampled_from(["default", "statutory"]))
def test_complete_plan_has_no_error(plan: ActivityPlan, maalform: str, profile: str) -> None:
    """Every plan with items a–f, in order, is valid in both målformer and profiles."""
    report = validate_plan(plan, maalform=maalform, profile=profile)
    assert report.errors == ()


def _without(plan: ActivityPlan, item: str, blank: bool) -> dict[str, Any]:
    """The plan as JSON with ``item`` removed (or blanked) everywhere it occurs."""
    data: dict[str, Any] = plan.model_dump(mode="json")
    gone: Any = "" if blank else None
    if item == "a":
        data["problem"] = gone
    elif item == "b":
        data["measures"] = [] if blank else None
    elif item == "f":
        data["best_interests"] = gone
    else:
        key = {"c": "starts_on", "d": "carried_out_by", "e": "evaluate_on"}[item]
        for m in data["measures"]:
            m[key] = [] if (blank and item == "d") else None
        if item == "e":
            data["evaluation_on"] = None
    return data


@given(complete_plans(), st.sampled_from("abcdef"), st.booleans())
def test_removing_one_item_gives_errors_for_exactly_that_item(
    plan: ActivityPlan, item: str, blank: bool
) -> None:
    """Blanking or removing any single required item (a–f) errs for that letter only."""
    report = validate_plan(_without(plan, item, blank))
    assert report.errors
    assert {f.item for f in report.errors} == {item}


@given(complete_plans())
def test_json_round_trip_is_lossless(plan: ActivityPlan) -> None:
    """A plan survives model → JSON → model unchanged, and so does its report."""
    again = ActivityPlan.model_validate_json(plan.model_dump_json())
    assert again == plan
    report = validate_plan(plan)
    assert ValidationReport.model_validate_json(report.model_dump_json()) == report


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(JSON)
def test_any_json_value_gives_a_report_or_a_typed_error(value: Any) -> None:
    """validate_plan never fails with anything but the library's own errors."""
    try:
        result = validate_plan(json.dumps(value))
    except SkolemiljoError:
        return
    assert isinstance(result, ValidationReport)


@given(complete_plans(), st.data())
def test_mutated_plans_give_a_report_or_a_typed_error(
    plan: ActivityPlan, data: st.DataObject
) -> None:
    """Replacing any one field of a real plan with junk is handled, never a crash."""
    raw: dict[str, Any] = plan.model_dump(mode="json")
    key = data.draw(st.sampled_from(sorted(raw)))
    raw[key] = data.draw(JSON)
    with contextlib.suppress(SkolemiljoError):
        validate_plan(raw)


@pytest.mark.parametrize("code", sorted(plan_finding_codes()))
@pytest.mark.parametrize("maalform", list(Maalform))
def test_every_finding_code_has_a_message_in_both_maalformer(code: str, maalform: Maalform) -> None:
    """Each finding code renders in nb and nn with its placeholders filled in."""
    text = message(maalform, code, item="a", item_label="x", measure=1, days=50)
    assert text
    assert code not in text
    assert "{" not in text
