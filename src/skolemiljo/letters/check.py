"""The required-element check every letter passes before it is returned."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from skolemiljo._i18n import Maalform
from skolemiljo._layout import NBSP
from skolemiljo.errors import LetterIncompleteError

from .data import _kinds, _required

_PLAN_ITEMS = (("b", "description"), ("c", "starts"), ("d", "who"), ("e", "evaluate"))


Wanted = list[tuple[str | None, str, int]]


def _received(ctx: Mapping[str, Any]) -> Wanted:
    return [(ctx["d"].received, "received date", 0)]


def _handler(ctx: Mapping[str, Any]) -> Wanted:
    return [(ctx["handler"], "who handles the case", 0)]


def _statsforvalter_date(ctx: Mapping[str, Any]) -> Wanted:
    when = ctx["d"].stats_from
    return [(when, "date from which Statsforvaltaren can be asked", 0)] if when else []


def _meeting(ctx: Mapping[str, Any]) -> Wanted:
    meeting = ctx["meeting"]
    return [
        (ctx["d"].meeting, "meeting date", 0),
        (meeting.time, "meeting time", 0),
        (meeting.place, "meeting place", 0),
    ]


def _plan_items(ctx: Mapping[str, Any]) -> Wanted:
    plan = ctx["plan"]
    headings = plan.headings
    # In the order the shipped template shows them, so each search can start where the last
    # one matched (see _check); any other order is still checked correctly.
    wanted: Wanted = [(headings.a, "item a", 0)]
    for item, field in _PLAN_ITEMS:
        wanted.append((getattr(headings, item), f"item {item}", 0))
        wanted += [(getattr(ms, field), f"item {item}", ms.number) for ms in plan.measures]
    wanted.append((headings.f, "item f", 0))
    return wanted


def _evaluation_date(ctx: Mapping[str, Any]) -> Wanted:
    return [(ctx["d"].evaluation, "evaluation date", 0)]


def _follow_up_dates(ctx: Mapping[str, Any]) -> Wanted:
    plan = ctx["follow_up_plan"]
    wanted: Wanted = [(plan.contact, "contact person", 0)]
    wanted += [(day, "follow-up conversation", n) for n, day in enumerate(plan.conversations, 1)]
    return wanted


def _request_due(ctx: Mapping[str, Any]) -> Wanted:
    return [(ctx["d"].stats_requested, "the Statsforvaltaren's request", 0),
            (ctx["d"].stats_due, "the request's due date", 0)]  # fmt: skip


def _attachments(ctx: Mapping[str, Any]) -> Wanted:
    return [(title, "a sub-duty the case file attaches", n)
            for n, title in enumerate(ctx["stage"].sections, 1)]  # fmt: skip


def _decision(ctx: Mapping[str, Any]) -> Wanted:
    wanted: Wanted = [(ctx["d"].decided, "the decision's date", 0)]
    if ctx["d"].measures_due:
        wanted.append((ctx["d"].measures_due, "the date the ordered measures are due", 0))
    return wanted


_ELEMENTS: dict[str, Callable[[Mapping[str, Any]], Wanted]] = {
    "received_date": _received,
    "handler": _handler,
    "statsforvalter_date": _statsforvalter_date,
    "meeting": _meeting,
    "plan_items": _plan_items,
    "evaluation_date": _evaluation_date,
    "follow_up_dates": _follow_up_dates,
    "request_due": _request_due,
    "attachments": _attachments,
    "decision": _decision,
}
"""How each element of ``letters.toml``'s ``elements`` is found in a letter's context."""


def _check(kind: str, m: Maalform, text: str, ctx: Mapping[str, Any]) -> None:
    """Raise unless ``text`` (the letter before layout) holds every element its kind needs:
    the required phrases of ``rules/letters.toml``, every citation, and the dynamic facts
    (dates, who handles the case, the meeting, each plan item and measure).

    Elements are ``(value, name, measure number)``; names are only spelled out on failure.
    """
    fixed = [*_required(kind, m), *((c, "citation " + c) for c in ctx["cite"])]
    wanted: list[tuple[str | None, str, int]] = []
    for element in _kinds()[kind].elements:  # in the order the templates show them
        wanted += _ELEMENTS[element](ctx)
    complete = True
    start = 0
    last = None
    for value in [*(w[0] for w in wanted), *(f[0] for f in fixed)]:
        if not value or value == last:  # e.g. several measures evaluated on one day
            continue
        last = value
        at = text.find(value, start)
        if at >= 0:
            start = at  # most elements follow the last one: search on from there
        elif value not in text:
            complete = False
    if complete:
        return
    # The slow path: compare with all white space folded, and name what is missing.
    folded = " ".join(text.replace(NBSP, " ").split())
    missing = [name for phrase, name in fixed if " ".join(phrase.split()) not in folded]
    missing += [
        f"{name}, measure {number}" if number else name
        for value, name, number in wanted
        if value and " ".join(value.split()) not in folded
    ]
    if missing:
        raise LetterIncompleteError("incomplete", f"{kind}.{m.value} lacks: {', '.join(missing)}")


def require_elements(what: str, text: str, wanted: list[tuple[str, str]]) -> None:
    """Raise :class:`LetterIncompleteError` unless ``text`` holds every ``(phrase, name)`` of
    ``wanted`` (white space folded, as for letters): the check a case file passes too."""
    folded = " ".join(text.replace(NBSP, " ").split())
    missing = [name for phrase, name in wanted if " ".join(phrase.split()) not in folded]
    if missing:
        raise LetterIncompleteError("incomplete", f"{what} lacks: {', '.join(missing)}")
