"""A catalogue of measures (tiltak) as Udir's guidance describes them, for vendors to offer as
choices (``rules/measures.toml``; seed S001: Udir, «Tiltak i skolemiljøsaker»).

Nothing in the catalogue is statute: § 12-4 andre ledd requires "eigna tiltak" and leaves the
choice to the school. A plan's measure may name an entry (``catalogue_id``) or be free text.

>>> entry = next(e for e in measure_catalogue() if e.id == "separate_pupil_group")
>>> entry.level, entry.needs_consent
('group', ('pupil_wish', 'pupil', 'parents', 'other_parents'))
>>> entry.label.nn
'Ei eiga elevgruppe med medelevar eleven vel sjølv'
"""

from __future__ import annotations

from functools import cache
from typing import get_args

from pydantic import Field

from skolemiljo._law import clears_with_rules, load_data

from ._base import FrozenModel, OutputModel, Titles
from .errors import RuleDataError
from .models import ConsentKind as Consent
from .models import Level, Purpose

__all__ = [
    "CONSENTS",
    "Consent",
    "Level",
    "MeasureEntry",
    "Purpose",
    "measure_catalogue",
    "purposes",
]

CONSENTS: tuple[Consent, ...] = get_args(Consent)


class MeasureEntry(OutputModel):
    """One measure of the catalogue: its level, purposes, label and note in both målformer,
    whose consent it needs, whether it takes the pupil out of the class group, and its source."""

    id: str
    level: Level
    purposes: tuple[Purpose, ...] = Field(min_length=1)
    label: Titles
    note: Titles | None = None
    needs_consent: tuple[Consent, ...] = ()
    out_of_class: bool = False
    source: str = Field(description="The document it is described in (title and date).")


class _Entry(MeasureEntry):
    """An entry as written in ``rules/measures.toml``: its id is the table's key, and its source
    names a ``[sources]`` table."""

    id: str = ""


class _Source(FrozenModel):
    title: str = Field(min_length=10)


class _MeasureData(FrozenModel):
    purposes: dict[Purpose, Titles]
    catalogue: dict[str, _Entry] = Field(min_length=1)
    sources: dict[str, _Source]


@clears_with_rules
@cache
def _data() -> _MeasureData:
    data = load_data("measures.toml", _MeasureData)
    missing = set(get_args(Purpose)) - set(data.purposes)
    if missing:
        raise RuleDataError(f"rules/measures.toml: purposes: no labels for {sorted(missing)}")
    for key, entry in data.catalogue.items():
        if entry.source not in data.sources:
            raise RuleDataError(f"rules/measures.toml: catalogue.{key}.source: unknown source")
    return data


@clears_with_rules
@cache
def measure_catalogue() -> tuple[MeasureEntry, ...]:
    """Every measure of the catalogue, in the data's order."""
    data = _data()
    return tuple(
        MeasureEntry(
            **{**entry.model_dump(), "id": key, "source": data.sources[entry.source].title}
        )
        for key, entry in data.catalogue.items()
    )


def purposes() -> dict[Purpose, Titles]:
    """The purposes a measure may serve, with their labels in both målformer."""
    return dict(_data().purposes)


def catalogue_entry(entry_id: str) -> MeasureEntry | None:
    """The catalogue entry ``entry_id``, or None."""
    return next((e for e in measure_catalogue() if e.id == entry_id), None)
