"""The agenda: what is due next, by whom and when; its calendar, command and HTTP operation."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from skolemiljo import InputError, agenda, assess, audit, working_days_before
from skolemiljo.cli import main

from ..conftest import EXAMPLES, AsgiClient

CASES = sorted((EXAMPLES / "cases").glob("*.json"))


def _case(name: str) -> str:
    return (EXAMPLES / "cases" / f"{name}.json").read_text(encoding="utf-8")


def _dates(text: str) -> list[date]:
    """Every event date of a case, the day after each and 30 days on: where deadlines turn."""
    days = {date.fromisoformat(e["on"]) for e in json.loads(text)["events"]}
    return sorted({d + timedelta(days=n) for d in days for n in (0, 1, 8, 30)})


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
@pytest.mark.parametrize("routine", [None, "oyer_2024"])
def test_every_shipped_example_agrees_with_audit_on_every_turning_date(
    path: Path, routine: str | None
) -> None:
    """On every shipped case and every turning date, with and without the routine, the agenda's
    overdue items are exactly the audit's breaches."""
    text = path.read_text(encoding="utf-8")
    for day in _dates(text):
        items = agenda(text, day, routine=routine).items
        report = audit(text, day, routine=routine)
        overdue = sorted((i.deadline.breach_code or "", i.deadline.due) for i in items if i.overdue)
        assert overdue == sorted((b.code, b.due) for b in report.breaches), (path.stem, day)


def test_open_items_carry_due_date_source_and_reminders() -> None:
    """An open item carries its due date, the source of that date and its reminders."""
    plan = agenda(_case("pupil_says_unsafe"), "2024-10-10", reminders=(1, 0))
    item = plan.item("put_right")
    assert item.state == "open"
    assert item.deadline.due == date(2024, 10, 14)  # 5 working days after 7 October
    assert item.deadline.source_kind == "reading"
    assert "5 arbeidsdager" in (item.deadline.source_note or "")
    assert item.deadline.breach_code == "unsafe_pupil_without_measures"
    assert item.reminders == (date(2024, 10, 11), date(2024, 10, 14))
    assert item.duty_bearer == "school"
    assert item.legal_basis[0].citation == "opplæringsloven § 12-4 andre ledd"
    assert not item.overdue
    assert item.days_late is None
    done = plan.item("investigate")
    assert done.state == "done"
    assert done.done is not None
    assert (done.done.type, done.done.on) == ("investigation_started", date(2024, 10, 8))
    assert done.reminders == ()
    assert plan.item("monitor").state == "continuous"
    assert plan.item("monitor").deadline.due is None
    with pytest.raises(KeyError):
        plan.item("right_to_report_to_statsforvaltaren")  # a right, not a task
    assert (
        "right_to_report_to_statsforvaltaren"
        in assess(_case("pupil_says_unsafe"), "2024-10-10").codes()
    )


def test_items_are_ordered_by_due_date_and_overdue_counts_days() -> None:
    """Items are sorted by due date (undated last), and an overdue item counts its days late."""
    plan = agenda(_case("pupil_says_unsafe"), "2024-10-20")
    dues = [i.deadline.due for i in plan.items if i.deadline.due]
    assert dues == sorted(dues)
    assert all(i.deadline.due is None for i in plan.items[len(dues) :])
    late = plan.item("put_right")
    assert late.overdue
    assert late.days_late == 6  # 14 to 20 October
    assert plan.overdue_items() == (late,)


def test_a_staff_offender_puts_the_deadline_on_the_heightened_duty() -> None:
    """Under the 2023 act only with the opt-in reading (issue 22); without it the investigation
    keeps § 12-4's "snarast" and was in time (14 October, 5 working days after 7 October)."""
    plain = agenda(_case("missed_deadlines"), "2024-11-01")
    assert "investigate_immediately" not in {i.code for i in plain.items}
    investigate = plain.item("investigate")
    assert investigate.deadline.breach_code == "investigation_not_started"
    assert investigate.deadline.due == date(2024, 10, 14)
    assert not investigate.overdue
    plan = agenda(
        _case("missed_deadlines"), "2024-11-01", options={"readings": ["carried_over_9a5"]}
    )
    item = plan.item("investigate_immediately")
    assert item.deadline.due == date(2024, 10, 7)
    assert item.deadline.breach_code == "investigation_not_started"
    assert item.deadline.legal_basis[0].citation == "opplæringsloven § 12-4 andre ledd"
    assert item.state == "done"
    assert item.overdue
    assert item.days_late == 7  # investigated on 14 October
    assert plan.item("investigate").deadline.breach_code is None  # its deadline is carried above
    evaluation = plan.item("evaluate_plan")
    assert evaluation.kind == "task"
    assert evaluation.deadline.kind == "evaluate_on"
    assert evaluation.deadline.due == date(2024, 10, 28)


