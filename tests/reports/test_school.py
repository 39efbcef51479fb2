"""The school's duties above the case (issue 25): the routine's own review date, the rules made
known this school year, preventive work; every finding a warning with its basis and source
kind, through Python, the CLI and HTTP."""

from __future__ import annotations

import json
from typing import Any

import pytest

from skolemiljo import InputError, check_school, load_routine
from skolemiljo.cli import main
from skolemiljo.server import create_app

from ..conftest import EXAMPLES, AsgiClient

PROFILE = EXAMPLES / "school_profile.json"


def _profile(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(PROFILE.read_text(encoding="utf-8"))
    data.update(changes)
    return data


def _codes(data: dict[str, Any], day: str, m: str = "nb") -> list[str]:
    return [f.code for f in check_school(data, day, maalform=m).findings]


def test_oyers_routine_carries_its_revision_date() -> None:
    """The shipped routine carries «Neste revisjonsdato 23.06.2025» from Øyer's plan."""
    assert str(load_routine("oyer_2024").routine.review_by) == "2025-06-23"


@pytest.mark.parametrize("m", ["nb", "nn"])
def test_the_shipped_profile_has_no_finding_in_its_school_year(m: str) -> None:
    """Revised in June, rules made known to all three, preventive work planned: nothing."""
    assert _codes(_profile(), "2025-10-01", m) == []


def test_each_missing_record_is_a_warning_with_its_source() -> None:
    """Without the revision the routine is overdue after its date (local); without the records
    of this school year the rules are not made known (a reading under the 2023 act; the staff
    only under Øyer's routine, local) and no preventive work (§ 12-3, statute); all warnings."""
    report = check_school(_profile(routine_revised_on=None, rules_made_known=[],
                                   preventive_work=[]), "2025-10-01")  # fmt: skip
    kinds = [(f.code, f.source_kind, f.severity) for f in report.findings]
    assert kinds == [
        ("routine_review_overdue", "local", "warning"),
        ("rules_not_made_known", "reading", "warning"),
        ("rules_not_made_known", "reading", "warning"),
        ("rules_not_made_known_to_staff", "local", "warning"),
        ("no_preventive_work", "statute", "warning"),
    ]
    assert [r.citation for r in report.findings[-1].legal_basis] == ["opplæringsloven § 12-3"]
    on_the_day = _codes(_profile(routine_revised_on=None), "2025-06-23")
    assert "routine_review_overdue" not in on_the_day


def test_last_years_records_do_not_count_this_year() -> None:
    """A new school year (from 1 August) needs its own records; the staff step is not asked
    for without Øyer's routine; under the 1998 act the source of making the rules known is
    Udir's guidance (Udir-3-2017 kap. 5)."""
    assert _codes(_profile(), "2026-09-01").count("rules_not_made_known") == 2
    codes = _codes(_profile(routine=None), "2026-09-01")
    assert "rules_not_made_known_to_staff" not in codes
    old = check_school(_profile(routine=None, rules_made_known=[]), "2023-09-01")
    assert {f.source_kind for f in old.findings if f.code == "rules_not_made_known"} == {"guidance"}


def test_a_routine_path_or_unknown_name_is_refused() -> None:
    """The profile names a shipped routine only: a path is never read."""
    with pytest.raises(InputError) as info:
        check_school(_profile(routine="/etc/passwd"), "2025-10-01")
    assert [(f.path, f.code) for f in info.value.fields] == [("routine", "unknown_routine")]
    assert "passwd" not in str(info.value)


def test_the_cli_and_http_give_the_same_findings(capsys: pytest.CaptureFixture[str]) -> None:
    """skolemiljo school exits 1 with findings, 0 without; POST /v1/school answers the same."""
    assert main(["school", str(PROFILE), "--as-of", "2025-10-01"]) == 0
    assert main(["school", str(PROFILE), "--as-of", "2026-09-01", "--json"]) == 1
    codes = [f["code"] for f in json.loads(capsys.readouterr().out)["findings"]]
    r = AsgiClient(create_app()).post("/v1/school?as_of=2026-09-01", json=_profile())
    assert r.status_code == 200, r.text
    assert [f["code"] for f in r.json()["findings"]] == codes
