"""Legal references, acts and dated regimes, loaded from ``rules/law.toml``.

A :class:`LegalReference` pinpoints a provision (act, section, ledd, item) and the period it is
valid for. ``verified`` says whether its wording was checked against an authoritative source;
references marked ``verified: false`` are kept that way until someone checks them on Lovdata.

>>> ref = reference("oppl2023/12-4/3/4")
>>> ref.citation
'opplæringslova § 12-4 tredje ledd fjerde strekpunkt'
>>> ref.verified, ref.valid_from.isoformat()
(True, '2024-08-01')
>>> regime_for(date(2023, 5, 2)).id
'oppl1998_ch9a'
"""

from __future__ import annotations

from datetime import date
from functools import cache, lru_cache
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    Field,
    StringConstraints,
    ValidationError,
    WithJsonSchema,
    computed_field,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ._base import OutputModel, Period
from ._law.loading import (
    clears_with_rules,
    data_error,
    load_toml,
)
from ._law.loading import rules_folder as rules_folder
from ._law.loading import use_rules_folder as use_rules_folder
from .errors import OutOfScopeError, RuleDataError

__all__ = [
    "REGIME_IDS",
    "Act",
    "LegalReference",
    "Regime",
    "RegimeId",
    "in_maalform",
    "law",
    "reference",
    "regime_for",
]


def _regime_ids() -> tuple[str, ...]:
    """The regime ids of ``rules/law.toml`` (read raw here, validated with the rest by
    :func:`law`): the set of valid ``RegimeId`` values comes from the data, not the code."""
    regimes = load_toml("law.toml").get("regimes")
    if not isinstance(regimes, dict) or not regimes:
        raise RuleDataError("rules/law.toml: regimes: no regime is defined")
    return tuple(sorted(regimes))


REGIME_IDS = _regime_ids()
"""Every regime id in ``rules/law.toml`` (``regimes``), sorted."""


def _known_regime(value: str) -> str:
    if value not in REGIME_IDS:
        raise PydanticCustomError("regime_unknown", "not a regime of rules/law.toml")
    return value


def _covers_every_regime(table: dict[str, Any]) -> dict[str, Any]:
    missing = sorted(set(REGIME_IDS) - set(table))
    if missing:
        raise ValueError(f"lacks the regime(s) {', '.join(missing)}")
    return table


RegimeId = Annotated[
    str,
    AfterValidator(_known_regime),
    WithJsonSchema({"enum": list(REGIME_IDS), "type": "string"}),
]
"""A regime id of ``rules/law.toml``; in JSON Schema an enum of them."""

T = TypeVar("T")
PerRegime = Annotated[dict[RegimeId, T], AfterValidator(_covers_every_regime)]
"""A table of the rule data keyed by regime that must cover every regime of ``law.toml``:
a gap is refused when the data loads (``RuleDataError`` naming the file and key), not found
as a ``KeyError`` in a request."""

_ORDINALS = {
    1: "første",
    2: "andre",
    3: "tredje",
    4: "fjerde",
    5: "femte",
    6: "sjette",
}
"""Ordinals used in citations; these forms are the same in Bokmål and Nynorsk."""

_Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+(/[A-Za-z0-9 _-]+)*$", max_length=80)]


class Act(OutputModel):
    """A statute, e.g. opplæringslova 2023 (LOV-2023-06-09-30)."""

    id: _Id
    title: str
    short_title: str
    short_title_nb: str = Field(description="The short title in Bokmål text.")
    lovdata_id: Annotated[
        str, StringConstraints(pattern=r"^LOV-[0-9]{4}-[0-9]{2}-[0-9]{2}(-[0-9]+)?$")
    ]
    url: str | None = None


class Regime(Period, OutputModel):
    """The body of rules that governs a school-environment case on a given date.

    ``oppl1998_ch9a``: opplæringslova 1998 kap. 9 A, 1 August 2017 to 31 July 2024.
    ``oppl2023_ch12``: opplæringslova 2023 kap. 12, from 1 August 2024.
    """

    id: RegimeId
    act: str
    chapter: str
    valid_from: date
    valid_to: date | None = None


