"""A letter names no party but the one it is written to and about (issue 24): another pupil's,
parent's or accused staff member's name or reference refuses the letter (other_party_named,
naming the field, never the name), or with redact=True becomes a neutral term."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skolemiljo import LETTER_KINDS, InputError, LetterError, render_letter
from skolemiljo.testing import letter_requests

from ..conftest import EXAMPLES

LETTERS = EXAMPLES / "letters"
NEUTRAL = {"nb": "en annen elev", "nn": "ein annan elev"}


def _request(m: str = "nb") -> dict[str, Any]:
    folder = LETTERS / "nn" if m == "nn" else LETTERS
    data: dict[str, Any] = json.loads(
        (folder / "activity_plan_several_pupils.json").read_text(encoding="utf-8")
    )
    data["redact"] = False
    return data


def _text(letter: Any) -> str:
    return " ".join(f"{letter.subject} {letter.body}".replace("\u00a0", " ").split())


@pytest.mark.parametrize("m", ["nb", "nn"])
def test_another_pupil_named_in_a_measure_refuses_the_letter(m: str) -> None:
    """«Per Hansen i 7B» written into a measure stops the parents' letter; the error names
    the field and not the name."""
    data = _request(m)
    with pytest.raises(LetterError) as info:
        render_letter("activity_plan", data, maalform=m)
    assert info.value.code == "other_party_named"
    assert "plan.measures.1.description" in str(info.value)
    for party in data["parties"]:
        assert party["name"] not in str(info.value)
        assert party["ref"] not in str(info.value)


@pytest.mark.parametrize("m", ["nb", "nn"])
def test_redact_writes_a_neutral_term_and_says_where(m: str) -> None:
    """With redact=True the names become «en annen elev» / «ein annan elev», the letter lists
    the field it changed, and no other party's name or reference is left in any format."""
    data = _request(m)
    data["redact"] = True
    letter = render_letter("activity_plan", data, maalform=m)
    html = render_letter("activity_plan", data, maalform=m, format="html")
    assert letter.redacted == ("plan.measures.1.description",)
    assert NEUTRAL[m] in _text(letter)
    for party in data["parties"]:
        for text in (_text(letter), html.body, html.subject):
            assert party["name"] not in text
            assert party["ref"] not in text
    # the pupil the letter is about and the school's people stay named
    assert "Åse Ødegård" in _text(letter)


def test_a_reference_of_another_party_is_refused_too() -> None:
    """An opaque reference of another pupil typed into staff text identifies that pupil."""
    data = _request()
    data["plan"]["measures"][1]["description"] = "Samtaler med elev-2b81d0 og foreldrene."
    with pytest.raises(LetterError, match="other_party_named"):
        render_letter("activity_plan", data)


def test_another_party_named_as_recipient_cannot_be_redacted() -> None:
    """A name in a field the library never rewrites (the recipients) refuses even with
    redact=True: the letter would go to the wrong family."""
    data = _request()
    data["redact"] = True
    data["recipient_names"] = "Tone Lunde"
    with pytest.raises(LetterError) as info:
        render_letter("activity_plan", data)
    assert "recipient_names" in str(info.value)


def test_a_first_name_shared_with_the_school_s_people_is_not_a_hit() -> None:
    """A part of another party's name that is also a part of a name the letter may print
    (the handler «Per Ås») is not searched alone: the full name still is."""
    data = _request()
    data["parties"].append({"ref": "elev-91aa07", "name": "Per Olsen"})
    data["parties"] = [p for p in data["parties"] if p["name"] != "Jonas Nilsen"]
    data["plan"]["measures"][1]["description"] = "Kontaktlærer Per Ås følger opp hver uke."
    letter = render_letter("activity_plan", data)
    assert "Per Ås følger opp" in _text(letter)
    data["plan"]["measures"][1]["description"] = "Per Olsen og kontaktlærer Per Ås."
    with pytest.raises(LetterError, match="other_party_named"):
        render_letter("activity_plan", data)


def test_without_parties_nothing_changes() -> None:
    """A one-pupil request (no parties) renders exactly as before."""
    data = json.loads((LETTERS / "activity_plan.json").read_text(encoding="utf-8"))
    with_flag = {**data, "redact": True}
    assert (
        render_letter("activity_plan", data).body == render_letter("activity_plan", with_flag).body
    )


def test_names_for_a_party_the_case_does_not_list_are_refused() -> None:
    """A name given for a reference that is not a party of the case is a typed error naming
    the field."""
    data = _request()
    data["parties"].append({"ref": "elev-ukjent", "name": "Ola Nordmann"})
    with pytest.raises(InputError) as info:
        render_letter("activity_plan", data)
    assert "parties.4.ref" in str(info.value)
    assert "party_unknown" in str(info.value)
    assert "Ola" not in str(info.value)


NAME = st.from_regex(r"[A-ZÆØ][a-zæøå]{3,8} [A-ZÆØ][a-zæøå]{3,8}", fullmatch=True)
FIELDS = ("problem", "measure", "views", "summary")


