"""Issue 22: the outward documents say only what the law (or a named reading, guidance or
routine) says: the 2023 § 12-5 default, cases that span 1 August 2024, the clock from when the
school knew, and the wording of letters and the case file."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from typing import Any

import pytest

from skolemiljo import (
    LETTER_KINDS,
    LetterIncompleteError,
    agenda,
    assess,
    audit,
    dossier,
    render_letter,
)
from skolemiljo._law.ruledata import audit_data, load_rules
from skolemiljo.cli import main

from ..conftest import EXAMPLES

CHOSEN = {"readings": ["carried_over_9a5"]}


def _staff_timeline(start: date, offender: str = "staff") -> dict[str, Any]:
    """A staff-offender case where everything happened within § 12-4's "snarast" reading (and
    the Øyer routine's steps that are not about staff cases), but nothing the same day except
    the report to rektor and the word to the pupil."""

    def on(days: int) -> str:
        return (start + timedelta(days=days)).isoformat()

    return {
        "case_id": "SAK-22",
        "pupil": {"ref": "elev-22"},
        "school": {"name": "Lia skole"},
        "serious": False,
        "still_attends": True,
        "events": [
            {"type": "violation", "on": on(0), "known_on": on(0), "kind": "trakassering",
             "offender": offender},
            {"type": "pupil_said_unsafe", "on": on(0), "told": "contact_teacher"},
            {"type": "reported", "on": on(0), "by": "contact_teacher", "to": "principal"},
            {"type": "reported_to_owner", "on": on(0), "by": "principal"},
            {"type": "pupil_informed", "on": on(0)},
            {"type": "meeting_held", "on": on(1), "attendees": "pupil_and_parents",
             "purpose": "investigation"},
            {"type": "investigation_started", "on": on(2)},
            {"type": "measures_started", "on": on(3)},
            {"type": "plan_written", "on": on(3), "evaluate_on": on(17),
             "best_interests_assessed": True},
            {"type": "evaluation_done", "on": on(17)},
        ],
    }  # fmt: skip


MONDAY_2024 = date(2024, 10, 7)
MONDAY_2023 = date(2023, 10, 9)


# ------------------------------------------------------- 1. § 12-5 under the 2023 act ----


def test_a_2023_staff_case_within_snarast_has_no_breach_overdue_item_or_defect() -> None:
    """Issue 22.1: a 2023 staff case done within § 12-4's "snarast" reading has no breach, no
    overdue agenda item and no defect in the case file by default."""
    case = _staff_timeline(MONDAY_2024)
    as_of = MONDAY_2024 + timedelta(days=25)
    assert audit(case, as_of).breaches == ()
    assert agenda(case, as_of).overdue_items() == ()
    file = dossier(case, as_of)
    assert all(section.missing == () for section in file.sections)
    text = " ".join(file.body.split())
    assert "Undersøke saken straks" not in text
    assert "Sette inn tiltak straks" not in text


def test_the_opt_in_reading_brings_the_same_day_items_labelled_as_that_reading() -> None:
    """With carried_over_9a5 the same-day investigation and measures come back, each said to be
    that reading, never a breach of § 12-5, and listed once in the case file."""
    case = _staff_timeline(MONDAY_2024)
    as_of = MONDAY_2024 + timedelta(days=25)
    breaches = audit(case, as_of, options=CHOSEN).breaches
    assert {b.code for b in breaches} == {
        "investigation_not_started",
        "unsafe_pupil_without_measures",
    }
    for b in breaches:
        assert b.due == MONDAY_2024
        assert b.source_kind == "reading"
        assert "carried_over_9a5" in (b.source_note or "")
        assert all(r.section != "12-5" for r in b.legal_basis)
    overdue = agenda(case, as_of, options=CHOSEN).overdue_items()
    assert {i.code for i in overdue} == {"investigate_immediately", "measures_immediately"}
    assert all("valgt lesing" in i.title for i in overdue)
    file = dossier(case, as_of, options=CHOSEN)
    listed = [b.code for s in file.sections for b in s.missing]
    assert sorted(listed) == sorted(b.code for b in breaches)  # each once
    assert file.body.count("Valgt lesing (carried_over_9a5)") == len(breaches)


def test_the_oyer_routine_brings_its_own_same_day_steps_as_local() -> None:
    """Øyer's plan writes "straks" for staff and leadership cases itself: its steps are local
    breaches, citing no law."""
    case = _staff_timeline(MONDAY_2024)
    as_of = MONDAY_2024 + timedelta(days=25)
    breaches = audit(case, as_of, routine="oyer_2024").breaches
    assert {b.code for b in breaches} == {
        "oyer_staff_case_investigation_same_day",
        "oyer_staff_case_measures_same_day",
    }
    assert all(b.local and b.source_kind == "local" and not b.legal_basis for b in breaches)
    file = dossier(case, as_of, routine="oyer_2024")
    assert sum(len(s.missing) for s in file.sections) == 0  # routine steps are not duties here
    leader = _staff_timeline(MONDAY_2024, offender="leadership")
    codes = {b.code for b in audit(leader, as_of, routine="oyer_2024").breaches}
    assert codes == {
        "oyer_leadership_case_investigation_same_day",
        "oyer_leadership_case_measures_same_day",
    }


def test_under_the_1998_act_the_9a5_breaches_appear_as_before() -> None:
    """Under the 1998 act § 9 A-5 said "straks": the same facts give the same-day breaches and
    duties as before."""
    case = _staff_timeline(MONDAY_2023)
    as_of = MONDAY_2023 + timedelta(days=25)
    breaches = {b.code: b for b in audit(case, as_of).breaches}
    assert set(breaches) == {"investigation_not_started", "unsafe_pupil_without_measures"}
    for b in breaches.values():
        assert b.due == MONDAY_2023
        assert [r.citation for r in b.legal_basis] == ["opplæringsloven § 9 A-5"]
    overdue = {i.code for i in agenda(case, as_of).overdue_items()}
    assert overdue == {"investigate_immediately", "measures_immediately"}
    codes = assess(case, as_of).codes()
    assert {"investigate_immediately", "measures_immediately"} <= codes
    assert "principal_reports_staff_violation_to_owner" in codes


def test_a_leader_as_offender_is_reported_to_the_owner_not_to_the_principal() -> None:
    """A violation by the leadership goes directly to the owner: on its own it brings no report
    to rektor; beside other concerns the report is undetermined; an unknown offender keeps it."""
    case = {
        "pupil": {"ref": "elev-1"},
        "school": {"name": "Lia skole"},
        "events": [
            {"type": "violation", "on": "2024-10-07", "kind": "trakassering",
             "offender": "leadership"},
        ],
    }  # fmt: skip
    report = assess(case, "2024-10-08")
    assert "report_leadership_violation_to_owner" in report.codes()
    assert "report_to_principal" not in report.codes()
    absent = {n.code: n for n in report.not_applicable}
    assert [u.code for u in absent["report_to_principal"].unmet] == ["unmet_concern_for_principal"]
    # another concern beside it may be about the leader or not: undetermined, named
    case["events"].append(
        {"type": "pupil_said_unsafe", "on": "2024-10-08", "told": "contact_teacher"}
    )
    duty = assess(case, "2024-10-09").obligation("report_to_principal")
    assert (duty.status, duty.missing_facts) == ("undetermined", ("concern_for_principal",))
    # an unknown offender is not a reason to keep the report from the principal
    unknown = copy.deepcopy(case)
    unknown["events"] = [dict(case["events"][0], offender="unknown")]
    assert assess(unknown, "2024-10-08").obligation("report_to_principal").status == "applies"


def test_the_reading_is_a_switch_on_the_command_line_and_over_http(
    capsys: pytest.CaptureFixture[str], tmp_path: Any
) -> None:
    """The opt-in reading is a named switch: --reading on the command line, readings= over HTTP;
    an unknown name is a 422 that does not echo it."""
    case = tmp_path / "case.json"
    case.write_text(json.dumps(_staff_timeline(MONDAY_2024)), encoding="utf-8")
    as_of = (MONDAY_2024 + timedelta(days=25)).isoformat()
    assert main(["audit", str(case), "--as-of", as_of, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["breaches"] == []
    code = main(["audit", str(case), "--as-of", as_of, "--reading", "carried_over_9a5", "--json"])
    assert code == 1
    found = json.loads(capsys.readouterr().out)["breaches"]
    assert {b["code"] for b in found} == {
        "investigation_not_started",
        "unsafe_pupil_without_measures",
    }
    assert (
        main(["assess", str(case), "--as-of", as_of, "--reading", "carried_over_9a5", "--json"])
        == 0
    )
    codes = {o["code"] for o in json.loads(capsys.readouterr().out)["obligations"]}
    assert "investigate_immediately" in codes

    from skolemiljo.server import create_app

    from ..conftest import AsgiClient

    client = AsgiClient(create_app())
    body = _staff_timeline(MONDAY_2024)
    plain = client.post(f"/v1/cases/audit?as_of={as_of}", json=body).json()
    assert plain["breaches"] == []
    chosen = client.post(
        f"/v1/cases/audit?as_of={as_of}&readings=carried_over_9a5", json=body
    ).json()
    assert len(chosen["breaches"]) == 2
    wrong = client.post(f"/v1/cases/audit?as_of={as_of}&readings=everything", json=body)
    assert wrong.status_code == 422
    assert "everything" not in wrong.text


# --------------------------------------------------- 2. cases that span 1 August 2024 ----

SPAN: dict[str, Any] = {
    "case_id": "SAK-SPAN",
    "pupil": {"ref": "elev-7"},
    "school": {"name": "Lia skole"},
    "still_attends": True,
    "events": [
        {"type": "pupil_said_unsafe", "on": "2024-06-10", "told": "contact_teacher"},
        {"type": "reported", "on": "2024-06-10", "by": "contact_teacher", "to": "principal"},
        {"type": "raised_with_principal", "on": "2024-06-11", "by": "parents"},
        {"type": "investigation_started", "on": "2024-06-12"},
        {"type": "measures_started", "on": "2024-06-14"},
        {"type": "plan_written", "on": "2024-08-21", "evaluate_on": "2024-09-20"},
    ],
}


def test_the_right_to_go_to_the_statsforvaltaren_rests_on_the_act_in_force_when_used() -> None:
    """Issue 22.2: the right and a continuing duty rest on the act in force on the report's date;
    a duty that arose before 1 August 2024 keeps the 1998 act."""
    right = assess(SPAN, "2024-09-01").obligation("right_to_report_to_statsforvaltaren")
    assert right.regime == "oppl2023_ch12"
    assert [r.citation for r in right.legal_basis] == ["opplæringsloven § 12-6"]
    monitor = assess(SPAN, "2024-09-01").obligation("monitor")  # a continuing duty
    assert monitor.regime == "oppl2023_ch12"
    investigate = assess(SPAN, "2024-09-01").obligation("investigate")  # arose in June
    assert investigate.regime == "oppl1998_ch9a"


@pytest.mark.parametrize("m", ["nb", "nn"])
def test_a_receipt_after_1_august_for_a_case_raised_before_cites_12_6_with_the_years(
    m: str,
) -> None:
    """A receipt written after 1 August 2024 for a case raised before it cites § 12-6, and names
    each act with its year since it cites both."""
    request = json.loads((EXAMPLES / "letters" / "receipt.json").read_text(encoding="utf-8"))
    request["case"] = SPAN
    request["letter_date"] = "2024-09-01"
    letter = render_letter("receipt", request, maalform=m)
    text = " ".join(letter.body.split())
    act = "opplæringsloven" if m == "nb" else "opplæringslova"
    assert f"{act} 2023 § 12-6" in text
    assert f"{act} 1998 § 9 A-4" in text  # the investigation arose under the old act
    assert "§ 9 A-6 (" not in text
    assert f"{act} § 9 A-6" not in text
    citations = [r.citation for r in letter.legal_basis]
    assert all(" 1998 " in c or " 2023 " in c for c in citations)


def test_the_case_file_of_a_spanning_case_names_both_acts_and_cites_the_plan_under_2023() -> None:
    """The case file of a spanning case names both acts with their years and cites a plan of 21
    August 2024 under § 12-4 tredje ledd; a one-act file names no year."""
    file = dossier(SPAN, "2024-09-01")
    text = " ".join(file.body.split())
    assert "Regelverk: opplæringsloven 1998 kap. 9 A og opplæringsloven 2023 kap. 12" in text
    plan = next(i for i in file.section("measures").items if i.code == "written_plan")
    assert plan.regime == "oppl2023_ch12"
    assert [r.citation for r in plan.legal_basis] == ["opplæringsloven § 12-4 tredje ledd"]
    assert "(opplæringsloven 2023 § 12-4 tredje ledd)" in text
    assert all(" 1998 " in r.citation or " 2023 " in r.citation for r in file.legal_basis)
    single = dossier(_staff_timeline(MONDAY_2024), "2024-11-01")
    assert " 2023 " not in " ".join(r.citation for r in single.legal_basis)  # one act: no year


# -------------------------------------------------- 3. the clock starts when they knew ----


def test_every_deadline_runs_from_when_the_school_knew() -> None:
    """Issue 22.3: a violation of 6 January known on 20 January starts its clocks on 20 January,
    for every duty."""
    case = {
        "pupil": {"ref": "elev-1"},
        "school": {"name": "Lia skole"},
        "events": [
            {"type": "violation", "on": "2025-01-06", "known_on": "2025-01-20",
             "kind": "mobbing", "offender": "pupil"},
        ],
    }  # fmt: skip
    breaches = {b.code: b for b in audit(case, "2025-03-01").breaches}
    assert breaches["investigation_not_started"].due == date(2025, 1, 27)
    assert audit(case, "2025-01-19").breaches == ()
    assert "investigate" not in assess(case, "2025-01-19").codes()  # nobody knew yet
    duty = assess(case, "2025-01-21").obligation("intervene")
    assert duty.deadline.due == date(2025, 1, 20)
    item = next(i for i in agenda(case, "2025-01-21").items if i.code == "investigate")
    assert item.deadline.due == date(2025, 1, 27)


# ----------------------------------------------------------- 4. wording and markings ----


def _requests() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for kind in LETTER_KINDS:
        base = json.loads((EXAMPLES / "letters" / f"{kind}.json").read_text(encoding="utf-8"))
        out.append((kind, base))
    staff = json.loads((EXAMPLES / "letters" / "receipt.json").read_text(encoding="utf-8"))
    staff["case"] = _staff_timeline(MONDAY_2024)
    staff["letter_date"] = MONDAY_2024.isoformat()
    out.append(("receipt", staff))
    out.append(("owner_notice", dict(staff)))
    old = copy.deepcopy(staff)
    old["case"] = _staff_timeline(MONDAY_2023)
    old["letter_date"] = MONDAY_2023.isoformat()
    out.append(("receipt", old))
    out.append(("owner_notice", dict(old)))
    return out


FORBIDDEN = ("skolens praksis", "praksisen til skolen", "ikke kontrollert", "ikkje kontrollert")


@pytest.mark.parametrize("m", ["nb", "nn"])
def test_no_letter_states_an_invented_practice_or_a_verification_note(m: str) -> None:
    """Issue 22.4: no letter says «skolens praksis» or a verification note; Nynorsk letters write
    «skole»; the meeting and closing letters cite no provision for what it does not say."""
    for kind, request in _requests():
        text = " ".join(render_letter(kind, request, maalform=m).body.split())
        for phrase in FORBIDDEN:
            assert phrase not in text, (kind, phrase)
        if m == "nn":
            assert "skule" not in text.lower(), kind
        if kind in ("meeting_invitation", "closing"):
            # the no-consent point is Udir's, the conclusion the school's: not "the act says"
            assert "Dette står i opplæringsloven § 10-2" not in text
            assert "skolemiljø. Dette står i" not in text


@pytest.mark.parametrize("m", ["nb", "nn"])
def test_the_2023_staff_case_letters_say_no_straks_for_the_investigation(m: str) -> None:
    """Letters in a 2023 staff case say no «straks» for the investigation; in a 1998 staff case
    they do, citing § 9 A-5."""
    for kind, request in _requests()[len(LETTER_KINDS) :]:
        text = " ".join(render_letter(kind, request, maalform=m).body.split())
        new = request["case"]["events"][0]["on"] >= "2024-08-01"
        said = "undersøke saken straks" in text or "undersøkje saka straks" in text
        assert said is not new, (kind, request["letter_date"])


def test_the_meeting_invitation_says_whose_statement_each_point_is() -> None:
    """ "No age limit" is the Prop.'s, "no consent needed" Udir's, the right to be heard § 10-2's:
    each said so."""
    text = " ".join(
        render_letter(
            "meeting_invitation",
            json.loads((EXAMPLES / "letters" / "meeting_invitation.json").read_text()),
        ).body.split()
    )
    assert "Udir har skrevet i veiledningen sin (Udir-3-2017)" in text
    assert "Forarbeidene til loven sier at det ikke er noen nedre aldersgrense" in text
    assert "(opplæringsloven § 10-2)" in text


def test_the_receipt_cites_the_right_to_be_heard_to_its_own_provision() -> None:
    """The receipt cites § 10-2 for the right to be heard, not § 12-4, cites nothing for the
    meeting, and states § 12-6's unverified conditions as an assumption."""
    letter = render_letter(
        "receipt", json.loads((EXAMPLES / "letters" / "receipt.json").read_text())
    )
    text = " ".join(letter.body.split())
    # the note on § 12-6 names the 1998 act, so every citation names its act's year
    assert "Barnet har rett til å bli hørt (opplæringsloven 2023 § 10-2)." in text
    assert "møte. Dette står i" not in text
    # § 12-6's wording is not verified: the one-week rule is said to be an assumption
    assert "Vi går ut fra at saken først må være tatt opp med rektor." in text
    assert "Dette står i opplæringsloven 2023 § 12-6" not in text


