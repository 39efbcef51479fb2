"""What a template sees: plain values made from the request (never a library object)."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from typing import Any

from skolemiljo._case import Timeline, anchors
from skolemiljo._i18n import Maalform
from skolemiljo._reports.agenda_tables import indicators
from skolemiljo.case import Case, SchoolKind, StatsforvaltarenDecided, StatsforvaltarenRequested
from skolemiljo.legal import (
    LegalReference,
    RegimeId,
    regime_for,
)
from skolemiljo.models import ActivityPlan, BestInterests

from .data import _kinds, case_file_parts
from .duties import letter_duties
from .models import LetterRequest
from .sandbox import (
    Record,
    ucfirst,
)
from .words import LetterWords, letter_words


def _pupil_is_adult(case: Case, on: date) -> bool:
    born = case.birth_date
    if born is None:
        return False
    years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return years >= 18


def _adult(request: LetterRequest, on: date) -> bool:
    """Whether the pupil the letter is about is of age: only the case's own pupil has a birth
    date in the case; another pupil (``about``) is written to through the parents."""
    if request.about_party().ref != request.case.pupil.ref:
        return False
    return _pupil_is_adult(request.case, on)


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
    ctx: dict[str, Any],
    d: dict[str, str | None],
    request: LetterRequest,
    w: LetterWords,
    regime: str,
) -> None:
    """The parts a request may carry, as plain values: the meeting, the evaluation, the plan
    and the follow-up plan (their dates written in ``w``'s målform into ``d``)."""
    if request.meeting is not None:
        meeting = request.meeting
        ctx["meeting"] = Record(
            on=meeting.on,
            time=meeting.time,
            place=collapse(meeting.place),
            purpose=meeting.purpose,
        )
        d["meeting"] = w.day(meeting.on)
    if request.evaluation is not None:
        evaluation = request.evaluation
        summary = evaluation.summary
        ctx["evaluation"] = Record(
            on=evaluation.on,
            result=evaluation.result,
            summary=collapse(summary) if summary else summary,
            next_evaluation_on=evaluation.next_evaluation_on,
        )
        d["evaluation"] = w.day(evaluation.on)
        nxt = evaluation.next_evaluation_on
        d["next_evaluation"] = w.day(nxt) if nxt else None
    if request.plan is not None:
        ctx["plan"] = _plan_context(request.plan, w, regime)
        d["plan"] = w.day(request.plan.plan_date)
    ctx["follow_up_plan"] = None
    if request.follow_up_plan is not None:
        fu = request.follow_up_plan
        ctx["follow_up_plan"] = Record(
            closed=w.day(fu.case_closed_on),
            contact=collapse(fu.contact_person) if fu.contact_person else None,
            conversations=tuple(w.day(day) for day in fu.conversations),
            absence=fu.watch_absence,
            group=tuple(collapse(text) for text in fu.group_measures if text.strip()),
            family=bool(fu.family_informed_of_help),
            ends=w.day(fu.ends_on) if fu.ends_on else None,
            ends_when=collapse(fu.ends_when) if fu.ends_when else None,
        )


def _dates(timeline: Timeline, on: date, w: LetterWords) -> dict[str, str | None]:
    """The letter's dates as it writes them: its own, when the concern was received, and
    (§ 12-6) when the pupil or parents raised it with rektor personally and, one week later,
    from when the statsforvaltar will not reject it for the time condition."""
    received = timeline.principal or timeline.concern or on
    raised = timeline.raised
    return {
        "letter": w.day(on),
        "received": w.day(received),
        "raised": w.day(raised) if raised is not None else None,
        "stats_from": w.day(raised + timedelta(days=7)) if raised is not None else None,
    }


def _people(kind: str, request: LetterRequest, adult: bool, terms: Record) -> dict[str, Any]:
    """Who the letter is to, about and from, as plain values."""
    case, sender = request.case, request.sender
    pupil = collapse(request.pupil_name)
    sender_name, role = collapse(sender.name), collapse(sender.role)
    to_pupil = adult or _kinds()[kind].addressed_to == "pupil"
    you, you_obj = (
        (terms.you_pupil, terms.you_pupil_obj)
        if adult
        else (terms.you_parents, terms.you_parents_obj)
    )
    private = case.school.kind is SchoolKind.PRIVATE
    return {
        "adult": adult,
        "pupil": pupil,
        "reader": pupil if to_pupil else collapse(request.recipient_names or terms.parents),
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
        "private": private,
    }


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
    spans 1 August 2024: each duty under the act in force when its trigger happened). The
    letter's words are made once for ``m`` (:func:`letter_words`) and passed down."""
    case = request.case
    on = request.letter_date
    w = letter_words(m)
    points = anchors(case, on)  # the case read once, for the timeline and the duties
    timeline = Timeline(case, on, points)
    regime = regime_for(timeline.concern or on, path="case.events").id
    terms = w.terms(regime)
    duty, basis = letter_duties(kind, case, on, w, points)
    ctx: dict[str, Any] = {
        "received": timeline.principal or timeline.concern or on,
        **_people(kind, request, _adult(request, on), terms),
        "t": terms,
        "heightened": timeline.heightened,
        "leadership": timeline.leadership,
        "serious": timeline.serious,
        "follow_up": collapse(request.follow_up) if request.follow_up else request.follow_up,
        "cite": tuple(ref.citation for ref in basis),
        "duty": duty,
        "indicators": _indicators(case, on, w),
    }
    d = _dates(timeline, on, w)
    _add_parts(ctx, d, request, w, regime)
    ctx["stage"] = _stage(case, on, w, regime, timeline.heightened, d)
    ctx["d"] = Record(**d)
    return ctx, regime, basis


