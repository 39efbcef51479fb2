"""Letters to parents and pupils in Bokmål and Nynorsk: complete, correctly worded, safe.

:func:`render_letter` renders one kind of letter for a case in the chosen målform, as plain
text or HTML, and checks the result against the elements its kind requires before returning
it: a receipt without the Statsforvaltaren paragraph, or a plan letter without item e, raises
:class:`~skolemiljo.LetterIncompleteError` instead of reaching a parent.

Templates are jinja2 with ``StrictUndefined``, one per kind and målform, in a small markup
(``#`` subject, ``##`` headings, ``-`` list items, blank lines between paragraphs). Text written
by staff is only ever a value: it is never parsed as template code, it is laid out as one run
of words (a line break or ``## `` typed into a form never becomes a heading, list item or
signature), and in HTML every text is escaped. A vendor may supply its own templates
(``templates=DIR``); they render in jinja2's sandbox and pass the same check. Terms follow
the act in force when the case began (``melde frå`` from 1 August 2024, ``varsle`` before),
dates are written by babel in the målform (``måndag`` / ``mandag``).

>>> from pathlib import Path
>>> request = Path("examples/letters/receipt.json").read_text()
>>> letter = render_letter("receipt", request, maalform="nn")
>>> letter.subject
'Vi har motteke meldinga om skolemiljøet til Åse Ødegård'
>>> [r.citation for r in letter.legal_basis]
['opplæringslova § 12-4 andre ledd', 'opplæringslova § 12-6']
>>> "frå og med tysdag 15. oktober 2024" in letter.body
True
"""

from __future__ import annotations

import html
import os
import re
import unicodedata
from collections.abc import Mapping
from datetime import date, timedelta
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ._base import FrozenModel as _Data
from ._facts import CONCERN_EVENTS as _CONCERN
from ._facts import reaches_principal
from ._i18n import Maalform, message, parse_maalform
from ._input import argument_error, parse_model
from ._ruledata import Titles
from ._sandbox import (
    Record,
    TemplateLimits,
    load_vendor_template,
    render_bounded,
    vendor_environment,
)
from ._stamp import Stamp, current_stamp
from .case import Case, Offender, RaisedWithPrincipal, Violation
from .errors import LetterError, LetterIncompleteError, RuleDataError
from .legal import (
    LegalReference,
    PerRegime,
    RegimeId,
    clears_with_rules,
    law,
    load_data,
    reference,
    regime_for,
)
from .models import ActivityPlan, Day, Text, _Model
from .plan import item_label_id, validate_plan

__all__ = [
    "LETTER_KINDS",
    "EvaluationOutcome",
    "Letter",
    "LetterRequest",
    "Meeting",
    "Sender",
    "TemplateLimits",
    "render_letter",
]

LETTER_KINDS = (
    "receipt",
    "meeting_invitation",
    "activity_plan",
    "evaluation",
    "closing",
    "owner_notice",
)
"""The letter kinds, in the order a case usually needs them."""

LetterKind = Literal[
    "receipt", "meeting_invitation", "activity_plan", "evaluation", "closing", "owner_notice"
]
Name = Annotated[str, StringConstraints(min_length=1, max_length=300)]


class Sender(_Model):
    """Who signs the letter (usually rektor) and how to reach them."""

    name: Name = Field(repr=False)
    role: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    phone: Annotated[str, StringConstraints(pattern=r"^\+?[0-9 ]{8,16}$")] | None = None
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+$")] | None = None


class Meeting(_Model):
    """A meeting to invite to: when, where, and what it is for."""

    on: Day
    time: Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3])[:.][0-5][0-9]$")]
    place: Name
    purpose: Literal["investigation", "feedback", "planning", "evaluation"]


class EvaluationOutcome(_Model):
    """The result of evaluating the measures."""

    on: Day
    result: Literal["resolved", "continue", "revised"]
    summary: Text | None = Field(default=None, repr=False)
    next_evaluation_on: Day | None = None


class LetterRequest(_Model):
    """Everything a letter needs. Names are personal text: they never appear in errors."""

    case: Case
    pupil_name: Name = Field(repr=False)
    recipient_names: Name | None = Field(default=None, repr=False)
    letter_date: Day
    sender: Sender
    handler: Name | None = Field(default=None, repr=False, description="Who handles the case.")
    plan: ActivityPlan | None = None
    meeting: Meeting | None = None
    evaluation: EvaluationOutcome | None = None
    follow_up: Text | None = Field(default=None, repr=False)
    owner_name: Name | None = None


