"""What a template sees: plain values made from the request (never a library object)."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from typing import Any

from skolemiljo._case import Timeline, anchors
from skolemiljo._i18n import Maalform, letter_day
from skolemiljo._reports.agenda_tables import agenda_data, indicators
from skolemiljo.case import Case, SchoolKind
from skolemiljo.legal import (
    LegalReference,
    RegimeId,
    regime_for,
)
from skolemiljo.models import ActivityPlan, BestInterests
from skolemiljo.plan import considerations

from .data import _headings, _kinds, _labels, _terms
from .duties import letter_duties
from .models import LetterRequest
from .sandbox import (
    Record,
    ucfirst,
)


def _pupil_is_adult(case: Case, on: date) -> bool:
    born = case.birth_date
    if born is None:
        return False
    years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return years >= 18


_INVISIBLE = frozenset({"Cc", "Cf", "Co", "Cs", "Cn"})
_JOINERS = frozenset({"\u200c", "\u200d"})  # ZWNJ and ZWJ join letters and emoji: kept


def collapse(text: str) -> str:
    """Staff text and names as one run of words: a line break or '## ' typed into a text
    field never becomes a paragraph, heading, list item or signature in the letter, and
    control, format and private-use characters are dropped: a bidi override (U+202E) cannot
    reorder the letter's text, and no value can forge the marks of :data:`OPEN`."""
    if "  " in text or not text.isprintable():  # line breaks, tabs, bidi controls, ...
        text = " ".join(text.split())
        if not text.isprintable():
            text = "".join(
                c
                for c in text
                if c == " " or c in _JOINERS or unicodedata.category(c) not in _INVISIBLE
            )
    return text


def _add_parts(
    ctx: dict[str, Any], d: dict[str, str | None], request: LetterRequest, m: Maalform, regime: str
) -> None:
    """The parts a request may carry, as plain values: the meeting, the evaluation, the plan
    and the follow-up plan (their dates written in ``m`` into ``d``)."""
    if request.meeting is not None:
        meeting = request.meeting
        ctx["meeting"] = Record(
            on=meeting.on,
            time=meeting.time,
            place=collapse(meeting.place),
            purpose=meeting.purpose,
        )
        d["meeting"] = letter_day(meeting.on, m)
    if request.evaluation is not None:
        evaluation = request.evaluation
        summary = evaluation.summary
        ctx["evaluation"] = Record(
            on=evaluation.on,
            result=evaluation.result,
            summary=collapse(summary) if summary else summary,
            next_evaluation_on=evaluation.next_evaluation_on,
        )
        d["evaluation"] = letter_day(evaluation.on, m)
        nxt = evaluation.next_evaluation_on
        d["next_evaluation"] = letter_day(nxt, m) if nxt else None
    if request.plan is not None:
        ctx["plan"] = _plan_context(request.plan, m, regime)
        d["plan"] = letter_day(request.plan.plan_date, m)
    ctx["follow_up_plan"] = None
    if request.follow_up_plan is not None:
        fu = request.follow_up_plan
        ctx["follow_up_plan"] = Record(
            closed=letter_day(fu.case_closed_on, m),
            contact=collapse(fu.contact_person) if fu.contact_person else None,
            conversations=tuple(letter_day(day, m) for day in fu.conversations),
            absence=fu.watch_absence,
            group=tuple(collapse(text) for text in fu.group_measures if text.strip()),
            family=bool(fu.family_informed_of_help),
            ends=letter_day(fu.ends_on, m) if fu.ends_on else None,
            ends_when=collapse(fu.ends_when) if fu.ends_when else None,
        )


