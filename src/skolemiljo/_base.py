"""The base of models that leave the library (not public API)."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from functools import cache
from typing import Annotated, Any, Generic, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["FrozenModel", "OutputModel", "Period", "Titles"]


class _Dated(Protocol):
    # A protocol, not annotations on Period: pydantic would take those for fields (first).
    @property
    def valid_from(self) -> date: ...
    @property
    def valid_to(self) -> date | None: ...


class Period:
    """A period from ``valid_from`` to ``valid_to`` (``None``: still in force); mixed into the
    models that have one (regimes, references, rule versions, routines), so that whether a day
    falls inside is decided in one place."""

    __slots__ = ()

    def covers(self: _Dated, day: date) -> bool:
        """Whether ``day`` falls within the period (both ends included)."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class FrozenModel(BaseModel):
    """Frozen and refusing unknown keys: the base of rule data and library output."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class OutputModel(FrozenModel):
    """A :class:`FrozenModel` that can read its own dumps: computed fields (``valid``,
    ``citation``) are output only, so they are dropped on the way back in."""

    @model_validator(mode="before")
    @classmethod
    def _drop_computed(cls, value: Any) -> Any:
        if isinstance(value, dict) and cls.model_computed_fields:
            return {k: v for k, v in value.items() if k not in cls.model_computed_fields}
        return value


class Titles(FrozenModel):
    """A title or a sentence of the rule data in both målformer; neither may be missing."""

    nb: Annotated[str, Field(min_length=3)]
    nn: Annotated[str, Field(min_length=3)]


M = TypeVar("M", bound=BaseModel)
K = TypeVar("K")
V = TypeVar("V")


def trusted(cls: type[M], fields: dict[str, Any]) -> M:
    """An instance of ``cls`` from values that are already valid (the library's own: rule
    data validated when it loaded, dates and indices it derived), without validating them
    again: what ``model_construct`` does, for the fields all given and in declared order, at
    a tenth of its cost (issue 26: building obligations was most of a cold ``assess``).
    ``fields`` must hold every field of ``cls``; tests compare every result with the
    validated model. The set of fields given is one set per class, shared: it holds every
    field, so nothing pydantic adds to it can change it, and a copy gets its own."""
    obj = _new(cls)
    _set_dict(obj, fields)
    _set_fields_set(obj, _all_fields(cls))
    _set_extra(obj, None)
    _set_private(obj, None)
    return obj


_new = object.__new__
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


@cache
def _all_fields(cls: type[BaseModel]) -> set[str]:
    return set(cls.model_fields)


class Remembered(Generic[K, V]):
    """What was made for an object, remembered by the object's identity while it lives here:
    the object is kept with its value, so its id cannot be reused for another; at most
    ``size`` entries, then all are forgotten at once (memory stays flat). For results the
    library shares between calls (issue 26): an obligation's JSON, what it was made from,
    and (:meth:`get_for`) what a letter of one kind states of the same duties."""

    __slots__ = ("_entries", "_size")

    def __init__(self, size: int) -> None:
        self._entries: dict[Hashable, tuple[Any, V]] = {}
        self._size = size

    def get(self, item: K) -> V | None:
        known = self._entries.get(id(item))
        return known[1] if known is not None and known[0] is item else None

    def put(self, item: K, value: V) -> V:
        return self._keep(id(item), item, value)

    def get_for(self, label: Hashable, items: tuple[object, ...]) -> V | None:
        """What was made under ``label`` for these objects together (each the same object)."""
        known = self._entries.get((label, *map(id, items)))
        if known is None or any(a is not b for a, b in zip(known[0], items, strict=True)):
            return None
        return known[1]

    def put_for(self, label: Hashable, items: tuple[object, ...], value: V) -> V:
        return self._keep((label, *map(id, items)), items, value)

    def clear(self) -> None:
        self._entries.clear()

    def _keep(self, key: Hashable, kept: object, value: V) -> V:
        if len(self._entries) >= self._size:
            self._entries.clear()
        self._entries[key] = (kept, value)
        return value
