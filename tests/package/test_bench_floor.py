"""The benchmark's hand-written floor computes exactly the rules in the data."""

from __future__ import annotations

import importlib.util
import itertools

from skolemiljo._engine import ReferenceEngine
from skolemiljo._law.ruledata import FACTS, load_rules

from ..conftest import ROOT


def test_floor_matches_the_rule_data_on_every_fact_combination() -> None:
    """3**11 truth assignments: the floor and the reference evaluator agree."""
    spec = importlib.util.spec_from_file_location("floor", ROOT / "benchmarks" / "floor.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rules = load_rules()
    code_of = {rule.id: rule.code for rule in rules}
    engine = ReferenceEngine(rules)
    names = sorted(FACTS)
    for values in itertools.product("TFU", repeat=len(names)):
        facts = dict(zip(names, values, strict=True))
        expected = {code_of[k]: v for k, v in engine.evaluate(facts).items()}  # type: ignore[arg-type]
        assert module.floor(facts) == expected
