"""Legal scenarios (tests/scenarios/*.yaml): a lawyer-readable case and the duties it must give.

Each scenario runs on both engines. ``applies``/``undetermined`` list codes that must have that
status; ``absent`` codes must not appear; ``details`` pin deadline, citations, verification
flags, regime, titles, triggering and missing facts.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from skolemiljo import Assessment, assess

from .conftest import ROOT, needs_durable

SCENARIOS = sorted((Path(__file__).parent / "scenarios").glob("*.yaml"))


def load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fp:
        data: dict[str, Any] = yaml.safe_load(fp)
    assert {"name", "law", "reviewed_against", "as_of", "case", "expect"} <= set(data)
    return data


def run(data: dict[str, Any], engine: str, maalform: str = "nb") -> Assessment:
    case = data["case"]
    text = (ROOT / case).read_text(encoding="utf-8") if isinstance(case, str) else case
    return assess(text, as_of=data["as_of"], engine=engine, maalform=maalform)  # type: ignore[arg-type]


@pytest.mark.parametrize("engine", [pytest.param("durable", marks=needs_durable), "reference"])
@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario(path: Path, engine: str) -> None:
    """The scenario's expected duties, deadlines and citations hold on this engine."""
    data = load(path)
    expect = data["expect"]
    report = run(data, engine)
    for code in expect.get("applies", []):
        assert report.obligation(code).status == "applies", code
    for code in expect.get("undetermined", []):
        assert report.obligation(code).status == "undetermined", code
    for code in expect.get("absent", []):
        assert code not in report.codes(), code
    nn = run(data, engine, "nn")
    for code, want in expect.get("details", {}).items():
        got = report.obligation(code)
        if "deadline" in want:
            assert got.deadline.kind == want["deadline"]["kind"], code
            due = want["deadline"].get("due")
            assert got.deadline.due == (
                due if isinstance(due, date) or due is None else date.fromisoformat(due)
            ), code
        if "citations" in want:
            assert [r.citation for r in got.legal_basis] == want["citations"], code
        if "verified" in want:
            assert [r.verified for r in got.legal_basis] == want["verified"], code
        if "regime" in want:
            assert got.regime == want["regime"], code
        if "duty_bearer" in want:
            assert got.duty_bearer == want["duty_bearer"], code
        if "because" in want:
            assert [r.fact for r in got.because] == want["because"], code
        if "missing" in want:
            assert list(got.missing_facts) == want["missing"], code
        if "title_nb" in want:
            assert got.title == want["title_nb"], code
        if "title_nn" in want:
            assert nn.obligation(code).title == want["title_nn"], code


def test_every_example_case_has_a_scenario() -> None:
    """Each shipped example case is pinned by at least one assess or audit scenario."""
    audits = sorted((Path(__file__).parent / "audit_scenarios").glob("*.yaml"))
    cases = [load(p)["case"] for p in SCENARIOS]
    cases += [yaml.safe_load(p.read_text(encoding="utf-8"))["case"] for p in audits]
    used = {c for c in cases if isinstance(c, str)}
    shipped = {f"examples/cases/{p.name}" for p in (ROOT / "examples" / "cases").glob("*.json")}
    assert shipped <= used
