"""The letter data: each kind's needs, references and required phrases (``rules/letters.toml``),
and the terms by regime and målform (``rules/glossary.toml``)."""

from __future__ import annotations

import re
from functools import cache
from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from skolemiljo._base import FrozenModel as _Data
from skolemiljo._base import Titles
from skolemiljo._i18n import Maalform
from skolemiljo._law import Source, clears_with_rules, load_data, load_rules, load_toml
from skolemiljo.errors import LetterError, RuleDataError
from skolemiljo.legal import RegimeId, law, reference

from .kinds import LETTER_KINDS, Addressing, LetterKind

# ----------------------------------------------------------------------------- data --------


Element = Literal["received_date", "handler", "statsforvalter_date", "meeting", "plan_items",
                  "evaluation_date", "follow_up_dates", "request_due", "attachments",
                  "decision"]  # fmt: skip
"""The dynamic elements a kind's text must hold (checked in ``check``), besides its phrases."""

Guard = Literal[
    "complete_plan", "resolved_evaluation", "serious_or_staff", "valid_follow_up", "about_acted",
    "statsforvaltaren_requested", "statsforvaltaren_decided",
]  # fmt: skip
"""When a kind may be written at all: the plan has no error finding; the evaluation found the
case resolved; the case is serious or a violation is by staff; the letter is about a pupil who
acted (``LetterRequest.about``; a kind without it is about the case's own pupil); the
Statsforvaltaren asked the school for documentation, or decided the case, on or before the
letter's date."""


class _KindSpec(_Data):
    """One letter kind in ``rules/letters.toml``."""

    needs: tuple[Literal["plan", "meeting", "evaluation", "follow_up_plan"], ...]
    guards: tuple[Guard, ...] = ()
    addressed_to: Addressing = "reader"
    elements: tuple[Element, ...] = ()
    duties: dict[str, tuple[str, ...]] = Field(
        description="Slot -> duty codes: the first that applies fills it, else the last."
    )
    optional: dict[str, tuple[str, ...]] = Field(
        default_factory=dict, description="Slot -> duty codes, filled only when one applies."
    )
    required: dict[str, Titles]


class Words(_Data):
    """A word or phrase in both målformer (a pronoun may be two letters)."""

    nb: Annotated[str, Field(min_length=1)]
    nn: Annotated[str, Field(min_length=1)]


class _Term(_Data):
    """A term: its English gloss, and its words in each regime (every regime, both målformer;
    the keys are regime ids, checked against ``rules/law.toml`` when the glossary loads)."""

    model_config = ConfigDict(extra="allow")
    en: str
    __pydantic_extra__: dict[RegimeId, Words] = Field(init=False)

    def words(self, regime: str) -> Words:
        return self.__pydantic_extra__[regime]


class Exemption(_Data):
    """The exemption from public access a letter is marked with: its basis (reference ids),
    its text (``{basis}``: the citations) and its source."""

    basis: tuple[str, ...] = Field(min_length=1)
    text: Titles
    source: Source
    private_schools: Titles = Field(
        description="What the marking's source note adds at a private school: whether the "
        "basis was checked for schools under privatskolelova."
    )


class Header(_Data):
    """The words of the header and footer the library puts on every letter."""

    reference: Titles
    date: Titles
    parents_of: Titles
    page: Titles
    statsforvaltaren: Titles


class Disclosure(_Data):
    """The neutral terms ``redact=True`` writes in place of another party's name."""

    other_pupil: Titles
    other_adult: Titles


class VendorText(_Data):
    """The patterns a vendor template's own text may not match (``[vendor_text]``): the words
    of statements that are the library's law blocks (``letters/law_blocks.py``)."""

    nb: tuple[str, ...] = Field(min_length=1)
    nn: tuple[str, ...] = Field(min_length=1)


class _LetterData(_Data):
    closings: Titles
    disclosure: Disclosure
    vendor_text: VendorText
    exemption: Exemption
    header: Header
    kind_labels: dict[LetterKind, Titles]
    letters: dict[LetterKind, _KindSpec]


class _Glossary(_Data):
    terms: dict[str, _Term]


@clears_with_rules
@cache
def _kinds() -> dict[str, _KindSpec]:
    data = _letter_data()
    if set(data.letters) != set(LETTER_KINDS):
        raise LetterError("letter_data", "rules/letters.toml must define every letter kind")
    known = {rule.code for rule in load_rules()}
    for kind, spec in data.letters.items():
        for table, slots in (("duties", spec.duties), ("optional", spec.optional)):
            for slot, codes in slots.items():
                unknown = [c for c in codes if c not in known] or ([] if codes else ["(none)"])
                if unknown:
                    raise RuleDataError(
                        f"rules/letters.toml: letters.{kind}.{table}.{slot}: "
                        f"unknown duty code {unknown[0]!r}"
                    )
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


@cache
def _required(kind: str, m: Maalform) -> tuple[tuple[str, str], ...]:
    """(phrase, name) pairs this kind must contain in this målform (``rules/letters.toml``)."""
    return tuple((getattr(p, m.value), name) for name, p in _kinds()[kind].required.items())


@clears_with_rules
@cache
def closings() -> tuple[str, ...]:
    """The closings that start a letter's signature block, in both målformer (a line of the
    template that starts with one begins the signature; ``rules/letters.toml``)."""
    closing = _letter_data().closings
    return (closing.nb, closing.nn)


@clears_with_rules
@cache
def _letter_data() -> _LetterData:
    """``rules/letters.toml``, validated, the exemption's references known."""
    data = load_data("letters.toml", _LetterData)
    if set(data.kind_labels) != set(LETTER_KINDS):
        raise RuleDataError("rules/letters.toml: kind_labels: every letter kind needs a label")
    for ref in data.exemption.basis:
        try:
            reference(ref)
        except RuleDataError as error:
            raise RuleDataError(f"rules/letters.toml: exemption.basis: {error}") from None
    return data


@clears_with_rules
@cache
def vendor_words() -> tuple[re.Pattern[str], ...]:
    """The compiled ``[vendor_text]`` patterns, both målformer (``rules/letters.toml``)."""
    text = _letter_data().vendor_text
    try:
        return tuple(re.compile(p, re.IGNORECASE) for p in (*text.nb, *text.nn))
    except re.error:
        raise RuleDataError("rules/letters.toml: vendor_text: a pattern is not a regex") from None


def exemption() -> Exemption:
    """The exemption from public access (``rules/letters.toml``)."""
    return _letter_data().exemption


def kind_guards(kind: str) -> tuple[str, ...]:
    """When a letter of ``kind`` may be written at all (``rules/letters.toml``: ``guards``)."""
    return tuple(_kinds()[kind].guards)


@clears_with_rules
@cache
def case_file_parts(m: Maalform, regime: str, heightened: bool) -> tuple[str, ...]:
    """The sub-duties a case file shows, titled in ``m`` as the act of ``regime`` names them
    (``rules/dossier.toml``'s sections, read here so that letters need not import the case
    file): what an answer to the Statsforvaltaren attaches. The heightened duty only where it
    applies; the Statsforvaltaren's own section never."""
    sections = load_toml("dossier.toml")["sections"]
    return tuple(
        str(spec.get("titles", {}).get(regime, spec["title"])[m.value])
        for spec in sections.values()
        if not spec.get("stage") and (heightened or not spec.get("heightened"))
    )
