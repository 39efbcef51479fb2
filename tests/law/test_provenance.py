"""Where every legal statement comes from (issue 14): the source kind of each rule version,
deadline, breach and finding, the corrections of the legal review, and ``--only-law``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from skolemiljo import SOURCE_KINDS, AuditOptions, InputError, assess, audit, validate_plan
from skolemiljo._law.ruledata import audit_data, load_rules
from skolemiljo.cli import main
from skolemiljo.errors import RuleDataError
from skolemiljo.plan import _rules as plan_rules

from ..conftest import EXAMPLES, ROOT

RULES = ROOT / "src" / "skolemiljo" / "rules"
MISSED = (EXAMPLES / "cases" / "missed_deadlines.json").read_text(encoding="utf-8")


def _staff_case(on: str = "2024-09-30", **violation: Any) -> dict[str, Any]:
    return {
        "pupil": {"ref": "elev-1"},
        "school": {"name": "Lia skole"},
        "events": [
            {"type": "violation", "on": on, "kind": "trakassering", "offender": "staff",
             **violation},
        ],
    }  # fmt: skip


# ------------------------------------------------------------------ provenance as data ----


def test_every_rule_version_names_the_source_of_the_duty_and_of_its_deadline() -> None:
    """Every rule version says where the duty and its deadline come from (statute, guidance,
    reading), never local, with a note and a document where the kind needs them."""
    for rule in load_rules():
        for version in rule.versions:
            for source in (version.source, version.deadline_source):
                assert source.kind in SOURCE_KINDS
                assert source.kind != "local"
                if source.kind in ("reading", "guidance"):
                    assert source.note is not None, rule.id
                    assert source.note.nb != source.note.nn, rule.id
                if source.kind == "guidance":
                    assert source.document is not None, rule.id
                    assert source.document.startswith("https://"), rule.id


def test_every_breach_and_finding_names_its_source() -> None:
    """Every audit breach (per regime) and every plan item and finding names the source of what it
    says; a date the Statsforvaltaren set (``authority``) is read from the event (``stated``),
    never from a reading, and says so in a note in both målformer."""
    data = audit_data()
    for code, spec in data.breaches.items():
        for source in spec.source.values():
            assert source.kind in ("statute", "authority", "guidance", "reading"), code
            assert (source.kind == "authority") == (spec.deadline == "stated"), code
            if source.kind == "authority":
                assert spec.due_field is not None, code
                assert source.note is not None, code
                assert source.note.nb != source.note.nn, code
    plan = plan_rules().data
    for item, spec in plan.items.items():
        assert spec.source.kind == ("statute" if spec.statutory else "reading"), item


def _load_everything(folder: Path) -> None:
    from skolemiljo.legal import use_rules_folder

    use_rules_folder(folder)
    load_rules()
    audit_data()
    plan_rules()


@pytest.mark.parametrize(
    ("file", "old", "key"),
    [
        ("s12_4_aktivitetsplikt.toml", 'deadline_source = "statute"\n',
         "rules/s12_4_aktivitetsplikt.toml: rules.monitor.versions.0.deadline_source: "),
        ("s12_4_aktivitetsplikt.toml", 'source = "statute"\n',
         "rules/s12_4_aktivitetsplikt.toml: rules.monitor.versions.0.source: "),
        ("audit.toml", "source.oppl1998_ch9a = ",
         "rules/audit.toml: heightened.source: "),
        ("plan.toml", 'source = "statute"\n', "rules/plan.toml: items.a.source: "),
    ],
)  # fmt: skip
def test_a_statement_without_its_source_is_refused_at_load(
    rules_copy: Path, file: str, old: str, key: str
) -> None:
    """Rule data without a statement's source is refused at load, naming the file and key."""
    path = rules_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    if old.endswith("= "):  # drop the whole line
        start = text.index(old)
        text = text[:start] + text[text.index("\n", start) + 1 :]
    else:
        text = text.replace(old, "", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleDataError) as caught:
        _load_everything(rules_copy)
    assert str(caught.value).startswith(key), str(caught.value)


