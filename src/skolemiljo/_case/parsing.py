"""Turning caller input (models, mappings, JSON text) into validated models (not public API).

Every failure becomes an :class:`~skolemiljo.errors.InputError` that names the field path and a
stable code; the offending value is never echoed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ValidationError

from skolemiljo.errors import FieldError, InputError
from skolemiljo.models import DATE_RANGE_MESSAGE, EARLIEST_DATE, LATEST_DATE

__all__ = [
    "OSLO",
    "SAFE_MESSAGES",
    "argument_error",
    "error_items",
    "field_errors",
    "oslo_today",
    "parse_as_of",
    "parse_day",
    "parse_model",
]

OSLO = ZoneInfo("Europe/Oslo")
"""Norwegian deadlines run on Norwegian dates, whatever the host's time zone."""


def oslo_today() -> date:
    """Today's date in Norway."""
    return datetime.now(OSLO).date()


def parse_as_of(as_of: object) -> date:
    """``as_of`` as a date: today in Norway when ``None``; else see :func:`parse_day`."""
    return oslo_today() if as_of is None else parse_day(as_of, "as_of")


def argument_error(name: str, expected: str) -> InputError:
    """A keyword argument of the wrong type (``argument_type``); the value is never shown."""
    return InputError(name, [FieldError(name, "argument_type", f"expected {expected}")])


_ISO_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def parse_day(value: object, name: str) -> date:
    """A date argument such as ``as_of``: a :class:`date`, an ISO ``YYYY-MM-DD`` string, or a
    :class:`datetime` (its date in Europe/Oslo; a naive datetime is read as Norwegian local
    time). Within 1900-01-01..2100-12-31 (``date_out_of_range``); anything else is
    ``date_invalid``."""
    day: date
    if isinstance(value, datetime):
        day = (value.astimezone(OSLO) if value.tzinfo is not None else value).date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, str) and _ISO_DAY.match(value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise InputError(
                name, [FieldError(name, "date_invalid", "expected YYYY-MM-DD")]
            ) from None
    else:
        raise InputError(name, [FieldError(name, "date_invalid", "expected YYYY-MM-DD")])
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise InputError(
            name,
            [FieldError(name, "date_out_of_range", DATE_RANGE_MESSAGE)],
        )
    return day


M = TypeVar("M", bound=BaseModel)

SAFE_MESSAGES = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown field",
    "string_pattern_mismatch": "not in the expected form",
    "union_tag_invalid": "unknown type",
    "union_tag_not_found": "the 'type' key is missing",
    "json_invalid": "not valid JSON",
}
"""Messages of our own for the error types whose pydantic message could carry input."""

_INPUT_CONTEXT = frozenset({"tag", "error", "input", "value"})
"""Context keys of a pydantic error that may hold (part of) the input."""


_SAFE_KEY = re.compile(r"^[A-Za-z0-9_]{1,64}$")


def _segment(part: object) -> str:
    """A path segment; a key that is not a plain identifier may be personal text: mask it."""
    text = str(part)
    return text if isinstance(part, int) or _SAFE_KEY.match(text) else "<key>"


def _message(item: Mapping[str, Any]) -> str:
    """pydantic's message where it cannot carry input, else a fixed one for its type."""
    code = str(item["type"])
    safe = SAFE_MESSAGES.get(code)
    if safe is not None:
        return safe
    message = str(item.get("msg", ""))
    context = item.get("ctx") or {}
    if code == "too_long" and isinstance(context.get("max_length"), int):
        return f"at most {context['max_length']} items"  # the limit, not what was sent
    if set(context) & _INPUT_CONTEXT:
        return "invalid value"
    if "input" in item:
        given = item["input"]
        if isinstance(given, str | int | float):
            try:
                shown = str(given)
            except ValueError:  # an int too long to print (over 4 300 digits): say nothing
                return "invalid value"
            if shown and shown in message:
                return "invalid value"
    return message


def error_items(items: list[Any], *, skip_prefix: tuple[str, ...] = ()) -> list[FieldError]:
    """Validation error dicts (pydantic's or FastAPI's) as :class:`FieldError`: the path with
    any key that is not a plain identifier masked, the type as code, and a message that never
    repeats the input. ``skip_prefix``: leading path parts to drop (``body``, ``query``)."""
    out = []
    for item in items:
        loc = list(item.get("loc", ()))
        if loc and loc[0] in skip_prefix:
            loc = loc[1:]
        code = str(item.get("type", "invalid"))
        if code == "json_invalid":
            loc = []
        out.append(FieldError(".".join(_segment(part) for part in loc), code, _message(item)))
    return out


def field_errors(error: ValidationError) -> list[FieldError]:
    """Pydantic errors as :class:`FieldError` (path, code, message without input)."""
    return error_items(list(error.errors(include_url=False)))


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
