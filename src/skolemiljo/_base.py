"""The base of models that leave the library (not public API)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

__all__ = ["OutputModel"]


class OutputModel(BaseModel):
    """Frozen, no unknown keys, and able to read its own dumps: computed fields (``valid``,
    ``citation``) are output only, so they are dropped on the way back in."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _drop_computed(cls, value: Any) -> Any:
        if isinstance(value, dict) and cls.model_computed_fields:
            return {k: v for k, v in value.items() if k not in cls.model_computed_fields}
        return value