def test_the_closing_letter_refuses_a_follow_up_plan_closed_before_the_evaluation() -> None:
    """The closing letter applies the follow-up plan's checks (closed no earlier than the
    evaluation); the shipped examples agree on their dates."""
    request = json.loads((EXAMPLES / "letters" / "closing.json").read_text())
    render_letter("closing", request)  # the shipped example is consistent
    request["follow_up_plan"]["case_closed_on"] = "2024-11-20"
    request["follow_up_plan"]["plan_date"] = "2024-11-20"
    with pytest.raises(LetterIncompleteError):
        render_letter("closing", request)
    follow = json.loads((EXAMPLES / "letters" / "follow_up.json").read_text())
    assert (
        follow["follow_up_plan"]
        == json.loads((EXAMPLES / "letters" / "closing.json").read_text())["follow_up_plan"]
    )


@pytest.mark.parametrize(
    ("m", "expected"),
    [
        (
            "nb",
            "Unntatt offentlighet, jf. offentleglova § 13 jf. forvaltningsloven § 13 "
            "første ledd nr. 1",
        ),
        (
            "nn",
            "Unnateke offentlegheit, jf. offentleglova § 13 jf. forvaltningslova § 13 "
            "første ledd nr. 1",
        ),
    ],
)
def test_the_exemption_is_written_in_the_usual_form_on_letters_and_the_case_file(
    m: str, expected: str
) -> None:
    """The exemption marking in its usual form («… jf. offentleglova § 13 jf. …») on letters and
    the case file; switchable; a private school's note says it was not checked there."""
    letter = render_letter(
        "receipt", json.loads((EXAMPLES / "letters" / "receipt.json").read_text()), maalform=m
    )
    assert letter.exemption is not None
    assert letter.exemption.text == expected
    file = dossier(_staff_timeline(MONDAY_2024), "2024-11-01", maalform=m)
    assert file.exemption is not None
    assert " ".join(file.body.split()).startswith(expected)
    bare = dossier(_staff_timeline(MONDAY_2024), "2024-11-01", exempt_from_public_access=False)
    assert bare.exemption is None
    assert "offentleglova" not in bare.body
    private = json.loads((EXAMPLES / "letters" / "receipt.json").read_text())
    private["case"]["school"]["kind"] = "private"
    marked = render_letter("receipt", private, maalform=m).exemption
    assert marked is not None
    assert "privatskole" in (marked.source_note or "")


