"""Rule engines over the same rule data (not public API; choose one with ``engine=``).

Both engines take three-valued facts (``T``/``F``/``U``) and return, for every rule whose
condition is not definitely false, ``applies`` (definitely true) or ``undetermined``.

* :class:`ReferenceEngine`: Kleene three-valued logic in plain Python. The oracle of the
  differential tests, and the engine where durable-rules cannot be imported (Python 3.13+).
* :class:`DurableEngine`: durable-rules' C matcher (``durable_rules_engine``), driven directly.
  It avoids every hazard measured in shared/reference/DURABLE-RULES.md: no ``durable.lang``
  global host and no timer threads (the Python ``Host`` is never created); no Python actions
  (so no exception can be swallowed inside one); a ruleset name unique to the instance (no clash
  on reload); one fixed session id, whose state is deleted after every evaluation, under a lock;
  a sentinel rule that fires on every evaluation (so no never-fired state is ever deleted);
  no ``None`` values and no reserved keys in facts.
"""

from __future__ import annotations

import itertools
import json
import os
import threading
import uuid
from collections.abc import Mapping
from typing import Any, Literal, Protocol

from skolemiljo._law import All, Condition, Not, Rule, on_new_rules
from skolemiljo.errors import EngineError

__all__ = [
    "DurableEngine",
    "Engine",
    "EngineName",
    "ReferenceEngine",
    "Status",
    "default_engine",
    "durable_available",
    "get_engine",
    "kleene",
]

Status = Literal["applies", "undetermined"]
EngineName = Literal["auto", "durable", "reference"]
Truth = Literal["T", "F", "U"]


class Engine(Protocol):
    """What assess() needs from an engine."""

    name: str

    def evaluate(self, facts: Mapping[str, Truth]) -> dict[str, Status]:
        """Rule id → status for every rule whose condition is not definitely false."""
        ...


def kleene(condition: Condition, facts: Mapping[str, Truth]) -> Truth:
    """Kleene's strong three-valued logic.

    >>> from skolemiljo._law import All, AnyOf, Not
    >>> facts = {"violation": "U", "concern": "T"}
    >>> kleene(AnyOf(any=("violation", "concern")), facts)
    'T'
    >>> kleene(All(all=("violation", "concern")), facts)
    'U'
    >>> kleene(Not(not_="violation"), facts)
    'U'
    """
    if isinstance(condition, str):
        return facts[condition]
    if isinstance(condition, Not):
        inner = kleene(condition.not_, facts)
        return "F" if inner == "T" else "T" if inner == "F" else "U"
    values = [
        kleene(part, facts)
        for part in (condition.all if isinstance(condition, All) else condition.any)
    ]
    if isinstance(condition, All):
        return "F" if "F" in values else "U" if "U" in values else "T"
    return "T" if "T" in values else "U" if "U" in values else "F"


class ReferenceEngine:
    """The plain-Python evaluator of the rule data."""

    name = "reference"

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self._rules = rules

    def evaluate(self, facts: Mapping[str, Truth]) -> dict[str, Status]:
        out: dict[str, Status] = {}
        for rule in self._rules:
            truth = kleene(rule.when, facts)
            if truth == "T":
                out[rule.id] = "applies"
            elif truth == "U":
                out[rule.id] = "undetermined"
        return out


# ------------------------------------------------------------------ durable-rules compiler ----

_ALWAYS: dict[str, Any] = {"$gte": {"one": 1}}
_NEVER: dict[str, Any] = {"one": 0}
_SENTINEL = "_sentinel"


def _compile(condition: Condition, mode: str, negated: bool) -> dict[str, Any]:
    """A durable-rules expression for T(φ) (mode 'T') or 'possibly true' (mode 'P').

    ``negated`` compiles ¬φ instead (pushed down to the facts, De Morgan). Disjunctions become
    mutually exclusive branches, because durable-rules fires once per true branch.
    """
    if isinstance(condition, str):
        if mode == "T":
            return {condition: "F" if negated else "T"}
        return {"$neq": {condition: "T" if negated else "F"}}
    if isinstance(condition, Not):
        return _compile(condition.not_, mode, not negated)
    parts = condition.all if isinstance(condition, All) else condition.any
    conjunction = isinstance(condition, All) != negated
    if not parts:
        return _ALWAYS if conjunction else _NEVER
    if conjunction:
        compiled = [_compile(p, mode, negated) for p in parts]
        return compiled[0] if len(compiled) == 1 else {"$and": compiled}
    other = "P" if mode == "T" else "T"
    branches = []
    for i, part in enumerate(parts):
        # earlier branches definitely not in this mode: the complement of M(A) is M'(¬A)
        earlier = [_compile(p, other, not negated) for p in parts[:i]]
        here = _compile(part, mode, negated)
        branches.append({"$and": [*earlier, here]} if earlier else here)
    return branches[0] if len(branches) == 1 else {"$or": branches}


def compile_ruleset(rules: tuple[Rule, ...]) -> dict[str, Any]:
    """The durable-rules ruleset: '<id>#T' fires when a rule applies, '<id>#U' when it is
    undetermined; the two are exclusive. A sentinel fires on every evaluation."""
    definition: dict[str, Any] = {_SENTINEL: {"all": [{"m": _ALWAYS}]}}
    for index, rule in enumerate(rules):
        applies = _compile(rule.when, "T", False)
        undetermined = {"$and": [_compile(rule.when, "P", False), _compile(rule.when, "P", True)]}
        definition[f"r{index}#T"] = {"all": [{"m": applies}]}
        definition[f"r{index}#U"] = {"all": [{"m": undetermined}]}
    return definition


