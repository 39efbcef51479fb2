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
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from skolemiljo._base import FrozenModel as _Out
from skolemiljo._case import (
    Timeline,
    anchors,
    argument_error,
    concerns_case_pupil,
    field_errors,
    parse_as_of,
    parse_model,
)
from skolemiljo._i18n import Maalform, parse_maalform
from skolemiljo._law import AuditOptions, with_years
from skolemiljo._layout import (
    NBSP,
    Block,
    Letterhead,
    layout_blocks,
    mark,
    read_markup,
    to_docx,
    to_html,
    to_pdf,
    to_text,
    unmark,
)
from skolemiljo._stamp import Stamp, current_stamp
from skolemiljo.case import Case, PupilHeard, SchoolKind
from skolemiljo.errors import FieldError, InputError
from skolemiljo.legal import LegalReference, Regime, RegimeId, law, regime_for
from skolemiljo.letters.check import require_elements
from skolemiljo.letters.context import collapse
from skolemiljo.letters.header import exemption_marking
from skolemiljo.letters.models import LetterExemption
from skolemiljo.letters.words import letter_words
from skolemiljo.models import ActivityPlan
from skolemiljo.parties import plan_party_errors
from skolemiljo.routine import Routine

from .agenda_items import Agenda, agenda
from .agenda_models import AgendaEvent, AgendaItem
from .agenda_tables import Indicator, agenda_data
from .auditing import AuditReport, audit, parse_options, pick_routine
from .case_file_data import dossier_data
from .case_file_models import DossierPlan, DossierRequest, DossierSection, SentLetter
from .case_file_text import Writer, act_name

__all__ = [
    "Dossier",
    "DossierPlan",
    "DossierRequest",
    "DossierSection",
    "SentLetter",
    "dossier",
]


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

    def to_pdf(self, letterhead: Letterhead | None = None, *, pdfa: str = "2a") -> bytes:
        """The case file as tagged PDF/A (``pdfa``: as for letters), like a letter's PDF."""
        page = letter_words(self.maalform).page
        return to_pdf(self, self._label(), page, letterhead, pdfa=pdfa)

    def to_docx(self, letterhead: Letterhead | None = None) -> bytes:
        """The case file as DOCX (``skolemiljo[docx]``)."""
        return to_docx(self, self._label(), letterhead, letter_words(self.maalform).page)

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


def _plans_of(case: Case, plans: tuple[ActivityPlan, ...]) -> tuple[ActivityPlan, ...]:
    """``plans``, each for a pupil of ``case`` and naming only its parties (else an
    :class:`~skolemiljo.InputError` naming ``plans.N...``)."""
    at = case.pupil.ref, case.parties
    errors = [e for i, p in enumerate(plans) for e in plan_party_errors(*at, p, ("plans", i))]
    if errors:  # mapped like every validation error: path, code, no input
        raise InputError("plans", field_errors(ValidationError.from_exception_data("", errors)))
    return plans


def _check_arguments(format: object, pupil_name: object, exempt: object) -> None:
    if format not in ("text", "html"):
        raise argument_error("format", "text or html")
    if pupil_name is not None and (
        not isinstance(pupil_name, str) or not 0 < len(pupil_name) <= 200
    ):
        raise argument_error("pupil_name", "a name of 1 to 200 characters")
    if not isinstance(exempt, bool):
        raise argument_error("exempt_from_public_access", "true or false")


def _acts(items: tuple[AgendaItem, ...], regime: str, m: Maalform) -> tuple[str, bool]:
    """The acts the file cites, in time order, and whether it names both acts of the same
    title (then each is named with its year: a case that spans 1 August 2024)."""
    cited = tuple({r.id: r for i in items for r in i.legal_basis}.values())
    regimes = sorted(
        {regime, *(i.regime for i in items if i.legal_basis)},
        key=lambda r: next(x.valid_from for x in law().regimes if x.id == r),
    )
    dated = len(regimes) > 1 or with_years(cited) != cited
    return " og ".join(act_name(r, m, dated) for r in regimes), dated


def _events(model: Case, day: date) -> list[AgendaEvent]:
    """The case's events up to ``day``, in date order (not another pupil's own finding,
    measures or plan: the file is about the case's pupil)."""
    return [
        AgendaEvent(event=n, type=e.type, on=e.on)
        for n, e in sorted(enumerate(model.events), key=lambda pair: pair[1].on)
        if e.on <= day and concerns_case_pupil(model, e)
    ]


def _summaries(plans: tuple[ActivityPlan, ...]) -> tuple[DossierPlan, ...]:
    """The plans that document the case, in date order (their text stays with the vendor)."""
    return tuple(
        DossierPlan(
            plan_id=p.plan_id,
            plan_date=p.plan_date,
            measures=len(p.measures or ()),
            revision_of=p.revision_of,
        )
        for p in sorted(plans, key=lambda p: p.plan_date)
    )


def _sent_on(letter: SentLetter) -> date:
    return letter.sent_on


def _write_head(
    w: Writer,
    model: Case,
    day: date,
    acts: str,
    pupil: str,
    events: list[AgendaEvent],
    indicators: tuple[Indicator, ...],
) -> None:
    """The subject, the facts of the case (reference, pupil, school, period, acts,
    seriousness and its indicators) and every event."""
    case_ref = model.case_id or model.pupil.ref
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
    if indicators:
        labels = agenda_data().indicators
        found = ", ".join(getattr(labels[i], w.m.value) for i in indicators)
        w.add()
        w.add(w.t("indicators", value=found))
    w.add()
    w.add("## " + w.t("events"), require="events")
    w.add()
    w.events(events, "no_events")


