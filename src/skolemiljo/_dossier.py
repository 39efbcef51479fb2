"""The case file for the Statsforvaltaren: what the school did, sub-duty by sub-duty.

:func:`dossier` reads the case once (its :func:`~skolemiljo.agenda` and
:func:`~skolemiljo.audit` on the same date) and writes one document in Bokmål or Nynorsk: the
case's facts and period, then each sub-duty of the activity duty (følgje med, gripe inn,
melde frå, undersøkje, setje inn tiltak, dokumentere; and the heightened duty where someone
working at the school is the offender), each with the dated events that show it, the plans and
letters that document it, and what is missing or late, with the source of each deadline. It
is laid out like a letter (the same markup, escaping and required-element check) as text or
HTML, and names the pupil by reference unless ``pupil_name`` is given:

>>> from pathlib import Path
>>> case = Path("examples/cases/missed_deadlines.json").read_text()
>>> file = dossier(case, as_of="2024-11-01")
>>> [s.code for s in file.sections]
['monitor', 'intervene', 'report', 'investigate', 'measures', 'document', 'heightened']
>>> [b.code for b in file.section("report").missing]
['report_to_principal_late']
>>> file.subject
'Saksmappe til statsforvalteren: sak SAK-2024-061'
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import ConfigDict, Field

from ._agenda import agenda
from ._agenda_data import agenda_data
from ._agenda_models import AgendaEvent, AgendaItem
from ._audit import Breach, audit, parse_options, pick_routine
from ._base import FrozenModel as _Out
from ._citing import with_years
from ._dossier_data import dossier_data
from ._dossier_text import Writer, act_name, item_state
from ._facts import Timeline, anchors
from ._i18n import Maalform, parse_maalform
from ._input import argument_error, parse_as_of, parse_model
from ._layout import (
    NBSP,
    Block,
    Letterhead,
    keep_dates,
    layout_blocks,
    mark,
    read_markup,
    to_docx,
    to_html,
    to_pdf,
    to_text,
    unmark,
)
from ._readings import AuditOptions
from ._stamp import Stamp, current_stamp
from .case import Case, SchoolKind
from .errors import FieldError, InputError
from .legal import LegalReference, RegimeId, law, regime_for
from .letters.check import require_elements
from .letters.context import collapse
from .letters.data import header_words, kind_label
from .letters.header import exemption_marking
from .letters.models import LetterExemption, LetterKind
from .models import ActivityPlan, Identifier, _Model
from .routine import Routine

__all__ = [
    "Dossier",
    "DossierPlan",
    "DossierRequest",
    "DossierSection",
    "SentLetter",
    "dossier",
]


class SentLetter(_Model):
    """A letter the school sent in the case: its kind, the date it was sent, and the school's
    own reference (never its text)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: LetterKind
    sent_on: date
    reference: Identifier | None = None