class Letter(BaseModel):
    """A rendered letter: subject, body, the legal references it cites, and the period of the
    regime it was written under (``valid_from``/``valid_to``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: LetterKind
    maalform: Maalform
    format: Literal["text", "html"]
    addressed_to: Literal["parents", "pupil", "school_owner"]
    regime: RegimeId
    valid_from: date
    valid_to: date | None
    subject: str = Field(repr=False)
    body: str = Field(repr=False)
    legal_basis: tuple[LegalReference, ...]
    stamp: Stamp


# ----------------------------------------------------------------------------- data --------


class _KindSpec(_Data):
    needs: tuple[Literal["plan", "meeting", "evaluation"], ...]
    references: PerRegime[tuple[str, ...]]
    heightened_references: PerRegime[tuple[str, ...]] | None = None
    required: dict[str, Titles]


class _Term(_Data):
    """A term: its English gloss, and its words in each regime (every regime, both målformer;
    the keys are regime ids, checked against ``rules/law.toml`` when the glossary loads)."""

    model_config = ConfigDict(extra="allow")
    en: str
    __pydantic_extra__: dict[RegimeId, Titles] = Field(init=False)

    def words(self, regime: str) -> Titles:
        return self.__pydantic_extra__[regime]


class _LetterData(_Data):
    letters: dict[LetterKind, _KindSpec]


class _Glossary(_Data):
    terms: dict[str, _Term]


@clears_with_rules
@cache
def _kinds() -> dict[str, _KindSpec]:
    data = load_data("letters.toml", _LetterData)
    if set(data.letters) != set(LETTER_KINDS):
        raise LetterError("letter_data", "rules/letters.toml must define every letter kind")
    return {str(kind): spec for kind, spec in data.letters.items()}


@clears_with_rules
@cache
def glossary() -> dict[str, _Term]:
    """The letter terms of LEGAL-BRIEF.md §6, by regime and målform (``rules/glossary.toml``);
    a term that lacks a regime is refused when the glossary loads, naming it."""
    terms = dict(load_data("glossary.toml", _Glossary).terms)
    regimes = {r.id for r in law().regimes}
    for name, term in terms.items():
        missing = regimes - set(term.__pydantic_extra__ or {})
        if missing:
            raise RuleDataError(
                f"rules/glossary.toml: terms.{name}: no words for {sorted(missing)}"
            )
    return terms


# ------------------------------------------------------------------------ rendering --------


@cache
def _format_date(day: date, maalform: Maalform) -> str:
    from babel.dates import format_date

    return str(format_date(day, format="EEEE d. MMMM y", locale=maalform.value))


def _ucfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


OPEN, CLOSE = "\ue000", "\ue001"
"""Every value a template writes is wrapped in these two private-use characters while the
markup is read, so a value at the start of a line ('## X', '- X', 'Med vennlig hilsen') is
never taken for structure; they are removed before anything leaves (staff text cannot
contain them: :func:`_collapse` drops private-use characters)."""


def _mark(value: Any) -> str:
    return f"{OPEN}{value}{CLOSE}"


@cache
def _environment(folder: str | None) -> Any:
    """The shipped templates' environment (``None``), or the sandbox of a vendor folder."""
    import jinja2

    if folder is not None:
        return vendor_environment(folder, _mark)
    env: jinja2.Environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resources.files(__package__) / "templates")),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # shipped templates never change while the process runs
        finalize=_mark,
    )
    env.filters["ucfirst"] = _ucfirst
    return env


_SHIPPED: dict[tuple[str, Maalform], Any] = {}
"""Compiled shipped templates (they never change while the process runs)."""


def _template(
    kind: str, maalform: Maalform, folder: str | None, limits: TemplateLimits | None = None
) -> Any:
    if folder is None:
        template = _SHIPPED.get((kind, maalform))
        if template is None:
            template = _SHIPPED[kind, maalform] = _load_template(kind, maalform)
        return template
    # vendor templates may be edited: read, checked and compiled on every render
    return load_vendor_template(
        _environment(folder),
        folder,
        f"{kind}.{maalform.value}.j2",
        CONTEXT_NAMES,
        limits or TemplateLimits(),
    )


