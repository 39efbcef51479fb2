"""audit(): lawyer-readable scenarios, routine files, and the CLI's audit command."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from skolemiljo import RoutineError, assess, audit, load_routine, shipped_routines
from skolemiljo.cli import main
from skolemiljo.scenarios import run_scenario

from ..conftest import EXAMPLES, ROOT

SCENARIOS = sorted((Path(__file__).parent.parent / "audit_scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_audit_scenario(path: Path) -> None:
    """The scenario's timeline gives exactly the listed breaches, in order, in both målformer
    (the runner of ``skolemiljo check``); local breaches cite the routine, never the law."""
    assert run_scenario(path).failures == ()
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    case = data["case"]
    text = (
        (ROOT / case).read_text(encoding="utf-8")
        if isinstance(case, str)
        else json.dumps(case, default=str)
    )
    for breach in audit(text, data["as_of"], routine=data.get("routine")).breaches:
        if breach.local:
            assert "Øyer" in (breach.routine_reference or "")


def test_oyer_is_shipped() -> None:
    """The Øyer routine ships with the library."""
    assert "oyer_2024" in shipped_routines()
    assert load_routine("oyer_2024").routine.valid_from == date(2024, 10, 2)


GOOD = (ROOT / "src" / "skolemiljo" / "rules" / "routines" / "oyer_2024.toml").read_text()


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        (
            GOOD.replace("within_days = 1", "within_days = 9"),
            "steps.oyer_meeting_same_or_next_day.within_days: 9 days is weaker",
        ),
        (
            GOOD + "\n[steps.x_extra]\nafter = 'concern'\ndone_by = 'meeting_held'\n"
            "within_working_days = 1\ncolour = 'red'\ntitle = {nb = 'abc', nn = 'abc'}\n",
            "steps.x_extra.colour",
        ),
        (
            GOOD.replace('after = "plan_written"', 'after = "full_moon"'),
            "steps.oyer_best_interests_in_plan.after",
        ),
        (GOOD.replace('nn = "Skriftleg plan for undersøkinga"', 'nx = "x"'), "title.nn"),
        (GOOD.replace("[routine]", "[routine\n"), "line 5: not valid TOML"),
        (
            GOOD
            + "\n[steps.investigation_not_started]\nafter = 'concern'\ndone_by = 'meeting_held'\n"
            "within_working_days = 1\ntitle = {nb = 'abc', nn = 'abc'}\n",
            "may not reuse a legal code",
        ),
    ],
)
def test_bad_routine_files_are_refused_naming_the_key_or_line(
    tmp_path: Path, text: str, needle: str
) -> None:
    """Unknown keys, weaker deadlines, bad anchors, a missing målform and syntax errors."""
    path = tmp_path / "routine.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RoutineError) as info:
        load_routine(path)
    assert needle in str(info.value)


def test_unknown_routine_name_is_refused() -> None:
    """A name that is neither shipped nor a file is an error listing the shipped ones."""
    with pytest.raises(RoutineError, match="oyer_2024"):
        audit((EXAMPLES / "cases" / "exemplary_timeline.json").read_text(), routine="bergen_2031")


def test_assess_with_routine_adds_local_duties_after_the_law() -> None:
    """--routine on assess adds the routine's duties, marked local, never removing the law's."""
    text = (EXAMPLES / "cases" / "exemplary_timeline.json").read_text()
    early = assess(text, "2024-11-05", routine="oyer_2024")
    assert "oyer_best_interests_in_plan" not in early.codes()  # no plan yet on 5 November
    law = assess(text, "2024-11-08")
    both = assess(text, "2024-11-08", routine="oyer_2024")
    assert both.obligations[: len(law.obligations)] == law.obligations
    local = both.obligations[len(law.obligations) :]
    assert {o.code for o in local} == {
        "oyer_staff_tells_principal_same_day",
        "oyer_pupil_told_same_day",
        "oyer_meeting_same_or_next_day",
        "oyer_investigation_plan",
        "oyer_best_interests_in_plan",
    }
    for o in local:
        assert o.local
        assert o.legal_basis == ()
        assert o.routine_reference
        assert o.deadline.kind == ("none_stated" if o.code == "oyer_investigation_plan" else "days")
        assert o.source_kind == o.deadline.source_kind == "local"
    meeting = both.obligation("oyer_meeting_same_or_next_day")
    assert meeting.deadline.due == date(2024, 11, 5)


def test_cli_audit_json_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    """breaches[] with code, legal_basis or routine reference, local, evidence, message; exit 1."""
    path = EXAMPLES / "cases" / "missed_deadlines.json"
    code = main(["audit", str(path), "--as-of", "2024-11-01", "--routine", "oyer_2024", "--json"])
    assert code == 1
    data = json.loads(capsys.readouterr().out)
    first, last = data["breaches"][0], data["breaches"][-1]
    assert first["code"] == "report_to_principal_late"
    assert first["local"] is False
    assert first["legal_basis"][0]["citation"] == "opplæringsloven § 12-5"
    assert first["evidence"][0] == {
        "event": 0,
        "type": "violation",
        "on": "2024-10-07",
        "role": "trigger",
    }
    assert last["local"] is True
    assert last["legal_basis"] == []
    assert "Øyer" in last["routine_reference"]
    assert (
        main(
            [
                "audit",
                str(EXAMPLES / "cases" / "exemplary_timeline.json"),
                "--as-of",
                "2024-12-20",
                "--routine",
                "oyer_2024",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.strip().endswith("Ingen brudd funnet.")


def test_cli_audit_bad_routine_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A bad routine file: exit 2 and one line naming the key."""
    bad = tmp_path / "r.toml"
    bad.write_text(GOOD.replace("within_days = 1", "within_days = 9"))
    path = EXAMPLES / "cases" / "missed_deadlines.json"
    assert main(["audit", str(path), "--routine", str(bad)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "within_days" in err
