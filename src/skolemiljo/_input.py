"""Turning caller input (models, mappings, JSON text) into validated models (not public API).

Every failure becomes an :class:`~skolemiljo.errors.InputError` that names the field path and a
stable code; the offending value is never echoed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import FieldError, InputError

__all__ = ["SAFE_MESSAGES", "field_errors", "parse_model"]

M = TypeVar("M", bound=BaseModel)

SAFE_MESSAGES = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown field",
    "string_pattern_mismatch": "not in the expected form",
}


_SAFE_KEY = re.compile(r"^[A-Za-z0-9_]{1,64}$")


def _segment(part: object) -> str:
    """A path segment; a key that is not a plain identifier may be personal text: mask it."""
    text = str(part)
    return text if isinstance(part, int) or _SAFE_KEY.match(text) else "<key>"


def field_errors(error: ValidationError) -> list[FieldError]:
    """Pydantic errors as :class:`FieldError` (path, code, message without input)."""
    out = []
    for item in error.errors(include_input=False, include_url=False):
        path = ".".join(_segment(part) for part in item["loc"])
        code = item["type"]
        out.append(FieldError(path, code, SAFE_MESSAGES.get(code, item["msg"])))
    return out


def parse_model(model: type[M], value: M | Mapping[str, Any] | str | bytes, what: str) -> M:
    """Validate ``value`` as ``model``; JSON text is parsed first."""
    if isinstance(value, model):
        return value
    if isinstance(value, str | bytes | bytearray):
        # pydantic's own JSON parser is faster than json.loads + model_validate; its errors
        # are mapped like any other (json_invalid at the root, no input echoed).
        try:
            return model.model_validate_json(value)
        except ValidationError as error:
            errors = field_errors(error)
            if errors and errors[0].code == "json_invalid":
                raise InputError(
                    "JSON", [FieldError("", "json_invalid", "not valid JSON")]
                ) from None
            if errors and errors[0].code == "model_type" and not errors[0].path:
                raise InputError(
                    what, [FieldError("", "object_expected", "expected a JSON object")]
                ) from None
            raise InputError(what, errors) from None
    if not isinstance(value, Mapping):
        raise InputError(what, [FieldError("", "object_expected", "expected a JSON object")])
    try:
        return model.model_validate(value)
    except ValidationError as error:
        raise InputError(what, field_errors(error)) from None