def test_a_reading_without_its_reason_is_refused(rules_copy: Path) -> None:
    """A reading without its reason (note, nb and nn) is refused when the rule data loads."""
    path = rules_copy / "s12_4_aktivitetsplikt.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('deadline_source = "statute"', 'deadline_source = "reading"', 1))
    with pytest.raises(RuleDataError, match="a reading needs its note"):
        _load_everything(rules_copy)


# ------------------------------------------------------------------------- the output ----


def test_every_obligation_breach_and_finding_carries_its_source_kind() -> None:
    """On every shipped case, each obligation, deadline, breach and finding in the output carries
    its source kind, and a reading its note."""
    for path in sorted((EXAMPLES / "cases").glob("*.json")):
        text = path.read_text(encoding="utf-8")
        for m in ("nb", "nn"):
            report = assess(text, "2025-06-01", maalform=m, routine="oyer_2024")
            for o in report.obligations:
                assert o.source_kind in SOURCE_KINDS
                assert o.deadline.source_kind in SOURCE_KINDS
                assert (o.source_kind == "local") == o.local
                if o.deadline.source_kind in ("reading", "guidance"):
                    assert o.deadline.source_note, o.code
            for b in audit(text, "2025-06-01", maalform=m, routine="oyer_2024").breaches:
                assert (b.source_kind == "local") == b.local
                if b.source_kind == "reading":
                    assert b.source_note
                    assert b.message.endswith(b.source_note)
    report = validate_plan((EXAMPLES / "invalid" / "no_measures.json").read_text())
    kinds = {f.code: f.source_kind for f in report.findings}
    assert kinds == {"plan_measures_missing": "statute", "plan_best_interests_missing": "reading"}


def test_a_reading_is_worded_as_the_default_reading_in_both_maalformer() -> None:
    """A reading's note says it is the default reading in nb and nn; snarast follows the configured
    days, and the opt-in reading names itself."""
    nb = audit(MISSED, "2024-11-01", maalform="nb").breaches
    nn = audit(MISSED, "2024-11-01", maalform="nn").breaches
    assert [b.source_kind for b in nb] == ["reading"] * 3
    for b in nb:
        assert b.source_note is not None
        assert "standardlesing" in b.source_note.lower()
    for b in nn:
        assert b.source_note is not None
        assert "standardlesing" in b.source_note.lower()
    snarast = audit(MISSED, "2024-11-01", options={"snarast_working_days": 3})
    measures = next(b for b in snarast.breaches if b.code == "unsafe_pupil_without_measures")
    assert "3 arbeidsdager" in (measures.source_note or "")  # 2023 staff case: snarast
    chosen = audit(
        MISSED,
        "2024-11-01",
        options={"snarast_working_days": 3, "readings": ["carried_over_9a5"]},
    )
    investigation = next(b for b in chosen.breaches if b.code == "investigation_not_started")
    note = investigation.source_note or ""
    assert "3 arbeidsdager" not in note  # the chosen reading: same day
    assert "Valgt lesing (carried_over_9a5)" in note
    assert "1998 § 9 A-5" in note


def test_only_law_keeps_what_the_act_itself_sets() -> None:
    """min_source filters breaches by source: reading drops the routine's, statute drops all (the
    act sets no number of days)."""
    every = audit(MISSED, "2024-11-01", routine="oyer_2024")
    assert {b.source_kind for b in every.breaches} == {"reading", "local"}
    readings = audit(MISSED, "2024-11-01", routine="oyer_2024", options={"min_source": "reading"})
    assert readings.breaches == tuple(b for b in every.breaches if not b.local)
    statute = AuditOptions(min_source="statute")
    only = audit(MISSED, "2024-11-01", routine="oyer_2024", options=statute)
    assert only.breaches == ()