class LegalReference(Period, OutputModel):
    """A pinpoint reference to a provision (hjemmel) with its period of validity.

    ``paragraph`` is the ledd, ``item`` a letter (``bokstav``), a dash-list position
    (``strekpunkt``) or a number (``nr.``). ``wording`` is statute text only where it was
    quoted from a source; ``verified`` is false where that wording (or the reference itself)
    is not yet confirmed.
    """

    id: _Id
    act: str = Field(description="Short title of the act, e.g. 'opplæringslova'.")
    lovdata_id: str
    section: Annotated[str, StringConstraints(pattern=r"^[0-9]+( ?[A-Z])?(-[0-9]+)?$")]
    paragraph: Annotated[int, Field(ge=1, le=6)] | None = None
    item: Annotated[str, StringConstraints(pattern=r"^([a-z]|[1-9])$")] | None = None
    item_style: Literal["letter", "dash", "number"] | None = None
    valid_from: date
    valid_to: date | None = None
    verified: bool
    wording: str | None = None
    source: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _check(self) -> LegalReference:
        if (self.item is None) != (self.item_style is None):
            raise ValueError("item and item_style go together")
        if self.item is not None and self.paragraph is None:
            raise ValueError("an item needs its paragraph (ledd)")
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError("valid_to is before valid_from")
        return self

    @computed_field  # type: ignore[prop-decorator]
    @property
    def citation(self) -> str:
        """Human-readable citation. The act's short title follows the målform of the output
        (``opplæringsloven`` in Bokmål, ``opplæringslova`` in Nynorsk: :func:`in_maalform`);
        the rest is the same in both."""
        return _citation(self.act, self.section, self.paragraph, self.item, self.item_style)


@lru_cache(maxsize=4096)
def _citation(
    act: str, section: str, paragraph: int | None, item: str | None, item_style: str | None
) -> str:
    """A citation made once for its parts (issue 26: every dump remade every citation). Keyed
    on the parts, not the reference: a copy with another act's title gets its own."""
    parts = [f"{act} § {section}"]
    if paragraph is not None:
        parts.append(f"{_ORDINALS[paragraph]} ledd")
    if item is not None:
        if item_style == "letter":
            parts.append(f"bokstav {item}")
        elif item_style == "number":
            parts.append(f"nr. {item}")
        else:
            parts.append(f"{_ORDINALS[int(item)]} strekpunkt")
    return " ".join(parts)


class _RawReference(OutputModel):
    act: _Id
    section: str
    paragraph: int | None = None
    item: str | None = None
    item_style: Literal["letter", "dash", "number"] | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    verified: bool
    wording: str | None = None
    source: str | None = None
    note: str | None = None


class _RawRegime(OutputModel):
    act: _Id
    chapter: str
    valid_from: date
    valid_to: date | None = None


class _RawActData(OutputModel):
    title: str
    short_title: str
    short_title_nb: str
    lovdata_id: str
    url: str | None = None


class _LawFile(OutputModel):
    acts: dict[str, _RawActData]
    regimes: dict[RegimeId, _RawRegime]
    private_school_basis: tuple[str, ...] = Field(min_length=1)
    scope_basis: PerRegime[tuple[str, ...]]
    rule_files: tuple[Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+\.toml$")], ...] = (
        Field(min_length=1)
    )
    references: dict[str, _RawReference]


class Law(OutputModel):
    """All acts, regimes and references the library knows, validated at load time.
    ``private_school_basis``: what makes the chapter apply to a private school (cited
    beside every duty of a case at one); ``scope_basis``: what makes it apply to SFO and
    leksehjelp, per regime (cited beside every duty of a case in that setting)."""

    acts: dict[str, Act]
    regimes: tuple[Regime, ...]
    references: dict[str, LegalReference]
    private_school_basis: tuple[LegalReference, ...]
    scope_basis: dict[RegimeId, tuple[LegalReference, ...]]
    rule_files: tuple[str, ...]


