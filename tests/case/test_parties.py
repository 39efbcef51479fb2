"""Cases as they really happen (issue 24): several pupils with their roles, their parents, an
accused staff member; every act of the school on record; bad party input a typed error naming
the field, without the reference."""

from __future__ import annotations

import json
from typing import Any

import pytest

from skolemiljo import Case, InputError, agenda, assess, audit, dossier

from ..conftest import EXAMPLES

SEVERAL = EXAMPLES / "cases" / "several_pupils.json"


def _case(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SEVERAL.read_text(encoding="utf-8"))
    data.update(changes)
    return data


def _fields(error: InputError) -> list[tuple[str, str]]:
    return [(f.path, f.code) for f in error.fields]


def test_a_case_without_parties_has_its_pupil_as_the_one_exposed_party() -> None:
    """Today's single-pupil input stays valid and means one exposed pupil."""
    case = Case.model_validate(
        {"pupil": {"ref": "elev-1"}, "school": {"name": "Lia skole"}, "events": []}
    )
    assert [(p.ref, p.roles) for p in case.pupils()] == [("elev-1", ("exposed",))]
    assert case.staff() == ()


def test_the_shipped_case_lists_every_role_and_a_pupil_with_two() -> None:
    """several_pupils.json: one exposed pupil, two who acted (one also exposed), two
    bystanders, both parents of the exposed pupil (one with a protected address)."""
    case = Case.model_validate(_case())
    roles = {p.ref: p.roles for p in case.pupils()}
    assert roles["elev-a1"] == ("exposed",)
    assert roles["elev-b2"] == ("acted", "exposed")
    assert sum("bystander" in r for r in roles.values()) == 2
    parents = case.pupils()[0].guardians
    assert [g.protected_address for g in parents] == [False, True]
    assert [g.reported for g in parents] == [True, False]


@pytest.mark.parametrize("m", ["nb", "nn"])
def test_the_shipped_case_assesses_audits_and_files_in_both_maalformer(m: str) -> None:
    """assess, audit, agenda and the case file work on several_pupils.json in nb and nn."""
    text = SEVERAL.read_text(encoding="utf-8")
    assert assess(text, "2024-11-20", maalform=m).obligations
    assert audit(text, "2024-11-20", maalform=m).breaches == ()
    items = {i.code: i for i in agenda(text, "2024-11-20", maalform=m).items}
    assert items["intervene"].state == "done"
    assert items["hear_pupil"].state == "done"
    body = dossier(text, "2024-11-20", maalform=m).body
    for ref in ("elev-b1", "elev-b2", "elev-c1", "foresatt-a1-2"):
        assert ref not in body


@pytest.mark.parametrize(
    ("change", "path", "code"),
    [
        ({"parties": [{"kind": "pupil", "ref": "elev-b1", "roles": ["acted"]},
                      {"kind": "pupil", "ref": "elev-b1", "roles": ["bystander"]}]},
         "parties.1.ref", "party_repeated"),
        ({"parties": [{"kind": "pupil", "ref": "elev-b1", "roles": ["onlooker"]}]},
         "parties.0.pupil.roles.0", "literal_error"),
        ({"parties": [{"kind": "pupil", "ref": "elev-b1", "roles": ["acted", "acted"]}]},
         "parties.0.pupil.roles", "role_repeated"),
        ({"parties": [{"kind": "pupil", "ref": "elev-a1", "roles": ["acted"]}]},
         "parties.0.roles", "party_pupil_not_exposed"),
        ({"parties": [{"kind": "pupil", "ref": "elev-b1", "roles": ["acted"],
                       "guardians": [{"ref": "elev-b1"}]}]},
         "parties.0.guardians.0.ref", "party_repeated"),
        ({"parties": [], "events": [{"type": "pupil_heard", "on": "2024-11-06",
                                     "party": "elev-hemmelig"}]},
         "events.0.party", "party_unknown"),
        ({"parties": [{"kind": "pupil", "ref": "elev-b1", "roles": ["acted"]}],
          "events": [{"type": "accused_heard", "on": "2024-11-06", "party": "elev-b1"}]},
         "events.0.party", "party_kind"),
    ],
)  # fmt: skip
def test_bad_party_input_is_a_typed_error_naming_the_field(
    change: dict[str, Any], path: str, code: str
) -> None:
    """A party referenced but not listed, a role outside the vocabulary, two parties with one
    reference, a party of the wrong kind: each names the field, never the reference."""
    with pytest.raises(InputError) as info:
        assess(_case(**change), "2024-11-20")
    assert (path, code) in _fields(info.value)
    assert "hemmelig" not in str(info.value)