def test_only_law_reports_a_breach_of_a_deadline_the_statute_sets(rules_copy: Path) -> None:
    """With a copy of the data in which one deadline is the statute's, --only-law keeps it."""
    from skolemiljo.legal import use_rules_folder

    path = rules_copy / "audit.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("[breaches.evaluation_overdue]")
    end = text.index("[breaches.serious_case_not_reported_to_owner]")
    block = text[start:end]
    lines = [line for line in block.splitlines() if not line.startswith("source.")]
    lines += ['source.oppl2023_ch12 = "statute"', 'source.oppl1998_ch9a = "statute"', "", ""]
    path.write_text(text[:start] + "\n".join(lines) + text[end:], encoding="utf-8")
    use_rules_folder(rules_copy)
    only = audit(MISSED, "2024-11-01", options=AuditOptions(min_source="statute"))
    assert [(b.code, b.source_kind, b.source_note) for b in only.breaches] == [
        ("evaluation_overdue", "statute", None)
    ]


def test_cli_audit_json_gives_every_breach_a_source_kind_and_only_law_drops_readings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The audit command's JSON gives each breach its source kind, and --only-law drops the readings
    (exit 0)."""
    path = str(EXAMPLES / "cases" / "missed_deadlines.json")
    assert main(["audit", path, "--as-of", "2024-11-01", "--json"]) == 1
    breaches = json.loads(capsys.readouterr().out)["breaches"]
    assert breaches
    assert all(b["source_kind"] == "reading" for b in breaches)
    assert main(["audit", path, "--as-of", "2024-11-01", "--json", "--only-law"]) == 0
    assert json.loads(capsys.readouterr().out)["breaches"] == []
    assert main(["audit", path, "--as-of", "2024-11-01"]) == 1
    assert capsys.readouterr().out.startswith("reading  report_to_principal_late")


def test_http_audit_takes_min_source() -> None:
    """POST /v1/cases/audit takes min_source and filters the breaches by it."""
    from ..conftest import AsgiClient

    pytest.importorskip("fastapi")
    from skolemiljo.server import create_app

    client = AsgiClient(create_app())
    body = json.loads(MISSED)
    answer = client.post("/v1/cases/audit?as_of=2024-11-01", json=body)
    assert answer.status_code == 200
    assert {b["source_kind"] for b in answer.json()["breaches"]} == {"reading"}
    answer = client.post("/v1/cases/audit?as_of=2024-11-01&min_source=statute", json=body)
    assert answer.status_code == 200
    assert answer.json()["breaches"] == []
    answer = client.post("/v1/cases/audit?as_of=2024-11-01&min_source=law", json=body)
    assert answer.status_code == 422


def test_codes_document_shows_the_source_of_every_code() -> None:
    """docs/codes.md shows a source kind for every rule version, finding and breach (opt-in readings
    marked as such)."""
    doc = (ROOT / "docs" / "codes.md").read_text(encoding="utf-8")
    tables = {s.splitlines()[0]: s for s in doc.split("## ")[1:]}
    seen = 0
    titles = (
        "Duty and right codes (`assess`)",
        "Finding codes (`validate_plan`, `validate_follow_up`)",
        "Breach codes (`audit`)",
    )
    for title in titles:
        lines = [line for line in tables[title].splitlines() if line.startswith("| ")]
        header = [c.strip() for c in lines[0].split("|")]
        column = next(i for i, c in enumerate(header) if c.startswith("source"))
        for line in lines[1:]:
            cell = [c.strip() for c in line.split("|")][column]
            kinds = [k.strip().split(" (*opt-in*")[0] for k in cell.split(";")]
            assert all(k in SOURCE_KINDS or k == "its item's" for k in kinds), line
            seen += 1
    assert seen == sum(len(r.versions) for r in load_rules()) + len(plan_rules().data.findings) + (
        2 * len(audit_data().breaches) + 2
    )


# ----------------------------------------------------------------- the review's findings ----


def test_serious_case_report_to_owner_is_a_reading_under_both_acts() -> None:
    """The principal's report in serious cases has no statutory time: its deadline is a reading
    under both acts."""
    spec = audit_data().breaches["serious_case_not_reported_to_owner"]
    assert {r: s.kind for r, s in spec.source.items()} == {
        "oppl2023_ch12": "reading",
        "oppl1998_ch9a": "reading",
    }
    duty = next(r for r in load_rules() if r.code == "principal_reports_serious_case")
    assert duty.deadline.kind == "none_stated"


def test_measures_snarast_is_a_reading_and_the_1998_ledd_is_not_said_to_have_snarast() -> None:
    """The measures' snarast is a reading; the 1998 note says § 9 A-4 fjerde ledd sets no time."""
    spec = audit_data().breaches["unsafe_pupil_without_measures"]
    old, new = spec.source["oppl1998_ch9a"], spec.source["oppl2023_ch12"]
    assert old.kind == new.kind == "reading"
    assert old.note is not None
    assert "ingen frist" in old.note.nb
    assert "inga frist" in old.note.nn
    assert new.note is not None
    assert "standardlesing" in new.note.nb
    put_right = next(r for r in load_rules() if r.code == "put_right")
    assert {v.regime: v.deadline_source.kind for v in put_right.versions} == {
        "oppl1998_ch9a": "reading",
        "oppl2023_ch12": "reading",
    }