def _write_section(
    w: Writer, number: int, section: DossierSection, dated: bool, elsewhere: bool
) -> None:
    """One sub-duty: its duties, the events, plans and letters that show it, what is
    missing or late (``elsewhere``: its misses are listed under an earlier sub-duty)."""
    w.add()
    w.add(f"## {number}. {mark(section.title)}", require=f"section {section.code}")
    w.add()
    w.duties(section.items, dated)
    w.add()
    w.add(w.t("evidence"))
    w.events(section.events, "no_evidence")
    w.documents(section.plans, section.letters)
    w.add()
    w.missing(section.missing, elsewhere)


@dataclass(frozen=True, slots=True)
class _Sources:
    """What the sections are made from: the agenda and the audit of the case on the file's
    date, its events, the plans and the letters sent."""

    plan: Agenda
    report: AuditReport
    events: tuple[AgendaEvent, ...]
    plans: tuple[DossierPlan, ...]
    sent: tuple[SentLetter, ...]


def _sections(
    w: Writer, src: _Sources, *, heightened: bool, title_regime: str, dated: bool
) -> list[DossierSection]:
    """One section per sub-duty of ``rules/dossier.toml`` (the heightened one only where a
    staff member or the leadership is the offender, titled as the act in force then names it),
    written as it is made; each missed deadline is listed once, under the first sub-duty it
    belongs to."""
    by_breach = {
        (i.deadline.breach_code, i.deadline.due): i.code for i in src.plan.items if i.overdue
    }
    sections: list[DossierSection] = []
    listed: set[tuple[str, date]] = set()
    for code, spec in dossier_data().sections.items():
        if spec.heightened and not heightened:
            continue
        if spec.stage and not any(e.type == "statsforvaltaren_reported" for e in src.events):
            continue  # the Statsforvaltaren's stage: once the case was reported there
        title = spec.titles.get(title_regime, spec.title)
        matched = tuple(
            b for b in src.report.breaches if by_breach.get((b.code, b.due)) in spec.duties
        )
        section = DossierSection(
            code=code,
            title=getattr(title, w.m.value),
            items=tuple(i for i in src.plan.items if i.code in spec.duties),
            events=tuple(e for e in src.events if e.type in spec.events),
            plans=src.plans if spec.plans else (),
            letters=tuple(sorted((s for s in src.sent if s.kind in spec.letters), key=_sent_on)),
            missing=tuple(b for b in matched if (b.code, b.due) not in listed),
        )
        listed.update((b.code, b.due) for b in section.missing)
        sections.append(section)
        _write_section(w, len(sections), section, dated, elsewhere=bool(matched))
    return sections


def _lay_out(
    w: Writer, format: str, marking: tuple[LetterExemption, Block] | None
) -> tuple[str, str, tuple[Block, ...]]:
    """The written markup, checked for its required elements, as subject, body (text or
    HTML) and blocks, below the exemption marking when there is one."""
    markup = "\n".join(w.lines) + "\n"
    subject, parts = read_markup(markup)
    require_elements(f"dossier.{w.m.value}", unmark(markup), w.wanted)
    if marking is not None:
        blocks = (marking[1], *layout_blocks(parts, gap_first=True))
    else:
        blocks = tuple(layout_blocks(parts))
    if format == "text":
        return subject, to_text(blocks), blocks
    body, subject = to_html(blocks, w.m), html.escape(subject).replace(NBSP, "&nbsp;")
    return subject, body, blocks


def _write(
    w: Writer, model: Case, day: date, pupil: str, sources: _Sources
) -> tuple[Regime, bool, list[DossierSection]]:
    """The file's head and sections into ``w``; the regime of its first concern, whether it
    cites two acts of one title (each citation then names its year), and the sections."""
    points = anchors(model, day)
    first = points["concern"][0][1] if points["concern"] else day
    regime = regime_for(first)
    acts, dated = _acts(sources.plan.items, regime.id, w.m)
    events = _events(model, day)
    w.declined = frozenset(
        i for i, e in enumerate(model.events) if isinstance(e, PupilHeard) and e.declined
    )
    _write_head(w, model, day, acts, pupil, events, sources.plan.indicators)
    staff = sorted(points["staff_violation"] + points["leadership_violation"], key=lambda p: p[1])
    sections = _sections(
        w,
        replace(sources, events=tuple(events)),
        heightened=Timeline(model, day, points).heightened,
        title_regime=regime_for(staff[0][1]).id if staff else regime.id,
        dated=dated,
    )
    return regime, dated, sections


def _reports(
    model: Case,
    day: date,
    m: Maalform,
    routine: Routine | str | Path | None,
    options: AuditOptions | Mapping[str, Any] | None,
) -> tuple[Agenda, AuditReport]:
    """The agenda and the audit the file is made from, with the same routine and options."""
    opts = parse_options(options)
    chosen = pick_routine(routine, opts)
    plan = agenda(model, day, maalform=m, routine=chosen, options=opts)
    return plan, audit(model, day, maalform=m, routine=chosen, options=opts)


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
    _check_arguments(format, pupil_name, exempt_from_public_access)
    summaries = _summaries(_plans_of(model, _parse_all(plans, ActivityPlan, "plans")))
    sent: tuple[SentLetter, ...] = _parse_all(letters, SentLetter, "letters")
    sources = _Sources(*_reports(model, day, m, routine, options), (), summaries, sent)
    w = Writer(m)
    pupil = collapse(pupil_name) if pupil_name else model.pupil.ref
    regime, dated, sections = _write(w, model, day, pupil, sources)
    w.add()
    w.add(w.t("sources"))
    private = model.school.kind is SchoolKind.PRIVATE
    marking = exemption_marking(m, private) if exempt_from_public_access else None
    subject, body, blocks = _lay_out(w, format, marking)
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
        exemption=marking[0] if marking else None,
    )
