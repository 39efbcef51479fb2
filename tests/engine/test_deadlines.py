"""Every deadline of a case (skolemiljo._engine.deadlines): the law's from audit.toml, then a
routine's, each with what started it, when it is due and what fulfilled it."""

from __future__ import annotations

from datetime import date

from skolemiljo import Case
from skolemiljo._case import anchors
from skolemiljo._engine import steps
from skolemiljo._law import AuditOptions
from skolemiljo.routine import load_routine

CASE = Case.model_validate(
    {
        "pupil": {"ref": "elev-1"},
        "school": {"name": "Lia skole"},
        "events": [
            {"type": "pupil_said_unsafe", "on": "2024-10-14", "told": "contact_teacher"},
            {"type": "reported", "on": "2024-10-15", "by": "contact_teacher", "to": "principal"},
        ],
    }
)


def _steps(routine: object = None) -> list[object]:
    points = anchors(CASE, date(2024, 12, 1))
    frozen = {k: tuple(v) for k, v in points.items()}
    return list(steps(CASE, frozen, AuditOptions(), routine))  # type: ignore[arg-type]


def test_the_law_s_steps_start_at_their_trigger_and_are_due_after_it() -> None:
    """Every law step is started by an event of the case and is due on or after it, with its
    legal basis and source; none is local."""
    law = _steps()
    assert law
    for step in law:
        assert not step.local  # type: ignore[attr-defined]
        assert step.basis  # type: ignore[attr-defined]
        if step.due is not None:  # type: ignore[attr-defined]
            assert step.due >= step.trigger[1]  # type: ignore[attr-defined]


def test_a_routine_adds_local_steps_after_the_law_s() -> None:
    """With Øyer's routine the law's steps come first, then the routine's, marked local."""
    law = _steps()
    both = _steps(load_routine("oyer_2024"))
    assert [s.code for s in both[: len(law)]] == [s.code for s in law]  # type: ignore[attr-defined]
    local = both[len(law) :]
    assert local
    assert all(s.local and s.source_kind == "local" for s in local)  # type: ignore[attr-defined]
    assert all(s.code.startswith("oyer_") for s in local)  # type: ignore[attr-defined]
