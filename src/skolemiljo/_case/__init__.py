"""The case wing (not public API): input read into validated models with typed errors that
never echo it (``parsing``), and the case's timeline read once, as dated anchors and
three-valued facts (``facts``), for the engine, the audit, routines and letters.

Each name is loaded with its own module on first use (PEP 562), so that importing
the library stays light."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skolemiljo._lazy import lazy_names

if TYPE_CHECKING:
    from .facts import (
        ANCHORS,
        CONCERN_EVENTS,
        Anchor,
        Fact,
        Timeline,
        Truth,
        anchors,
        check_scope,
        concerns_case_pupil,
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

_LAZY = {
    "ANCHORS": ".facts",
    "CONCERN_EVENTS": ".facts",
    "Anchor": ".facts",
    "Fact": ".facts",
    "Timeline": ".facts",
    "Truth": ".facts",
    "anchors": ".facts",
    "check_scope": ".facts",
    "concerns_case_pupil": ".facts",
    "derive_facts": ".facts",
    "OSLO": ".parsing",
    "SAFE_MESSAGES": ".parsing",
    "argument_error": ".parsing",
    "error_items": ".parsing",
    "field_errors": ".parsing",
    "oslo_today": ".parsing",
    "parse_as_of": ".parsing",
    "parse_day": ".parsing",
    "parse_model": ".parsing",
}


__getattr__ = lazy_names(__name__, _LAZY)

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
    "concerns_case_pupil",
    "derive_facts",
    "error_items",
    "field_errors",
    "oslo_today",
    "parse_as_of",
    "parse_day",
    "parse_model",
]