def _inject(data: dict[str, Any], field: str, name: str) -> str:
    plan = data["plan"]
    if field == "problem":
        plan["problem"] = f"{plan['problem']} {name} var med."
        return "plan.problem"
    if field == "measure":
        plan["measures"][0]["description"] = f"Tiltak sammen med {name} hver dag i storefri."
        return "plan.measures.0.description"
    if field == "views":
        plan["pupil_views"]["summary"] = f"Eleven vil ikke sitte ved {name}."
        return "plan.pupil_views.summary"
    plan["investigation_summary"] = f"Samtaler med {name} og lærerne."
    return "plan.investigation_summary"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    names=st.lists(NAME, min_size=2, max_size=6, unique=True),
    field=st.sampled_from(FIELDS),
    pick=st.integers(0, 5),
    m=st.sampled_from(["nb", "nn"]),
    redact=st.booleans(),
)
def test_no_letter_to_one_party_names_another(
    names: list[str], field: str, pick: int, m: str, redact: bool
) -> None:
    """For cases with 2–6 parties and generated names, a name of another party written into
    staff text never reaches the letter: it fails with other_party_named, or with redact the
    neutral term stands in its place; both målformer."""
    data = _request(m)
    refs = [f"elev-gen{i}" for i in range(len(names))]
    data["case"]["parties"] = [data["case"]["parties"][0]] + [
        {"kind": "pupil", "ref": ref, "roles": ["acted" if i % 2 else "bystander"]}
        for i, ref in enumerate(refs)
    ]
    data["parties"] = [{"ref": r, "name": n} for r, n in zip(refs, names, strict=True)]
    data["plan"]["measures"][1]["description"] = "Samtaler med de involverte elevene."
    data["redact"] = redact
    name = names[pick % len(names)]
    path = _inject(data, field, name)
    printed = field != "summary"  # the plan letter does not print the investigation summary
    if printed and not redact:
        with pytest.raises(LetterError) as info:
            render_letter("activity_plan", data, maalform=m)
        assert info.value.code == "other_party_named"
        assert path in str(info.value)
        assert name not in str(info.value)
        return
    letter = render_letter("activity_plan", data, maalform=m)
    text = _text(letter)
    for other in names:
        assert other not in text
    for ref in refs:
        assert ref not in text
    if redact:
        assert path in letter.redacted
    if redact and printed:
        assert NEUTRAL[m] in text


def test_a_parent_with_a_protected_address_gets_no_printed_address() -> None:
    """A letter to a guardian with a protected address prints no address, in any format, and
    says it must not go by ordinary post (Letter.protected_address); to the other parent the
    address prints as usual."""
    data = _request()
    data["redact"] = True
    data["recipient_address"] = ["Storgata 1", "2625 Fåberg"]
    guardians = data["case"]["parties"][0]["guardians"]
    guardians[1]["protected_address"] = True
    open_letter = render_letter("activity_plan", {**data, "to_guardians": [guardians[0]["ref"]]})
    assert "Storgata 1" in open_letter.body
    assert not open_letter.protected_address
    for fmt in ("text", "html"):
        letter = render_letter(
            "activity_plan", {**data, "to_guardians": [guardians[1]["ref"]]}, format=fmt
        )
        assert letter.protected_address
        assert "Storgata" not in letter.body
        assert letter.addressee.lines == ()


def test_a_letter_to_someone_who_is_not_the_pupil_s_guardian_is_refused() -> None:
    """to_guardians names a guardian of the case's pupil; another pupil's parent is a typed
    error naming the field."""
    data = _request()
    data["to_guardians"] = ["foresatt-2b81-1"]
    with pytest.raises(InputError) as info:
        render_letter("activity_plan", data)
    assert "to_guardians.0" in str(info.value)
    assert "foresatt-2b81-1" not in str(info.value)


def test_a_plan_letter_is_for_the_pupil_the_plan_belongs_to() -> None:
    """In a case with parties, a plan for another pupil cannot go into this family's letter
    (party_kind at plan.pupil.ref)."""
    data = _request()
    data["plan"]["pupil"] = {"ref": "elev-2b81d0"}
    with pytest.raises(InputError) as info:
        render_letter("activity_plan", data)
    assert "plan.pupil.ref" in str(info.value)
    assert "party_kind" in str(info.value)


TEXT_FIELDS = (
    ("follow_up",),
    ("evaluation", "summary"),
    ("meeting", "place"),
    ("plan", "problem"),
    ("follow_up_plan", "contact_person"),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pair=st.sampled_from(LETTER_KINDS).flatmap(lambda k: st.tuples(st.just(k), letter_requests(k))),
    names=st.lists(NAME, min_size=1, max_size=5, unique=True),
    where=st.sampled_from(TEXT_FIELDS),
    m=st.sampled_from(["nb", "nn"]),
    redact=st.booleans(),
)
def test_no_letter_of_any_kind_names_another_party(
    pair: tuple[str, Any], names: list[str], where: tuple[str, ...], m: str, redact: bool
) -> None:
    """Every kind, a case with 2–6 parties: another party's name written into any staff text
    the request carries never reaches the letter (refused with other_party_named, or with
    redact the neutral term in its place, or the field is not printed at all)."""
    kind, request = pair
    data = request.model_dump(mode="json")
    case = data["case"]
    own = case["parties"] or [{"kind": "pupil", "ref": case["pupil"]["ref"], "roles": ["exposed"]}]
    refs = [f"elev-annen{i}" for i in range(len(names))]
    case["parties"] = own + [{"kind": "pupil", "ref": ref, "roles": ["bystander"]} for ref in refs]
    data["parties"] = [{"ref": r, "name": n} for r, n in zip(refs, names, strict=True)]
    data["redact"] = redact
    target = data
    for key in where[:-1]:
        target = target.get(key) or {}
    if not target:
        return  # this request has no such part
    target[where[-1]] = f"Sammen med {names[0]} hver dag."
    refused: LetterError | None = None
    try:
        letter = render_letter(kind, data, maalform=m)
    except LetterError as error:
        refused = error
    if refused is not None:
        assert refused.code == "other_party_named"
        assert not redact
        assert names[0] not in str(refused)
        return
    text = _text(letter)
    for name in names:
        assert name not in text
    for ref in refs:
        assert ref not in text