def _load_template(kind: str, maalform: Maalform) -> Any:
    import jinja2

    try:
        return _environment(None).get_template(f"{kind}.{maalform.value}.j2")
    except jinja2.TemplateNotFound:
        raise LetterError(
            "template_missing", f"no {maalform.value} template for {kind}; both målformer needed"
        ) from None
    except jinja2.TemplateSyntaxError as error:
        raise LetterError(
            "template_syntax", f"{kind}.{maalform.value}.j2 line {error.lineno}"
        ) from None


NBSP = "\u00a0"
_KEEP_TOGETHER = re.compile(r" (?=[0-9])(?<=[§0-9] )")
"""'§ 12-6' and digit groups ('61 23 45 67') are never broken across lines. (The pattern
starts with its literal space so the regex engine can skip ahead to candidate spaces.)"""
_CLOSINGS = ("Med vennlig hilsen", "Med venleg helsing")


# The parts of a letter, as _parts() reads them from the markup.
_BREAK, _HEADING, _ITEM, _PARAGRAPH, _SIGNATURE = range(5)


def _parts(markup: str) -> tuple[str, list[tuple[int, str]]]:
    r"""The subject, and the body as ``(part, text)`` pairs in order: paragraphs (the lines of
    one are joined), ``## `` headings, ``- `` list items, the signature block (which keeps
    its line breaks), and breaks between blocks (blank lines; several count as one). Only the
    template's own text makes structure: a line that starts with a written value (marked
    with :data:`OPEN`) is always text.

    >>> subject, body = _parts("# Emne\nTil deg\n\nEin  \n  lang\n- a\n\nMed venleg helsing\nAa")
    >>> subject, [text for _, text in body]
    ('Emne', ['Til deg', '', 'Ein lang', 'a', '', 'Med venleg helsing', 'Aa'])
    """
    lines = markup.split("\n")
    at = 0
    while at < len(lines) and not lines[at].strip():
        at += 1
    first = lines[at].strip() if at < len(lines) else ""
    if not first.startswith("# "):
        raise ValueError("the first line must be '# subject'")
    parts: list[tuple[int, str]] = []
    paragraph: str | None = None
    signature = False
    start = True  # the next line starts a block
    for raw in lines[at + 1 :]:
        line = raw.strip()
        if not line:
            start = True
            continue
        if start:
            if paragraph is not None:
                parts.append((_PARAGRAPH, paragraph))
                paragraph = None
            if parts:
                parts.append((_BREAK, ""))
            start = False
            signature = line.startswith(_CLOSINGS)
        if signature:
            parts.append((_SIGNATURE, line))
        elif line[0] == "#" or line.startswith("- "):
            if paragraph is not None:
                parts.append((_PARAGRAPH, paragraph))
                paragraph = None
            if line.startswith("## "):
                parts.append((_HEADING, line[3:]))
            elif line[0] == "-":
                parts.append((_ITEM, line[2:]))
            else:
                parts.append((_PARAGRAPH, line))
        elif paragraph is None:
            paragraph = line
        else:
            paragraph += " " + line
    if paragraph is not None:
        parts.append((_PARAGRAPH, paragraph))
    return first[2:].strip(), parts


WIDTH = 72


def _wrap(line: str, indent: str = "") -> str:
    """Greedy wrap at :data:`WIDTH` on ordinary spaces only: no-break spaces keep '§ 12-6'
    and phone numbers whole, and a word longer than a line is never split.

    >>> print(_wrap("- " + "ord " * 20, indent="  "))
    - ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord
      ord ord ord
    >>> print(_wrap("kort " + "x" * 80 + " kort"))
    kort
    xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
    kort
    >>> print(_wrap("- " + "y" * 75 + " kort", indent="  "))
    - yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy
      kort
    """
    size = len(line)
    width = WIDTH
    if size <= width:
        return line
    chunks = []
    start = 0
    floor = len(indent)  # never break right after a list item's '- '
    while size - start > width:
        cut = line.rfind(" ", start + floor, start + width + 1)  # the last break that fits
        floor = 0
        if cut <= start:  # a word longer than the line: it stands alone
            cut = line.find(" ", start + width)
            if cut < 0:
                break
        chunks.append(line[start:cut])
        start = cut + 1
        while start < size and line[start] == " ":
            start += 1
        width = WIDTH - len(indent)
    chunks.append(line[start:])
    return ("\n" + indent).join(chunks)


