"""The case wing (not public API): input read into validated models with typed errors that
never echo it (``parsing``), and the case's timeline read once, as dated anchors and
three-valued facts (``facts``), for the engine, the audit, routines and letters."""

from __future__ import annotations

from .facts import (
    ANCHORS,
    CONCERN_EVENTS,
    Anchor,
    Fact,
    Timeline,
    Truth,
    anchors,
    check_scope,
    derive_facts,
)
from .parsing import (
    OSLO,
    SAFE_MESSAGES,
    argument_error,
    error_items,
    field_errors,
    oslo_today,
    parse_as_of,
    parse_day,
    parse_model,
)

__all__ = [
    "ANCHORS",
    "CONCERN_EVENTS",
    "OSLO",
    "SAFE_MESSAGES",
    "Anchor",
    "Fact",
    "Timeline",
    "Truth",
    "anchors",
    "argument_error",
    "check_scope",
    "derive_facts",
    "error_items",
    "field_errors",
    "oslo_today",
    "parse_as_of",
    "parse_day",
    "parse_model",
]
