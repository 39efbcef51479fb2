"""Reading the rule data (not public API; :func:`use_rules_folder` and :func:`rules_folder`
are re-exported by :mod:`skolemiljo.legal`, where vendors and tests import them from).

The one place that opens ``rules/*.toml``: :func:`load_toml` reads a file of the rules folder,
:func:`load_data` validates it as its model (one model per file kind, in the module that owns
that kind) and names the first bad key, and :func:`use_rules_folder` swaps the folder and empties
every cache registered with :func:`clears_with_rules`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from skolemiljo.errors import RuleDataError

__all__ = [
    "clears_with_rules",
    "data_error",
    "load_data",
    "load_toml",
    "on_new_rules",
    "rules_folder",
    "use_rules_folder",
]

_RULES_FOLDER: Traversable | None = None
"""Where the rule data is read from: the package's ``rules/`` unless replaced (the tests of a
fictitious amendment read a changed copy; see :func:`use_rules_folder`)."""


def rules_folder() -> Traversable:
    """The folder the rule data (``law.toml``, the rule files, routines, ...) is read from."""
    return _RULES_FOLDER if _RULES_FOLDER is not None else resources.files("skolemiljo") / "rules"


def use_rules_folder(folder: Traversable | None) -> None:
    """Read the rule data from ``folder`` from now on (``None``: the shipped data again), with
    every cache of loaded data, rules and engines emptied. For testing an amendment or a
    changed table before it ships; not thread-safe, not for production use."""
    global _RULES_FOLDER
    _RULES_FOLDER = folder
    for clear in _CACHE_CLEARERS:
        clear()


_CACHE_CLEARERS: list[Callable[[], None]] = []
"""Every cache that holds loaded rule data registers its ``cache_clear`` here."""


F = TypeVar("F")


def on_new_rules(clear: Callable[[], None]) -> None:
    """Call ``clear`` whenever :func:`use_rules_folder` swaps the folder (for a cache that is
    not a ``functools`` cache: the engines built from the rules)."""
    _CACHE_CLEARERS.append(clear)


def clears_with_rules(function: F) -> F:
    """Register a cached function's ``cache_clear`` with :func:`use_rules_folder`."""
    _CACHE_CLEARERS.append(function.cache_clear)  # type: ignore[attr-defined]
    return function


def load_toml(name: str) -> dict[str, Any]:
    """Read a data file shipped in ``skolemiljo/rules``."""
    path = rules_folder() / name
    try:
        with path.open("rb") as fp:
            return tomllib.load(fp)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise RuleDataError(f"rules/{name}: {error}") from None


M = TypeVar("M", bound=BaseModel)


def load_data(name: str, model: type[M]) -> M:
    """Read ``rules/NAME`` and validate it as ``model``; :class:`RuleDataError` names the key."""
    try:
        return model.model_validate(load_toml(name))
    except ValidationError as error:
        raise data_error(name, error) from None


def data_error(name: str, error: ValidationError) -> RuleDataError:
    """A :class:`RuleDataError` naming the first bad key of a data file."""
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return RuleDataError(f"rules/{name}: {where}: {first['msg']}")