def _stage(
    case: Case, on: date, w: LetterWords, regime: str, heightened: bool, d: dict[str, str | None]
) -> Record:
    """The Statsforvaltaren's stage as of ``on``: the last request (its date and due date), the
    last decision (its date, outcome and the date measures are due), and the sub-duties the
    case file shows (what an answer to the Statsforvaltaren attaches), in order."""
    seen = [e for e in case.events if e.on <= on]
    asked = [e for e in seen if isinstance(e, StatsforvaltarenRequested)]
    decided = [e for e in seen if isinstance(e, StatsforvaltarenDecided)]
    last_ask = max(asked, key=lambda e: e.on) if asked else None
    last = max(decided, key=lambda e: e.on) if decided else None
    d["stats_requested"] = w.day(last_ask.on) if last_ask else None
    d["stats_due"] = w.day(last_ask.due) if last_ask else None
    d["decided"] = w.day(last.on) if last else None
    d["measures_due"] = w.day(last.measures_due) if last and last.measures_due else None
    sections = case_file_parts(w.maalform, regime, heightened)
    return Record(outcome=last.outcome if last else None, sections=sections)


CONTEXT_NAMES = frozenset(
    {
        "received", "adult", "pupil", "reader", "you", "You", "you_obj", "school", "case_id",
        "pupil_ref", "sender", "sender_name", "handler", "owner", "t", "d", "heightened",
        "leadership", "serious", "follow_up", "cite", "meeting", "evaluation", "plan",
        "duty", "private", "follow_up_plan", "indicators", "meta", "stage", "law",
    }
)  # fmt: skip
"""Every name a letter template can use (the keys of the context)."""


def _indicators(case: Case, on: date, w: LetterWords) -> str | None:
    """The recorded facts that point to a serious case (the agenda's indicators), as one run
    of labels in ``w``'s målform; None without any."""
    found = indicators(case, on)
    if not found:
        return None
    return ", ".join(w.indicators[name] for name in found)


def _best_interests(plan: ActivityPlan, w: LetterWords, regime: RegimeId) -> str:
    """Item f as one paragraph: free text as written; a structured assessment as the
    considerations (their labels), the weighing and the conclusion."""
    f = plan.best_interests
    if not isinstance(f, BestInterests):
        return collapse(f or "")
    parts = []
    if f.considerations:
        named = "; ".join(w.considerations[a.consideration].lower() for a in f.considerations)
        parts.append(f"{w.terms(regime).considered}: {named}.")
    parts += [collapse(t) for t in (f.weighing, f.weightiest, f.conclusion) if t]
    return " ".join(parts)


def _plan_context(plan: ActivityPlan, w: LetterWords, regime: RegimeId) -> Record:
    measures = []
    for index, measure in enumerate(plan.measures or (), start=1):
        evaluate = measure.evaluate_on or plan.evaluation_on
        measures.append(
            Record(
                number=index,
                description=collapse(measure.description or ""),
                starts=w.day(measure.starts_on) if measure.starts_on else "",
                ends=w.day(measure.ends_on) if measure.ends_on else None,
                schedule=collapse(measure.schedule) if measure.schedule else measure.schedule,
                who=collapse(", ".join(measure.carried_out_by or ())),
                evaluate=w.day(evaluate) if evaluate else "",
            )
        )
    words = w.terms(regime)
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
        labels=w.labels_by_regime[regime],
        headings=w.headings_by_regime[regime],
        problem=collapse(plan.problem or ""),
        measures=tuple(measures),
        best_interests=_best_interests(plan, w, regime),
        views=collapse(views.summary) if views and views.summary else None,
        heard_on=w.day(views.heard_on) if views and views.heard_on else None,
    )