def test_section_12_5_under_the_2023_act_is_the_two_reports_by_default() -> None:
    """Issue 22.1: under the 2023 act the heightened duties are the reports; the 1998 act's
    investigation and measures "straks" and the principal's report to the owner apply only with
    the opt-in reading carried_over_9a5, labelled as that reading."""
    report = assess(_staff_case(), "2024-10-01")
    kinds = {o.code: (o.source_kind, o.deadline.source_kind) for o in report.obligations}
    assert kinds["report_staff_violation_immediately"] == ("guidance", "guidance")
    carried = {
        "principal_reports_staff_violation_to_owner",
        "investigate_immediately",
        "measures_immediately",
    }
    assert not carried & report.codes()
    absent = {n.code: n for n in report.not_applicable}
    for code in carried:
        assert [u.code for u in absent[code].unmet] == ["unmet_reading_carried_over_9a5"]
        assert "carried_over_9a5" in absent[code].unmet[0].message
    assert {"investigate", "report_staff_violation_immediately"} <= report.codes()
    chosen = assess(_staff_case(), "2024-10-01", readings=["carried_over_9a5"])
    kinds = {o.code: (o.source_kind, o.deadline.source_kind) for o in chosen.obligations}
    for code in carried:
        assert kinds[code] == ("reading", "reading")
        note = chosen.obligation(code).source_note or ""
        assert "carried_over_9a5" in note
        assert "1998 § 9 A-5" in note
        assert "kontrollert" not in note
    late = {b.code: b for b in audit(_staff_case(), "2024-11-01").breaches}
    assert set(late) == {"report_to_principal_late", "investigation_not_started"}
    assert late["report_to_principal_late"].due.isoformat() == "2024-09-30"  # straks: guidance
    assert late["investigation_not_started"].due.isoformat() == "2024-10-07"  # snarast: 5 days
    late = audit(_staff_case(), "2024-11-01", options={"readings": ["carried_over_9a5"]}).breaches
    investigation = next(b for b in late if b.code == "investigation_not_started")
    assert investigation.due.isoformat() == "2024-09-30"
    assert [r.citation for r in investigation.legal_basis] == ["opplæringsloven § 12-4 andre ledd"]
    assert investigation.source_kind == "reading"
    assert all(
        r.section != "12-5"
        for b in late
        if b.code != "report_to_principal_late"
        for r in b.legal_basis
    )
    old = audit(_staff_case("2023-09-29"), "2023-11-01").breaches
    investigation = next(b for b in old if b.code == "investigation_not_started")
    assert investigation.due.isoformat() == "2023-09-29"
    assert [r.citation for r in investigation.legal_basis] == ["opplæringsloven § 9 A-5"]
    assert {"investigate_immediately", "measures_immediately"} <= assess(
        _staff_case("2023-09-29"), "2023-10-01"
    ).codes()


