"""The Statsforvaltaren's stage (issue 25): its events, the dates its letter and decision set
(source kind ``authority``), and what the agenda, the audit, the calendar and the case file
make of them on dates before and after each deadline, in nb and nn."""

from __future__ import annotations

import json
from typing import Any

import icalendar
import pytest

from skolemiljo import InputError, agenda, audit, dossier

from ..conftest import EXAMPLES

CASE = EXAMPLES / "statsforvaltaren" / "decision_not_met.json"
TASKS = ("answer_statsforvaltaren", "carry_out_decision")


def _case(**late: str) -> dict[str, Any]:
    """The shipped case; ``late`` moves the date of events of these types."""
    data: dict[str, Any] = json.loads(CASE.read_text(encoding="utf-8"))
    for event in data["events"]:
        event["on"] = late.get(event["type"], event["on"])
    return data


def _states(data: dict[str, Any], day: str, m: str = "nb") -> dict[str, tuple[str, bool]]:
    return {i.code: (i.state, i.overdue) for i in agenda(data, day, maalform=m).items
            if i.code in TASKS}  # fmt: skip


@pytest.mark.parametrize("m", ["nb", "nn"])
def test_the_agenda_follows_each_date_the_statsforvaltaren_set(m: str) -> None:
    """Before the request nothing is due; the answer is open until it is sent, done after;
    the ordered measures appear with the decision, open until reported back."""
    data = _case()
    assert _states(data, "2024-10-22", m) == {}
    assert _states(data, "2024-10-30", m) == {"answer_statsforvaltaren": ("open", False)}
    assert _states(data, "2024-11-07", m)["answer_statsforvaltaren"] == ("done", False)
    assert "carry_out_decision" not in _states(data, "2024-12-01", m)
    assert _states(data, "2024-12-10", m)["carry_out_decision"] == ("open", False)
    assert _states(data, "2025-01-20", m)["carry_out_decision"] == ("done", False)


def test_a_missed_date_is_overdue_and_a_breach_with_its_source() -> None:
    """Answered after the letter's date, and reported back after the decision's: each item
    is overdue once its date passed, and audit reports the breach with source kind
    authority, cited to § 12-6, with the Statsforvaltaren's date as its due date."""
    data = _case(
        statsforvaltaren_answered="2024-11-08", statsforvaltaren_reported_back="2025-01-13"
    )
    assert _states(data, "2024-11-06")["answer_statsforvaltaren"] == ("open", False)
    assert _states(data, "2024-11-07")["answer_statsforvaltaren"] == ("open", True)
    assert _states(data, "2025-01-11")["carry_out_decision"] == ("open", True)
    breaches = {b.code: b for b in audit(data, "2025-01-20").breaches}
    assert set(breaches) == {"statsforvaltaren_answer_late", "ordered_measures_late"}
    late = breaches["ordered_measures_late"]
    assert (late.source_kind, late.due.isoformat()) == ("authority", "2025-01-10")
    assert [r.citation for r in late.legal_basis] == ["opplæringsloven § 12-6"]
    assert audit(_case(), "2025-01-20").breaches == ()


def test_the_calendar_carries_the_statsforvaltaren_s_dates() -> None:
    """The agenda's calendar has an entry on each date the Statsforvaltaren set while the
    step is still to be done."""
    for day, due in (("2024-10-30", "2024-11-06"), ("2024-12-10", "2025-01-10")):
        cal = icalendar.Calendar.from_ical(agenda(_case(), day).to_ics())
        assert due in {c.decoded("dtstart").isoformat() for c in cal.walk("VEVENT")}


@pytest.mark.parametrize(
    ("m", "title", "due"),
    [("nb", "Saken hos Statsforvalteren", "(datoen Statsforvalteren satte)"),
     ("nn", "Saka hos Statsforvaltaren", "(datoen Statsforvaltaren sette)")],
)  # fmt: skip
def test_the_case_file_has_a_section_for_the_stage(m: str, title: str, due: str) -> None:
    """The case file shows the stage once the case was reported there (its events and the
    dates, each said to be the Statsforvaltaren's), and no such section before."""
    body = " ".join(dossier(_case(), "2024-12-10", maalform=m).body.split())
    assert title in body
    assert due in body
    before = dossier(_case(), "2024-10-20", maalform=m).body
    assert title not in " ".join(before.split())


def _with(*events: dict[str, Any]) -> dict[str, Any]:
    data = _case()
    data["events"] = [e for e in data["events"] if not e["type"].startswith("statsforvaltaren")]
    data["events"] += list(events)
    return data


@pytest.mark.parametrize(
    ("events", "path", "code"),
    [
        ([{"type": "statsforvaltaren_requested", "on": "2024-10-23", "due": "2024-11-06"}],
         "events.9.type", "before_statsforvaltaren"),
        ([{"type": "statsforvaltaren_reported", "on": "2024-10-21"},
          {"type": "statsforvaltaren_answered", "on": "2024-10-20"}],
         "events.10.type", "before_statsforvaltaren"),
        ([{"type": "statsforvaltaren_reported", "on": "2024-10-21"},
          {"type": "statsforvaltaren_decided", "on": "2024-12-02", "outcome": "not_met"}],
         "events.10.statsforvaltaren_decided", "measures_due_missing"),
        ([{"type": "statsforvaltaren_reported", "on": "2024-10-21"},
          {"type": "statsforvaltaren_requested", "on": "2024-10-23", "due": "2024-10-01"}],
         "events.10.statsforvaltaren_requested", "due_before_event"),
        ([{"type": "statsforvaltaren_reported", "on": "2024-10-21"},
          {"type": "appealed_to_udir", "on": "2024-10-25"}],
         "events.10.type", "appeal_before_decision"),
    ],
)  # fmt: skip
def test_bad_input_of_the_stage_is_a_typed_error_naming_the_field(
    events: list[dict[str, Any]], path: str, code: str
) -> None:
    """An event of the stage before the case was reported there, a decision ordering measures
    without their date, a due date before its letter, an appeal before a decision: each an
    InputError naming the event's field, with no input in the message."""
    with pytest.raises(InputError) as info:
        agenda(_with(*events), "2024-12-10")
    assert (path, code) in [(f.path, f.code) for f in info.value.fields]