def test_what_the_school_did_is_what_the_case_file_says() -> None:
    """Intervening and hearing the pupil, once recorded, are done in the agenda and the case
    file; without those events they are «ikke registrert som gjort», as before."""
    data = _case()
    text = dossier(data, "2024-11-20").body
    assert "Høre eleven (opplæringsloven § 10-2): gjort" in " ".join(text.split())
    without = _case(events=[e for e in data["events"]
                            if e["type"] not in ("intervened", "pupil_heard")])  # fmt: skip
    items = {i.code: i for i in agenda(without, "2024-11-20").items}
    assert items["intervene"].state == "open"
    assert items["hear_pupil"].state == "open"


def test_another_pupil_heard_is_not_the_case_s_pupil_heard() -> None:
    """Hearing another pupil (or a meeting with the parents only) does not mark the case's
    pupil as heard; a meeting with the pupil, or the pupil declining, does."""
    base = _case()
    events = [e for e in base["events"] if e["type"] != "pupil_heard"]
    other = {"type": "pupil_heard", "on": "2024-11-06", "party": "elev-b1"}
    items = {i.code: i for i in agenda(_case(events=[*events, other]), "2024-11-20").items}
    assert items["hear_pupil"].state == "open"
    declined = {"type": "pupil_heard", "on": "2024-11-06", "declined": True}
    items = {i.code: i for i in agenda(_case(events=[*events, declined]), "2024-11-20").items}
    assert items["hear_pupil"].state == "done"
    meeting = {"type": "meeting_held", "on": "2024-11-06", "attendees": "pupil"}
    items = {i.code: i for i in agenda(_case(events=[*events, meeting]), "2024-11-20").items}
    assert items["hear_pupil"].state == "done"


def test_the_exemplary_timeline_file_leaves_nothing_done_unrecorded() -> None:
    """The case file of exemplary_timeline.json says «ikke registrert som gjort» for no duty
    the school did (its meeting with the pupil is the hearing)."""
    text = (EXAMPLES / "cases" / "exemplary_timeline.json").read_text(encoding="utf-8")
    body = " ".join(dossier(text, "2024-12-20").body.split())
    assert "ikke registrert som gjort" not in body


def _party_items(data: dict[str, Any], **kwargs: Any) -> dict[tuple[str, str | None], Any]:
    return {(i.code, i.party): i for i in agenda(data, "2024-12-20", **kwargs).items}


def test_hearing_every_pupil_involved_is_listed_per_party_with_its_source() -> None:
    """Each other pupil involved is an item of its own, done when a pupil_heard names that
    pupil (declining counts). Under the 2023 act its source is Udir's circular (guidance,
    quoted: «involverte elever blir hørt»), never statute; under the 1998 act it was § 9 A-4
    femte ledd (statute)."""
    data = _case()
    items = _party_items(data)
    heard = {p: i for (code, p), i in items.items() if code == "hear_involved"}
    assert set(heard) == {"elev-b1", "elev-b2", "elev-c1", "elev-c2"}
    assert {p for p, i in heard.items() if i.state == "done"} == {"elev-b1", "elev-b2", "elev-c1"}
    assert all(i.source_kind == "guidance" and not i.overdue for i in heard.values())
    assert all(i.legal_basis == () for i in heard.values())
    assert all("involverte elever blir hørt" in (i.source_note or "") for i in heard.values())
    old = _case(events=[{**e, "on": e["on"].replace("2024-11", "2023-11")} for e in data["events"]])
    items = {(i.code, i.party): i for i in agenda(old, "2023-12-20").items}
    heard_1998 = items[("hear_involved", "elev-c2")]
    assert heard_1998.source_kind == "statute"
    assert [r.citation for r in heard_1998.legal_basis] == ["opplæringsloven § 9 A-4 femte ledd"]


def test_the_follow_up_after_the_case_is_listed_per_role_as_guidance() -> None:
    """Once the case is closed, the follow-up for A, B and C (Læringsmiljøsenteret, seed 002)
    is listed per pupil, as guidance, never as statute; the bystanders' is done by
    class_informed, the others' by followed_up naming the pupil."""
    data = _case()
    data["events"] = [
        *data["events"],
        {"type": "case_closed", "on": "2024-12-13"},
        {"type": "followed_up", "on": "2024-12-16", "party": "elev-b1"},
    ]
    items = _party_items(data)
    follow = {(c, p): i for (c, p), i in items.items() if c.startswith("follow_up_")}
    assert ("follow_up_exposed", "elev-a1") in follow
    assert ("follow_up_exposed", "elev-b2") in follow  # a pupil with two roles
    assert follow[("follow_up_acted", "elev-b1")].state == "done"
    assert follow[("follow_up_acted", "elev-b2")].state == "open"
    # the class was told before the case closed: that is not the follow-up after it
    assert follow[("follow_up_bystander", "elev-c1")].state == "open"
    assert all(i.source_kind == "guidance" and i.legal_basis == () for i in follow.values())


