"""Measures and plans for the other pupils of a case (issue 24): an investigation that finds
another pupil without a safe environment, measures for that pupil and that pupil's plan are
events that name the pupil; they are that pupil's steps and never the case pupil's."""

from __future__ import annotations

import json
from typing import Any

import pytest

from skolemiljo import InputError, agenda, assess, dossier

from ..conftest import EXAMPLES

SEVERAL = EXAMPLES / "cases" / "several_pupils.json"
_OWN_STEPS = ("investigation_finished", "measures_started", "plan_written")


def _case(drop_party_events: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SEVERAL.read_text(encoding="utf-8"))
    if drop_party_events:
        data["events"] = [
            e for e in data["events"] if not (e["type"] in _OWN_STEPS and e.get("party"))
        ]
    return data


def _items(data: dict[str, Any], as_of: str = "2024-11-20") -> dict[tuple[str, str | None], Any]:
    return {(i.code, i.party): i for i in agenda(data, as_of).items}


def test_the_shipped_case_lists_measures_and_a_plan_for_the_other_pupil_found_unsafe() -> None:
    """elev-b2 (acted and exposed) was found without a safe environment: measures for it and a
    plan for them are its own items, done by the events naming it, cited to the act (§ 12-4
    andre and tredje ledd), never overdue; no other pupil gets them."""
    items = _items(_case())
    own = {key: i for key, i in items.items() if key[0] in ("measures_for_party", "plan_for_party")}
    assert set(own) == {("measures_for_party", "elev-b2"), ("plan_for_party", "elev-b2")}
    assert all(i.state == "done" and not i.overdue and i.source_kind == "statute"
               for i in own.values())  # fmt: skip
    cites = {k[0]: [r.citation for r in i.legal_basis] for k, i in own.items()}
    assert cites == {
        "measures_for_party": ["opplæringsloven § 12-4 andre ledd"],
        "plan_for_party": ["opplæringsloven § 12-4 tredje ledd"],
    }
    note = own[("plan_for_party", "elev-b2")].source_note or ""
    assert "bibliotekets lesing" in note
    assert "enkeltelev" in note


def test_a_pupil_step_starts_only_from_an_event_naming_that_pupil() -> None:
    """Without elev-b2's own events neither step is listed; with only its finding, measures are
    open and no plan is asked for yet; a finding of «safe» asks for nothing; an event after
    as_of starts nothing."""
    data = _case(drop_party_events=True)
    assert not [k for k in _items(data) if k[0] in ("measures_for_party", "plan_for_party")]
    found = {"type": "investigation_finished", "on": "2024-11-08", "result": "unsafe",
             "party": "elev-b2"}  # fmt: skip
    data["events"].append(found)
    items = _items(data)
    assert items[("measures_for_party", "elev-b2")].state == "open"
    assert ("plan_for_party", "elev-b2") not in items
    data["events"][-1] = {**found, "result": "safe"}
    assert ("measures_for_party", "elev-b2") not in _items(data)
    data["events"][-1] = {**found, "on": "2024-11-25"}
    assert ("measures_for_party", "elev-b2") not in _items(data)


def test_the_1998_act_cites_its_own_paragraphs() -> None:
    """Under the 1998 act the steps cite § 9 A-4 fjerde and sjette ledd (the act in force on
    the date the step started)."""
    data = _case()
    data["events"] = [{**e, "on": e["on"].replace("2024-11", "2023-11")} for e in data["events"]]
    items = _items(data, "2023-12-20")
    cites = {code: [r.citation for r in items[(code, "elev-b2")].legal_basis]
             for code in ("measures_for_party", "plan_for_party")}  # fmt: skip
    assert cites == {
        "measures_for_party": ["opplæringsloven § 9 A-4 fjerde ledd"],
        "plan_for_party": ["opplæringsloven § 9 A-4 sjette ledd"],
    }


def test_another_pupil_s_plan_is_not_the_case_pupil_s_plan() -> None:
    """A plan, measures or a finding naming another pupil does none of the case pupil's
    duties: without the case pupil's own plan its written_plan stays open, and the case
    pupil's duties are those of the case without the other pupil's events."""
    data = _case()
    data["events"] = [e for e in data["events"]
                      if not (e["type"] == "plan_written" and not e.get("party"))]  # fmt: skip
    assert _items(data)[("written_plan", None)].state == "open"
    data = _case()
    data["events"] = [e for e in data["events"] if e["type"] not in _OWN_STEPS or e.get("party")]
    bare = _case()
    bare["events"] = [e for e in bare["events"] if e["type"] not in _OWN_STEPS]
    duties = assess(data, "2024-11-20").model_dump(mode="json")["obligations"]
    assert duties == assess(bare, "2024-11-20").model_dump(mode="json")["obligations"]


@pytest.mark.parametrize(
    ("party", "code"), [("ansatt-hemmelig", "party_kind"), ("elev-hemmelig", "party_unknown")]
)
def test_a_plan_for_a_party_that_is_not_a_listed_pupil_is_refused(party: str, code: str) -> None:
    """A plan, measures or finding naming staff, or a reference the case does not list, is a
    typed error naming the event's field, never the reference."""
    data = _case()
    data["parties"].append({"kind": "staff", "ref": "ansatt-hemmelig"})
    for kind in _OWN_STEPS:
        event: dict[str, Any] = {"type": kind, "on": "2024-11-12", "party": party}
        if kind == "investigation_finished":
            event["result"] = "unsafe"
        data["events"].append(event)
        with pytest.raises(InputError) as info:
            assess(data, "2024-11-20")
        at = f"events.{len(data['events']) - 1}.party"
        assert (at, code) in [(f.path, f.code) for f in info.value.fields]
        assert "hemmelig" not in str(info.value)
        data["events"].pop()


@pytest.mark.parametrize("m", ["nb", "nn"])
def test_the_case_file_about_one_pupil_shows_nothing_of_another_pupil_s_measures(m: str) -> None:
    """The case file is about the case's pupil: another pupil's finding, measures and plan are
    that pupil's personal matters, so the file lists neither the events nor the steps, and it
    counts the case's own events once (the same text as without them); a plan for another
    pupil given to it is refused (party_kind at plans.0.pupil.ref)."""
    text = SEVERAL.read_text(encoding="utf-8")
    body = dossier(text, "2024-11-30", maalform=m).body
    assert body == dossier(_case(drop_party_events=True), "2024-11-30", maalform=m).body
    assert "elev-b2" not in body
    assert "denne eleven" not in body
    plan: dict[str, Any] = json.loads((EXAMPLES / "plan.json").read_text(encoding="utf-8"))
    plan["pupil"] = {"ref": "elev-b2"}
    plan["measures"] = [{**x, "parties": []} for x in plan["measures"]]
    with pytest.raises(InputError) as info:
        dossier(text, "2024-11-30", plans=[plan], maalform=m)
    assert [(f.path, f.code) for f in info.value.fields] == [("plans.0.pupil.ref", "party_kind")]