def _action_name(message: str) -> str:
    """The rule name of an action message ``{"<name>": {...}}`` without parsing the rest.

    Our rule names (``r12#T``, ``_sentinel``) never contain quotes, so the name ends at the
    second quote; anything else is refused.

    >>> _action_name('{"r3#U":{"m":{"concern": "T"}}}')
    'r3#U'
    """
    end = message.find('"', 2)
    if not message.startswith('{"') or end < 0 or message[end + 1 : end + 2] != ":":
        raise EngineError("durable-rules returned an action message of unexpected shape")
    return message[2:end]


def durable_available() -> bool:
    """Whether durable-rules' C matcher can be imported here (not on Python 3.13+)."""
    try:
        import durable_rules_engine  # noqa: F401
    except ImportError:
        return False
    return True


class DurableEngine:
    """The rule data on durable-rules' C matcher, safe to share between threads."""

    name = "durable"
    _SID = "0"

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        try:
            import durable_rules_engine
        except ImportError:
            raise EngineError(
                "durable-rules is not available here: pip install 'skolemiljo[durable]' "
                "(Python 3.11 or 3.12, with a C compiler), or use engine='auto' or 'reference'"
            ) from None
        self._c = durable_rules_engine
        self._ids = {f"r{i}": rule.id for i, rule in enumerate(rules)}
        self._lock = threading.Lock()
        self._counter = itertools.count(1)
        name = f"skolemiljo_{uuid.uuid4().hex}"
        try:
            self._handle = self._c.create_ruleset(name, json.dumps(compile_ruleset(rules)))
        except Exception as error:  # the C core raises plain Exceptions
            raise EngineError(f"durable-rules refused the ruleset: {error}") from None

    def evaluate(self, facts: Mapping[str, Truth]) -> dict[str, Status]:
        c, handle = self._c, self._handle
        with self._lock:
            fact: dict[str, object] = dict(facts)
            fact.update(sid=self._SID, id=next(self._counter), one=1)
            fired: set[str] = set()
            try:
                status, state = c.assert_fact(handle, json.dumps(fact))[:2]
                if status != 0:  # the sentinel always matches; anything else is a fault
                    raise EngineError(f"durable-rules returned status {status}")
                result = c.start_action_for_state(handle, state)
                while result:
                    fired.add(_action_name(result[1] if isinstance(result, tuple) else result))
                    result = c.complete_and_start_action(handle, state)
            except EngineError:
                raise
            except Exception as error:
                raise EngineError(f"durable-rules failed: {type(error).__name__}") from None
            finally:
                try:
                    c.delete_state(handle, self._SID)
                except Exception as error:
                    raise EngineError("durable-rules could not clear its state") from error
        if _SENTINEL not in fired:
            raise EngineError("durable-rules did not fire its sentinel rule")
        out: dict[str, Status] = {}
        for name in fired - {_SENTINEL}:
            key, _, mode = name.partition("#")
            rule_id = self._ids[key]
            if rule_id in out:
                raise EngineError(f"rule {rule_id} fired as both applies and undetermined")
            out[rule_id] = "applies" if mode == "T" else "undetermined"
        return out


_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


def _after_fork_in_child() -> None:
    """A forked child (gunicorn, multiprocessing) inherits every lock in the state it had in
    the parent: held, if another thread was evaluating at that moment, and then held forever,
    since that thread does not exist in the child. So the child starts afresh: a new lock and
    no engines (a durable engine is built anew, with its own ruleset, on first use; the old
    one's session may hold a half-asserted fact)."""
    global _engines_lock
    _engines_lock = threading.Lock()
    _engines.clear()


os.register_at_fork(after_in_child=_after_fork_in_child)
on_new_rules(_engines.clear)  # engines are built from the rules: a new folder, anew


def default_engine() -> str:
    """The engine ``engine="auto"`` uses here: ``durable`` where importable, else ``reference``.

    >>> default_engine() in ("durable", "reference")
    True
    """
    return "durable" if durable_available() else "reference"


def get_engine(name: EngineName, rules: tuple[Rule, ...]) -> Engine:
    """The shared engine ``name``; ``auto`` is durable where importable (the ``[durable]``
    extra, Python < 3.13), else the reference evaluator, silently: the results are the same,
    only the speed differs, and ``Assessment.engine`` says which one ran. ``durable`` where
    durable-rules is absent is an :class:`EngineError`, never a silent substitute."""
    if not isinstance(name, str) or name not in ("auto", "durable", "reference"):
        raise EngineError("engine must be 'auto', 'durable' or 'reference'")
    chosen: str = default_engine() if name == "auto" else name
    engine = _engines.get(chosen)  # the common case takes no lock
    if engine is not None:
        return engine
    with _engines_lock:
        engine = _engines.get(chosen)
        if engine is None:
            engine = DurableEngine(rules) if chosen == "durable" else ReferenceEngine(rules)
            _engines[chosen] = engine
        return engine
