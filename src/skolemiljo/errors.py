"""The error vocabulary of skolemiljo.

Every error the library raises on purpose derives from :class:`SkolemiljoError`. Messages name
the field or the code that is wrong, never the personal text it held (pupil names, descriptions).

>>> from skolemiljo import validate_plan, InputError
>>> try:
...     validate_plan({"pupil": {"ref": "e-1"}})
... except InputError as error:
...     print(error.fields[0].path, error.fields[0].code)
school missing
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "CatalogError",
    "EngineError",
    "FieldError",
    "InputError",
    "LetterError",
    "LetterIncompleteError",
    "OutOfScopeError",
    "RoutineError",
    "RuleDataError",
    "SkolemiljoError",
    "SkolemiljoWarning",
    "UnknownMaalformError",
]


class SkolemiljoError(Exception):
    """Base class of every error skolemiljo raises on purpose."""


class SkolemiljoWarning(UserWarning):
    """Something the caller should know, e.g. a fallback to the reference evaluator."""


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem with one input field.

    ``path`` is dotted (``measures.0.starts_on``); ``code`` is a stable snake_case identifier
    (pydantic's error type, or one of skolemiljo's own); ``message`` never echoes the input.
    """

    path: str
    code: str
    message: str


class InputError(SkolemiljoError, ValueError):
    """The input could not be read as the expected model (malformed JSON, wrong type, unknown key).

    ``fields`` lists every problem with its field path. ``str(error)`` is one line.
    """

    def __init__(self, what: str, fields: Sequence[FieldError]) -> None:
        self.what = what
        self.fields = tuple(fields)
        first = self.fields[0] if self.fields else FieldError("", "invalid", "invalid input")
        more = f" (and {len(self.fields) - 1} more)" if len(self.fields) > 1 else ""
        location = first.path or "<root>"
        super().__init__(f"invalid {what}: {location}: {first.code}: {first.message}{more}")


class OutOfScopeError(SkolemiljoError, ValueError):
    """The facts fall outside what opplæringslova kap. 12 / kap. 9 A governs.

    For example a kindergarten (barnehagelova kap. VIII applies instead) or events before
    1 August 2017, when the older enkeltvedtak-based chapter 9a applied.
    """

    def __init__(self, code: str, message: str, path: str = "") -> None:
        self.code = code
        self.path = path
        super().__init__(f"outside scope: {path + ': ' if path else ''}{code}: {message}")


class UnknownMaalformError(SkolemiljoError, LookupError):
    """The målform is not ``nb`` or ``nn`` (``no`` is refused: babel maps it to Bokmål)."""


class CatalogError(SkolemiljoError, LookupError):
    """A message catalog or a message in it is missing. There is no fallback between målformer."""


class RuleDataError(SkolemiljoError):
    """The shipped or supplied rule data is malformed (raised when the data is loaded)."""


class RoutineError(SkolemiljoError, ValueError):
    """A local routine file is malformed, unknown, or weaker than the law (names line or key)."""


class LetterError(SkolemiljoError, ValueError):
    """A letter cannot be rendered: an unknown kind, missing input, or a bad vendor template."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(f"letter: {code}: {message}")


class LetterIncompleteError(LetterError):
    """The rendered letter lacks an element its kind requires (e.g. the Statsforvaltaren
    paragraph of a receipt, or item e of a plan); nothing incomplete is returned."""


class EngineError(SkolemiljoError, RuntimeError):
    """The rule engine failed or is not available; never a silent difference in results."""
