"""Where the shipped examples are (not public API)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["examples_folder"]


def examples_folder(given: str | Path | None = None) -> Path:
    """The examples folder: the one given, else the one shipped in the package (a wheel),
    else the checkout's (an editable install)."""
    if given is not None:
        return Path(given)
    shipped = Path(str(resources.files(__package__) / "examples"))
    if (shipped / "plan.json").is_file():
        return shipped
    return Path(__file__).resolve().parents[2] / "examples"
