"""validate_plan: each finding code on a concrete plan, in both målformer and both acts."""

from __future__ import annotations

import json
from typing import Any

import pytest

from skolemiljo import (
    InputError,
    OutOfScopeError,
    Profile,
    Severity,
    ValidationOptions,
    validate_plan,
)

from ..conftest import EXAMPLES


def plan(**changes: Any) -> dict[str, Any]:
    """The shipped complete plan, with top-level changes (None removes a key)."""
    data: dict[str, Any] = json.loads((EXAMPLES / "plan.json").read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def measure(index: int = 0, **changes: Any) -> dict[str, Any]:
    """A plan whose measure ``index`` has the given changes (None removes a key)."""
    data = plan()
    for key, value in changes.items():
        if value is None:
            data["measures"][index].pop(key, None)
        else:
            data["measures"][index][key] = value
    return data


def codes(data: dict[str, Any], **kw: Any) -> list[tuple[str, str | None, str]]:
    return [(f.code, f.item, f.path) for f in validate_plan(data, **kw).findings]


def test_shipped_plan_is_valid_without_findings() -> None:
    """The shipped example is complete: no error, no warning, in either målform."""
    for maalform in ("nb", "nn"):
        report = validate_plan(plan(), maalform=maalform)
        assert report.valid
        assert report.findings == ()
        assert report.regime == "oppl2023_ch12"


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("problem", ("plan_problem_missing", "a", "problem")),
        ("measures", ("plan_measures_missing", "b", "measures")),
        ("best_interests", ("plan_best_interests_missing", "f", "best_interests")),
    ],
)
def test_missing_plan_level_item_is_an_error(key: str, expected: tuple[str, str, str]) -> None:
    """Removing a plan-level item gives exactly one error for that item."""
    report = validate_plan(plan(**{key: None}))
    assert [(f.code, f.item, f.path) for f in report.errors] == [expected]
    assert not report.valid


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Klikk eller trykk her for å skrive inn tekst.",
        "TBD",
        "...",
        "xxx",
        "…",
        "Lorem ipsum dolor sit amet",
        "[Skriv problemet her]",
    ],
)
def test_blank_or_placeholder_problem_is_an_error(text: str) -> None:
    """Blank text or a Word/TBD placeholder is not an answer to item a."""
    report = validate_plan(plan(problem=text))
    assert [(f.item, f.path) for f in report.errors] == [("a", "problem")]
    expected = "plan_problem_missing" if not text.strip() else "plan_text_placeholder"
    assert report.errors[0].code == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"description": None},
            ("plan_measure_description_missing", "b", "measures.1.description"),
        ),
        ({"description": "xxx"}, ("plan_text_placeholder", "b", "measures.1.description")),
        ({"starts_on": None}, ("plan_measure_timing_missing", "c", "measures.1.starts_on")),
        ({"schedule": "TBD"}, ("plan_text_placeholder", "c", "measures.1.schedule")),
        ({"ends_on": "2024-09-01"}, ("plan_measure_dates_out_of_order", "c", "measures.1.ends_on")),
        (
            {"carried_out_by": None},
            ("plan_measure_carried_out_by_missing", "d", "measures.1.carried_out_by"),
        ),
        (
            {"carried_out_by": []},
            ("plan_measure_carried_out_by_missing", "d", "measures.1.carried_out_by"),
        ),
        (
            {"carried_out_by": ["  "]},
            ("plan_measure_carried_out_by_missing", "d", "measures.1.carried_out_by"),
        ),
        ({"carried_out_by": ["TBD"]}, ("plan_text_placeholder", "d", "measures.1.carried_out_by")),
        (
            {"evaluate_on": "2024-09-10"},
            ("plan_evaluation_before_start", "e", "measures.1.evaluate_on"),
        ),
    ],
)
def test_measure_errors(changes: dict[str, Any], expected: tuple[str, str, str]) -> None:
    """Each broken part of a measure gives its own error with item letter and path."""
    report = validate_plan(measure(1, **changes))
    assert [(f.code, f.item, f.path) for f in report.errors] == [expected]