def _to_text(parts: list[tuple[int, str]]) -> str:
    """Plain text: headings as their own lines, paragraphs and list items wrapped."""
    out = []
    for part, text in parts:
        if part == _ITEM:
            out.append("- " + text if len(text) <= WIDTH - 2 else _wrap("- " + text, "  "))
        elif len(text) <= WIDTH or part == _HEADING:
            out.append(text)
        else:
            out.append(_wrap(text))
    out.append("")
    return "\n".join(out)


def _to_html(parts: list[tuple[int, str]], maalform: Maalform) -> str:
    """HTML: every text escaped, '§ 12-6' kept together by ``&nbsp;``."""
    out = [f'<article lang="{maalform.value}" style="max-width:40em;overflow-wrap:anywhere">']
    items: list[str] = []
    signature: list[str] = []
    for part, text in parts:
        if items and part != _ITEM:
            out.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if signature and part != _SIGNATURE:
            out.append("<p>" + "<br>\n".join(signature) + "</p>")
            signature = []
        text = html.escape(text).replace(NBSP, "&nbsp;")
        if part == _PARAGRAPH:
            out.append(f"<p>{text}</p>")
        elif part == _ITEM:
            items.append(f"<li>{text}</li>")
        elif part == _HEADING:
            out.append(f"<h2>{text}</h2>")
        elif part == _SIGNATURE:
            signature.append(text)
    if items:
        out.append("<ul>" + "".join(items) + "</ul>")
    if signature:
        out.append("<p>" + "<br>\n".join(signature) + "</p>")
    out.append("</article>")
    return "\n".join(out) + "\n"


class _Timeline:
    """What a letter needs from the case's events up to the letter date, in one pass."""

    __slots__ = ("concern", "heightened", "leadership", "principal", "raised", "serious")

    def __init__(self, case: Case, letter_date: date) -> None:
        principal: date | None = None
        concern: date | None = None
        raised: date | None = None
        heightened = leadership = False
        serious = bool(case.serious)
        for event in case.events:
            on = event.on
            if on > letter_date:
                continue
            if isinstance(event, _CONCERN):
                concern = on if concern is None or on < concern else concern
            if isinstance(event, RaisedWithPrincipal):  # the earliest, whatever the order
                raised = on if raised is None or on < raised else raised
            if reaches_principal(event):
                principal = on if principal is None or on < principal else principal
            if isinstance(event, Violation):
                if event.offender is Offender.LEADERSHIP:
                    heightened = leadership = True
                elif event.offender is Offender.STAFF:
                    heightened = True
                serious = serious or bool(event.serious)
        self.principal, self.concern, self.raised = principal, concern, raised
        self.heightened, self.leadership, self.serious = heightened, leadership, serious


def _pupil_is_adult(case: Case, on: date) -> bool:
    born = case.birth_date
    if born is None:
        return False
    years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return years >= 18


_INVISIBLE = frozenset({"Cc", "Cf", "Co", "Cs", "Cn"})
_JOINERS = frozenset({"\u200c", "\u200d"})  # ZWNJ and ZWJ join letters and emoji: kept


def _collapse(text: str) -> str:
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