def _context(
    kind: str, request: LetterRequest, m: Maalform
) -> tuple[dict[str, Any], RegimeId, tuple[LegalReference, ...]]:
    """The template context: plain values only (strings, numbers, booleans, dates, tuples and
    :class:`~skolemiljo.letters.sandbox.Record` mappings whose keys read as attributes, so
    ``d.received`` works); never a library object. Its keys are :data:`CONTEXT_NAMES`. Also
    the letter's regime and legal basis.

    The duties it states (``duty``, and ``cite``: every citation, in order) come from the
    assessment of the case on the letter's date. Its words follow the act in force when the
    concern arose: the date that governs the duty to investigate (one rule for a case that
    spans 1 August 2024: each duty under the act in force when its trigger happened)."""
    case = request.case
    on = request.letter_date
    points = anchors(case, on)  # the case read once, for the timeline and the duties
    timeline = Timeline(case, on, points)
    received = timeline.principal or timeline.concern or on
    regime = regime_for(timeline.concern or on, path="case.events").id
    adult = _pupil_is_adult(case, on)
    words = _terms(regime, m)
    you, you_obj = (
        (words.you_pupil, words.you_pupil_obj)
        if adult
        else (words.you_parents, words.you_parents_obj)
    )
    d: dict[str, str | None] = {
        "letter": letter_day(on, m),
        "received": letter_day(received, m),
        "raised": None,
        "stats_from": None,
    }
    # § 12-6: the pupil or parents raised it with rektor personally; one week later the
    # statsforvaltar will not reject it for the time condition.
    if timeline.raised is not None:
        d["raised"] = letter_day(timeline.raised, m)
        d["stats_from"] = letter_day(timeline.raised + timedelta(days=7), m)
    terms = words
    pupil = collapse(request.pupil_name)
    sender = request.sender
    sender_name = collapse(sender.name)
    role = collapse(sender.role)
    duty, basis = letter_duties(kind, case, on, m, points)
    private = case.school.kind is SchoolKind.PRIVATE
    ctx: dict[str, Any] = {
        "received": received,
        "adult": adult,
        "pupil": pupil,
        "reader": pupil
        if adult or _kinds()[kind].addressed_to == "pupil"
        else collapse(request.recipient_names or words.parents),
        "you": you,
        "You": ucfirst(you),
        "you_obj": you_obj,
        "school": collapse(case.school.name),
        "case_id": case.case_id or "",
        "pupil_ref": case.pupil.ref,
        "sender": Record(
            name=sender_name,
            role=role,
            phone=sender.phone,
            email=collapse(sender.email) if sender.email else None,
        ),
        "sender_name": sender_name,
        "handler": collapse(request.handler) if request.handler else f"{sender_name} ({role})",
        "owner": collapse(request.owner_name)
        if request.owner_name
        else (terms.owner_private if private else terms.owner),
        "t": terms,
        "heightened": timeline.heightened,
        "leadership": timeline.leadership,
        "serious": timeline.serious,
        "follow_up": collapse(request.follow_up) if request.follow_up else request.follow_up,
        "cite": tuple(ref.citation for ref in basis),
        "duty": duty,
        "private": private,
        "indicators": _indicators(case, on, m),
    }
    _add_parts(ctx, d, request, m, regime)
    ctx["d"] = Record(**d)
    return ctx, regime, basis


CONTEXT_NAMES = frozenset(
    {
        "received", "adult", "pupil", "reader", "you", "You", "you_obj", "school", "case_id",
        "pupil_ref", "sender", "sender_name", "handler", "owner", "t", "d", "heightened",
        "leadership", "serious", "follow_up", "cite", "meeting", "evaluation", "plan",
        "duty", "private", "follow_up_plan", "indicators", "meta",
    }
)  # fmt: skip
"""Every name a letter template can use (the keys of the context)."""


def _indicators(case: Case, on: date, m: Maalform) -> str | None:
    """The recorded facts that point to a serious case (the agenda's indicators), as one run
    of labels in ``m``; None without any."""
    found = indicators(case, on)
    if not found:
        return None
    labels = agenda_data().indicators
    return ", ".join(getattr(labels[name], m.value) for name in found)


def _best_interests(plan: ActivityPlan, m: Maalform, regime: RegimeId) -> str:
    """Item f as one paragraph: free text as written; a structured assessment as the
    considerations (their labels), the weighing and the conclusion."""
    f = plan.best_interests
    if not isinstance(f, BestInterests):
        return collapse(f or "")
    labels = considerations()
    parts = []
    if f.considerations:
        named = "; ".join(
            getattr(labels[a.consideration], m.value).lower() for a in f.considerations
        )
        parts.append(f"{_terms(regime, m).considered}: {named}.")
    parts += [collapse(t) for t in (f.weighing, f.weightiest, f.conclusion) if t]
    return " ".join(parts)


def _plan_context(plan: ActivityPlan, m: Maalform, regime: RegimeId) -> Record:
    measures = []
    for index, measure in enumerate(plan.measures or (), start=1):
        evaluate = measure.evaluate_on or plan.evaluation_on
        measures.append(
            Record(
                number=index,
                description=collapse(measure.description or ""),
                starts=letter_day(measure.starts_on, m) if measure.starts_on else "",
                ends=letter_day(measure.ends_on, m) if measure.ends_on else None,
                schedule=collapse(measure.schedule) if measure.schedule else measure.schedule,
                who=collapse(", ".join(measure.carried_out_by or ())),
                evaluate=letter_day(evaluate, m) if evaluate else "",
            )
        )
    words = _terms(regime, m)
    changes = tuple(
        Record(
            number=index,
            description=collapse(measure.description or ""),
            goal=getattr(words, f"goal_{measure.evaluation.goal}"),
            decision=getattr(words, f"decision_{measure.evaluation.decision}"),
        )
        for index, measure in enumerate(plan.measures or (), start=1)
        if measure.evaluation is not None
    )
    new = tuple(
        Record(number=index, description=collapse(measure.description or ""))
        for index, measure in enumerate(plan.measures or (), start=1)
        if plan.revision_of is not None and measure.evaluation is None
    )
    views = plan.pupil_views
    return Record(
        changes=changes,
        new=new,
        labels=_labels(m, regime),
        headings=_headings(m, regime),
        problem=collapse(plan.problem or ""),
        measures=tuple(measures),
        best_interests=_best_interests(plan, m, regime),
        views=collapse(views.summary) if views and views.summary else None,
        heard_on=letter_day(views.heard_on, m) if views else None,
    )