def test_only_law_dates_nothing_that_is_a_reading() -> None:
    """With min_source statute, no deadline that is a reading gets a date, so nothing is overdue."""
    plan = agenda(_case("pupil_says_unsafe"), "2024-10-20", options={"min_source": "statute"})
    assert not plan.overdue_items()
    assert plan.item("put_right").deadline.due is None
    assert plan.item("put_right").deadline.breach_code is None


def test_a_routine_adds_its_local_steps() -> None:
    """A routine adds its steps as local items, citing the routine, never the law."""
    plan = agenda(_case("pupil_says_unsafe"), "2024-10-07", routine="oyer_2024")
    local = [i for i in plan.items if i.kind == "local"]
    assert local
    assert all(i.source_kind == "local" and i.routine_reference for i in local)
    assert plan.routine == "oyer_2024"


def test_indicators_ask_the_principal_to_assess_seriousness() -> None:
    """Recorded seriousness indicators without the principal's assessment add the task to assess
    seriousness, said to be a reading."""
    case = json.loads(_case("pupil_says_unsafe"))
    case["events"].append(
        {"type": "violation", "on": "2024-10-07", "kind": "mobbing", "offender": "pupil",
         "digital": True, "threats": True}
    )  # fmt: skip
    case["events"].append({"type": "absence_noted", "on": "2024-10-09"})
    plan = agenda(case, "2024-10-10")
    assert plan.indicators == ("threats", "digital", "absence")
    task = plan.item("assess_seriousness")
    assert task.kind == "task"
    assert task.duty_bearer == "principal"
    assert task.source_kind == "reading"
    assert "standardlesingen" in (task.source_note or "").lower()
    case["serious"] = False  # the principal has assessed it
    assert "assess_seriousness" not in {i.code for i in agenda(case, "2024-10-10").items}
    case["serious"] = None
    case["events"] = case["events"][:-2]
    assert "assess_seriousness" not in {i.code for i in agenda(case, "2024-10-10").items}


@pytest.mark.parametrize("bad", [(31,), (-1,), ("1",), "1", (True,), (1, 2, 3, 4, 5, 6)])
def test_bad_reminders_are_a_typed_error_naming_the_argument(bad: object) -> None:
    """Reminders that are not 0 to 30 working days are an InputError naming reminders."""
    with pytest.raises(InputError) as caught:
        agenda(_case("pupil_says_unsafe"), "2024-10-10", reminders=bad)  # type: ignore[arg-type]
    assert caught.value.fields[0].path == "reminders"


def test_working_days_before_skips_weekends_and_holidays() -> None:
    """working_days_before skips weekends and Norwegian public holidays, and refuses negative
    counts."""
    assert working_days_before(date(2025, 4, 22), 1) == date(2025, 4, 16)  # over Easter
    assert working_days_before(date(2024, 10, 14), 0) == date(2024, 10, 14)
    with pytest.raises(InputError):
        working_days_before(date(2024, 10, 14), -1)


# ------------------------------------------------------------------------- calendar ---


def test_the_calendar_parses_back_with_every_field() -> None:
    """The calendar parses back as iCalendar 2.0 with every item's fields."""
    import icalendar

    plan = agenda(_case("teacher_harasses_pupil"), "2024-09-30", reminders=(1, 0), maalform="nn")
    cal = icalendar.Calendar.from_ical(plan.to_ics())
    assert cal["version"] == "2.0"
    events = list(cal.walk("VEVENT"))
    dated = [i for i in plan.items if i.state == "open" and i.deadline.due]
    assert len(events) == len(dated) > 0
    for event, item in zip(events, dated, strict=True):
        assert event.decoded("dtstart") == item.deadline.due
        assert event.decoded("dtend") == item.deadline.due + timedelta(days=1)
        assert str(event["summary"]) == item.title
        assert event["summary"].params["LANGUAGE"] == "nn"
        description = str(event["description"])
        assert "SAK-2024-039" in description
        assert plan.pupil_ref in description
        assert "opplæringslova" in description
        assert str(event["x-skolemiljo-code"]) == item.code
        assert str(event["uid"]).endswith("@skolemiljo")
        triggers = [a.decoded("trigger") for a in event.walk("VALARM")]
        assert [t.date() for t in triggers] == list(item.reminders)
        assert all(t.hour == 6 or t.hour == 7 for t in triggers)  # 08:00 in Oslo, in UTC


def test_uids_are_stable_across_exports_and_dates() -> None:
    """An item keeps its calendar UID across exports and dates."""
    import icalendar

    def uids(day: str) -> dict[str, str]:
        cal = icalendar.Calendar.from_ical(agenda(_case("teacher_harasses_pupil"), day).to_ics())
        return {str(e["x-skolemiljo-code"]): str(e["uid"]) for e in cal.walk("VEVENT")}

    first, again, later = uids("2024-09-30"), uids("2024-09-30"), uids("2024-10-01")
    assert first == again
    assert {c: later[c] for c in first if c in later} == {c: first[c] for c in later if c in first}
    assert len(set(first.values())) == len(first)