def _context(kind: str, request: LetterRequest, m: Maalform) -> tuple[dict[str, Any], RegimeId]:
    """The template context: plain values only (strings, numbers, booleans, dates, tuples and
    :class:`~skolemiljo._sandbox.Record` mappings whose keys read as attributes, so
    ``d.received`` works); never a library object. Its keys are :data:`CONTEXT_NAMES`."""
    case = request.case
    on = request.letter_date
    timeline = _Timeline(case, on)
    received = timeline.principal or timeline.concern or on
    regime = regime_for(received, path="case.events").id
    adult = _pupil_is_adult(case, on)
    nn = m is Maalform.NN
    you, you_obj = ("du", "deg") if adult else (("de", "dykk") if nn else ("dere", "dere"))
    d: dict[str, str | None] = {
        "letter": _format_date(on, m),
        "received": _format_date(received, m),
        "raised": None,
        "stats_from": None,
    }
    # § 12-6: the pupil or parents raised it with rektor personally; one week later the
    # statsforvaltar will not reject it for the time condition.
    if timeline.raised is not None:
        d["raised"] = _format_date(timeline.raised, m)
        d["stats_from"] = _format_date(timeline.raised + timedelta(days=7), m)
    terms = _terms(regime, m)
    pupil = _collapse(request.pupil_name)
    sender = request.sender
    sender_name = _collapse(sender.name)
    role = _collapse(sender.role)
    _, cite = _references(kind, regime, heightened=timeline.heightened)
    ctx: dict[str, Any] = {
        "received": received,
        "adult": adult,
        "pupil": pupil,
        "reader": pupil if adult else _collapse(request.recipient_names or _parents(m)),
        "you": you,
        "You": _ucfirst(you),
        "you_obj": you_obj,
        "school": _collapse(case.school.name),
        "case_id": case.case_id or "",
        "pupil_ref": case.pupil.ref,
        "sender": Record(
            name=sender_name,
            role=role,
            phone=sender.phone,
            email=_collapse(sender.email) if sender.email else None,
        ),
        "sender_name": sender_name,
        "handler": _collapse(request.handler) if request.handler else f"{sender_name} ({role})",
        "owner": _collapse(request.owner_name) if request.owner_name else terms.owner,
        "t": terms,
        "heightened": timeline.heightened,
        "leadership": timeline.leadership,
        "serious": timeline.serious,
        "follow_up": _collapse(request.follow_up) if request.follow_up else request.follow_up,
        "cite": cite,
    }
    if request.meeting is not None:
        meeting = request.meeting
        ctx["meeting"] = Record(
            on=meeting.on,
            time=meeting.time,
            place=_collapse(meeting.place),
            purpose=meeting.purpose,
        )
        d["meeting"] = _format_date(meeting.on, m)
    if request.evaluation is not None:
        evaluation = request.evaluation
        summary = evaluation.summary
        ctx["evaluation"] = Record(
            on=evaluation.on,
            result=evaluation.result,
            summary=_collapse(summary) if summary else summary,
            next_evaluation_on=evaluation.next_evaluation_on,
        )
        d["evaluation"] = _format_date(evaluation.on, m)
        nxt = evaluation.next_evaluation_on
        d["next_evaluation"] = _format_date(nxt, m) if nxt else None
    if request.plan is not None:
        ctx["plan"] = _plan_context(request.plan, m, regime)
        d["plan"] = _format_date(request.plan.plan_date, m)
    ctx["d"] = Record(**d)
    return ctx, regime


CONTEXT_NAMES = frozenset(
    {
        "received", "adult", "pupil", "reader", "you", "You", "you_obj", "school", "case_id",
        "pupil_ref", "sender", "sender_name", "handler", "owner", "t", "d", "heightened",
        "leadership", "serious", "follow_up", "cite", "meeting", "evaluation", "plan",
    }
)  # fmt: skip
"""Every name a letter template can use (the keys of the context)."""


@clears_with_rules
@cache
def _terms(regime: RegimeId, m: Maalform) -> Record:
    return Record(
        **{name: getattr(term.words(regime), m.value) for name, term in glossary().items()}
    )


@clears_with_rules
@cache
def _references(
    kind: str, regime: RegimeId, *, heightened: bool
) -> tuple[tuple[LegalReference, ...], tuple[str, ...]]:
    """The references a letter of this kind cites, and their citations."""
    spec = _kinds()[kind]
    ids = spec.references[regime]
    if heightened:
        ids = (*ids, *(spec.heightened_references or {}).get(regime, ()))
    refs = tuple(reference(r) for r in ids)
    return refs, tuple(r.citation for r in refs)


def _parents(m: Maalform) -> str:
    return "foreldra" if m is Maalform.NN else "foreldrene"


@clears_with_rules
@cache
def _labels(m: Maalform, regime: RegimeId) -> Record:
    labels = {}
    for item in ("a", "b", "c", "d", "e", "f"):
        labels[item] = _ucfirst(message(m, item_label_id(item, regime)))
    return Record(**labels)


