"""Item f as a structured assessment, hearing the pupil, and measures as the seeds describe them
(issue 15; seeds S001 Udir «Tiltak i skolemiljøsaker», S003 Øyer kommune's plan)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skolemiljo import InputError, measure_catalogue, validate_plan
from skolemiljo.cli import main
from skolemiljo.testing import complete_plans

from ..conftest import EXAMPLES

PLAN: dict[str, Any] = json.loads((EXAMPLES / "plan.json").read_text(encoding="utf-8"))


def _plan(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(PLAN)
    data.update(changes)
    return data


def _findings(data: dict[str, Any], **kw: Any) -> dict[str, tuple[str, str | None, str]]:
    return {f.code: (f.severity.value, f.item, f.path) for f in validate_plan(data, **kw).findings}


def test_the_shipped_plan_uses_the_structured_item_f_and_the_new_measure_fields() -> None:
    """The shipped plan uses item f in three steps and the measure fields (level, purposes,
    goal), and is valid with no finding."""
    assert isinstance(PLAN["best_interests"], dict)
    assert {"level", "purposes", "goal"} <= set(PLAN["measures"][0])
    report = validate_plan(PLAN)
    assert report.valid
    assert report.findings == ()


# ------------------------------------------------------------------------------ item f ----


def test_item_f_without_the_childs_view_is_an_error_on_item_f() -> None:
    """Item f without the pupil's own view among its considerations is an error on item f."""
    data = _plan()
    f = data["best_interests"]
    f["considerations"] = [c for c in f["considerations"] if c["consideration"] != "child_view"]
    found = _findings(data)
    assert found == {
        "plan_best_interests_child_view_missing": (
            "error",
            "f",
            "best_interests.considerations",
        )
    }
    assert _findings(data, profile="statutory")["plan_best_interests_child_view_missing"][0] == (
        "warning"
    )
    report = validate_plan(data, maalform="nn")
    [finding] = report.findings
    assert finding.source_kind == "reading"
    assert "synet til eleven" in finding.message
    assert [r.id for r in finding.legal_basis] == ["oppl2023/10-1"]


