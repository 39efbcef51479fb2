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