def _plan_context(plan: ActivityPlan, m: Maalform, regime: RegimeId) -> Record:
    measures = []
    for index, measure in enumerate(plan.measures or (), start=1):
        evaluate = measure.evaluate_on or plan.evaluation_on
        measures.append(
            Record(
                number=index,
                description=_collapse(measure.description or ""),
                starts=_format_date(measure.starts_on, m) if measure.starts_on else "",
                ends=_format_date(measure.ends_on, m) if measure.ends_on else None,
                schedule=_collapse(measure.schedule) if measure.schedule else measure.schedule,
                who=_collapse(", ".join(measure.carried_out_by or ())),
                evaluate=_format_date(evaluate, m) if evaluate else "",
            )
        )
    views = plan.pupil_views
    return Record(
        labels=_labels(m, regime),
        problem=_collapse(plan.problem or ""),
        measures=tuple(measures),
        best_interests=_collapse(plan.best_interests or ""),
        views=_collapse(views.summary) if views and views.summary else None,
        heard_on=_format_date(views.heard_on, m) if views else None,
    )


@cache
def _required(kind: str, m: Maalform) -> tuple[tuple[str, str], ...]:
    """(phrase, name) pairs this kind must contain in this målform (``rules/letters.toml``)."""
    return tuple((getattr(p, m.value), name) for name, p in _kinds()[kind].required.items())


_PLAN_ITEMS = (("b", "description"), ("c", "starts"), ("d", "who"), ("e", "evaluate"))


def _check(kind: str, m: Maalform, text: str, ctx: Mapping[str, Any]) -> None:
    """Raise unless ``text`` (the letter before layout) holds every element its kind needs:
    the required phrases of ``rules/letters.toml``, every citation, and the dynamic facts
    (dates, who handles the case, the meeting, each plan item and measure).

    Elements are ``(value, name, measure number)``; names are only spelled out on failure.
    """
    fixed = [*_required(kind, m), *((c, "citation " + c) for c in ctx["cite"])]
    wanted: list[tuple[str | None, str, int]] = []
    d = ctx["d"]
    if kind in ("receipt", "evaluation", "closing", "owner_notice"):
        wanted.append((d.received, "received date", 0))
    if kind == "receipt":
        wanted.append((ctx["handler"], "who handles the case", 0))
        if d.stats_from:
            wanted.append((d.stats_from, "date from which Statsforvaltaren can be asked", 0))
    elif kind == "meeting_invitation":
        meeting = ctx["meeting"]
        wanted += [
            (d.meeting, "meeting date", 0),
            (meeting.time, "meeting time", 0),
            (meeting.place, "meeting place", 0),
        ]
    elif kind == "activity_plan":
        plan = ctx["plan"]
        labels = plan.labels
        measures = plan.measures
        # In the order the shipped template shows them, so each search can start where the
        # last one matched (see below); any other order is still checked correctly.
        wanted.append((f"a) {labels.a}", "item a", 0))
        for item, field in _PLAN_ITEMS:
            wanted.append((f"{item}) {getattr(labels, item)}", f"item {item}", 0))
            wanted += [(getattr(ms, field), f"item {item}", ms.number) for ms in measures]
        wanted.append((f"f) {labels.f}", "item f", 0))
    if kind in ("evaluation", "closing"):
        wanted.append((d.evaluation, "evaluation date", 0))
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


