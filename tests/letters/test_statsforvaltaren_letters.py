"""The letters of the Statsforvaltaren's stage (issue 25): the school's answer lists what the
case file attaches and the request's dates; the letter to the parents says what was decided,
by when the school acts, and where to appeal; neither is written before its event."""

from __future__ import annotations

import json
from typing import Any

import pytest

from skolemiljo import render_letter
from skolemiljo.errors import LetterError

from ..conftest import EXAMPLES

LETTERS = EXAMPLES / "letters"


def _request(kind: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((LETTERS / f"{kind}.json").read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize(
    ("m", "parts", "due"),
    [("nb", ["Følge med", "Gripe inn", "Melde fra", "Undersøke", "Sette inn tiltak",
             "Dokumentere"], "onsdag 6. november 2024"),
     ("nn", ["Følgje med", "Gripe inn", "Melde frå", "Undersøkje", "Setje inn tiltak",
             "Dokumentere"], "onsdag 6. november 2024")],
)  # fmt: skip
def test_the_answer_lists_the_case_file_and_the_request(m: str, parts: list[str], due: str) -> None:
    """Addressed to the Statsforvaltaren; the request's due date and each sub-duty of the case
    file (without the heightened duty in a case without a staff offender)."""
    letter = render_letter("statsforvaltaren_answer", _request("statsforvaltaren_answer"),
                           maalform=m)  # fmt: skip
    body = " ".join(letter.body.split())
    assert letter.addressed_to == "statsforvaltaren"
    assert due in body
    assert all(f"- {part}" in letter.body for part in parts)
    assert "Skjerp" not in body


@pytest.mark.parametrize("outcome", ["met", "not_met"])
def test_the_decision_letter_follows_the_outcome(outcome: str) -> None:
    """Not met: the date the ordered measures are due, twice (what and by when); met: no such
    date. Either way, the appeal goes to Udir and its deadline is in the decision."""
    data = _request("statsforvaltaren_decision")
    for event in data["case"]["events"]:
        if event["type"] == "statsforvaltaren_decided":
            event["outcome"] = outcome
            if outcome == "met":
                event.pop("measures_due")
    body = " ".join(render_letter("statsforvaltaren_decision", data).body.split())
    assert ("fredag 10. januar 2025" in body) == (outcome == "not_met")
    assert "klage på vedtaket til Utdanningsdirektoratet" in body
    assert "står i vedtaket" in body
    assert ("ikke har oppfylt" in body) == (outcome == "not_met")


@pytest.mark.parametrize(
    ("kind", "before"),
    [("statsforvaltaren_answer", "2024-10-22"), ("statsforvaltaren_decision", "2024-12-01")],
)
def test_no_stage_letter_before_its_event(kind: str, before: str) -> None:
    """The answer needs the request, the decision letter the decision, on or before the
    letter's date: earlier, the kind is not applicable (a typed error)."""
    data = _request(kind)
    data["letter_date"] = before
    with pytest.raises(LetterError) as info:
        render_letter(kind, data)
    assert info.value.code == "not_applicable"
