"""Legal scenarios (tests/scenarios/*.yaml): a lawyer-readable case and the duties it must give.

Each scenario runs on both engines, through :func:`skolemiljo.scenarios.run_scenario` (what
``skolemiljo check`` runs). ``applies``/``undetermined`` list codes that must have that status;
``absent`` codes must not appear; ``details`` pin deadline, citations, verification flags,
regime, titles, triggering and missing facts. The format is in docs/scenarios.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from skolemiljo._engine import durable_available
from skolemiljo.scenarios import run_scenario

from ..conftest import ROOT

SCENARIOS = sorted((Path(__file__).parent.parent / "scenarios").glob("*.yaml"))


def load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fp:
        data: dict[str, Any] = yaml.safe_load(fp)
    assert {"name", "law", "reviewed_against", "as_of", "case", "expect"} <= set(data)
    return data


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario(path: Path) -> None:
    """The scenario's expected duties, deadlines and citations hold on every engine here
    (durable and reference on the main Python) and in both målformer: the same runner as
    ``skolemiljo check``, so what a vendor's lawyer runs is what the library is tested with."""
    result = run_scenario(path)
    assert result.failures == ()
    assert result.engines == (("durable", "reference") if durable_available() else ("reference",))


def test_every_example_case_has_a_scenario() -> None:
    """Each shipped example case is pinned by at least one assess or audit scenario."""
    audits = sorted((Path(__file__).parent.parent / "audit_scenarios").glob("*.yaml"))
    cases = [load(p)["case"] for p in SCENARIOS]
    cases += [yaml.safe_load(p.read_text(encoding="utf-8"))["case"] for p in audits]
    used = {c for c in cases if isinstance(c, str)}
    shipped = {f"examples/cases/{p.name}" for p in (ROOT / "examples" / "cases").glob("*.json")}
    assert shipped <= used