def test_an_unknown_reading_is_refused_naming_the_field() -> None:
    """An opt-in reading that does not exist is an InputError naming readings, without the value."""
    with pytest.raises(InputError) as caught:
        assess(_staff_case(), "2024-10-01", readings=["straks_for_everything"])
    assert caught.value.fields[0].path == "readings"
    assert "straks_for_everything" not in str(caught.value)
    with pytest.raises(InputError) as caught:
        audit(_staff_case(), "2024-10-01", options={"readings": ["nope"]})
    assert caught.value.fields[0].path.startswith("readings")
    assert "nope" not in str(caught.value)


def test_principal_report_to_owner_in_a_staff_case_has_no_immediate_deadline() -> None:
    """The principal's report to the owner in a staff case states no time, under either act (2023:
    with the opt-in reading)."""
    for on, as_of in (("2024-09-30", "2024-10-01"), ("2023-09-29", "2023-10-01")):
        duty = assess(_staff_case(on), as_of, readings=["carried_over_9a5"]).obligation(
            "principal_reports_staff_violation_to_owner"
        )
        assert (duty.deadline.kind, duty.deadline.due) == ("none_stated", None)


# ----------------------------------------------------------- the review's other findings ----


def test_the_heightened_duty_runs_from_when_the_school_knew() -> None:
    """§ 12-5 / § 9 A-5: "får mistanke om eller kjennskap til"; without known_on the violation's
    date is used, and the report says it is an assumption."""
    known = _staff_case("2024-09-30", known_on="2024-10-07")
    duty = assess(known, "2024-10-08").obligation("report_staff_violation_immediately")
    assert duty.deadline.due is not None
    assert duty.deadline.due.isoformat() == "2024-10-07"
    assert assess(known, "2024-10-08").notices == ()
    late = audit(known, "2024-11-01").breaches
    report = next(b for b in late if b.code == "report_to_principal_late")
    assert report.due.isoformat() == "2024-10-07"
    assumed = audit(_staff_case("2024-09-30"), "2024-11-01")
    assert [n.code for n in assumed.notices] == ["known_on_assumed"]
    assert assumed.notices[0].paths == ("events.0.known_on",)
    assert "antakelse" in assumed.notices[0].message
    nn = assess(_staff_case("2024-09-30"), "2024-11-01", maalform="nn").notices[0].message
    assert "føresetnad" in nn
    # not yet known on as_of: the heightened duty has not started
    early = assess(known, "2024-10-01")
    assert "report_staff_violation_immediately" not in early.codes()


def test_known_on_before_the_violation_is_refused_naming_the_field() -> None:
    """known_on before the violation's date is a date_order error naming the field."""
    from skolemiljo import InputError

    with pytest.raises(InputError) as caught:
        assess(_staff_case("2024-09-30", known_on="2024-09-01"), "2024-10-01")
    [error] = caught.value.fields
    assert (error.path, error.code) == ("events.0.violation.known_on", "date_order")
    assert "2024-09-01" not in str(caught.value)


def test_a_private_school_owner_is_not_the_municipality() -> None:
    """At a private school the duty titles name the school owner, never the municipality."""
    case = json.loads((EXAMPLES / "cases" / "private_school.json").read_text())
    case["serious"] = True
    for m, owner in (("nb", "skoleeieren"), ("nn", "skoleeigaren")):
        duty = assess(case, "2025-06-01", maalform=m).obligation("principal_reports_serious_case")
        assert owner in duty.title
        assert "kommunen" not in duty.title
        assert [r.id for r in duty.legal_basis][-1] == "privatskolelova/2-4"


