"""The base of models that leave the library (not public API)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

__all__ = ["FrozenModel", "OutputModel"]


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
