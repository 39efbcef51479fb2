"""From a parsed case to its obligations, and the duties and rights that do not apply: the
one code path behind :func:`skolemiljo.assess` and the duties letters state (not public API)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from skolemiljo._case import Fact, Truth, check_scope, derive_facts
from skolemiljo._i18n import Maalform, message
from skolemiljo._law import (
    All,
    AnyOf,
    Condition,
    Not,
    Rule,
    RuleVersion,
    atoms,
    clears_with_rules,
    load_rules,
)
from skolemiljo.case import Case, SchoolKind, Setting
from skolemiljo.errors import FieldError, InputError
from skolemiljo.legal import in_maalform

from .evaluators import Engine, Status, kleene
from .making import basis_and_title, fixed_parts, made, rules_by_id
from .obligations import NotApplicable, Obligation, Unmet

__all__ = ["duties", "restated"]

_STATUS: dict[str, Status] = {"T": "applies", "U": "undetermined"}


def _trigger_date(
    condition: Condition, facts: Mapping[str, Fact], truths: Mapping[str, Truth]
) -> date | None:
    """When a true condition became true: the latest part of an 'all', the earliest true part
    of an 'any'. Negated parts carry no date."""
    if isinstance(condition, str):
        return facts[condition].since
    if isinstance(condition, Not):
        return None
    if isinstance(condition, All):
        dates = [d for p in condition.all if (d := _trigger_date(p, facts, truths))]
        return max(dates, default=None)
    assert isinstance(condition, AnyOf)
    dates = [
        d
        for p in condition.any
        if kleene(p, truths) == "T" and (d := _trigger_date(p, facts, truths))
    ]
    return min(dates, default=None)


def _triggered(
    rule: Rule,
    status: Status,
    facts: Mapping[str, Fact],
    truths: Mapping[str, Truth],
    as_of: date,
) -> date:
    """When the rule's condition became true (applies) or possibly true (undetermined)."""
    if status == "applies":
        return _trigger_date(rule.when, facts, truths) or as_of
    starts = [since for n in rule.facts if (since := facts[n].since) is not None]
    return min(starts, default=as_of)


def _judged_under(rule: Rule, triggered: date, as_of: date) -> RuleVersion:
    """The version a duty or right is judged under: a right exercised, or a continuing duty,
    rests on the act in force on ``as_of`` (the report's or letter's date); a duty with a
    start rests on the act in force when it was triggered."""
    version = (
        _version_for(rule.id, as_of)
        if _ongoing(rule)
        else _version_for(rule.id, triggered) or _version_for(rule.id, as_of)
    )
    if version is None:  # pragma: no cover - the scope check rules this out
        raise InputError("case", [FieldError("events", "no_rule_version", "no rule version")])
    return version


@clears_with_rules
@lru_cache(maxsize=8192)
def _version_for(rule_id: str, day: date) -> RuleVersion | None:
    """The version of rule ``rule_id`` in force on ``day`` (looked up once per rule and day)."""
    return rules_by_id()[rule_id].version_for(day)


@clears_with_rules
@lru_cache(maxsize=1)
def _sorted_rules() -> tuple[tuple[Rule, ...], dict[str, int]]:
    """The rules in rule-id order (the order of every result), and each rule's place."""
    ordered = tuple(sorted(load_rules(), key=lambda r: r.id))
    return ordered, {rule.id: i for i, rule in enumerate(ordered)}


def _obligation(
    rule: Rule,
    status: Status,
    facts: Mapping[str, Fact],
    as_of: date,
    m: Maalform,
    school: tuple[bool, bool],
    triggered: date,
    version: RuleVersion,
) -> Obligation:
    """The obligation of ``rule`` (triggered on ``triggered``, judged under ``version``)."""
    names = rule.facts
    wanted = "T" if status == "applies" else "U"
    relevant = [n for n in names if facts[n].truth == wanted]
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
    because = tuple((n, facts[n].since, facts[n].events) for n in relevant)
    return made(rule.id, version.valid_from, m, school, status, due, because)


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
    basis, title = basis_and_title(version, school)
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


def duties(
    case: Case,
    day: date,
    m: Maalform,
    engine: Engine,
    only: frozenset[str] | None = None,
    points: dict[str, list[tuple[int, date]]] | None = None,
    readings: frozenset[str] = frozenset(),
) -> tuple[tuple[Obligation, ...], tuple[NotApplicable, ...]]:
    """The law's obligations and the duties and rights that do not apply, for a parsed case
    at ``day`` (or, with ``only``, those of these duty codes): what :func:`assess` returns
    and letters state, made by one code path. ``points``: the case's anchors at ``day``, when
    the caller has read them already (the case is read once). ``readings``: the opt-in
    readings chosen (a rule version with ``opt_in`` applies only when its reading is here)."""
    check_scope(case, day)
    rules, order = _sorted_rules()
    facts = derive_facts(case, day, points)
    truths = {name: fact.truth for name, fact in facts.items()}
    if only is None:
        statuses = engine.evaluate(truths)
    else:  # a few rules for a letter: the reference evaluator's semantics, rule by rule
        statuses = {
            r.id: _STATUS[t]
            for r in rules
            if r.code in only and (t := kleene(r.when, truths)) != "F"
        }
    school = _school(case)
    chosen = rules if only is None else tuple(r for r in rules if r.code in only)
    since = facts["concern"].since or day
    not_applicable = [
        _not_applicable(rule.id, _on(rule, since, day), _false_facts(rule.when, truths), m, school)
        for rule in chosen
        if rule.id not in statuses
    ]
    obligations: list[Obligation] = []
    for rule in chosen:
        status = statuses.get(rule.id)
        if status is None:
            continue
        triggered = _triggered(rule, status, facts, truths, day)
        version = _judged_under(rule, triggered, day)
        if version.opt_in is not None and version.opt_in not in readings:
            # a version only an opt-in reading brings: without it the duty does not apply
            reason = (f"reading_{version.opt_in}",)
            not_applicable.append(_not_applicable(rule.id, version.valid_from, reason, m, school))
            continue
        obligations.append(_obligation(rule, status, facts, day, m, school, triggered, version))
    not_applicable.sort(key=lambda n: order[n.rule_id])
    return tuple(obligations), tuple(not_applicable)


def _ongoing(rule: Rule) -> bool:
    """A right (exercised) or a continuing duty: judged under the act in force on the
    report's date, not when it arose."""
    return rule.kind == "right" or rule.deadline.kind == "continuous"


def _on(rule: Rule, since: date, day: date) -> date:
    """The day a rule that does not apply is judged under: the report's date for a right or
    a continuing duty, else when the concern arose."""
    return day if _ongoing(rule) else since


def restated(code: str, day: date, m: Maalform, case: Case) -> dict[str, Any] | None:
    """What the duty ``code`` says under the act in force on ``day`` (its title, basis, period
    and sources): a duty done on ``day`` was done under that act, so a case file cites it
    there ("the act in force on the date of what you cite"). None when no version of the
    rule is in force that day, or only an opt-in one."""
    rule = next((r for r in load_rules() if r.code == code), None)
    version = rule.version_for(day) if rule is not None else None
    if rule is None or version is None or version.opt_in is not None:
        return None
    fixed, _ = fixed_parts(rule.id, version.valid_from, m, _school(case))
    return fixed


def _school(case: Case) -> tuple[bool, bool]:
    """(private, SFO or leksehjelp): what changes a duty's basis at this school."""
    return (
        case.school.kind is SchoolKind.PRIVATE,
        case.setting in (Setting.SFO, Setting.HOMEWORK_HELP),
    )