def test_measure_without_evaluation_falls_back_to_plan_evaluation_date() -> None:
    """A plan-level evaluation date covers measures without their own (item e)."""
    assert validate_plan(measure(0, evaluate_on=None)).valid
    data = measure(0, evaluate_on=None)
    del data["evaluation_on"]
    report = validate_plan(data)
    assert [(f.code, f.path) for f in report.errors] == [
        ("plan_evaluation_missing", "measures.0.evaluate_on")
    ]


def test_plan_level_evaluation_before_start_points_at_evaluation_on() -> None:
    """An early plan-level evaluation date is reported at its own path."""
    data = measure(0, evaluate_on=None)
    data["evaluation_on"] = "2024-09-16"
    report = validate_plan(data)
    assert ("plan_evaluation_before_start", "evaluation_on") in [
        (f.code, f.path) for f in report.errors
    ]


def test_far_future_evaluation_is_a_warning_with_configurable_threshold() -> None:
    """Evaluating long after the start warns; the threshold is an option."""
    data = measure(0, evaluate_on="2024-12-20")
    report = validate_plan(data)
    assert report.valid
    assert [(f.code, f.severity) for f in report.warnings] == [
        ("plan_evaluation_far_future", Severity.WARNING)
    ]
    assert "94" in report.warnings[0].message
    relaxed = validate_plan(data, options=ValidationOptions(evaluation_horizon_days=120))
    assert relaxed.findings == ()


def test_unspecific_roles_warn() -> None:
    """'Alle voksne' is not who carries out a measure in an inspector's eyes."""
    report = validate_plan(measure(2, carried_out_by=["Alle voksne", "skolen"]))
    assert report.valid
    assert [f.code for f in report.warnings] == ["plan_measure_carried_out_by_unspecific"]


def test_short_problem_warns() -> None:
    """A one-word problem ('Mobbing') is flagged as vague, not as missing."""
    report = validate_plan(plan(problem="Mobbing."))
    assert report.valid
    assert [f.code for f in report.warnings] == ["plan_problem_vague"]
    assert (
        validate_plan(
            plan(problem="Mobbing."), options=ValidationOptions(min_problem_words=1)
        ).findings
        == ()
    )


def test_pupil_not_heard_and_heard_late_are_warnings() -> None:
    """§ 10-2: no record of the pupil's views, or views taken after the plan, warn."""
    assert [f.code for f in validate_plan(plan(pupil_views=None)).warnings] == [
        "plan_pupil_not_heard"
    ]
    late = plan(pupil_views={"heard_on": "2024-09-20"})
    assert [f.code for f in validate_plan(late).warnings] == ["plan_pupil_heard_after_plan"]


def test_plan_dated_before_report_is_an_error() -> None:
    """A plan cannot be made before the case was raised with the principal."""
    report = validate_plan(plan(reported_on="2024-09-20"))
    assert [(f.code, f.path) for f in report.errors] == [("plan_dated_before_report", "plan_date")]


def test_statutory_profile_requires_only_a_to_e() -> None:
    """Without item f the default profile blocks saving; the statutory profile warns."""
    data = plan(best_interests=None)
    assert not validate_plan(data).valid
    report = validate_plan(data, profile="statutory")
    assert report.valid
    assert [(f.code, f.severity, f.item) for f in report.findings] == [
        ("plan_best_interests_missing", Severity.WARNING, "f")
    ]
    assert report.profile is Profile.STATUTORY


def test_item_f_cites_section_10_1_not_the_plan_list() -> None:
    """Item f is not in § 12-4's list: its basis is § 10-1, marked unverified."""
    finding = validate_plan(plan(best_interests=None)).errors[0]
    assert [r.citation for r in finding.legal_basis] == ["opplæringsloven § 10-1"]
    assert finding.legal_basis[0].verified is False


def test_new_act_citations_and_period() -> None:
    """Plans from 1 August 2024 cite § 12-4 tredje ledd, valid from that date."""
    finding = validate_plan(measure(0, carried_out_by=None)).errors[0]
    (ref,) = finding.legal_basis
    assert ref.citation == "opplæringsloven § 12-4 tredje ledd fjerde strekpunkt"
    assert ref.lovdata_id == "LOV-2023-06-09-30"
    assert ref.wording == "kven som skal gjennomføre tiltaka"
    assert (finding.valid_from.isoformat(), finding.valid_to) == ("2024-08-01", None)


