"""Where the shipped examples are (not public API)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["examples_folder", "scenario_folders"]


def examples_folder(given: str | Path | None = None) -> Path:
    """The examples folder: the one given, else the one shipped in the package (a wheel),
    else the checkout's (an editable install)."""
    if given is not None:
        return Path(given)
    shipped = Path(str(resources.files(__package__) / "examples"))
    if (shipped / "plan.json").is_file():
        return shipped
    return Path(__file__).resolve().parents[2] / "examples"


def scenario_folders() -> dict[str, Path]:
    """The shipped scenario folders (``tests/scenarios`` and ``tests/audit_scenarios`` of the
    checkout, ``skolemiljo/scenarios`` and ``skolemiljo/audit_scenarios`` in a wheel), by the
    path the README's commands give them."""
    package = Path(str(resources.files(__package__)))
    checkout = Path(__file__).resolve().parents[2] / "tests"
    found = {}
    for name in ("scenarios", "audit_scenarios"):
        shipped = package / name
        found[f"tests/{name}"] = shipped if shipped.is_dir() else checkout / name
    return found
