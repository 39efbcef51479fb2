"""Validation of activity plans (aktivitetsplan) before they are saved.

Opplæringslova § 12-4 tredje ledd (from 1 August 2024) and § 9 A-4 sjette ledd (1 August 2017 to
31 July 2024) require a written plan that states a) the problem, b) the measures, c) when,
d) who carries them out and e) when they are evaluated; the default profile also requires
f) the assessment of the pupil's best interests (§ 10-1).

>>> import json
>>> from pathlib import Path
>>> report = validate_plan(Path("examples/plan.json").read_text())
>>> report.valid
True
>>> broken = json.loads(Path("examples/plan.json").read_text())
>>> del broken["measures"][0]["carried_out_by"]
>>> report = validate_plan(broken, maalform="nn")
>>> [(f.code, f.item, f.path) for f in report.errors]
[('plan_measure_carried_out_by_missing', 'd', 'measures.0.carried_out_by')]
>>> report.errors[0].message
'Tiltak 1 manglar kven som skal gjennomføre det (punkt d).'
>>> report.errors[0].legal_basis[0].citation
'opplæringslova § 12-4 tredje ledd fjerde strekpunkt'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from skolemiljo._law import clears_with_rules, load_data

from ._base import FrozenModel as _Data
from ._base import Titles
from ._case import argument_error, parse_model
from ._i18n import Maalform, message, parse_maalform
from ._law import Source
from ._plan_checks import (
    check_best_interests,
    check_evaluation,
    check_hearing,
    check_measures,
    check_revision,
    check_who,
)
from ._stamp import current_stamp
from .errors import FieldError, InputError, RuleDataError
from .findings import Finding, Item, Profile, Severity, ValidationReport
from .legal import LegalReference, PerRegime, Regime, RegimeId, in_maalform, reference, regime_for
from .models import ActivityPlan, BestInterests, Consideration, Measure

__all__ = ["ValidationOptions", "plan_finding_codes", "validate_plan"]


class ValidationOptions(BaseModel):
    """Thresholds for the warnings that go beyond the letter of the law.

    ``evaluation_horizon_days``: warn when a measure is evaluated later than this after it
    starts (default 42 days, six weeks: Udir and the inspectorates expect close follow-up).
    ``min_problem_words``: warn when item a has fewer words than this.
    ``segregation_days``: warn when a measure takes the pupil out of the class group for
    longer than this (default 14 days; Udir says "over lengre perioder", a reading).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    evaluation_horizon_days: int = Field(default=42, ge=1, le=366)
    min_problem_words: int = Field(default=5, ge=0, le=100)
    segregation_days: int = Field(default=14, ge=1, le=366)


_DEFAULT_OPTIONS = ValidationOptions()

# ----------------------------------------------------------------------------- rule data ------


class _ItemData(_Data):
    statutory: bool
    source: Source
    basis: PerRegime[tuple[str, ...]]
    regime_variants: tuple[RegimeId, ...] = ()


class _FindingData(_Data):
    severity: Severity
    severity_in: dict[Profile, Severity] = Field(default_factory=dict)
    item: Item | None = None
    summary: str
    basis: PerRegime[tuple[str, ...]] | None = None
    source: Source | None = None
    regime_variants: tuple[RegimeId, ...] = ()


class _TextList(_Data):
    exact: tuple[str, ...]
    patterns: tuple[str, ...] = ()


class _PlanData(_Data):
    items: dict[Item, _ItemData]
    findings: dict[str, _FindingData]
    placeholders: _TextList
    unspecific_roles: _TextList
    considerations: dict[Consideration, Titles]


@dataclass(frozen=True)
class _Rules:
    data: _PlanData
    placeholder_re: re.Pattern[str]
    unspecific_roles: frozenset[str]

    def basis(self, code: str, regime: RegimeId) -> tuple[LegalReference, ...]:
        spec = self.data.findings[code]
        source = spec.basis if spec.basis is not None else self.data.items[spec.item or "a"].basis
        return tuple(reference(ref_id) for ref_id in source[regime])


@clears_with_rules
@cache
def _rules() -> _Rules:
    data = load_data("plan.toml", _PlanData)
    missing = set(get_args(Consideration)) - set(data.considerations)
    if missing:
        raise RuleDataError(f"rules/plan.toml: considerations: no labels for {sorted(missing)}")
    for code, spec in data.findings.items():
        if spec.basis is None and spec.item is None and code != "plan_text_placeholder":
            raise RuleDataError(f"rules/plan.toml: findings.{code}: needs an item or a basis")
        if spec.source is None and spec.item is None and code != "plan_text_placeholder":
            raise RuleDataError(f"rules/plan.toml: findings.{code}: needs an item or a source")
        for regime_refs in (spec.basis or {}).values():
            for ref_id in regime_refs:
                reference(ref_id)
    for item in data.items.values():
        for regime_refs in item.basis.values():
            for ref_id in regime_refs:
                reference(ref_id)
    # One regular expression for all placeholders: exact texts match with any run of white
    # space where they have a space; patterns as written. Matched on stripped, casefolded text.
    exact = [r"\s+".join(map(re.escape, _fold(text).split())) for text in data.placeholders.exact]
    pattern = "|".join(f"(?:{p})" for p in (*exact, *data.placeholders.patterns))
    return _Rules(
        data=data,
        placeholder_re=re.compile(rf"\s*(?:{pattern})\s*", re.IGNORECASE),
        unspecific_roles=frozenset(_fold(text) for text in data.unspecific_roles.exact),
    )