@clears_with_rules
@cache
def law() -> Law:
    """The validated contents of ``rules/law.toml`` (loaded once)."""
    try:
        raw = _LawFile.model_validate(load_toml("law.toml"))
        acts = {key: Act(id=key, **value.model_dump()) for key, value in raw.acts.items()}
        regimes = tuple(Regime(id=key, **value.model_dump()) for key, value in raw.regimes.items())
        references: dict[str, LegalReference] = {}
        for key, value in raw.references.items():
            if value.act not in acts:
                raise RuleDataError(f"rules/law.toml: references.{key}: unknown act {value.act!r}")
            act = acts[value.act]
            fields = value.model_dump(exclude={"act", "valid_from", "valid_to"})
            regime = next((r for r in regimes if r.act == value.act), None)
            valid_from = value.valid_from or (regime.valid_from if regime else None)
            if valid_from is None:
                raise RuleDataError(f"rules/law.toml: references.{key}: valid_from is missing")
            valid_to = value.valid_to or (regime.valid_to if regime else None)
            try:
                references[key] = LegalReference(
                    id=key,
                    act=act.short_title,
                    lovdata_id=act.lovdata_id,
                    valid_from=valid_from,
                    valid_to=valid_to,
                    **fields,
                )
            except ValidationError as error:
                first = error.errors()[0]
                where = ".".join(str(p) for p in first["loc"])
                raise RuleDataError(
                    f"rules/law.toml: references.{key}.{where}: {first['msg']}"
                ) from None
        private = []
        for ref_id in raw.private_school_basis:
            if ref_id not in references:
                raise RuleDataError(
                    f"rules/law.toml: private_school_basis: unknown reference {ref_id!r}"
                )
            private.append(references[ref_id])
        scope: dict[RegimeId, tuple[LegalReference, ...]] = {}
        for regime_id, ids in raw.scope_basis.items():
            unknown = [i for i in ids if i not in references]
            if unknown:
                raise RuleDataError(
                    f"rules/law.toml: scope_basis.{regime_id}: unknown reference {unknown[0]!r}"
                )
            scope[regime_id] = tuple(references[i] for i in ids)
        return Law(
            acts=acts,
            regimes=regimes,
            references=references,
            private_school_basis=tuple(private),
            scope_basis=scope,
            rule_files=raw.rule_files,
        )
    except ValidationError as error:
        raise data_error("law.toml", error) from None


@clears_with_rules
@lru_cache(maxsize=4096)
def _regime_on(day: date) -> Regime | None:
    return next((r for r in law().regimes if r.covers(day)), None)


@clears_with_rules
@cache
def _in_bokmaal(ref_id: str) -> LegalReference:
    ref = law().references[ref_id]
    act = next(a for a in law().acts.values() if a.lovdata_id == ref.lovdata_id)
    return ref.model_copy(update={"act": act.short_title_nb})


def in_maalform(refs: tuple[LegalReference, ...], maalform: str) -> tuple[LegalReference, ...]:
    """``refs`` as cited in text of ``maalform`` (``nb``: the act's Bokmål short title, as
    Språkrådet advises; ``nn``: the act's own). The statute's ``wording`` is never changed."""
    if maalform == "nn":
        return refs
    return tuple(_in_bokmaal(ref.id) for ref in refs)


def reference(ref_id: str) -> LegalReference:
    """The reference with id ``ref_id`` (``RuleDataError`` when unknown)."""
    try:
        return law().references[ref_id]
    except KeyError:
        raise RuleDataError(f"unknown legal reference {ref_id!r}") from None


def regime_for(day: date, *, path: str = "") -> Regime:
    """The regime in force on ``day``; :class:`OutOfScopeError` before 1 August 2017."""
    regime = _regime_on(day)
    if regime is not None:
        return regime
    raise OutOfScopeError(
        "before_2017_08_01",
        "events before 1 August 2017 fall under the older chapter 9a, which is not modelled",
        path,
    )
