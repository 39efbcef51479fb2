"""Letters to parents and pupils in Bokmål and Nynorsk: complete, correctly worded, safe.

:func:`render_letter` renders one kind of letter for a case in the chosen målform, as plain
text or HTML, and checks the result against the elements its kind requires before returning
it: a receipt without the Statsforvaltaren paragraph, or a plan letter without item e, raises
:class:`~skolemiljo.LetterIncompleteError` instead of reaching a parent.

Templates are jinja2 with ``StrictUndefined``, one per kind and målform, in a small markup
(``#`` subject, ``##`` headings, ``-`` list items, blank lines between paragraphs). Text written
by staff is only ever a value: it is never parsed as template code, and in HTML every text is
escaped. A vendor may supply its own templates (``templates=DIR``); they render in jinja2's
sandbox and pass the same check. Terms follow the act in force when the case began
(``melde frå`` from 1 August 2024, ``varsle`` before), dates are written by babel in the
målform (``måndag`` / ``mandag``).

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
import re
from collections.abc import Mapping
from datetime import date, timedelta
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ._base import FrozenModel as _Data
from ._facts import CONCERN_EVENTS as _CONCERN
from ._i18n import Maalform, message, parse_maalform
from ._input import parse_model
from ._ruledata import Titles
from .case import Case, Offender, Person, PupilSaidUnsafe, RaisedWithPrincipal, Reported, Violation
from .errors import LetterError, LetterIncompleteError
from .legal import LegalReference, RegimeId, load_data, reference, regime_for
from .models import ActivityPlan, Text, _Model

__all__ = [
    "LETTER_KINDS",
    "EvaluationOutcome",
    "Letter",
    "LetterRequest",
    "Meeting",
    "Sender",
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

    on: date
    time: Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3])[:.][0-5][0-9]$")]
    place: Name
    purpose: Literal["investigation", "feedback", "planning", "evaluation"]


class EvaluationOutcome(_Model):
    """The result of evaluating the measures."""

    on: date
    result: Literal["resolved", "continue", "revised"]
    summary: Text | None = Field(default=None, repr=False)
    next_evaluation_on: date | None = None


class LetterRequest(_Model):
    """Everything a letter needs. Names are personal text: they never appear in errors."""

    case: Case
    pupil_name: Name = Field(repr=False)
    recipient_names: Name | None = Field(default=None, repr=False)
    letter_date: date
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
    subject: str
    body: str
    legal_basis: tuple[LegalReference, ...]


# ----------------------------------------------------------------------------- data --------


class _KindSpec(_Data):
    needs: tuple[Literal["plan", "meeting", "evaluation"], ...]
    references: dict[RegimeId, tuple[str, ...]]
    heightened_references: dict[RegimeId, tuple[str, ...]] = Field(default_factory=dict)
    required: dict[str, Titles]


class _Term(_Data):
    en: str
    oppl2023_ch12: Titles
    oppl1998_ch9a: Titles


class _LetterData(_Data):
    letters: dict[LetterKind, _KindSpec]


class _Glossary(_Data):
    terms: dict[str, _Term]


@cache
def _kinds() -> dict[str, _KindSpec]:
    data = load_data("letters.toml", _LetterData)
    if set(data.letters) != set(LETTER_KINDS):
        raise LetterError("letter_data", "rules/letters.toml must define every letter kind")
    return {str(kind): spec for kind, spec in data.letters.items()}


@cache
def glossary() -> dict[str, _Term]:
    """The letter terms of LEGAL-BRIEF.md §6, by regime and målform (``rules/glossary.toml``)."""
    return dict(load_data("glossary.toml", _Glossary).terms)


# ------------------------------------------------------------------------ rendering --------


@cache
def _format_date(day: date, maalform: Maalform) -> str:
    from babel.dates import format_date

    return str(format_date(day, format="EEEE d. MMMM y", locale=maalform.value))


def _ucfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


@cache
def _environment(folder: str | None) -> Any:
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    if folder is None:
        loader: jinja2.BaseLoader = jinja2.FileSystemLoader(
            str(resources.files(__package__) / "templates")
        )
        env: jinja2.Environment = jinja2.Environment(
            loader=loader,
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # shipped templates never change while the process runs
        )
    else:
        env = SandboxedEnvironment(
            loader=jinja2.FileSystemLoader(folder),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
    env.filters["ucfirst"] = _ucfirst
    return env


def _template(kind: str, maalform: Maalform, folder: str | None) -> Any:
    import jinja2

    try:
        return _environment(folder).get_template(f"{kind}.{maalform.value}.j2")
    except jinja2.TemplateNotFound:
        raise LetterError(
            "template_missing", f"no {maalform.value} template for {kind}; both målformer needed"
        ) from None
    except jinja2.TemplateSyntaxError as error:
        raise LetterError(
            "template_syntax", f"{kind}.{maalform.value}.j2 line {error.lineno}"
        ) from None


_BULLET = re.compile(r"^- ")
NBSP = "\u00a0"
_KEEP_TOGETHER = re.compile(r"(?<=[§\d]) (?=\d)")
"""'§ 12-6' and digit groups ('61 23 45 67') are never broken across lines."""
_CLOSINGS = ("Med vennlig hilsen", "Med venleg helsing")


def _blocks(markup: str) -> list[list[str]]:
    """Paragraphs of the markup. Lines of a paragraph are joined, except list items, the
    heading line, and the signature block (which keeps its line breaks)."""
    raw: list[list[str]] = [[]]
    for line in _KEEP_TOGETHER.sub(NBSP, markup).splitlines():
        stripped = line.strip()
        if stripped:
            raw[-1].append(stripped)
        elif raw[-1]:
            raw.append([])
    blocks = []
    for block in raw:
        if not block:
            continue
        if block[0].startswith(_CLOSINGS):
            blocks.append(block)
            continue
        joined: list[str] = []
        for line in block:
            plain = not (line.startswith(("#", "- ")))
            if plain and joined and not joined[-1].startswith(("#", "- ")):
                joined[-1] += " " + line
            else:
                joined.append(line)
        blocks.append(joined)
    return blocks


WIDTH = 72
_LINE = {w: re.compile(rf"(.{{1,{w}}})(?: +|$)") for w in (WIDTH, WIDTH - 2)}
"""Greedy line chunks ending at an ordinary space (never at a no-break space)."""


def _wrap(line: str, indent: str = "") -> str:
    """Greedy wrap at :data:`WIDTH` on ordinary spaces only: no-break spaces keep '§ 12-6'
    and phone numbers whole, and a word longer than a line is never split.

    >>> print(_wrap("- " + "ord " * 20, indent="  "))
    - ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord
      ord ord ord
    """
    if len(line) <= WIDTH:
        return line
    if max(map(len, line.split(" "))) <= WIDTH - len(indent):
        first = _LINE[WIDTH].match(line)
        assert first is not None
        rest = _LINE[WIDTH - len(indent)].findall(line, first.end())
        return "\n".join([first.group(1), *(indent + chunk for chunk in rest)])
    lines: list[str] = []
    words: list[str] = []
    size = 0
    for word in line.split(" "):
        if not word:
            continue
        if words and size + 1 + len(word) > WIDTH:
            lines.append(" ".join(words))
            words, size = [indent + word], len(indent) + len(word)
        else:
            size += len(word) + (1 if words else 0)
            words.append(word)
    lines.append(" ".join(words))
    return "\n".join(lines)


def _to_text(blocks: list[list[str]]) -> str:
    out = []
    for block in blocks:
        lines = []
        for line in block:
            if line.startswith("## "):
                lines.append(line[3:])
            elif _BULLET.match(line):
                lines.append(_wrap(line, indent="  "))
            else:
                lines.append(_wrap(line))
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def _escape(text: str) -> str:
    return html.escape(text).replace(NBSP, "&nbsp;")


def _to_html(blocks: list[list[str]], maalform: Maalform) -> str:
    out = [f'<article lang="{maalform.value}" style="max-width:40em;overflow-wrap:anywhere">']
    for block in blocks:
        if block[0].startswith(_CLOSINGS):
            out.append("<p>" + "<br>\n".join(_escape(line) for line in block) + "</p>")
            continue
        items: list[str] = []
        for line in block:
            if _BULLET.match(line):
                items.append(f"<li>{_escape(line[2:])}</li>")
                continue
            if items:
                out.append("<ul>" + "".join(items) + "</ul>")
                items = []
            if line.startswith("## "):
                out.append(f"<h2>{_escape(line[3:])}</h2>")
            else:
                out.append(f"<p>{_escape(line)}</p>")
        if items:
            out.append("<ul>" + "".join(items) + "</ul>")
    out.append("</article>")
    return "\n".join(out) + "\n"


def _pupil_is_adult(case: Case, on: date) -> bool:
    born = case.birth_date
    if born is None:
        return False
    years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return years >= 18


def _context(kind: str, request: LetterRequest, m: Maalform) -> tuple[dict[str, Any], RegimeId]:
    case = request.case
    received = _received_on(case, request.letter_date)
    regime = regime_for(received, path="case.events").id
    adult = _pupil_is_adult(case, request.letter_date)
    nn = m is Maalform.NN
    you, you_obj = ("du", "deg") if adult else (("de", "dykk") if nn else ("dere", "dere"))
    violations = [
        e for e in case.events if isinstance(e, Violation) and e.on <= request.letter_date
    ]
    d: dict[str, str | None] = {
        "letter": _format_date(request.letter_date, m),
        "received": _format_date(received, m),
        "raised": None,
        "stats_from": None,
    }
    # § 12-6: the pupil or parents raised it with rektor personally; one week later the
    # statsforvaltar will not reject it for the time condition.
    raised = [e.on for e in case.events if isinstance(e, RaisedWithPrincipal)]
    raised = [day for day in raised if day <= request.letter_date]
    if raised:
        d["raised"] = _format_date(raised[0], m)
        d["stats_from"] = _format_date(raised[0] + timedelta(days=7), m)
    terms = _terms(regime, m)
    ctx: dict[str, Any] = {
        "received": received,
        "adult": adult,
        "pupil": request.pupil_name,
        "reader": request.pupil_name if adult else (request.recipient_names or _parents(m)),
        "you": you,
        "You": _ucfirst(you),
        "you_obj": you_obj,
        "school": case.school.name,
        "case_id": case.case_id or "",
        "pupil_ref": case.pupil.ref,
        "sender": request.sender,
        "sender_name": request.sender.name,
        "handler": request.handler or f"{request.sender.name} ({request.sender.role})",
        "owner": request.owner_name or terms["owner"],
        "t": terms,
        "d": d,
        "heightened": any(v.offender in (Offender.STAFF, Offender.LEADERSHIP) for v in violations),
        "leadership": any(v.offender is Offender.LEADERSHIP for v in violations),
        "serious": bool(case.serious) or any(v.serious for v in violations),
        "follow_up": request.follow_up,
    }
    ctx["refs"] = _references(kind, regime, heightened=ctx["heightened"])
    ctx["cite"] = [r.citation for r in ctx["refs"]]
    if request.meeting is not None:
        ctx["meeting"] = request.meeting
        d["meeting"] = _format_date(request.meeting.on, m)
    if request.evaluation is not None:
        ctx["evaluation"] = request.evaluation
        d["evaluation"] = _format_date(request.evaluation.on, m)
        nxt = request.evaluation.next_evaluation_on
        d["next_evaluation"] = _format_date(nxt, m) if nxt else None
    if request.plan is not None:
        ctx["plan"] = _plan_context(request.plan, m, regime)
        d["plan"] = _format_date(request.plan.plan_date, m)
    return ctx, regime


@cache
def _terms(regime: RegimeId, m: Maalform) -> dict[str, str]:
    return {name: getattr(getattr(term, regime), m.value) for name, term in glossary().items()}


@cache
def _references(kind: str, regime: RegimeId, *, heightened: bool) -> tuple[LegalReference, ...]:
    spec = _kinds()[kind]
    ids = spec.references[regime]
    if heightened:
        ids = (*ids, *spec.heightened_references.get(regime, ()))
    return tuple(reference(r) for r in ids)


def _received_on(case: Case, letter_date: date) -> date:
    """When the principal received the report (else the first concern; else the letter date).

    The same dates as the ``reported_to_principal`` and ``concern`` anchors of the audit,
    found in one pass without building the other anchors.
    """
    principal: date | None = None
    concern: date | None = None
    for event in case.events:
        if event.on > letter_date:
            continue
        if isinstance(event, _CONCERN):
            concern = event.on if concern is None else min(concern, event.on)
        if (
            isinstance(event, RaisedWithPrincipal)
            or (isinstance(event, Reported) and event.to is Person.PRINCIPAL)
            or (isinstance(event, PupilSaidUnsafe) and event.told is Person.PRINCIPAL)
        ):
            principal = event.on if principal is None else min(principal, event.on)
    return principal or concern or letter_date


def _parents(m: Maalform) -> str:
    return "foreldra" if m is Maalform.NN else "foreldrene"


def _plan_context(plan: ActivityPlan, m: Maalform, regime: RegimeId) -> dict[str, Any]:
    labels = {}
    for item in "abcdef":
        msgid = f"plan_item_{item}"
        if item == "d" and regime == "oppl1998_ch9a":
            msgid += "@oppl1998_ch9a"
        labels[item] = _ucfirst(message(m, msgid))
    measures = []
    for index, measure in enumerate(plan.measures or (), start=1):
        start = _format_date(measure.starts_on, m) if measure.starts_on else ""
        end = _format_date(measure.ends_on, m) if measure.ends_on else None
        evaluate = measure.evaluate_on or plan.evaluation_on
        measures.append(
            {
                "number": index,
                "description": measure.description or "",
                "starts": start,
                "ends": end,
                "schedule": measure.schedule,
                "who": ", ".join(measure.carried_out_by or ()),
                "evaluate": _format_date(evaluate, m) if evaluate else "",
            }
        )
    return {
        "labels": labels,
        "problem": plan.problem or "",
        "measures": measures,
        "best_interests": plan.best_interests or "",
        "views": plan.pupil_views.summary if plan.pupil_views else None,
        "heard_on": _format_date(plan.pupil_views.heard_on, m) if plan.pupil_views else None,
    }


def _check(
    kind: str, m: Maalform, text: str, ctx: Mapping[str, Any], refs: tuple[LegalReference, ...]
) -> None:
    spec = _kinds()[kind]
    folded = " ".join(text.replace(NBSP, " ").split())
    missing = [
        name for name, phrase in spec.required.items() if getattr(phrase, m.value) not in folded
    ]
    missing += [f"citation {r.citation}" for r in refs if r.citation not in folded]
    d = ctx["d"]
    dynamic: list[tuple[str, str | None]] = []
    if kind in ("receipt", "evaluation", "closing", "owner_notice"):
        dynamic.append(("received date", d["received"]))
    if kind == "receipt":
        dynamic.append(("who handles the case", ctx["handler"]))
        if d["stats_from"]:
            dynamic.append(("date from which Statsforvaltaren can be asked", d["stats_from"]))
    if kind == "meeting_invitation":
        dynamic += [
            ("meeting date", d["meeting"]),
            ("meeting time", ctx["meeting"].time),
            ("meeting place", ctx["meeting"].place),
        ]
    if kind in ("activity_plan", "evaluation"):
        plan = ctx["plan"]
        for item, label in plan["labels"].items():
            if kind == "activity_plan":
                dynamic.append((f"item {item}", f"{item}) {label}"))
        for measure in plan["measures"] if kind == "activity_plan" else ():
            n = measure["number"]
            dynamic += [
                (f"item b, measure {n}", measure["description"]),
                (f"item c, measure {n}", measure["starts"]),
                (f"item d, measure {n}", measure["who"]),
                (f"item e, measure {n}", measure["evaluate"]),
            ]
    if kind in ("evaluation", "closing"):
        dynamic.append(("evaluation date", d["evaluation"]))
    for name, value in dynamic:
        if value and " ".join(value.split()) not in folded:
            missing.append(name)
    if missing:
        raise LetterIncompleteError("incomplete", f"{kind}.{m.value} lacks: {', '.join(missing)}")


def render_letter(
    kind: str,
    request: LetterRequest | Mapping[str, Any] | str | bytes,
    *,
    maalform: Maalform | str = Maalform.NB,
    format: Literal["text", "html"] = "text",
    templates: str | Path | None = None,
) -> Letter:
    """Render the letter ``kind`` for ``request`` in ``maalform`` as text or HTML.

    ``templates``: a folder of vendor templates (``KIND.nb.j2`` and ``KIND.nn.j2``), rendered in
    jinja2's sandbox. Raises :class:`~skolemiljo.LetterError` for an unknown kind or missing
    input, :class:`~skolemiljo.LetterIncompleteError` when the result lacks a required element,
    and :class:`~skolemiljo.InputError` for malformed input.
    """
    if kind not in LETTER_KINDS:
        raise LetterError("unknown_kind", f"one of {', '.join(LETTER_KINDS)}")
    if format not in ("text", "html"):
        raise LetterError("unknown_format", "format is 'text' or 'html'")
    model = parse_model(LetterRequest, request, "letter request")
    m = parse_maalform(maalform)
    for need in _kinds()[kind].needs:
        if getattr(model, need) is None:
            raise LetterError("input_missing", f"a {kind} letter needs '{need}'")
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
            "an owner notice is for serious cases (§ 12-4) and staff offenders (§ 12-5); "
            "mark the case or a violation serious",
        )
    folder = str(Path(templates).resolve()) if templates is not None else None
    try:
        markup = _template(kind, m, folder).render(ctx)
    except LetterError:
        raise
    except Exception as error:  # jinja2 errors, sandbox violations, undefined variables
        raise LetterError("template_error", f"{kind}.{m.value}: {type(error).__name__}") from None
    blocks = _blocks(markup)
    if not blocks or not blocks[0][0].startswith("# "):
        raise LetterError("template_error", f"{kind}.{m.value}: the first line must be '# subject'")
    subject = blocks[0][0][2:].strip()
    body_blocks = [blocks[0][1:], *blocks[1:]] if len(blocks[0]) > 1 else blocks[1:]
    refs: tuple[LegalReference, ...] = ctx["refs"]
    text = _to_text(body_blocks)
    _check(kind, m, subject + "\n" + text, ctx, refs)
    body = text if format == "text" else _to_html(body_blocks, m)
    addressed: Literal["parents", "pupil", "school_owner"] = (
        "school_owner" if kind == "owner_notice" else ("pupil" if ctx["adult"] else "parents")
    )
    period = regime_for(ctx["received"])
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
    )


def _require_complete_plan(plan: ActivityPlan | None, m: Maalform) -> None:
    from .plan import validate_plan

    assert plan is not None
    report = validate_plan(plan, maalform=m)
    if not report.valid:
        codes = ", ".join(sorted({f.code for f in report.errors}))
        raise LetterIncompleteError("plan_incomplete", f"the plan has errors: {codes}")
