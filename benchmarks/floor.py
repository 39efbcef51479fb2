"""The floor for the engine benchmark: the same rules hand-written as plain Python.

tests/package/test_bench_floor.py checks it against the reference evaluator on every combination of
fact values, so the baseline stays the same rules as the data.
"""

from __future__ import annotations


def _any(*values: str) -> str:
    return "T" if "T" in values else "U" if "U" in values else "F"


def _all(*values: str) -> str:
    return "F" if "F" in values else "U" if "U" in values else "T"


def floor(f: dict[str, str]) -> dict[str, str]:
    """Duty code → 'applies'/'undetermined', written out by hand."""
    truth = {
        "monitor": "T",
        "zero_tolerance": f["violation"],
        "intervene": f["violation"],
        "report_to_principal": f["concern_for_principal"],
        "investigate": f["concern"],
        "document": f["concern"],
        "hear_pupil": f["concern"],
        "best_interests": f["concern"],
        "put_right": _any(f["pupil_says_unsafe"], f["found_unsafe"]),
        "written_plan": _any(f["measures_started"], f["pupil_says_unsafe"], f["found_unsafe"]),
        "principal_reports_serious_case": f["serious_case"],
        "report_staff_violation_immediately": f["offender_staff"],
        "principal_reports_staff_violation_to_owner": f["offender_staff"],
        "report_leadership_violation_to_owner": f["offender_leadership"],
        "investigate_immediately": _any(f["offender_staff"], f["offender_leadership"]),
        "measures_immediately": _any(f["offender_staff"], f["offender_leadership"]),
        "right_to_report_to_statsforvaltaren": _all(
            f["raised_with_principal"], f["attends_school_now"]
        ),
    }
    return {
        code: "applies" if value == "T" else "undetermined"
        for code, value in truth.items()
        if value != "F"
    }