def test_the_cli_refuses_item_f_without_the_childs_view(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """skolemiljo validate exits 1 on item f without the pupil's view."""
    data = _plan()
    data["best_interests"]["considerations"] = data["best_interests"]["considerations"][1:]
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["validate", str(path), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert [(f["code"], f["item"]) for f in out["findings"]] == [
        ("plan_best_interests_child_view_missing", "f")
    ]


@pytest.mark.parametrize(
    ("field", "code"),
    [
        ("weighing", "plan_best_interests_not_weighed"),
        ("conclusion", "plan_best_interests_no_conclusion"),
    ],
)
def test_no_weighing_or_no_conclusion(field: str, code: str) -> None:
    """Item f without its weighing or its conclusion is an error naming that field."""
    data = _plan()
    del data["best_interests"][field]
    assert _findings(data) == {code: ("error", "f", f"best_interests.{field}")}


def test_a_conclusion_must_name_the_measures_it_leads_to() -> None:
    """A conclusion that names no measure is a warning on item f."""
    data = _plan()
    data["best_interests"]["measures"] = []
    assert _findings(data) == {
        "plan_best_interests_conclusion_names_no_measure": (
            "warning",
            "f",
            "best_interests.measures",
        )
    }
    data["best_interests"]["measures"] = [2, 9]
    assert _findings(data) == {
        "plan_best_interests_measure_unknown": ("error", "f", "best_interests.measures.1")
    }


def test_free_text_item_f_is_kept_but_reported_as_unchecked_in_the_default_profile() -> None:
    """Free-text item f is kept, with a warning that it cannot be checked; the statutory profile
    asks nothing of it."""
    data = _plan(best_interests="Eleven skal raskt få en trygg skolehverdag, ut fra egne ønsker.")
    assert _findings(data) == {
        "plan_best_interests_unstructured": ("warning", "f", "best_interests")
    }
    assert _findings(data, profile="statutory") == {}
    assert validate_plan(data).valid


def test_an_unknown_consideration_is_refused_naming_the_field() -> None:
    """A consideration outside the shipped list is an InputError naming its field."""
    data = _plan()
    data["best_interests"]["considerations"][0]["consideration"] = "horoscope"
    with pytest.raises(InputError) as caught:
        validate_plan(data)
    assert caught.value.fields[0].path.startswith("best_interests.")
    assert "horoscope" not in str(caught.value)


# --------------------------------------------------------------------- hearing the pupil ----


def test_a_pupil_who_declined_to_speak_recorded_is_valid() -> None:
    """A pupil who declined to speak, with how the view was otherwise sought, is valid."""
    data = _plan(pupil_views={
        "declined": True,
        "otherwise_sought": "Observasjon i friminutt og samtale med foreldrene om elevens ønsker.",
    })  # fmt: skip
    report = validate_plan(data)
    assert report.valid
    assert report.findings == ()


def test_a_refusal_without_how_the_view_was_otherwise_sought_is_a_warning() -> None:
    """A recorded refusal without how the view was otherwise sought is a warning."""
    data = _plan(pupil_views={"declined": True})
    assert _findings(data) == {
        "plan_pupil_declined_view_not_sought": ("warning", None, "pupil_views.otherwise_sought")
    }


def test_neither_heard_nor_declined_and_heard_after_the_plan() -> None:
    """A plan where the pupil was neither heard nor declined, or heard after the plan's date, is
    a warning."""
    assert _findings(_plan(pupil_views={"summary": "Eleven vil være med."})) == {
        "plan_pupil_not_heard": ("warning", None, "pupil_views")
    }
    late = _plan(pupil_views={"heard_on": "2024-09-20", "heard_by": "kontaktlærer"})
    assert _findings(late) == {
        "plan_pupil_heard_after_plan": ("warning", None, "pupil_views.heard_on")
    }


# -------------------------------------------------------------------------- measures ----


def _with_group(consent: dict[str, bool] | None) -> dict[str, Any]:
    data = _plan()
    measure = {
        "description": "En egen elevgruppe med tre medelever eleven har valgt.",
        "catalogue_id": "separate_pupil_group",
        "starts_on": "2024-09-20",
        "carried_out_by": ["sosiallærer"],
        "evaluate_on": "2024-10-04",
    }
    if consent is not None:
        measure["consent"] = consent
    data["measures"].append(measure)
    return data


def test_a_measure_that_needs_consent_without_it_is_an_error_and_with_it_valid() -> None:
    """A separate pupil group without the pupil's wish and everyone's consent is an error; with
    them it is valid."""
    assert _findings(_with_group(None)) == {
        "plan_measure_consent_missing": ("error", "b", "measures.4.consent")
    }
    partial = {"pupil_wish": True, "pupil": True, "parents": True}
    assert "plan_measure_consent_missing" in _findings(_with_group(partial))
    every = {"pupil_wish": True, "pupil": True, "parents": True, "other_parents": True}
    report = validate_plan(_with_group(every))
    assert report.valid
    assert report.findings == ()
    own = _plan()
    own["measures"][1]["needs_consent"] = ["parents"]
    assert "plan_measure_consent_missing" in _findings(own)
    own["measures"][1]["consent"] = {"parents": True}
    assert "plan_measure_consent_missing" not in _findings(own)
    [finding] = validate_plan(_with_group(None)).findings
    assert finding.source_kind == "guidance"


def test_a_measure_carried_out_by_the_staff_offender_is_a_warning() -> None:
    """A measure carried out by the staff member who is the offender is a warning on item d."""
    data = _plan(staff_offender_role="Kontaktlærer")
    report = validate_plan(data)
    assert {(f.code, f.severity.value, f.item) for f in report.findings} == {
        ("plan_measure_by_offender", "warning", "d")
    }
    paths = [f.path for f in report.findings]
    assert paths == [
        "measures.0.carried_out_by",
        "measures.1.carried_out_by",
        "measures.2.carried_out_by",
    ]
    assert _findings(_plan(staff_offender_role="vaktmester")) == {}


def test_taking_the_pupil_out_of_the_class_group_for_long_is_a_warning() -> None:
    """Taking the pupil out of the class group without an end date is a warning, citing its
    guidance."""
    data = _plan()
    data["measures"][2]["out_of_class"] = True  # no end date
    [finding] = validate_plan(data).findings
    assert (finding.code, finding.path) == ("plan_measure_segregating", "measures.2.out_of_class")
    assert "14 dager" in (finding.source_note or "")
    data["measures"][2]["ends_on"] = "2024-09-25"  # a week
    assert validate_plan(data).findings == ()
    assert validate_plan(data, options={"segregation_days": 3}).findings != ()


def test_only_individual_measures_for_a_group_problem_is_a_warning() -> None:
    """Only individual measures for a problem in a group is a warning (Udir: measures on several
    levels)."""
    data = _plan()
    for m in data["measures"]:
        m["level"] = "individual"
        m.pop("catalogue_id", None)
    assert _findings(data) == {
        "plan_individual_measures_for_group_problem": ("warning", "b", "measures")
    }
    data["problem_level"] = "individual"
    assert _findings(data) == {}


def test_an_unknown_catalogue_entry_is_an_error() -> None:
    """A measure naming a catalogue entry that does not exist is an error on its field."""
    data = _plan()
    data["measures"][0]["catalogue_id"] = "magic_wand"
    assert _findings(data) == {
        "plan_measure_catalogue_unknown": ("error", "b", "measures.0.catalogue_id")
    }


# ------------------------------------------------------------------------- catalogue ----


def test_the_catalogue_from_python_the_cli_and_http_is_the_same(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The measure catalogue is the same from Python, the command line and GET /v1/measures."""
    pytest.importorskip("fastapi")
    from skolemiljo.server import create_app

    from ..conftest import AsgiClient

    entries = [e.model_dump(mode="json") for e in measure_catalogue()]
    assert len(entries) >= 8
    for entry in entries:
        assert entry["label"]["nb"] != entry["label"]["nn"]
        assert entry["level"] in ("individual", "group", "school")
        assert entry["purposes"]
        assert entry["source"].startswith("Udir")
    assert main(["measures", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == entries
    assert AsgiClient(create_app()).get("/v1/measures").json() == entries
    assert main(["measures", "--maalform", "nn"]) == 0
    assert "Ei eiga elevgruppe" in capsys.readouterr().out


# --------------------------------------------------------------------------- property ----


@given(complete_plans(), st.data())
def test_a_complete_plan_loses_its_validity_by_exactly_the_missing_step(
    plan: Any, data: st.DataObject
) -> None:
    """Any complete plan (free text or structured item f, catalogue measures with consent) has
    no error; dropping the pupil's view from a structured item f gives exactly that error."""
    report = validate_plan(plan)
    assert report.valid, [f.code for f in report.errors]
    f = plan.best_interests
    if isinstance(f, str):
        return
    kept = tuple(a for a in f.considerations if a.consideration != "child_view")
    changed = plan.model_copy(
        update={"best_interests": f.model_copy(update={"considerations": kept})}
    )
    assert [e.code for e in validate_plan(changed).errors] == [
        "plan_best_interests_child_view_missing"
    ]
