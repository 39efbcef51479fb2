"""The engine wing: the rule data evaluated on a case's facts, and what comes of it (not public
API; :func:`skolemiljo.assess` and the reports are the faces vendors use).

``evaluators``: durable-rules and the plain-Python reference evaluator over the same rule data,
with the same results. ``obligating``: a case's obligations and the duties that do not apply, one
code path for ``assess`` and the letters. ``obligations``: their models. ``deadlines``: every
deadline of a case (the law's and a routine's), one reading for the audit and the agenda.
"""

from __future__ import annotations

from .deadlines import Point, Step, steps
from .evaluators import (
    DurableEngine,
    Engine,
    EngineName,
    ReferenceEngine,
    Status,
    default_engine,
    durable_available,
    get_engine,
    kleene,
)
from .making import obligation_json
from .obligating import duties, restated
from .obligations import Deadline, NotApplicable, Obligation, Reason, Unmet

__all__ = [
    "Deadline",
    "DurableEngine",
    "Engine",
    "EngineName",
    "NotApplicable",
    "Obligation",
    "Point",
    "Reason",
    "ReferenceEngine",
    "Status",
    "Step",
    "Unmet",
    "default_engine",
    "durable_available",
    "duties",
    "get_engine",
    "kleene",
    "obligation_json",
    "restated",
    "steps",
]
