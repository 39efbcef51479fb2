"""The follow-up after a case is closed (issue 15, part 6; seeds S000 and S002)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given

from skolemiljo import (
    LetterError,
    LetterIncompleteError,
    render_letter,
    validate_follow_up,
)
from skolemiljo.testing import dates_in_scope, follow_up_plans

from ..conftest import EXAMPLES

PLAN: dict[str, Any] = json.loads((EXAMPLES / "follow_up_plan.json").read_text(encoding="utf-8"))
LETTER: dict[str, Any] = json.loads(
    (EXAMPLES / "letters" / "follow_up.json").read_text(encoding="utf-8")
)


def _codes(data: dict[str, Any]) -> dict[str, tuple[str, str]]:
    return {f.code: (f.severity.value, f.source_kind) for f in validate_follow_up(data).findings}


def test_the_shipped_follow_up_plan_is_complete() -> None:
    """The shipped follow-up plan is valid with no finding."""
    report = validate_follow_up(PLAN)
    assert report.valid
    assert report.findings == ()


@pytest.mark.parametrize(
    ("change", "code", "severity"),
    [
        ({"conversations": []}, "follow_up_conversations_missing", "error"),
        ({"conversations": ["2024-11-27"]}, "follow_up_single_conversation", "warning"),
        ({"contact_person": None}, "follow_up_contact_person_missing", "warning"),
        ({"contact_chosen_with_pupil": False}, "follow_up_contact_not_chosen_with_pupil",
         "warning"),
        ({"watch_absence": False}, "follow_up_absence_not_watched", "warning"),
        ({"group_measures": []}, "follow_up_no_group_measures", "warning"),
        ({"family_informed_of_help": None}, "follow_up_family_not_informed", "warning"),
        ({"ends_on": None, "ends_when": None}, "follow_up_no_end", "warning"),
        ({"conversations": ["2024-11-01", "2024-12-01"]}, "follow_up_dates_out_of_order",
         "error"),
    ],
)  # fmt: skip
def test_each_missing_part_is_named(change: dict[str, Any], code: str, severity: str) -> None:
    """Each missing part of a follow-up plan is its own finding, from guidance or a reading."""
    data = {**copy.deepcopy(PLAN), **change}
    found = _codes(data)
    assert found == {code: (severity, found[code][1])}
    assert found[code][1] in ("guidance", "reading")


def test_findings_in_both_maalformer_with_the_activity_duty_as_basis() -> None:
    """Follow-up findings come in nb and nn, with the activity duty as their basis."""
    data = {**PLAN, "watch_absence": False}
    nb = validate_follow_up(data).findings[0]
    nn = validate_follow_up(data, maalform="nn").findings[0]
    assert "fravær" in nb.message
    assert "fråvær" in nn.message
    assert [r.id for r in nb.legal_basis] == ["oppl2023/12-4/2"]
    assert nb.source_note is not None
    assert "Udir" in nb.source_note


@given(dates_in_scope().flatmap(follow_up_plans))
def test_every_generated_follow_up_plan_is_valid(plan: Any) -> None:
    """Every follow-up plan the strategy generates is valid."""
    report = validate_follow_up(plan)
    assert report.findings == ()


@pytest.mark.parametrize("m", ["nb", "nn"])
def test_the_follow_up_letter_states_the_plan(m: str) -> None:
    """The follow-up letter states the contact person, every conversation date and the watch on
    absence."""
    letter = render_letter("follow_up", LETTER, maalform=m)
    text = " ".join(letter.body.split())
    assert "Kontaktperson for Åse Ødegård: kontaktlærer." in text
    for day in ("18. desember 2024", "8. januar 2025", "5. februar 2025", "5. mars 2025"):
        assert day in text
    assert ("fravær" if m == "nb" else "fråvær") in text
    assert [r.id for r in letter.legal_basis] == ["oppl2023/12-4/1", "oppl2023/12-4/2"]
    assert letter.addressed_to == "parents"


def test_the_follow_up_letter_needs_a_valid_follow_up_plan() -> None:
    """The follow-up letter needs a follow-up plan, and a valid one."""
    without = {k: v for k, v in LETTER.items() if k != "follow_up_plan"}
    with pytest.raises(LetterError, match="input_missing"):
        render_letter("follow_up", without)
    broken = copy.deepcopy(LETTER)
    broken["follow_up_plan"]["conversations"] = []
    with pytest.raises(LetterIncompleteError, match="follow_up_conversations_missing"):
        render_letter("follow_up", broken)


@pytest.mark.parametrize("m", ["nb", "nn"])
def test_the_closing_letter_refers_to_the_follow_up_plan(m: str) -> None:
    """The closing letter refers to the follow-up plan when one is given, and not otherwise."""
    data = json.loads((EXAMPLES / "letters" / "closing.json").read_text(encoding="utf-8"))
    text = " ".join(render_letter("closing", data, maalform=m).body.split())
    assert "med kontaktlærer som kontaktperson" in text
    assert "Den første samtalen er onsdag 18. desember 2024." in text
    del data["follow_up_plan"]
    assert "kontaktperson" not in render_letter("closing", data, maalform=m).body


def test_an_unknown_key_in_a_follow_up_plan_is_refused_naming_it() -> None:
    """An unknown key in a follow-up plan is refused, naming the key."""
    from skolemiljo import InputError

    with pytest.raises(InputError) as caught:
        validate_follow_up({**PLAN, "colour": "red"})
    assert caught.value.fields[0].path == "colour"


def test_http_validates_a_follow_up_plan() -> None:
    """POST /v1/follow-up-plans/validate validates a follow-up plan."""
    pytest.importorskip("fastapi")
    from skolemiljo.server import create_app

    from ..conftest import AsgiClient

    client = AsgiClient(create_app())
    answer = client.post("/v1/follow-up-plans/validate", json={**PLAN, "watch_absence": False})
    assert answer.status_code == 200
    assert [f["code"] for f in answer.json()["findings"]] == ["follow_up_absence_not_watched"]
    assert client.post("/v1/follow-up-plans/validate", json={"x": 1}).status_code == 422
