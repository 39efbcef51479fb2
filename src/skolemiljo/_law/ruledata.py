"""Loading the duty rules from ``rules/s*.toml`` (not public API; see :func:`skolemiljo.rules`).

One file per provision. Each rule names the duty code it produces, the duty-bearer, a condition
over the facts in :data:`FACTS`, a deadline kind, and dated versions (one per regime) with the
legal basis and the title in both målformer. Malformed data raises
:class:`~skolemiljo.errors.RuleDataError` naming the file and key.
"""

from __future__ import annotations

import itertools
from datetime import date
from functools import cache
from typing import Annotated, Literal, Union

from pydantic import ConfigDict, Field, ValidationError, model_validator

from skolemiljo._base import FrozenModel, Period, Titles
from skolemiljo._case import Anchor
from skolemiljo.errors import RuleDataError
from skolemiljo.legal import LegalReference, PerRegime, RegimeId, law, reference

from .loading import clears_with_rules, data_error, load_data, load_toml
from .provenance import Source
from .readings import OptInReading

__all__ = [
    "FACTS",
    "All",
    "AnyOf",
    "AuditData",
    "BreachSpec",
    "Condition",
    "DeadlineKind",
    "DeadlineSpec",
    "DutyBearer",
    "Not",
    "Reading",
    "Rule",
    "RuleVersion",
    "atoms",
    "audit_data",
    "load_rules",
]

FACTS: dict[str, str] = {
    "concern": "Someone at the school has suspicion or knowledge that the pupil is not safe: "
    "an observation, a report, a violation, or the pupil's own word "
    "(mistanke om eller kjennskap til).",
    "concern_for_principal": "A concern that goes to the principal: any concern except a "
    "violation by someone in the school's leadership, which is reported directly to the school "
    "owner instead (Udir's rundskriv, 2024, punkt 6); unknown when a case with such a violation "
    "also holds other concerns, which may be about it.",
    "pupil_says_unsafe": "The pupil has said they do not feel safe (eleven seier sjølv).",
    "violation": "A violation (krenking) is recorded, of any kind or seriousness.",
    "serious_case": "The case is serious (alvorleg tilfelle); unknown until assessed.",
    "offender_staff": "Someone working at the school, outside the leadership, violated the pupil; "
    "unknown when an offender is unknown.",
    "offender_leadership": "Someone in the school's leadership violated the pupil; unknown when "
    "an offender is unknown.",
    "raised_with_principal": "The pupil or the parents raised the case with the principal "
    "personally (teken opp med rektor).",
    "attends_school_now": "The pupil attends this school now; unknown when not recorded.",
    "found_unsafe": "An investigation showed the pupil does not have a safe and good "
    "environment; unknown while an investigation is pending.",
    "measures_started": "Measures (tiltak) have been put in place.",
}
"""The facts rule conditions may name, each three-valued: true, false or unknown."""

FactName = Literal[
    "concern",
    "concern_for_principal",
    "pupil_says_unsafe",
    "violation",
    "serious_case",
    "offender_staff",
    "offender_leadership",
    "raised_with_principal",
    "attends_school_now",
    "found_unsafe",
    "measures_started",
]

DeadlineKind = Literal[
    "immediately", "as_soon_as_possible", "continuous", "not_before", "none_stated"
]
"""``immediately`` (straks: the same day), ``as_soon_as_possible`` (snarast: no fixed date),
``continuous`` (an ongoing duty), ``not_before`` (a right available from ``due``),
``none_stated`` (the statute sets no time)."""

DutyBearer = Literal[
    "everyone_at_school", "principal", "school", "school_owner", "pupil_or_parents"
]
"""Who carries the duty (or holds the right): alle som arbeider på skolen, rektor, skolen,
the school owner (kommunen/fylkeskommunen, or a private school's owner), the pupil or parents."""


class _Data(FrozenModel):
    model_config = ConfigDict(populate_by_name=True)  # merged with FrozenModel's config


class All(_Data):
    """True when every part is true; ``all = []`` is always true."""

    all: tuple[Condition, ...]


class AnyOf(_Data):
    """True when at least one part is true."""

    any: tuple[Condition, ...] = Field(min_length=1)


