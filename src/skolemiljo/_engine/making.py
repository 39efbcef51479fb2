"""Obligations made once: the parts of an obligation that do not depend on the case (title,
basis, period, sources per rule version, målform and kind of school) and the obligations,
deadlines and reasons themselves, in bounded caches, and their JSON written from segments
(issue 26; not public API)."""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from typing import Any

from skolemiljo._base import Remembered, Titles, trusted
from skolemiljo._i18n import Maalform
from skolemiljo._law import Rule, RuleVersion, clears_with_rules, load_rules
from skolemiljo.legal import LegalReference, in_maalform, law

from .evaluators import Status
from .obligations import Deadline, Obligation, Reason

__all__ = ["basis_and_title", "fixed_parts", "made", "obligation_json", "rules_by_id"]


@clears_with_rules
@lru_cache(maxsize=1)
def rules_by_id() -> dict[str, Rule]:
    return {rule.id: rule for rule in load_rules()}


@clears_with_rules
@lru_cache(maxsize=4096)
def made(
    rule_id: str,
    version_from: date,
    m: Maalform,
    school: tuple[bool, bool],
    status: Status,
    due: date | None,
    because: tuple[tuple[str, date | None, tuple[int, ...]], ...],
) -> Obligation:
    """An obligation: immutable, and the same for every case (and every call on one case: an
    agenda, a letter and its case file ask again) with the same version, status, due date and
    reasons, so made once (issue 26; the cache is bounded, so memory stays flat)."""
    values = dict(_template(rule_id, version_from, m, school))  # every field, in order
    values["status"] = status
    values["deadline"] = _deadline(rule_id, version_from, m, school, due)
    values["because"] = tuple(_reason(*reason) for reason in because)
    if status == "undetermined":
        values["missing_facts"] = tuple(r[0] for r in because)
    made = trusted(Obligation, values)
    _MADE_FROM.put(made, (rule_id, version_from, m, school, status, due, because))
    return made


@clears_with_rules
@lru_cache(maxsize=4096)
def _template(
    rule_id: str, version_from: date, m: Maalform, school: tuple[bool, bool]
) -> dict[str, Any]:
    """Every field of an obligation of this rule version, in declared order: the fixed ones
    filled, the case's (status, deadline, reasons, missing facts) left to fill."""
    fixed = fixed_parts(rule_id, version_from, m, school)[0]
    case = {"status": None, "deadline": None, "because": (), "missing_facts": (),
            "routine_reference": None}  # fmt: skip
    return {name: fixed[name] if name in fixed else case[name] for name in _OBLIGATION_FIELDS}


_MADE_FROM: Remembered[Obligation, tuple[Any, ...]] = Remembered(4096)
"""What each obligation made here was made from (bounded like the cache): its JSON can then
be written from its rule version's segments, made once (:func:`obligation_json`)."""


def obligation_json(item: Obligation) -> str | None:
    """``item``'s JSON, exactly as pydantic writes it, from the rule version's segments and
    the case's status, dates and reasons (issue 26: serialising a new obligation was half of
    a cold ``assess`` to JSON); None for an obligation not made here (then pydantic writes
    it). A test compares the two on every shipped case in both målformer."""
    known = _MADE_FROM.get(item)
    if known is None:
        return None
    rule_id, version_from, m, school, status, due, because = known
    head, middle, basis, tail, kind, source = _segments(rule_id, version_from, m, school)
    reasons = ",".join(
        f'{{"fact":{_string(fact)},"on":{_day(on)},"events":[{",".join(map(str, events))}]}}'
        for fact, on, events in because
    )
    missing = ",".join(_string(r[0]) for r in because) if status == "undetermined" else ""
    return (
        f'{{{head},"status":"{status}",{middle},"deadline":{{{kind},"due":{_day(due)},'
        f'{source}}},{basis},"because":[{reasons}],"missing_facts":[{missing}],{tail}}}'
    )


def _day(day: date | None) -> str:
    return f'"{day.isoformat()}"' if day is not None else "null"


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


@clears_with_rules
@lru_cache(maxsize=4096)
def _segments(
    rule_id: str, version_from: date, m: Maalform, school: tuple[bool, bool]
) -> tuple[str, str, str, str, str, str]:
    """The case-independent parts of an obligation's JSON, written by pydantic once per rule
    version, målform and kind of school: the fields before the status, between the status
    and the deadline, between the deadline and the reasons, after the missing facts; and the
    deadline's kind and sources."""
    fields = dict(_template(rule_id, version_from, m, school))
    fields["status"] = "applies"
    fields["deadline"] = _deadline(rule_id, version_from, m, school, None)
    sample = trusted(Obligation, fields)

    def part(obj: Any, names: tuple[str, ...]) -> str:
        return str(obj.model_dump_json(include=set(names)))[1:-1]

    deadline = sample.deadline
    return (
        part(sample, ("code", "rule_id", "kind")),
        part(sample, ("duty_bearer", "title")),
        part(sample, ("legal_basis", "regime", "valid_from", "valid_to")),
        part(sample, ("local", "routine_reference", "source_kind", "source_note")),
        part(deadline, ("kind",)),
        part(deadline, ("source_kind", "source_note")),
    )


_OBLIGATION_FIELDS = tuple(Obligation.model_fields)


@clears_with_rules
@lru_cache(maxsize=8192)
def _deadline(
    rule_id: str, version_from: date, m: Maalform, school: tuple[bool, bool], due: date | None
) -> Deadline:
    fixed = fixed_parts(rule_id, version_from, m, school)[1]
    values = {"kind": fixed["kind"], "due": due, "source_kind": fixed["source_kind"]}
    return trusted(Deadline, {**values, "source_note": fixed["source_note"]})


@lru_cache(maxsize=8192)
def _reason(fact: str, on: date | None, events: tuple[int, ...]) -> Reason:
    return trusted(Reason, {"fact": fact, "on": on, "events": events})


@clears_with_rules
@lru_cache(maxsize=4096)
def fixed_parts(
    rule_id: str, version_from: date, m: Maalform, school: tuple[bool, bool]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """What an obligation of this rule version says whatever the case's dates: its title,
    basis, period and sources in ``m`` at this kind of school (and its deadline's). Made once,
    not for every case; callers copy it into a new :class:`Obligation` (never mutate it)."""
    rule = rules_by_id()[rule_id]
    version = next(v for v in rule.versions if v.valid_from == version_from)
    basis, title = basis_and_title(version, school)
    fixed = {
        "code": rule.code,
        "rule_id": rule.id,
        "kind": rule.kind,
        "duty_bearer": rule.duty_bearer,
        "title": getattr(title, m.value),
        "legal_basis": in_maalform(basis, m.value),
        "regime": version.regime,
        "valid_from": version.valid_from,
        "valid_to": version.valid_to,
        "local": False,
        "source_kind": version.source.kind,
        "source_note": version.source.text(m.value),
    }
    deadline = {
        "kind": rule.deadline.kind,
        "source_kind": version.deadline_source.kind,
        "source_note": version.deadline_source.text(m.value),
    }
    return fixed, deadline


def basis_and_title(
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