def test_sfo_and_leksehjelp_cite_the_scope_provision() -> None:
    """In SFO and leksehjelp every duty also cites the scope provision (§ 12-1 / § 9 A-1)."""
    case = json.loads((EXAMPLES / "cases" / "sfo_case.json").read_text())
    for setting in ("sfo", "leksehjelp"):
        case["setting"] = setting
        report = assess(case, "2025-06-01")
        assert report.obligations
        for o in report.obligations:
            assert o.legal_basis[-1].id == "oppl2023/12-1", o.code
    case["setting"] = "school"
    assert all(
        r.id != "oppl2023/12-1"
        for o in assess(case, "2025-06-01").obligations
        for r in o.legal_basis
    )
    old = {**case, "setting": "sfo", "events": [
        {"type": "pupil_said_unsafe", "on": "2023-09-01", "told": "contact_teacher"}]}  # fmt: skip
    assert assess(old, "2023-09-02").obligations[0].legal_basis[-1].id == "oppl1998/9 A-1"


def test_section_9_a_3_and_9_a_6_are_dated_versions() -> None:
    """§ 9 A-3 (amended 2023) and § 9 A-6 (fylkesmannen until 2020) are cited in the version in
    force on the event's date."""

    def violation(on: str) -> dict[str, Any]:
        return {
            "pupil": {"ref": "elev-1"},
            "school": {"name": "Lia skole"},
            "events": [{"type": "violation", "on": on, "kind": "mobbing"},
                       {"type": "raised_with_principal", "on": on, "by": "parents"}],
        }  # fmt: skip

    for on, a3, a6 in (
        ("2020-06-01", "oppl1998/9 A-3", "oppl1998/9 A-6/1/fylkesmannen"),
        ("2022-06-01", "oppl1998/9 A-3", "oppl1998/9 A-6/1"),
        ("2023-06-01", "oppl1998/9 A-3/amended_2023", "oppl1998/9 A-6/1"),
    ):
        report = assess(violation(on), on)
        assert report.obligation("zero_tolerance").legal_basis[0].id == a3, on
        right = report.obligation("right_to_report_to_statsforvaltaren")
        assert right.legal_basis[0].id == a6, on


def test_oyer_meets_the_next_calendar_day_and_sets_no_limit_for_the_investigation_plan() -> None:
    """Øyer's routine: the meeting the next calendar day, no limit for the investigation plan, and
    rektor told the same day of a concern (not of a leader's violation)."""
    from skolemiljo import load_routine

    steps = load_routine("oyer_2024").steps
    assert steps["oyer_meeting_same_or_next_day"].within_days == 1
    assert steps["oyer_meeting_same_or_next_day"].within_working_days is None
    plan = steps["oyer_investigation_plan"]
    assert (plan.within_days, plan.within_working_days) == (None, None)
    tells = steps["oyer_staff_tells_principal_same_day"]
    assert (tells.after, tells.done_by, tells.within_days) == (
        "concern_for_principal",
        "reported_to_principal",
        0,
    )
    friday = {
        "pupil": {"ref": "elev-1"},
        "school": {"name": "Lia skole"},
        "events": [
            {"type": "reported", "on": "2024-11-08", "by": "contact_teacher", "to": "principal"},
            {"type": "pupil_informed", "on": "2024-11-08"},
            {"type": "meeting_held", "on": "2024-11-11", "attendees": "parents"},
            {"type": "investigation_started", "on": "2024-11-08"},
        ],
    }
    codes = [b.code for b in audit(friday, "2024-12-20", routine="oyer_2024").breaches]
    assert "oyer_meeting_same_or_next_day" in codes  # Monday is not "dagen etter" a Friday
    assert "oyer_investigation_plan" not in codes  # never written, but no limit is set


def test_a_duty_that_is_a_reading_says_so_in_its_title() -> None:
    """Human text never words a reading as what the law requires: the title of a duty whose
    source is a reading names it as the default reading, in both målformer."""
    readings = [
        (rule.code, version)
        for rule in load_rules()
        for version in rule.versions
        if version.source.kind == "reading"
    ]
    assert {code for code, _ in readings} == {
        "principal_reports_staff_violation_to_owner",
        "investigate_immediately",
        "measures_immediately",
    }
    for code, version in readings:
        assert version.opt_in == "carried_over_9a5", code  # never a default duty
        assert "valgt lesing" in version.title.nb, code
        assert "vald lesing" in version.title.nn, code