def plan_finding_codes() -> dict[str, str]:
    """Every plan finding code with its English summary (the public contract).

    >>> "plan_problem_missing" in plan_finding_codes()
    True
    """
    return {code: spec.summary for code, spec in _rules().data.findings.items()}


def item_label_id(item: Item, regime: RegimeId) -> str:
    """The catalog id of a plan item's label under ``regime`` (``rules/plan.toml``'s
    ``regime_variants``: the 1998 act worded item d differently)."""
    variants = _rules().data.items[item].regime_variants
    return f"plan_item_{item}@{regime}" if regime in variants else f"plan_item_{item}"


def considerations() -> dict[Consideration, Titles]:
    """The considerations of a best-interests assessment with their labels (nb, nn)."""
    return dict(_rules().data.considerations)


def item_style(item: Item, regime: RegimeId) -> str | None:
    """How the act lists a statutory plan item under ``regime`` (``letter``, ``dash``), from the
    style of its reference in ``rules/law.toml``; ``None`` for an item the act does not list."""
    spec = _rules().data.items[item]
    if not spec.statutory:
        return None
    return next((reference(r).item_style for r in spec.basis[regime]), None)


def plan_message_ids() -> tuple[str, ...]:
    """Every catalog message id the plan validator may use (codes, variants, item labels)."""
    data = _rules().data
    ids: list[str] = []
    for code, spec in data.findings.items():
        ids.append(code)
        ids.extend(f"{code}@{regime}" for regime in spec.regime_variants)
    for letter, item in data.items.items():
        ids.append(f"plan_item_{letter}")
        ids.extend(f"plan_item_{letter}@{regime}" for regime in item.regime_variants)
    return tuple(ids)


# ------------------------------------------------------------------------------ checking ------


def _fold(text: str) -> str:
    """Casefold and collapse every run of white space (tabs, newlines, NBSP) to one space.

    >>> _fold("  Alle\u00a0 ANSATTE\t")
    'alle ansatte'
    """
    return " ".join(text.casefold().split())


def _text_state(
    text: str | None, placeholder: Callable[[str], object] | None = None
) -> Literal["missing", "placeholder", "ok"]:
    if not text or text.isspace():
        return "missing"
    if (placeholder or _rules().placeholder_re.fullmatch)(text):
        return "placeholder"
    return "ok"


class _Collector:
    def __init__(self, regime: Regime, maalform: Maalform, profile: Profile) -> None:
        self.regime = regime
        self.maalform = maalform
        self.profile = profile
        self.rules = _rules()
        self.findings: list[Finding] = []

    def _msgid(self, base: str, variants: tuple[RegimeId, ...]) -> str:
        return f"{base}@{self.regime.id}" if self.regime.id in variants else base

    def item_label(self, item: Item) -> str:
        return message(self.maalform, item_label_id(item, self.regime.id))

    def add(
        self,
        code: str,
        path: str,
        *,
        item: Item | None = None,
        measure: int | None = None,
        days: int | None = None,
    ) -> None:
        spec = self.rules.data.findings[code]
        params: dict[str, object] = {"measure": measure, "days": days}
        item = item or spec.item
        severity = spec.severity_in.get(self.profile, spec.severity)
        if item is not None:
            params.setdefault("item", item)
            params.setdefault("item_label", self.item_label(item))
        if spec.basis is None and item is not None:
            refs = self.rules.data.items[item].basis[self.regime.id]
            basis = tuple(reference(r) for r in refs)
        else:
            basis = self.rules.basis(code, self.regime.id)
        text = message(self.maalform, self._msgid(code, spec.regime_variants), **params)
        # The item's source unless the finding names its own (the loader sees one of them).
        source = spec.source or self.rules.data.items[item or "a"].source
        # model_construct: every value here is already typed and validated.
        self.findings.append(
            Finding.model_construct(
                code=code,
                severity=severity,
                item=item,
                path=path,
                legal_basis=in_maalform(basis, self.maalform.value),
                message=text,
                source_kind=source.kind,
                source_note=source.text(self.maalform.value, days=days),
                regime=self.regime.id,
                valid_from=self.regime.valid_from,
                valid_to=self.regime.valid_to,
            )
        )

    def text(
        self,
        value: str | None,
        missing_code: str,
        path: str,
        item: Item,
        measure: int | None = None,
    ) -> bool:
        state = _text_state(value, self.rules.placeholder_re.fullmatch)
        if state == "missing":
            self.add(missing_code, path, measure=measure)
        elif state == "placeholder":
            self.add("plan_text_placeholder", path, item=item)
        return state == "ok"