class Not(_Data):
    """True when the part is false."""

    not_: Condition = Field(alias="not")


Condition = Union[FactName, All, AnyOf, Not]  # noqa: UP007 (recursive alias needs Union)
All.model_rebuild()
AnyOf.model_rebuild()
Not.model_rebuild()


def atoms(condition: Condition) -> tuple[str, ...]:
    """The fact names a condition mentions, in order, without repeats."""
    if isinstance(condition, str):
        return (condition,)
    parts: tuple[Condition, ...]
    if isinstance(condition, All):
        parts = condition.all
    elif isinstance(condition, AnyOf):
        parts = condition.any
    else:
        parts = (condition.not_,)
    seen: dict[str, None] = {}
    for part in parts:
        for name in atoms(part):
            seen[name] = None
    return tuple(seen)


class DeadlineSpec(_Data):
    """How the deadline is computed: ``not_before`` counts ``days`` from fact ``from``."""

    kind: DeadlineKind
    from_: FactName | None = Field(default=None, alias="from")
    days: Annotated[int, Field(ge=0, le=366)] | None = None

    @model_validator(mode="after")
    def _check(self) -> DeadlineSpec:
        if (self.kind == "not_before") != (self.from_ is not None and self.days is not None):
            raise ValueError("'from' and 'days' go with kind 'not_before', and only with it")
        return self


class _RawVersion(_Data):
    regime: RegimeId
    valid_from: date | None = Field(
        default=None, description="An amendment's start, inside the regime (default: its start)."
    )
    valid_to: date | None = Field(
        default=None, description="The last day, inside the regime (default: the regime's end)."
    )
    basis: tuple[str, ...] = Field(min_length=1)
    source: Source = Field(description="Where the duty or right itself comes from.")
    deadline_source: Source = Field(description="Where its deadline kind comes from.")
    title: Titles
    title_private: Titles | None = Field(
        default=None, description="The title at a private school, where it differs."
    )
    opt_in: OptInReading | None = Field(
        default=None,
        description="The version applies only when this reading is chosen (a reading that "
        "adds a duty the verified sources do not support); otherwise the rule does not apply "
        "in its period.",
    )


class _RawRule(_Data):
    kind: Literal["duty", "right"]
    duty_bearer: DutyBearer
    when: Condition
    deadline: DeadlineSpec
    versions: tuple[_RawVersion, ...] = Field(min_length=1)


class _RuleFile(_Data):
    rules: dict[str, _RawRule]


class RuleVersion(Period, _Data):
    """A rule as worded in one regime, with its legal basis and period of validity."""

    regime: RegimeId
    valid_from: date
    valid_to: date | None
    basis: tuple[LegalReference, ...]
    source: Source
    deadline_source: Source
    title: Titles
    title_private: Titles | None = None
    opt_in: OptInReading | None = None


class Rule(_Data):
    """One rule: the duty code it produces, when, for whom, how fast, and on what basis."""

    id: str
    unit: str
    code: str
    kind: Literal["duty", "right"]
    duty_bearer: DutyBearer
    when: Condition
    facts: tuple[str, ...] = Field(description="The facts ``when`` names, in order.")
    deadline: DeadlineSpec
    versions: tuple[RuleVersion, ...]

    def version_for(self, day: date) -> RuleVersion | None:
        """The version in force on ``day`` (None outside every version's period)."""
        return next((v for v in self.versions if v.covers(day)), None)


