"""Local routines (skolemiljo.routine): shipped by name or read from a file, and refused,
naming the key, where they would weaken the law's reading or reuse a legal code."""

from __future__ import annotations

from pathlib import Path

import pytest

from skolemiljo import RoutineError
from skolemiljo.routine import load_routine, shipped_routines

from ..conftest import ROOT

OYER = ROOT / "src" / "skolemiljo" / "rules" / "routines" / "oyer_2024.toml"


def test_the_shipped_routine_loads_by_name_and_by_path() -> None:
    """Øyer's routine is shipped; by name and by path it is the same routine."""
    assert "oyer_2024" in shipped_routines()
    assert load_routine("oyer_2024") == load_routine(OYER)


def test_an_unknown_routine_is_refused_listing_the_shipped_ones(tmp_path: Path) -> None:
    """A name that is neither shipped nor a file is a RoutineError listing the shipped names,
    not the path given."""
    with pytest.raises(RoutineError) as info:
        load_routine(str(tmp_path / "hemmeleg.toml"))
    assert "oyer_2024" in str(info.value)
    assert "hemmeleg" not in str(info.value)


def test_a_step_weaker_than_the_law_is_refused_naming_its_key(tmp_path: Path) -> None:
    """A tightening step given more days than the law's reading is refused, naming the step
    and key."""
    text = OYER.read_text(encoding="utf-8")
    path = tmp_path / "weak.toml"
    path.write_text(
        text + '\n[steps.local_slow_meeting]\nafter = "reported_to_principal"\n'
        'done_by = "meeting_held"\nwithin_working_days = 30\n'
        'tightens = ["investigation_not_started"]\n'
        'title = { nb = "Sakte", nn = "Sakte" }\n',
        encoding="utf-8",
    )
    with pytest.raises(RoutineError) as info:
        load_routine(path)
    assert "steps.local_slow_meeting.within_working_days" in str(info.value)


def test_a_step_may_not_reuse_a_legal_code(tmp_path: Path) -> None:
    """A local step named like one of the law's deadlines is refused."""
    path = tmp_path / "reuse.toml"
    path.write_text(
        OYER.read_text(encoding="utf-8")
        + '\n[steps.investigation_not_started]\nafter = "reported_to_principal"\n'
        'done_by = "meeting_held"\nwithin_days = 1\n'
        'title = { nb = "Egen frist", nn = "Eiga frist" }\n',
        encoding="utf-8",
    )
    with pytest.raises(RoutineError, match="may not reuse a legal code"):
        load_routine(path)