def _check_measure(
    plan: ActivityPlan, measure: Measure, index: int, out: _Collector, horizon: int
) -> None:
    """Items b)–e) of one measure."""
    placeholder = out.rules.placeholder_re.fullmatch
    at = "measures.%d" % index  # noqa: UP031 (cheaper than an f-string here; hot path)
    # b) kva tiltak skolen har planlagt
    state = _text_state(measure.description, placeholder)
    if state == "missing":
        out.add("plan_measure_description_missing", at + ".description", measure=index + 1)
    elif state == "placeholder":
        out.add("plan_text_placeholder", at + ".description", item="b")
    # c) når tiltaka skal gjennomførast
    if measure.starts_on is None:
        out.add("plan_measure_timing_missing", at + ".starts_on", measure=index + 1)
    elif measure.ends_on is not None and measure.ends_on < measure.starts_on:
        out.add("plan_measure_dates_out_of_order", at + ".ends_on", measure=index + 1)
    if measure.schedule is not None and _text_state(measure.schedule, placeholder) != "ok":
        out.add("plan_text_placeholder", at + ".schedule", item="c")
    rules = out.rules
    check_who(measure, at, index + 1, out.add, (placeholder, rules.unspecific_roles, _fold))
    check_evaluation(plan, measure, at, index + 1, out.add, horizon)


def _check(plan: ActivityPlan, out: _Collector, options: ValidationOptions) -> None:
    if plan.reported_on is not None and plan.plan_date < plan.reported_on:
        out.add("plan_dated_before_report", "plan_date")

    # a) kva problem tiltaka skal løyse
    if out.text(plan.problem, "plan_problem_missing", "problem", "a"):
        assert plan.problem is not None
        words = plan.problem.split(maxsplit=options.min_problem_words)
        if len(words) < options.min_problem_words:
            out.add("plan_problem_vague", "problem")

    # b)–e), per measure
    if not plan.measures:
        out.add("plan_measures_missing", "measures")
    for index, measure in enumerate(plan.measures or ()):
        _check_measure(plan, measure, index, out, options.evaluation_horizon_days)

    # the measures as the seed documents describe them (S001)
    check_measures(plan, out.add, options.segregation_days, _fold)

    # f) vurderinga av kva som er best for eleven (§ 10-1; required by the default profile)
    if isinstance(plan.best_interests, BestInterests):
        check_best_interests(plan.best_interests, len(plan.measures or ()), out.add, out.text)
    elif (
        out.text(plan.best_interests, "plan_best_interests_missing", "best_interests", "f")
        and out.profile is Profile.DEFAULT
    ):
        out.add("plan_best_interests_unstructured", "best_interests")

    # The pupil's right to be heard (§ 10-2): not a plan item, but inspectors look for it.
    check_hearing(plan, out.add)


def validate_plan(
    plan: ActivityPlan | Mapping[str, Any] | str | bytes,
    *,
    profile: Profile | str = Profile.DEFAULT,
    maalform: Maalform | str = Maalform.NB,
    options: ValidationOptions | Mapping[str, int] | None = None,
    previous: ActivityPlan | Mapping[str, Any] | str | bytes | None = None,
) -> ValidationReport:
    """Check an activity plan against the law of its date and return the findings.

    ``plan`` may be an :class:`ActivityPlan`, a mapping, or JSON text. Malformed input raises
    :class:`~skolemiljo.InputError` naming the field; a plan dated before 1 August 2017 raises
    :class:`~skolemiljo.OutOfScopeError`. Findings are in the requested målform. ``previous``:
    the version this plan revises; the revision must keep each of its measures with how it
    went (``Measure.evaluation``), and evaluate those whose evaluation date has passed.
    """
    model = parse_model(ActivityPlan, plan, "activity plan")
    m = parse_maalform(maalform)
    try:
        chosen = profile if isinstance(profile, Profile) else Profile(profile)
    except ValueError:
        raise InputError(
            "options",
            [FieldError("profile", "unknown_profile", "expected 'default' or 'statutory'")],
        ) from None
    regime = regime_for(model.plan_date, path="plan_date")
    collector = _Collector(regime, m, chosen)
    if options is None or isinstance(options, ValidationOptions):
        opts = options or _DEFAULT_OPTIONS
    elif isinstance(options, Mapping):
        opts = parse_model(ValidationOptions, options, "options")
    else:
        raise argument_error("options", "ValidationOptions or a mapping of its fields")
    _check(model, collector, opts)
    if previous is not None:
        check_revision(model, parse_model(ActivityPlan, previous, "previous plan"), collector.add)
    if not collector.findings:
        return _clean_report(chosen, m, regime.id)
    return ValidationReport.model_construct(
        profile=chosen,
        maalform=m,
        regime=regime.id,
        findings=tuple(collector.findings),
        stamp=current_stamp(),
    )


@cache
def _clean_report(profile: Profile, maalform: Maalform, regime: RegimeId) -> ValidationReport:
    """The report of a plan without findings. Reports are frozen, so one instance per
    (profile, målform, regime) serves every valid plan: the common case on every save."""
    return ValidationReport(
        profile=profile, maalform=maalform, regime=regime, findings=(), stamp=current_stamp()
    )
