"""Personal text (descriptions, names) never reaches errors, reprs or logs."""

from __future__ import annotations

import json

import pytest

from skolemiljo import ActivityPlan, InputError, validate_plan

from ..conftest import EXAMPLES

SECRET = "Kari Nordmann blir slått av Per"


def test_reprs_hide_staff_text() -> None:
    """repr() and str() of models omit free text written by staff."""
    data = json.loads((EXAMPLES / "plan.json").read_text())
    data["problem"] = SECRET
    data["measures"][0]["description"] = SECRET
    data["best_interests"] = SECRET
    data["pupil_views"]["summary"] = SECRET
    plan = ActivityPlan.model_validate(data)
    assert SECRET not in repr(plan)
    assert SECRET not in str(plan)
    assert SECRET not in repr(plan.measures)


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(pupil={"ref": SECRET}),
        lambda d: d.update(plan_date=SECRET),
        lambda d: d.update(problem=[SECRET]),
        lambda d: d.update(**{SECRET: 1}),
        lambda d: d["measures"][0].update(carried_out_by=SECRET),
        lambda d: d.update(school={"name": SECRET * 20}),
    ],
)
def test_errors_do_not_echo_input(mutate) -> None:  # type: ignore[no-untyped-def]
    """An InputError names the field but never repeats the value that was given."""
    data = json.loads((EXAMPLES / "plan.json").read_text())
    mutate(data)
    with pytest.raises(InputError) as info:
        validate_plan(data)
    text = str(info.value) + repr(info.value.fields)
    assert "Kari" not in text
    assert "slått" not in text


def test_extra_key_error_does_not_echo_the_key_value() -> None:
    """An unknown key is reported by name only (the name is the caller's schema, not personal)."""
    data = json.loads((EXAMPLES / "plan.json").read_text())
    data["notes"] = SECRET
    with pytest.raises(InputError) as info:
        validate_plan(data)
    assert info.value.fields[0].path == "notes"
    assert SECRET not in str(info.value)
