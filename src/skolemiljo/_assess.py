"""Which duties and rights apply to a case now: by whom, by when, on what legal basis.

:func:`assess` derives three-valued facts from the case's timeline (events dated on or before
``as_of``), evaluates the rule data (``rules/s*.toml``) on the chosen engine, and returns every
duty or right whose condition holds (``applies``) or may hold (``undetermined``, with the
missing facts named). It never answers "no duty" for lack of facts.

Each obligation is judged under the act in force on the date of the fact that triggered it:
opplæringslova 1998 kap. 9 A before 1 August 2024, opplæringslova 2023 kap. 12 from then.

>>> from pathlib import Path
>>> case = Path("examples/cases/teacher_harasses_pupil.json").read_text()
>>> report = assess(case, as_of="2024-10-01")
>>> duty = report.obligation("report_staff_violation_immediately")
>>> duty.status, duty.deadline.kind, duty.deadline.due.isoformat()
('applies', 'immediately', '2024-09-30')
>>> duty.legal_basis[0].citation, duty.legal_basis[0].verified
('opplæringsloven § 12-5', False)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from ._base import FrozenModel as _Out
from ._base import Titles
from ._engine import Engine, EngineName, Status, get_engine, kleene
from ._facts import Fact, Truth, anchors, check_scope, derive_facts
from ._i18n import Maalform, message, parse_maalform
from ._input import parse_as_of, parse_model
from ._provenance import SourceKind
from ._ruledata import (
    All,
    AnyOf,
    Condition,
    DeadlineKind,
    DutyBearer,
    Not,
    Rule,
    RuleVersion,
    atoms,
    load_rules,
)
from ._stamp import Stamp, current_stamp
from .case import Case, SchoolKind, Setting
from .errors import FieldError, InputError
from .findings import Notice, notices
from .legal import LegalReference, RegimeId, clears_with_rules, in_maalform, law, regime_for
from .routine import Routine, load_routine

__all__ = [
    "Assessment",
    "Deadline",
    "NotApplicable",
    "Obligation",
    "Reason",
    "Unmet",
    "assess",
    "duty_codes",
]


class Deadline(_Out):
    """``kind`` and, where computable, ``due``: the date by which (``immediately``: the same
    day as the trigger; ``working_days``, ``days``: a local routine's deadline in working or
    calendar days) or from which
    (``not_before``) it applies. ``source_kind``: where the deadline comes from (``statute``,
    ``guidance``, ``reading``: the library's reading of an open term, ``local``: a routine);
    ``source_note``: why, in the assessment's målform (for a reading or guidance)."""

    kind: DeadlineKind | Literal["working_days", "days"]
    due: date | None = None
    source_kind: SourceKind
    source_note: str | None = None


class Reason(_Out):
    """A fact that triggered the obligation (or, if undetermined, is unknown), with the date it
    became true and the indices of the events in ``case.events`` that show it."""

    fact: str
    on: date | None
    events: tuple[int, ...]


class Obligation(_Out):
    """A duty (plikt) or right (rett) in force for the case at ``as_of``. ``source_kind`` and
    ``source_note`` say where the duty itself comes from (its deadline says where the
    deadline does): a ``reading`` is the library's, never worded as the law's demand."""

    code: str
    rule_id: str
    kind: Literal["duty", "right"]
    status: Status
    duty_bearer: DutyBearer
    title: str
    deadline: Deadline
    legal_basis: tuple[LegalReference, ...]
    regime: RegimeId
    valid_from: date
    valid_to: date | None
    because: tuple[Reason, ...]
    missing_facts: tuple[str, ...]
    local: bool = False
    routine_reference: str | None = None
    source_kind: SourceKind
    source_note: str | None = None


class Unmet(_Out):
    """A condition of a duty or right that the case does not meet (yet): the fact, its code
    (``unmet_<fact>``) and a sentence for parents or staff in the assessment's målform."""

    fact: str
    code: str
    message: str


class NotApplicable(_Out):
    """A duty or right that does not apply to the case at ``as_of``, with the conditions that
    failed (``unmet``): parents can be shown *why not yet* (the case is not raised with the
    principal) or *why not*. Judged under the act in force when the case's concern arose."""

    code: str
    rule_id: str
    kind: Literal["duty", "right"]
    status: Literal["not_applicable"] = "not_applicable"
    duty_bearer: DutyBearer
    title: str
    legal_basis: tuple[LegalReference, ...]
    regime: RegimeId
    valid_from: date
    valid_to: date | None
    source_kind: SourceKind
    unmet: tuple[Unmet, ...]


class Assessment(_Out):
    """The result of :func:`assess`: obligations sorted by rule id, and the engine used.
    ``not_applicable``: every other duty and right, with the conditions that failed."""

    as_of: date
    maalform: Maalform
    engine: str
    obligations: tuple[Obligation, ...]
    not_applicable: tuple[NotApplicable, ...] = ()
    notices: tuple[Notice, ...] = ()
    stamp: Stamp

    def obligation(self, code: str) -> Obligation:
        """The obligation with duty code ``code`` (``KeyError`` if it does not apply)."""
        for item in self.obligations:
            if item.code == code:
                return item
        raise KeyError(code)

    def codes(self, status: Status | None = None) -> frozenset[str]:
        """The duty codes present, optionally only those with ``status``."""
        return frozenset(o.code for o in self.obligations if status in (None, o.status))

    def to_json_dict(self) -> dict[str, Any]:
        """The assessment as JSON-ready data (the CLI's ``--json`` output)."""
        return self.model_dump(mode="json")


def duty_codes() -> dict[str, str]:
    """Every duty/right code with the rule id that produces it (the public contract).

    >>> duty_codes()["report_to_principal"]
    's12_4_aktivitetsplikt/report_to_principal'
    """
    return {rule.code: rule.id for rule in load_rules()}


def _trigger_date(condition: Condition, facts: Mapping[str, Fact]) -> date | None:
    """When a true condition became true: the latest part of an 'all', the earliest true part
    of an 'any'. Negated parts carry no date."""
    if isinstance(condition, str):
        return facts[condition].since
    if isinstance(condition, Not):
        return None
    truths = {n: f.truth for n, f in facts.items()}
    if isinstance(condition, All):
        dates = [d for p in condition.all if (d := _trigger_date(p, facts))]
        return max(dates, default=None)
    assert isinstance(condition, AnyOf)
    dates = [
        d for p in condition.any if kleene(p, truths) == "T" and (d := _trigger_date(p, facts))
    ]
    return min(dates, default=None)


def _obligation(
    rule: Rule,
    status: Status,
    facts: Mapping[str, Fact],
    as_of: date,
    m: Maalform,
    school: tuple[bool, bool],
) -> Obligation:
    names = rule.facts
    wanted = "T" if status == "applies" else "U"
    relevant = [n for n in names if facts[n].truth == wanted]
    if status == "applies":
        triggered = _trigger_date(rule.when, facts) or as_of
    else:
        starts = [since for n in names if (since := facts[n].since) is not None]
        triggered = min(starts, default=as_of)
    version = rule.version_for(triggered) or rule.version_for(as_of)
    if version is None:  # pragma: no cover - the scope check rules this out
        raise InputError("case", [FieldError("events", "no_rule_version", "no rule version")])
    due: date | None = None
    if rule.deadline.kind == "immediately":
        due = triggered
    elif (
        rule.deadline.kind == "not_before"
        and rule.deadline.from_
        and rule.deadline.days is not None
    ):
        start = facts[rule.deadline.from_].since
        due = start + timedelta(days=rule.deadline.days) if start else None
    basis, title = _basis_and_title(version, school)
    return Obligation(
        code=rule.code,
        rule_id=rule.id,
        kind=rule.kind,
        status=status,
        duty_bearer=rule.duty_bearer,
        title=getattr(title, m.value),
        deadline=Deadline(
            kind=rule.deadline.kind,
            due=due,
            source_kind=version.deadline_source.kind,
            source_note=version.deadline_source.text(m.value),
        ),
        legal_basis=in_maalform(basis, m.value),
        regime=version.regime,
        valid_from=version.valid_from,
        valid_to=version.valid_to,
        because=tuple(Reason(fact=n, on=facts[n].since, events=facts[n].events) for n in relevant),
        missing_facts=tuple(relevant) if status == "undetermined" else (),
        local=False,
        source_kind=version.source.kind,
        source_note=version.source.text(m.value),
    )


def _basis_and_title(
    version: RuleVersion, school: tuple[bool, bool]
) -> tuple[tuple[LegalReference, ...], Titles]:
    """A duty's basis and title at this school: ``school`` is (private, SFO or leksehjelp).
    A private school's duties also cite privatskolelova § 2-4 (and take the private title
    where the data gives one); SFO and leksehjelp cite the chapter's scope provision."""
    private, scoped = school
    basis = version.basis
    if private:
        basis = (*basis, *law().private_school_basis)
    if scoped:
        basis = (*basis, *law().scope_basis[version.regime])
    return basis, (version.title_private or version.title) if private else version.title


def _false_facts(condition: Condition, truths: Mapping[str, Truth]) -> tuple[str, ...]:
    """The facts that make a false condition false: the false parts of an 'all', every part of
    an 'any', and the true facts under a 'not'. In order, without repeats."""
    if isinstance(condition, str):
        return (condition,) if truths[condition] == "F" else ()
    if isinstance(condition, Not):
        return tuple(f"not_{a}" for a in atoms(condition.not_) if truths[a] == "T")
    parts = condition.all if isinstance(condition, All) else condition.any
    out: dict[str, None] = {}
    for part in parts:
        if kleene(part, truths) == "F":
            out.update(dict.fromkeys(_false_facts(part, truths)))
    return tuple(out)


@clears_with_rules
@lru_cache(maxsize=1024)
def _not_applicable(
    rule_id: str, on: date, unmet: tuple[str, ...], m: Maalform, school: tuple[bool, bool]
) -> NotApplicable:
    """A rule that does not apply, judged under its version in force ``on`` (the same for every
    case with the same failed facts, so it is made once)."""
    rule = next(r for r in load_rules() if r.id == rule_id)
    version = rule.version_for(on) or rule.versions[-1]
    basis, title = _basis_and_title(version, school)
    return NotApplicable(
        code=rule.code,
        rule_id=rule.id,
        kind=rule.kind,
        duty_bearer=rule.duty_bearer,
        title=getattr(title, m.value),
        legal_basis=in_maalform(basis, m.value),
        regime=version.regime,
        valid_from=version.valid_from,
        valid_to=version.valid_to,
        source_kind=version.source.kind,
        unmet=tuple(
            Unmet(fact=fact, code=f"unmet_{fact}", message=message(m, f"unmet_{fact}"))
            for fact in unmet
        ),
    )


def _local_obligations(
    routine: Routine, case: Case, as_of: date, m: Maalform
) -> tuple[Obligation, ...]:
    """A routine's steps whose trigger has happened, as duties marked local."""
    points = anchors(case, as_of)
    out = []
    for code, step in routine.steps.items():
        if not points[step.after]:
            continue
        index, start = points[step.after][0]
        if not routine.covers(start):
            continue
        info = routine.routine
        out.append(
            Obligation(
                code=code,
                rule_id=f"{info.id}/{code}",
                kind="duty",
                status="applies",
                duty_bearer="school",
                title=getattr(step.title, m.value),
                deadline=Deadline(
                    kind="working_days"
                    if step.within_working_days is not None
                    else ("days" if step.within_days is not None else "none_stated"),
                    due=step.due(start),
                    source_kind="local",
                ),
                legal_basis=(),
                regime=regime_for(start).id,
                valid_from=info.valid_from,
                valid_to=info.valid_to,
                because=(Reason(fact=step.after, on=start, events=(index,)),),
                missing_facts=(),
                local=True,
                routine_reference=info.reference,
                source_kind="local",
            )
        )
    return tuple(out)


def duties(
    case: Case, day: date, m: Maalform, engine: Engine, only: frozenset[str] | None = None
) -> tuple[tuple[Obligation, ...], tuple[NotApplicable, ...]]:
    """The law's obligations and the duties and rights that do not apply, for a parsed case
    at ``day`` (or, with ``only``, those of these duty codes): what :func:`assess` returns
    and letters state, made by one code path."""
    check_scope(case, day)
    rules = load_rules()
    facts = derive_facts(case, day)
    truths = {name: fact.truth for name, fact in facts.items()}
    statuses = engine.evaluate(truths)
    school = (
        case.school.kind is SchoolKind.PRIVATE,
        case.setting in (Setting.SFO, Setting.HOMEWORK_HELP),
    )
    chosen = sorted((r for r in rules if only is None or r.code in only), key=lambda r: r.id)
    obligations = tuple(
        _obligation(rule, statuses[rule.id], facts, day, m, school)
        for rule in chosen
        if rule.id in statuses
    )
    since = facts["concern"].since or day
    not_applicable = tuple(
        _not_applicable(rule.id, since, _false_facts(rule.when, truths), m, school)
        for rule in chosen
        if rule.id not in statuses
    )
    return obligations, not_applicable


def assess(
    case: Case | Mapping[str, Any] | str | bytes,
    as_of: date | datetime | str | None = None,
    *,
    maalform: Maalform | str = Maalform.NB,
    engine: EngineName = "auto",
    routine: Routine | str | Path | None = None,
) -> Assessment:
    """The duties and rights in force for ``case`` at the end of ``as_of`` (default: today).

    ``engine``: ``auto`` (durable-rules where importable, with the ``[durable]`` extra; else the
    reference evaluator, without a warning), ``durable`` or ``reference``; both give the same
    result, and ``Assessment.engine`` says which ran. Raises :class:`~skolemiljo.InputError`
    for malformed input and :class:`~skolemiljo.OutOfScopeError` for kindergartens and events
    before 1 August 2017.
    ``routine`` (a shipped routine's name, a path or a :class:`~skolemiljo.routine.Routine`)
    adds its steps as duties marked ``local``, after the law's.

    ``as_of`` is a date, ``YYYY-MM-DD`` or a datetime (its date in Europe/Oslo); the default is
    today's date in Norway. Events dated after it are left out and listed in ``notices``.
    """
    model = parse_model(Case, case, "case")
    day = parse_as_of(as_of)
    m = parse_maalform(maalform)
    chosen = get_engine(engine, load_rules())
    obligations, not_applicable = duties(model, day, m, chosen)
    if routine is not None:
        chosen_routine = routine if isinstance(routine, Routine) else load_routine(routine)
        obligations += _local_obligations(chosen_routine, model, day, m)
    return Assessment(
        as_of=day,
        maalform=m,
        engine=chosen.name,
        obligations=obligations,
        not_applicable=not_applicable,
        notices=notices(model.events, day, m),
        stamp=current_stamp(),
    )


# The rule data is validated when this module is imported: a malformed rule file fails here,
# with the file and key named, not in the middle of a vendor's request.
load_rules()