@pytest.mark.parametrize("m", ["nb", "nn"])
def test_the_case_file_names_the_heightened_duty_as_each_act_does_and_lists_a_miss_once(
    m: str,
) -> None:
    """The heightened section is titled as each act names it, and a missed deadline is listed
    once, under the first sub-duty it belongs to."""
    new = dossier(_staff_timeline(MONDAY_2024), "2024-11-01", maalform=m)
    old = dossier(_staff_timeline(MONDAY_2023), "2023-11-06", maalform=m)
    assert new.section("heightened").title.startswith(
        ("Skjerpet plikt til å melde fra", "Skjerpa plikt til å melde frå")
    )
    assert old.section("heightened").title.startswith(
        ("Skjerpet aktivitetsplikt", "Skjerpa aktivitetsplikt")
    )
    listed = [(b.code, b.due) for s in old.sections for b in s.missing]
    assert len(listed) == len(set(listed)) == 2
    assert old.section("heightened").missing == ()
    assert ("lenger opp" if m == "nb" else "lenger oppe") in old.body
    if m == "nn":
        assert "skule" not in new.body.lower()
    assert "lesing av et åpent begrep" not in new.body


def test_a_deadline_the_act_does_not_set_says_so_in_the_case_file() -> None:
    """A due date the act does not set (intervening) says it is a reading in the case file."""
    case = {
        "pupil": {"ref": "elev-1"},
        "school": {"name": "Lia skole"},
        "events": [
            {"type": "violation", "on": "2024-10-07", "kind": "mobbing", "offender": "pupil"}
        ],
    }
    text = " ".join(dossier(case, "2024-10-08").body.split())
    assert "frist mandag 7. oktober 2024 (standardlesing; loven setter ingen dato)" in text


def test_staff_case_audits_do_not_say_the_pupil_was_found_unsafe() -> None:
    """A missed measures deadline does not claim the pupil was found unsafe."""
    case = _staff_timeline(MONDAY_2023)
    for m in ("nb", "nn"):
        for b in audit(case, MONDAY_2023 + timedelta(days=25), maalform=m).breaches:
            assert "selv om eleven" not in b.message
            assert "sjølv om eleven" not in b.message


def test_bokmaal_notes_quote_the_acts_nynorsk() -> None:
    """Bokmål notes quote the act's «snarast», and no note carries a verification remark."""
    notes = []
    for rule in load_rules():
        for version in rule.versions:
            for source in (version.source, version.deadline_source):
                if source.note is not None:
                    notes.append(source.note.nb)
    data = audit_data()
    for spec in data.breaches.values():
        notes += [s.note.nb for s in spec.source.values() if s.note is not None]
    assert notes
    assert not [n for n in notes if "«snarest" in n]
    assert not [n for n in notes if "kontrollert" in n]  # verification belongs in JSON