def test_the_calendar_holds_no_name_or_free_text() -> None:
    """The calendar holds no name or free text from the case."""
    case = json.loads(_case("pupil_says_unsafe"))
    case["school"]["name"] = "Skolen til Ola Nordmann"
    ics = agenda(case, "2024-10-10").to_ics().decode()
    assert "Nordmann" not in ics


# ---------------------------------------------------------------- command and HTTP ---


def test_the_command_exits_1_when_something_is_overdue(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """skolemiljo agenda exits 1 when an item is overdue, else 0; --json prints JSON."""
    path = str(EXAMPLES / "cases" / "pupil_says_unsafe.json")
    assert main(["agenda", path, "--as-of", "2024-10-10"]) == 0
    assert "put_right" in capsys.readouterr().out
    assert main(["agenda", path, "--as-of", "2024-10-20", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [i["code"] for i in data["items"] if i["overdue"]] == ["put_right"]
    ics = tmp_path / "a.ics"
    assert main(["agenda", path, "--as-of", "2024-10-10", "--ics", str(ics), "--remind", "1"]) == 0
    assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert main(["agenda", path, "--as-of", "2024-10-10", "--ics", str(tmp_path / "no/a.ics")]) == 2
    assert "cannot write" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main(["agenda", path, "--remind", "x"])
    assert caught.value.code == 2


def test_the_http_operation_answers_json_or_a_calendar() -> None:
    """POST /v1/cases/agenda answers JSON, or a calendar when Accept asks for text/calendar."""
    from skolemiljo.server import create_app

    client = AsgiClient(create_app())
    body = _case("pupil_says_unsafe")
    headers = {"content-type": "application/json"}
    answer = client.post("/v1/cases/agenda?as_of=2024-10-20", content=body, headers=headers)
    assert answer.status_code == 200
    assert [i["code"] for i in answer.json()["items"] if i["overdue"]] == ["put_right"]
    calendar = client.post(
        "/v1/cases/agenda?as_of=2024-10-10&maalform=nn&reminders=1&reminders=0",
        content=body,
        headers={**headers, "accept": "text/calendar"},
    )
    assert calendar.status_code == 200
    assert calendar.headers["content-type"].startswith("text/calendar")
    assert "LANGUAGE=nn" in calendar.text
    assert "VALARM" in calendar.text
    assert calendar.headers["deprecation"] == "true"  # Accept on the JSON operation: the old form
    own = client.post("/v1/cases/agenda.ics?as_of=2024-10-20&maalform=nn", content=body,
                      headers=headers)  # fmt: skip
    assert own.status_code == 200
    assert own.headers["content-type"].startswith("text/calendar")
    assert "LANGUAGE=nn" in own.text
    doc = client.get("/openapi.json").json()
    content = doc["paths"]["/v1/cases/agenda"]["post"]["responses"]["200"]["content"]
    assert set(content) == {"application/json"}
    ics = doc["paths"]["/v1/cases/agenda.ics"]["post"]["responses"]
    assert set(ics["200"]["content"]) == {"text/calendar"}
    assert set(ics["422"]["content"]) == {"application/json"}  # errors are JSON everywhere


@pytest.mark.parametrize(
    ("m", "words"),
    [("nb", "trusler, digitale krenkelser, fravær hos eleven"),
     ("nn", "truslar, digitale krenkingar, fråvær hos eleven")],
)  # fmt: skip
def test_the_owner_notice_lists_the_indicators_as_a_reading(m: str, words: str) -> None:
    """The owner notice lists recorded indicators, and only then, saying the list is a reading, not
    the law's words."""
    from skolemiljo import render_letter

    request = json.loads((EXAMPLES / "letters" / "owner_notice.json").read_text("utf-8"))
    plain = render_letter("owner_notice", request, maalform=m)
    assert "kan peke mot" not in plain.body
    assert "kan peike mot" not in plain.body  # no indicators recorded, no line
    request["case"]["events"][0].update(digital=True, threats=True)
    request["case"]["events"].append({"type": "absence_noted", "on": "2024-09-30"})
    letter = render_letter("owner_notice", request, maalform=m)
    text = " ".join(letter.body.split())
    assert words in text
    assert "standardlesing" in text.split(words)[1][:200]  # said to be a reading, at once


def test_two_command_runs_write_the_same_events(tmp_path: Path) -> None:
    """`skolemiljo agenda CASE --ics FILE` twice: one VEVENT per open dated item, same UIDs."""
    import icalendar

    path = str(EXAMPLES / "cases" / "teacher_harasses_pupil.json")
    uids = []
    for run in ("first", "second"):
        target = tmp_path / f"{run}.ics"
        assert main(["agenda", path, "--as-of", "2024-09-30", "--ics", str(target)]) == 0
        cal = icalendar.Calendar.from_ical(target.read_bytes())
        uids.append([str(e["uid"]) for e in cal.walk("VEVENT")])
    dated = [i for i in agenda(_case("teacher_harasses_pupil"), "2024-09-30").open_items()
             if i.deadline.due]  # fmt: skip
    assert len(uids[0]) == len(dated) == 4
    assert uids[0] == uids[1]
