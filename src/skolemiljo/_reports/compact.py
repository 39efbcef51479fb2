"""The compact assessment: each legal reference printed once per document (issue 26).

The default output prints every obligation's legal basis in full, so a reference cited by
five duties is printed five times: 60 % of an assessment's bytes were legal references, a
third of all bytes repeated one already printed. :class:`CompactAssessment` carries the same
data with a ``references`` table (reference id -> the reference, in this målform) and each
obligation's ``legal_basis`` as ids into it. It is opt-in and has its own schema
(``assessment-compact``): ``Assessment.to_compact()``, ``skolemiljo assess --json
--compact``, ``POST /v1/cases/assess-compact``. The default output is unchanged.

>>> from pathlib import Path
>>> from skolemiljo import assess
>>> report = assess(Path("examples/cases/teacher_harasses_pupil.json").read_text(), "2024-10-01")
>>> compact = report.to_compact()
>>> compact.format, compact.obligations[0].legal_basis
('compact', ('oppl2023/10-1',))
>>> compact.references["oppl2023/10-1"].citation
'opplæringsloven § 10-1'
>>> len(compact.model_dump_json()) < 0.8 * len(report.model_dump_json())
True
>>> type(report).from_compact(compact) == report
True
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from skolemiljo._base import FrozenModel as _Out
from skolemiljo._engine import NotApplicable, Obligation
from skolemiljo._i18n import Maalform
from skolemiljo._stamp import Stamp
from skolemiljo.findings import Notice
from skolemiljo.legal import LegalReference

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "CompactAssessment",
    "CompactNotApplicable",
    "CompactObligation",
    "compact",
    "expanded_basis",
]

_REFS = Field(description="The ids of the references in the document's `references` table.")


class CompactObligation(Obligation):
    """An :class:`~skolemiljo.Obligation` whose ``legal_basis`` names its references by id."""

    legal_basis: tuple[str, ...] = _REFS  # type: ignore[assignment]


class CompactNotApplicable(NotApplicable):
    """A :class:`~skolemiljo.NotApplicable` whose ``legal_basis`` names its references by id."""

    legal_basis: tuple[str, ...] = _REFS  # type: ignore[assignment]


class CompactAssessment(_Out):
    """An :class:`~skolemiljo.Assessment` with each legal reference printed once: the same
    fields, ``legal_basis`` as ids, and ``references`` (id -> the reference as cited in this
    målform). ``Assessment.from_compact`` gives the default form back."""

    format: Literal["compact"] = "compact"
    as_of: date
    maalform: Maalform
    engine: str
    pupil_ref: str | None = None
    obligations: tuple[CompactObligation, ...]
    not_applicable: tuple[CompactNotApplicable, ...] = ()
    notices: tuple[Notice, ...] = ()
    stamp: Stamp
    references: dict[str, LegalReference] = Field(
        description="Every legal reference the document cites, once, by id."
    )


def _fields(model: _Out) -> dict[str, Any]:
    return {name: getattr(model, name) for name in type(model).model_fields}


def expanded_basis(
    items: Sequence[CompactObligation | CompactNotApplicable], references: dict[str, LegalReference]
) -> list[dict[str, Any]]:
    """The fields of each compact item with its references in full again."""
    return [
        {**_fields(item), "legal_basis": tuple(references[i] for i in item.legal_basis)}
        for item in items
    ]


def compact(report: Any) -> CompactAssessment:
    """``report`` (an :class:`~skolemiljo.Assessment`) with each legal reference once, in a
    ``references`` table."""
    references: dict[str, LegalReference] = {}

    def ids(basis: tuple[LegalReference, ...]) -> tuple[str, ...]:
        for ref in basis:
            references.setdefault(ref.id, ref)
        return tuple(ref.id for ref in basis)

    obligations = tuple(
        CompactObligation(**{**_fields(o), "legal_basis": ids(o.legal_basis)})
        for o in report.obligations
    )
    others = tuple(
        CompactNotApplicable(**{**_fields(n), "legal_basis": ids(n.legal_basis)})
        for n in report.not_applicable
    )
    return CompactAssessment(
        as_of=report.as_of,
        maalform=report.maalform,
        engine=report.engine,
        pupil_ref=report.pupil_ref,
        obligations=obligations,
        not_applicable=others,
        notices=report.notices,
        stamp=report.stamp,
        references=references,
    )
