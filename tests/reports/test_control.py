"""Control questions per case (issue 25): yes, no with the breach that shows it, not
determinable with what is missing, or not applicable; the wording is the library's
(``reading``) and can be replaced without changing the answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from skolemiljo import InputError, control
from skolemiljo._reports import control_data
from skolemiljo.legal import REGIME_IDS, use_rules_folder

from ..conftest import EXAMPLES

CASES = EXAMPLES / "cases"
RECEIPT = {"kind": "receipt", "sent_on": "2024-11-05"}
HEIGHTENED = {"staff_report", "staff_owner_report"}
STAGE = {"statsforvaltaren_answer", "statsforvaltaren_decision"}


def _answers(case: Any, day: str, **kwargs: Any) -> dict[str, Any]:
    return {a.code: a for a in control(case, day, **kwargs).answers}


@pytest.mark.parametrize("m", ["nb", "nn"])
def test_the_exemplary_case_answers_yes_to_every_question_that_applies(m: str) -> None:
    """exemplary_timeline.json (with the receipt it sent) answers yes to every question that
    applies; what does not apply is the heightened duty, the owner's report in a serious case,
    intervening (no violation is recorded) and the Statsforvaltaren's stage."""
    text = (CASES / "exemplary_timeline.json").read_text(encoding="utf-8")
    answers = _answers(text, "2024-12-20", letters=[RECEIPT], maalform=m)
    not_applicable = {c for c, a in answers.items() if a.answer == "not_applicable"}
    assert not_applicable == HEIGHTENED | STAGE | {"owner_report", "intervene"}
    assert {a.answer for c, a in answers.items() if c not in not_applicable} == {"yes"}


def test_each_no_of_the_missed_deadlines_case_names_its_breach() -> None:
    """missed_deadlines.json: each «no» names the audit's breach code, its due date and its
    source kind (these deadlines are readings, and the answer says so)."""
    text = (CASES / "missed_deadlines.json").read_text(encoding="utf-8")
    answers = _answers(text, "2024-11-01")
    noes = {c: [(b.code, b.source_kind) for b in a.breaches]
            for c, a in answers.items() if a.answer == "no"}  # fmt: skip
    assert noes == {
        "measures": [("unsafe_pupil_without_measures", "reading")],
        "evaluation": [("evaluation_overdue", "reading")],
        "staff_report": [("report_to_principal_late", "reading")],
    }
    assert all(b.due is not None for a in answers.values() for b in a.breaches)


def test_not_determinable_says_what_the_case_does_not_show() -> None:
    """Without the event that shows a duty done, the answer is not determinable and names
    the missing item, event or document; never «no» without a breach."""
    text = (CASES / "missed_deadlines.json").read_text(encoding="utf-8")
    answers = _answers(text, "2024-11-01")
    assert (answers["hear_pupil"].answer, answers["hear_pupil"].missing) == (
        "not_determinable", ("hear_pupil",))  # fmt: skip
    assert answers["plan_contents"].missing == ("plan",)
    assert answers["statsforvaltaren_info"].missing == ("letters:receipt,closing",)
    assert all(a.breaches for a in answers.values() if a.answer == "no")


def _plan_case() -> dict[str, Any]:
    plan: dict[str, Any] = json.loads((EXAMPLES / "plan.json").read_text(encoding="utf-8"))
    case: dict[str, Any] = json.loads(
        (CASES / "exemplary_timeline.json").read_text(encoding="utf-8")
    )
    plan["pupil"] = case["pupil"]
    return plan


def test_the_plan_itself_answers_whether_it_states_items_a_to_e() -> None:
    """A plan given with the case is checked against the act's items (statutory profile):
    without its problem the answer is no, naming the finding; the shipped plan is yes."""
    text = (CASES / "exemplary_timeline.json").read_text(encoding="utf-8")
    plan = _plan_case()
    assert _answers(text, "2024-12-20", plans=[plan])["plan_contents"].answer == "yes"
    plan["problem"] = None
    answer = _answers(text, "2024-12-20", plans=[plan])["plan_contents"]
    assert answer.answer == "no"
    assert answer.findings
    assert all(f.startswith("plan_") for f in answer.findings)


def test_the_statsforvaltaren_s_dates_answer_the_stage_questions() -> None:
    """A case that went to the Statsforvaltaren: answered and reported back in time is yes;
    late, no, naming the breach with source kind authority."""
    data: dict[str, Any] = json.loads(
        (EXAMPLES / "statsforvaltaren" / "decision_not_met.json").read_text(encoding="utf-8")
    )
    answers = _answers(data, "2025-01-20")
    assert {answers[c].answer for c in STAGE} == {"yes"}
    for event in data["events"]:
        if event["type"] == "statsforvaltaren_answered":
            event["on"] = "2024-11-08"
    late = _answers(data, "2025-01-20")["statsforvaltaren_answer"]
    assert late.answer == "no"
    assert [(b.code, b.source_kind) for b in late.breaches] == [
        ("statsforvaltaren_answer_late", "authority")]  # fmt: skip


def test_every_question_is_worded_in_both_maalformer_with_a_basis_per_act() -> None:
    """The data file marks its wording as the library's reading; every question has its nb
    and nn text (different) and a basis under each act."""
    data = control_data()
    assert data.wording == "reading"
    for code, q in data.questions.items():
        assert q.question.nb != q.question.nn, code
        assert set(q.basis) == set(REGIME_IDS), code
        assert all(q.basis.values()), code


def test_the_wording_can_be_replaced_without_changing_the_answers(rules_copy: Path) -> None:
    """A copy of the rules folder with another wording (say Udir's, once quoted) gives the
    new text and the same answers."""
    text = (CASES / "missed_deadlines.json").read_text(encoding="utf-8")
    before = _answers(text, "2024-11-01")
    path = rules_copy / "control.toml"
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace('wording = "reading"', 'wording = "guidance"')
        .replace("Undersøkte skolen saken snarest?", "Har skolen undersøkt saken snarest?"),
        encoding="utf-8",
    )
    use_rules_folder(rules_copy)
    try:
        after = _answers(text, "2024-11-01")
    finally:
        use_rules_folder(None)
    assert after["investigate"].question == "Har skolen undersøkt saken snarest?"
    assert after["investigate"].wording == "guidance"
    assert {c: a.answer for c, a in after.items()} == {c: a.answer for c, a in before.items()}


def test_bad_letters_or_plans_are_typed_errors_naming_the_field() -> None:
    """A letter of an unknown kind, or a plan that is not one, names its field."""
    text = (CASES / "exemplary_timeline.json").read_text(encoding="utf-8")
    with pytest.raises(InputError) as info:
        control(text, "2024-12-20", letters=[{"kind": "nonsense", "sent_on": "2024-11-05"}])
    assert info.value.fields[0].path.startswith("kind")
    with pytest.raises(InputError):
        control(text, "2024-12-20", plans=[{"plan_id": 3}])
