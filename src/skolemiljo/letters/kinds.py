"""The letter kinds (not public API; ``LETTER_KINDS`` is exported from ``skolemiljo``)."""

from __future__ import annotations

from typing import Literal, get_args

__all__ = ["LETTER_KINDS", "LetterKind"]

LetterKind = Literal[
    "receipt",
    "pupil_notice",
    "meeting_invitation",
    "activity_plan",
    "evaluation",
    "closing",
    "follow_up",
    "owner_notice",
]
LETTER_KINDS: tuple[str, ...] = get_args(LetterKind)
"""The letter kinds, in the order a case usually needs them."""
