"""The letter kinds and who a letter is addressed to (not public API; ``LETTER_KINDS`` is
exported from ``skolemiljo``).

The kinds are the tables of ``rules/letters.toml``'s ``letters``, in the order written there
(the order a case usually needs them): a new kind is that table, its two templates, an example
request and its snapshots, with no line of Python. For the type checker a kind is a ``str``; at
run time :data:`LetterKind` is the ``Literal`` of the kinds in the data, so pydantic validates a
kind against the data and the JSON schemas list them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from skolemiljo._law import load_toml
from skolemiljo.errors import RuleDataError

__all__ = ["LETTER_KINDS", "Addressing", "LetterKind", "Reader"]


def _kinds_in_data() -> tuple[str, ...]:
    """The kinds of ``rules/letters.toml`` (read raw here; validated with the rest of the file
    when a letter is first rendered)."""
    letters = load_toml("letters.toml").get("letters")
    if not isinstance(letters, dict) or not letters:
        raise RuleDataError("rules/letters.toml: letters: no letter kind is defined")
    return tuple(str(kind) for kind in letters)


LETTER_KINDS: tuple[str, ...] = _kinds_in_data()
"""The letter kinds, in the order a case usually needs them (``rules/letters.toml``)."""

if TYPE_CHECKING:
    LetterKind = str
else:
    LetterKind = Literal[LETTER_KINDS]

Reader = Literal["parents", "pupil", "school_owner", "statsforvaltaren"]
"""Who a rendered letter is addressed to (``Letter.addressed_to``)."""

Addressing = Literal["reader", "pupil", "school_owner", "statsforvaltaren"]
"""Who a kind is addressed to in ``rules/letters.toml`` (``addressed_to``): ``reader`` is the
pupil when the pupil is of age (``adult``), else the parents."""