def render_letter(
    kind: str,
    request: LetterRequest | Mapping[str, Any] | str | bytes,
    *,
    maalform: Maalform | str = Maalform.NB,
    format: Literal["text", "html"] = "text",
    templates: str | os.PathLike[str] | None = None,
    limits: TemplateLimits | Mapping[str, Any] | None = None,
) -> Letter:
    """Render the letter ``kind`` for ``request`` in ``maalform`` as text or HTML.

    ``templates``: a folder of vendor templates (``KIND.nb.j2`` and ``KIND.nn.j2``), rendered in
    a sandbox that admits plain data and an allow-list of constructs only, each render bounded
    by ``limits`` (a :class:`TemplateLimits` or a mapping of its fields; see
    ``skolemiljo._sandbox``). Raises :class:`~skolemiljo.LetterError` for an unknown kind,
    missing input or a refused or runaway vendor template (each with its own code),
    :class:`~skolemiljo.LetterIncompleteError` when the result lacks a required element, and
    :class:`~skolemiljo.InputError` for malformed input. In HTML, ``subject`` is escaped like
    the body.
    """
    if not isinstance(kind, str) or kind not in LETTER_KINDS:
        raise LetterError("unknown_kind", f"one of {', '.join(LETTER_KINDS)}")
    if not isinstance(format, str) or format not in ("text", "html"):
        raise LetterError("unknown_format", "format is 'text' or 'html'")
    if templates is not None and not isinstance(templates, str | os.PathLike):
        raise argument_error("templates", "a folder's path")
    if limits is not None and not isinstance(limits, TemplateLimits):
        if not isinstance(limits, Mapping):
            raise argument_error("limits", "TemplateLimits or a mapping of its fields")
        limits = parse_model(TemplateLimits, limits, "limits")
    model = parse_model(LetterRequest, request, "letter request")
    m = parse_maalform(maalform)
    for need in _kinds()[kind].needs:
        if getattr(model, need) is None:
            raise LetterError("input_missing", f"the {kind} letter needs '{need}'")
    if kind == "activity_plan":
        _require_complete_plan(model.plan, m)
    if kind == "closing" and model.evaluation is not None and model.evaluation.result != "resolved":
        raise LetterError(
            "not_applicable",
            "a case is closed only after an evaluation that found it resolved",
        )
    ctx, regime = _context(kind, model, m)
    if kind == "owner_notice" and not (ctx["serious"] or ctx["heightened"]):
        raise LetterError(
            "not_applicable",
            "an owner notice is for serious cases and for violations by staff; "
            "mark the case or a violation serious",
        )
    if templates is None:
        try:
            markup = _template(kind, m, None).render(ctx)
        except Exception as error:  # pragma: no cover - the shipped templates are tested
            raise LetterError(
                "template_error", f"{kind}.{m.value}: {type(error).__name__}"
            ) from None
    else:
        folder = Path(templates)
        if not folder.is_dir():
            raise LetterError("template_folder_missing", "the templates folder does not exist")
        bounds = limits or TemplateLimits()
        template = _template(kind, m, str(folder.resolve()), bounds)
        try:
            markup = render_bounded(template, ctx, bounds)
        except LetterError:
            raise
        except Exception as error:  # undefined names, a value of the wrong type, ...
            raise LetterError(
                "template_error", f"{kind}.{m.value}: {type(error).__name__}"
            ) from None
    try:
        subject, parts = _read_markup(markup)
    except ValueError as error:
        raise LetterError("template_error", f"{kind}.{m.value}: {error}") from None
    _check(kind, m, _unmark(markup), ctx)
    if format == "text":
        body = _to_text(parts)
    else:
        body, subject = _to_html(parts, m), html.escape(subject).replace(NBSP, "&nbsp;")
    return _letter(kind, m, format, ctx, regime, subject, body)


def _unmark(text: str) -> str:
    """``text`` without the marks of written values (:data:`OPEN`, :data:`CLOSE`)."""
    return text.replace(OPEN, "").replace(CLOSE, "")


def _read_markup(markup: str) -> tuple[str, list[tuple[int, str]]]:
    """The subject and parts of rendered (marked) markup, without the marks, '§ 12-6' and
    digit groups kept together. (Parts hold no line breaks, so all texts are cleaned in one
    pass over their join.)"""
    subject, parts = _parts(markup)
    joined = "\n".join([subject, *(text for _, text in parts)])
    texts = _KEEP_TOGETHER.sub(NBSP, _unmark(joined)).split("\n")
    return texts[0], [(part, text) for (part, _), text in zip(parts, texts[1:], strict=True)]


def _letter(
    kind: str,
    m: Maalform,
    format: Literal["text", "html"],
    ctx: Mapping[str, Any],
    regime: RegimeId,
    subject: str,
    body: str,
) -> Letter:
    """The :class:`Letter` for a checked, laid-out body: its reader, regime period and basis."""
    addressed: Literal["parents", "pupil", "school_owner"] = (
        "school_owner" if kind == "owner_notice" else ("pupil" if ctx["adult"] else "parents")
    )
    period = regime_for(ctx["received"])
    refs, _ = _references(kind, regime, heightened=ctx["heightened"])
    return Letter(
        kind=cast(LetterKind, kind),
        maalform=m,
        format=format,
        addressed_to=addressed,
        regime=regime,
        valid_from=period.valid_from,
        valid_to=period.valid_to,
        subject=subject,
        body=body,
        legal_basis=refs,
        stamp=current_stamp(),
    )


def _require_complete_plan(plan: ActivityPlan | None, m: Maalform) -> None:
    assert plan is not None
    report = validate_plan(plan, maalform=m)
    if not report.valid:
        codes = ", ".join(sorted({f.code for f in report.errors}))
        raise LetterIncompleteError("plan_incomplete", f"the plan has errors: {codes}")