def _version(name: str, code: str, v: _RawVersion) -> RuleVersion:
    """One dated version: its period lies inside its regime's, and every reference it cites is
    in force for the whole of it."""
    regime = next(r for r in law().regimes if r.id == v.regime)
    where = f"rules/{name}: rules.{code}: version of {v.regime}"
    valid_from = v.valid_from or regime.valid_from
    valid_to = v.valid_to or regime.valid_to
    if valid_from < regime.valid_from or (
        regime.valid_to is not None and (valid_to is None or valid_to > regime.valid_to)
    ):
        raise RuleDataError(f"{where}: its period is not inside the regime's")
    if valid_to is not None and valid_to < valid_from:
        raise RuleDataError(f"{where}: valid_to is before valid_from")
    if v.opt_in is not None and "reading" not in (v.source.kind, v.deadline_source.kind):
        raise RuleDataError(f"{where}: an opt-in version is a reading (source or deadline_source)")
    try:
        basis = tuple(reference(ref_id) for ref_id in v.basis)
    except RuleDataError as error:
        raise RuleDataError(f"rules/{name}: rules.{code}: {error}") from None
    for ref in basis:
        if not (
            ref.valid_from <= valid_from
            and (ref.valid_to is None or (valid_to is not None and valid_to <= ref.valid_to))
        ):
            raise RuleDataError(f"{where}: {ref.id} is not in force for the whole version")
    return RuleVersion(
        regime=v.regime,
        valid_from=valid_from,
        valid_to=valid_to,
        basis=basis,
        source=v.source,
        deadline_source=v.deadline_source,
        title=v.title,
        title_private=v.title_private,
        opt_in=v.opt_in,
    )


def _load_unit(name: str) -> list[Rule]:
    try:
        raw = _RuleFile.model_validate(load_toml(name))
    except ValidationError as error:
        raise data_error(name, error) from None
    unit = name.removesuffix(".toml")
    out = []
    for code, spec in raw.rules.items():
        versions = sorted((_version(name, code, v) for v in spec.versions), key=_start)
        for before, after in itertools.pairwise(versions):
            if before.valid_to is None or before.valid_to >= after.valid_from:
                raise RuleDataError(f"rules/{name}: rules.{code}: two versions overlap")
        out.append(
            Rule(
                id=f"{unit}/{code}",
                unit=unit,
                code=code,
                kind=spec.kind,
                duty_bearer=spec.duty_bearer,
                when=spec.when,
                facts=atoms(spec.when),
                deadline=spec.deadline,
                versions=tuple(versions),
            )
        )
    return out


def _start(version: RuleVersion) -> date:
    return version.valid_from


@clears_with_rules
@cache
def load_rules() -> tuple[Rule, ...]:
    """Every rule of the files ``rules/law.toml`` lists in ``rule_files``, validated; duty codes
    are unique across files."""
    rules: list[Rule] = []
    for name in law().rule_files:
        rules.extend(_load_unit(name))
    codes = [r.code for r in rules]
    duplicates = {c for c in codes if codes.count(c) > 1}
    if duplicates:
        raise RuleDataError(f"duty codes defined twice: {sorted(duplicates)}")
    return tuple(rules)


# ----------------------------------------------------------------- audit data (audit.toml) --

Reading = Literal["same_day", "snarast", "plan", "evaluate_on", "stated"]


class BreachSpec(_Data):
    """One breach the audit looks for: after which anchors, done by which, within what."""

    after: tuple[Anchor, ...] = Field(min_length=1)
    done_by: Anchor
    deadline: Reading
    heightened: bool = False
    done_may_precede: bool = False
    due_field: Literal["due", "measures_due"] | None = Field(
        default=None,
        description="With deadline = stated: the field of the starting event that holds the "
        "date (set by the Statsforvaltaren's letter or decision, not by this library).",
    )
    basis: PerRegime[tuple[str, ...]]
    source: PerRegime[Source]


class _Heightened(_Data):
    basis: PerRegime[tuple[str, ...]]
    source: PerRegime[Source]
    opt_in: dict[RegimeId, OptInReading] = Field(
        default_factory=dict,
        description="Regimes where the heightened deadlines come only with an opt-in reading.",
    )


class AuditData(_Data):
    """``rules/audit.toml``: the breaches, and the basis of a deadline made "straks" by a staff
    or leadership offender."""

    heightened: _Heightened
    breaches: dict[str, BreachSpec]


@clears_with_rules
@cache
def audit_data() -> AuditData:
    """``rules/audit.toml``, validated, every reference known."""
    data = load_data("audit.toml", AuditData)
    tables = [("heightened.basis", data.heightened.basis)]
    tables += [(f"breaches.{code}.basis", spec.basis) for code, spec in data.breaches.items()]
    for where, table in tables:
        for refs in table.values():
            for ref_id in refs:
                try:
                    reference(ref_id)
                except RuleDataError as error:
                    raise RuleDataError(f"rules/audit.toml: {where}: {error}") from None
    return data