def test_the_accused_is_heard_as_a_step_of_oyers_routine() -> None:
    """A staff party accused of a violation: with Øyer's routine, hearing the accused is an
    item (local), done by accused_heard naming them."""
    data = _case(
        parties=[{"kind": "staff", "ref": "ansatt-7"}],
        events=[
            {"type": "violation", "on": "2024-11-04", "kind": "trakassering", "offender": "staff"},
            {"type": "reported", "on": "2024-11-04", "by": "contact_teacher", "to": "principal"},
            {"type": "accused_heard", "on": "2024-11-06", "party": "ansatt-7"},
        ],
    )
    item = _party_items(data, routine="oyer_2024")[("hear_accused", "ansatt-7")]
    assert (item.state, item.source_kind, item.overdue) == ("done", "local", False)


def _plan(**changes: Any) -> dict[str, Any]:
    plan: dict[str, Any] = json.loads((EXAMPLES / "plan.json").read_text(encoding="utf-8"))
    plan["pupil"] = {"ref": "elev-a1"}
    plan.update(changes)
    return plan


def test_a_plan_belongs_to_a_pupil_of_the_case_and_its_measures_name_parties() -> None:
    """The case file refuses a plan for a pupil the case does not list, and a measure naming
    a party it does not list, naming the field and not the reference; a measure that names a
    pupil of the case (the one it protects) is fine."""
    plan = _plan()
    plan["measures"][0]["parties"] = ["elev-b1"]
    assert dossier(_case(), "2024-11-20", plans=[plan]).body
    with pytest.raises(InputError) as info:
        dossier(_case(), "2024-11-20", plans=[_plan(pupil={"ref": "elev-ukjent"})])
    assert ("plans.0.pupil.ref", "party_unknown") in _fields(info.value)
    plan["measures"][0]["parties"] = ["elev-ukjent"]
    with pytest.raises(InputError) as info:
        dossier(_case(), "2024-11-20", plans=[plan])
    assert ("plans.0.measures.0.parties.0", "party_unknown") in _fields(info.value)
    assert "ukjent" not in str(info.value)


def test_a_pupil_group_needs_each_members_parents_consent() -> None:
    """A measure that needs the other parents' consent and lists its group's members
    (seed S001) is complete only when each member's parents consented."""
    from skolemiljo import validate_plan

    plan = _plan()
    measure = plan["measures"][0]
    measure["needs_consent"] = ["other_parents"]
    measure["parties"] = ["elev-c1", "elev-c2"]
    measure["consent"] = {"other_parents": True, "other_parents_of": ["elev-c1"]}
    codes = {f.code for f in validate_plan(plan).findings}
    assert "plan_measure_consent_missing" in codes
    measure["consent"]["other_parents_of"] = ["elev-c1", "elev-c2"]
    codes = {f.code for f in validate_plan(plan).findings}
    assert "plan_measure_consent_missing" not in codes


@pytest.mark.parametrize(
    ("m", "words"), [("nb", "ville ikke snakke"), ("nn", "ville ikkje snakke")]
)
def test_the_case_file_says_a_pupil_declined_and_not_that_the_pupil_was_heard(
    m: str, words: str
) -> None:
    """A pupil_heard with declined: the case file says the pupil was offered and did not want
    to talk, never that the pupil was heard."""
    data = _case(events=[e for e in _case()["events"] if e["type"] != "pupil_heard"])
    data["events"].append({"type": "pupil_heard", "on": "2024-11-06", "declined": True})
    body = " ".join(dossier(data, "2024-11-20", maalform=m).body.split())
    assert words in body
    assert "En elev ble hørt" not in body
    assert "Ein elev vart høyrd" not in body


def test_assess_and_audit_say_which_pupil_their_duties_concern() -> None:
    """Every duty of assess and every breach of audit concerns the case's pupil, and the
    result says so by reference; the other parties' steps carry their own reference."""
    text = SEVERAL.read_text(encoding="utf-8")
    assert assess(text, "2024-11-20").pupil_ref == "elev-a1"
    assert audit(text, "2024-11-20").pupil_ref == "elev-a1"
    parties = {i.party for i in agenda(text, "2024-11-20").items}
    assert {"elev-b1", "elev-c1"} <= parties


def test_a_party_step_done_after_the_date_asked_about_is_still_open() -> None:
    """A pupil_heard dated after as_of does not do the step on as_of (events after the date
    asked about never count)."""
    data = _case()
    data["events"] = [
        e
        for e in data["events"]
        if not (e["type"] == "pupil_heard" and e.get("party") == "elev-c1")
    ]
    data["events"].append({"type": "pupil_heard", "on": "2024-11-25", "party": "elev-c1"})
    before = {(i.code, i.party): i.state for i in agenda(data, "2024-11-20").items}
    after = {(i.code, i.party): i.state for i in agenda(data, "2024-11-26").items}
    assert before[("hear_involved", "elev-c1")] == "open"
    assert after[("hear_involved", "elev-c1")] == "done"