def test_old_act_citations_wording_and_period() -> None:
    """Plans dated before 1 August 2024 cite § 9 A-4 sjette ledd with the old item d."""
    data = measure(0, carried_out_by=None)
    data.update(plan_date="2024-07-31", reported_on="2024-07-20")
    data["pupil_views"]["heard_on"] = "2024-07-25"
    report = validate_plan(data, maalform="nn")
    finding = report.errors[0]
    assert report.regime == "oppl1998_ch9a"
    (ref,) = finding.legal_basis
    assert ref.citation == "opplæringslova § 9 A-4 sjette ledd bokstav d"
    assert ref.lovdata_id == "LOV-1998-07-17-61"
    assert ref.verified is False
    assert finding.message == "Tiltak 1 manglar kven som er ansvarleg for gjennomføringa (punkt d)."
    assert (finding.valid_from.isoformat(), finding.valid_to.isoformat()) == (
        "2017-08-01",
        "2024-07-31",
    )


def test_messages_differ_by_maalform() -> None:
    """The same finding reads in Bokmål or Nynorsk as asked, never mixed."""
    data = plan(problem=None)
    nb = validate_plan(data, maalform="nb").errors[0].message
    nn = validate_plan(data, maalform="nn").errors[0].message
    assert nb == "Planen må beskrive hvilket problem tiltakene skal løse (punkt a)."
    assert nn == "Planen må skildre kva problem tiltaka skal løyse (punkt a)."


def test_plan_before_august_2017_is_out_of_scope() -> None:
    """Before 1 August 2017 chapter 9 A did not apply: a typed error, not an empty report."""
    data = plan(plan_date="2017-07-31", reported_on=None)
    with pytest.raises(OutOfScopeError) as info:
        validate_plan(data)
    assert info.value.code == "before_2017_08_01"
    assert info.value.path == "plan_date"


@pytest.mark.parametrize(
    ("data", "path", "code"),
    [
        ({**plan(), "colour": "red"}, "colour", "extra_forbidden"),
        (plan(plan_date="not a date"), "plan_date", "date_from_datetime_parsing"),
        (plan(pupil={"ref": "Kari Nordmann"}), "pupil.ref", "string_pattern_mismatch"),
        (
            plan(school={"name": "Lia", "org_number": "12345678"}),
            "school.org_number",
            "string_pattern_mismatch",
        ),
        (
            plan(school={"name": "Lia", "org_number": "974123456"}),  # MOD11 check digit fails
            "school.org_number",
            "org_number_invalid",
        ),
        (
            plan(school={"name": "Lia", "org_number": "123456789"}),
            "school.org_number",
            "org_number_invalid",
        ),
        (plan(measures="none"), "measures", "tuple_type"),
        (plan(pupil=None), "pupil", "missing"),
    ],
)
def test_malformed_input_names_the_field(data: dict[str, Any], path: str, code: str) -> None:
    """Type errors and unknown keys raise InputError naming path and code, not a report."""
    with pytest.raises(InputError) as info:
        validate_plan(data)
    assert (info.value.fields[0].path, info.value.fields[0].code) == (path, code)


def test_unknown_profile_and_maalform_are_typed_errors() -> None:
    """Only 'default'/'statutory' and 'nb'/'nn' are accepted; 'no' is refused."""
    from skolemiljo import UnknownMaalformError

    with pytest.raises(InputError):
        validate_plan(plan(), profile="strict")
    with pytest.raises(UnknownMaalformError):
        validate_plan(plan(), maalform="no")


def test_accepts_model_mapping_and_json_text_alike() -> None:
    """The same plan as model, dict, str or bytes gives the same report."""
    from skolemiljo import ActivityPlan

    text = (EXAMPLES / "plan.json").read_text(encoding="utf-8")
    model = ActivityPlan.model_validate_json(text)
    reports = {validate_plan(x) for x in (model, json.loads(text), text, text.encode())}
    assert len(reports) == 1


@pytest.mark.parametrize("name", sorted(p.name for p in (EXAMPLES / "invalid").glob("*.json")))
def test_shipped_invalid_examples_have_errors(name: str) -> None:
    """Every example under examples/invalid is refused with at least one error."""
    report = validate_plan((EXAMPLES / "invalid" / name).read_text(encoding="utf-8"))
    assert not report.valid