class DossierRequest(_Model):
    """The body of ``POST /v1/cases/dossier``: the case, its plans and the letters sent, and
    the pupil's name only if the file is to show it (else the reference)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    case: Case
    plans: tuple[ActivityPlan, ...] = Field(default=(), max_length=50)
    letters: tuple[SentLetter, ...] = Field(default=(), max_length=200)
    pupil_name: str | None = Field(default=None, min_length=1, max_length=200, repr=False)
    exempt_from_public_access: bool = True


class DossierPlan(_Out):
    """A plan that documents the case: its id, date, number of measures and the version it
    revises (the plan's text stays in the vendor's system)."""

    plan_id: str | None
    plan_date: date
    measures: int
    revision_of: str | None


class DossierSection(_Out):
    """One sub-duty: its duties and tasks (agenda items), the events that show what was done,
    the plans and letters that document it, and the missed deadlines (``missing``: the
    audit's breaches, each with its ``source_kind``)."""

    code: str
    title: str
    items: tuple[AgendaItem, ...]
    events: tuple[AgendaEvent, ...]
    plans: tuple[DossierPlan, ...]
    letters: tuple[SentLetter, ...]
    missing: tuple[Breach, ...]


class Dossier(_Out):
    """The result of :func:`dossier`: its sections and the rendered document (``subject``,
    ``body`` in ``format``), under the regime in force when the case's concern arose."""

    as_of: date
    maalform: Maalform
    format: Literal["text", "html"]
    case_id: str | None
    pupil_ref: str
    regime: RegimeId
    valid_from: date
    valid_to: date | None
    sections: tuple[DossierSection, ...]
    legal_basis: tuple[LegalReference, ...]
    subject: str = Field(repr=False)
    body: str = Field(repr=False)
    stamp: Stamp
    blocks: tuple[Block, ...] = Field(repr=False)
    school: str = Field(repr=False)
    exemption: LetterExemption | None = Field(
        default=None,
        description="The marking above the file, as on the letters: exempt from public "
        "access (None when switched off with exempt_from_public_access=False).",
    )

    def to_pdf(self, letterhead: Letterhead | None = None) -> bytes:
        """The case file as PDF/A-3b, laid out like a letter (``skolemiljo[pdf]``)."""
        page = str(getattr(header_words().page, self.maalform.value))
        return to_pdf(self, self._label(), page, letterhead)

    def to_docx(self, letterhead: Letterhead | None = None) -> bytes:
        """The case file as DOCX (``skolemiljo[docx]``)."""
        return to_docx(self, self._label(), letterhead)

    def _label(self) -> str:
        return str(getattr(dossier_data().text["label"], self.maalform.value))

    def section(self, code: str) -> DossierSection:
        """The section ``code`` (``KeyError`` if the case has none)."""
        for entry in self.sections:
            if entry.code == code:
                return entry
        raise KeyError(code)


def _parse_all(values: Iterable[Any], model: type[Any], name: str) -> tuple[Any, ...]:
    """Each of ``values`` as ``model``; an error's paths start at ``name.N``."""
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        raise argument_error(name, f"a list of {model.__name__}")
    out = []
    for i, value in enumerate(values):
        try:
            out.append(parse_model(model, value, name))
        except InputError as error:
            fields = [
                FieldError(".".join(p for p in (f"{name}.{i}", f.path) if p), f.code, f.message)
                for f in error.fields
            ]
            raise InputError(name, fields) from None
    return tuple(out)


def dossier(
    case: Case | Mapping[str, Any] | str | bytes,
    as_of: date | datetime | str | None = None,
    plans: Iterable[ActivityPlan | Mapping[str, Any] | str | bytes] = (),
    letters: Iterable[SentLetter | Mapping[str, Any] | str | bytes] = (),
    *,
    maalform: Maalform | str = Maalform.NB,
    format: Literal["text", "html"] = "text",
    pupil_name: str | None = None,
    routine: Routine | str | Path | None = None,
    options: AuditOptions | Mapping[str, Any] | None = None,
    exempt_from_public_access: bool = True,
) -> Dossier:
    """The case file of ``case`` at the end of ``as_of``, for the Statsforvaltaren.

    ``plans``: the activity plans of the case (summarised under the measures and documentation
    duties); ``letters``: the letters sent (:class:`SentLetter`: kind and date);
    ``pupil_name``: the pupil's name, printed instead of the reference only when given.
    ``routine`` and ``options`` are those of :func:`~skolemiljo.audit`: a routine's missed
    steps are listed as the routine's, and an opt-in reading's (``options.readings``) as that
    reading's, never as the law's. ``exempt_from_public_access``: the file carries the
    same marking as the letters (on by default: a case file is about a pupil).
    Raises :class:`~skolemiljo.InputError` naming the argument or field, and
    :class:`~skolemiljo.LetterIncompleteError` if a required element is missing.
    """
    model = parse_model(Case, case, "case")
    day = parse_as_of(as_of)
    m = parse_maalform(maalform)
    if format not in ("text", "html"):
        raise argument_error("format", "text or html")
    if pupil_name is not None and (
        not isinstance(pupil_name, str) or not 0 < len(pupil_name) <= 200
    ):
        raise argument_error("pupil_name", "a name of 1 to 200 characters")
    if not isinstance(exempt_from_public_access, bool):
        raise argument_error("exempt_from_public_access", "true or false")
    given_plans: tuple[ActivityPlan, ...] = _parse_all(plans, ActivityPlan, "plans")
    sent: tuple[SentLetter, ...] = _parse_all(letters, SentLetter, "letters")
    opts = parse_options(options)
    chosen = pick_routine(routine, opts)
    plan = agenda(model, day, maalform=m, routine=chosen, options=opts)
    report = audit(model, day, maalform=m, routine=chosen, options=opts)
    points = anchors(model, day)
    heightened = Timeline(model, day, points).heightened
    first = points["concern"][0][1] if points["concern"] else day
    regime = regime_for(first)
    staff = sorted(points["staff_violation"] + points["leadership_violation"], key=lambda p: p[1])
    heightened_regime = regime_for(staff[0][1]).id if staff else regime.id
    # The acts the file cites: where a case spans 1 August 2024, each is named with its year.
    cited_refs = tuple({r.id: r for i in plan.items for r in i.legal_basis}.values())
    regimes = sorted(
        {regime.id, *(i.regime for i in plan.items if i.legal_basis)},
        key=lambda r: next(x.valid_from for x in law().regimes if x.id == r),
    )
    dated = len(regimes) > 1 or with_years(cited_refs) != cited_refs
    acts = " og ".join(act_name(r, m, dated) for r in regimes)
    data = dossier_data()
    labels = agenda_data().indicators
    summaries = tuple(
        DossierPlan(
            plan_id=p.plan_id,
            plan_date=p.plan_date,
            measures=len(p.measures or ()),
            revision_of=p.revision_of,
        )
        for p in sorted(given_plans, key=lambda p: p.plan_date)
    )
    by_breach = {(i.deadline.breach_code, i.deadline.due): i.code for i in plan.items if i.overdue}
    events = [
        AgendaEvent(event=n, type=e.type, on=e.on)
        for n, e in sorted(enumerate(model.events), key=lambda pair: pair[1].on)
        if e.on <= day
    ]
    w = Writer(m)
    case_ref = model.case_id or model.pupil.ref
    pupil = collapse(pupil_name) if pupil_name else model.pupil.ref
    w.add("# " + w.t("subject", case=case_ref))
    w.add()
    w.add(w.t("intro", act=acts, as_of=w.day(day)))
    w.add()
    w.add("## " + w.t("facts"), require="facts")
    w.add()
    w.add("- " + w.t("case", value=case_ref), require="case reference")
    w.add("- " + w.t("pupil", value=pupil), require="pupil")
    w.add("- " + w.t("school", value=collapse(model.school.name)))
    start = events[0].on if events else day
    w.add("- " + w.t("period", start=w.day(start), end=w.day(day)), require="period")
    w.add("- " + w.t("act", value=acts))
    w.add()
    serious = {True: "serious_yes", False: "serious_no", None: "serious_unknown"}[model.serious]
    w.add(w.t(serious))
    if plan.indicators:
        found = ", ".join(getattr(labels[i], m.value) for i in plan.indicators)
        w.add()
        w.add(w.t("indicators", value=found))
    w.add()
    w.add("## " + w.t("events"), require="events")
    w.add()
    for event in events:
        label = getattr(data.events[event.type], m.value)
        w.add(f"- {mark(w.day(event.on))}: {mark(label)}")
    if not events:
        w.add(w.t("no_events"))
    sections = []
    number = 0
    listed: set[tuple[str, date]] = set()
    for code, spec in data.sections.items():
        if spec.heightened and not heightened:
            continue
        number += 1
        title = getattr(spec.titles.get(heightened_regime, spec.title), m.value)
        items = tuple(i for i in plan.items if i.code in spec.duties)
        shown = tuple(e for e in events if e.type in spec.events)
        documents = summaries if spec.plans else ()
        mail = tuple(sorted((s for s in sent if s.kind in spec.letters), key=lambda s: s.sent_on))
        matched = tuple(b for b in report.breaches if by_breach.get((b.code, b.due)) in spec.duties)
        # each missed deadline once, under the first sub-duty it belongs to
        missing = tuple(b for b in matched if (b.code, b.due) not in listed)
        listed.update((b.code, b.due) for b in missing)
        sections.append(
            DossierSection(
                code=code,
                title=title,
                items=items,
                events=shown,
                plans=documents,
                letters=mail,
                missing=missing,
            )
        )
        w.add()
        w.add(f"## {number}. {mark(title)}", require=f"section {code}")
        w.add()
        w.add(w.t("duties"))
        for item in items:
            refs = with_years(item.legal_basis, force=dated)
            cite = "; ".join(r.citation for r in refs)
            w.add(f"- {mark(item.title)} ({mark(cite)}): {item_state(w, item)}")
            for ref in refs:
                w.wanted.append((ref.citation, f"citation {ref.citation}"))
        if not items:
            w.add(w.t("no_duties"))
        w.add()
        w.add(w.t("evidence"))
        for event in shown:
            label = getattr(data.events[event.type], m.value)
            w.add(f"- {mark(w.day(event.on))}: {mark(label)}")
        if not shown:
            w.add(w.t("no_evidence"))
        if documents:
            w.add()
            w.add(w.t("plans"))
            for doc in documents:
                w.add("- " + w.t("plan", date=w.day(doc.plan_date), count=doc.measures))
        if mail:
            w.add()
            w.add(w.t("letters"))
            for letter in mail:
                kind = kind_label(letter.kind, m)
                w.add("- " + w.t("letter", kind=kind, date=w.day(letter.sent_on)))
        w.add()
        w.add(w.t("missing"))
        for breach in missing:
            source = w.t(f"source_{breach.source_kind}")
            text = keep_dates(breach.message)
            w.add(f"- {mark(text)} ({source})", require=f"breach {breach.code}")
        if not missing:
            w.add(w.t("no_missing" if len(matched) == 0 else "missing_above"))
    w.add()
    w.add(w.t("sources"))
    markup = "\n".join(w.lines) + "\n"
    subject, parts = read_markup(markup)
    require_elements(f"dossier.{m.value}", unmark(markup), w.wanted)
    marking = None
    if exempt_from_public_access:
        marking, block = exemption_marking(m, model.school.kind is SchoolKind.PRIVATE)
        blocks = (block, *layout_blocks(parts, gap_first=True))
    else:
        blocks = tuple(layout_blocks(parts))
    if format == "text":
        body = to_text(blocks)
    else:
        body, subject = to_html(blocks, m), html.escape(subject).replace(NBSP, "&nbsp;")
    cited = {r.id: r for s in sections for i in s.items for r in with_years(i.legal_basis, dated)}
    return Dossier(
        as_of=day,
        maalform=m,
        format=format,
        case_id=model.case_id,
        pupil_ref=model.pupil.ref,
        regime=regime.id,
        valid_from=regime.valid_from,
        valid_to=regime.valid_to,
        sections=tuple(sections),
        legal_basis=tuple(cited.values()),
        subject=subject,
        body=body,
        stamp=current_stamp(),
        blocks=tuple(blocks),
        school=collapse(model.school.name),
        exemption=marking,
    )
