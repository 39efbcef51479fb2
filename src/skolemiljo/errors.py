"""The error vocabulary of skolemiljo.

Every error the library raises on purpose derives from :class:`SkolemiljoError`. Messages name
the field or the code that is wrong, never the personal text it held (pupil names, descriptions).

>>> from skolemiljo import validate_plan, InputError
>>> try:
...     validate_plan({"pupil": {"ref": "e-1"}})
... except InputError as error:
...     print(error.fields[0].path, error.fields[0].code)
school missing
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

__all__ = [
    "CatalogError",
    "EngineError",
    "ErrorCode",
    "FieldError",
    "InputError",
    "LetterError",
    "LetterIncompleteError",
    "OutOfScopeError",
    "RoutineError",
    "RuleDataError",
    "ScenarioError",
    "SkolemiljoError",
    "SkolemiljoWarning",
    "UnknownMaalformError",
    "error_codes",
]


class SkolemiljoError(Exception):
    """Base class of every error skolemiljo raises on purpose."""


class SkolemiljoWarning(UserWarning):
    """Something the caller should know, e.g. a fallback to the reference evaluator."""


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem with one input field.

    ``path`` is dotted (``measures.0.starts_on``); ``code`` is a stable snake_case identifier
    (pydantic's error type, or one of skolemiljo's own); ``message`` never echoes the input.
    """

    path: str
    code: str
    message: str


class InputError(SkolemiljoError, ValueError):
    """The input could not be read as the expected model (malformed JSON, wrong type, unknown key).

    ``fields`` lists every problem with its field path. ``str(error)`` is one line.
    """

    def __init__(self, what: str, fields: Sequence[FieldError]) -> None:
        self.what = what
        self.fields = tuple(fields)
        first = self.fields[0] if self.fields else FieldError("", "invalid", "invalid input")
        more = f" (and {len(self.fields) - 1} more)" if len(self.fields) > 1 else ""
        location = first.path or "<root>"
        super().__init__(f"invalid {what}: {location}: {first.code}: {first.message}{more}")


class OutOfScopeError(SkolemiljoError, ValueError):
    """The facts fall outside what opplæringslova kap. 12 / kap. 9 A governs.

    For example a kindergarten (barnehagelova kap. VIII applies instead) or events before
    1 August 2017, when the older enkeltvedtak-based chapter 9a applied.
    """

    def __init__(self, code: str, message: str, path: str = "") -> None:
        self.code = code
        self.path = path
        super().__init__(f"outside scope: {path + ': ' if path else ''}{code}: {message}")


class UnknownMaalformError(SkolemiljoError, LookupError):
    """The målform is not ``nb`` or ``nn`` (``no`` is refused: babel maps it to Bokmål)."""


class CatalogError(SkolemiljoError, LookupError):
    """A message catalog or a message in it is missing. There is no fallback between målformer."""


class RuleDataError(SkolemiljoError):
    """The shipped or supplied rule data is malformed (raised when the data is loaded)."""


class RoutineError(SkolemiljoError, ValueError):
    """A local routine file is malformed, unknown, or weaker than the law (names line or key)."""


class ScenarioError(SkolemiljoError, ValueError):
    """A scenario file (``skolemiljo check``) cannot be read or is not in the scenario format;
    the message names the line or the key, never a value."""


class LetterError(SkolemiljoError, ValueError):
    """A letter cannot be rendered: an unknown kind, missing input, or a bad vendor template."""

    def __init__(self, code: str, message: str, path: str = "") -> None:
        self.code = code
        self.path = path
        """The request field the error is about, where there is one (``other_party_named``)."""
        super().__init__(f"letter: {code}: {message}")


class LetterIncompleteError(LetterError):
    """The rendered letter lacks an element its kind requires (e.g. the Statsforvaltaren
    paragraph of a receipt, or item e of a plan); nothing incomplete is returned."""


class EngineError(SkolemiljoError, RuntimeError):
    """The rule engine failed or is not available; never a silent difference in results."""


class ErrorCode(NamedTuple):
    """One of skolemiljo's own error codes: where it appears and what it means."""

    raised_as: str
    meaning: str


_CODES: dict[str, ErrorCode] = {
    # InputError: FieldError.code (besides pydantic's own error types, passed through)
    "json_invalid": ErrorCode("InputError", "the input is not valid JSON"),
    "object_expected": ErrorCode("InputError", "the input is JSON, but not an object"),
    "invalid": ErrorCode("InputError", "the input is invalid (no field named)"),
    "date_invalid": ErrorCode("InputError", "as_of is not a date (YYYY-MM-DD)"),
    "unknown_profile": ErrorCode("InputError", "the profile is not 'default' or 'statutory'"),
    "unknown_routine": ErrorCode("InputError", "no shipped routine has this name (HTTP)"),
    "unknown_schema": ErrorCode("InputError", "no published JSON Schema has this name"),
    "no_rule_version": ErrorCode("InputError", "no version of a rule covers the date asked about"),
    "date_out_of_range": ErrorCode(
        "InputError", "a date (a field, or as_of) is outside 1900-01-01..2100-12-31"
    ),
    "regime_unknown": ErrorCode(
        "InputError", "a regime id that rules/law.toml does not define (reading a stored result)"
    ),
    "party_unknown": ErrorCode(
        "InputError", "a party reference the case does not list (an event's, a letter's)"
    ),
    "party_kind": ErrorCode(
        "InputError", "a party of the wrong kind (a pupil heard who is staff, and so on)"
    ),
    "party_repeated": ErrorCode("InputError", "two parties of a case have one reference"),
    "party_pupil_not_exposed": ErrorCode(
        "InputError", "the case's own pupil is listed among the parties without the role exposed"
    ),
    "role_repeated": ErrorCode("InputError", "a party's role is listed twice"),
    "before_statsforvaltaren": ErrorCode(
        "InputError",
        "an event of the Statsforvaltaren's stage before the case was reported to it",
    ),
    "appeal_before_decision": ErrorCode(
        "InputError", "an appeal to Udir before the Statsforvaltaren's decision"
    ),
    "measures_due_missing": ErrorCode(
        "InputError", "a decision that orders measures gives no date for them"
    ),
    "measures_due_unexpected": ErrorCode(
        "InputError", "a decision that the duty was met gives a date for measures"
    ),
    "case_repeated": ErrorCode("InputError", "two cases of a roll-up have one case_id"),
    "too_many_cases": ErrorCode("InputError", "more cases than one roll-up takes (100 000)"),
    "due_before_event": ErrorCode(
        "InputError", "a due date set by the Statsforvaltaren is before its letter or decision"
    ),
    "date_order": ErrorCode(
        "InputError", "a date is before the date it must follow (a violation's known_on)"
    ),
    "logo_type": ErrorCode("InputError", "a letterhead logo that is not a PNG or JPEG image"),
    "unknown_letter_kind": ErrorCode("InputError", "no letter kind of this name (HTTP: 404)"),
    "logo_corrupt": ErrorCode("InputError", "a letterhead logo whose image data cannot be read"),
    "logo_too_large": ErrorCode(
        "InputError", "a letterhead logo over 4000 pixels a side or 4 000 000 in all"
    ),
    "text_control_character": ErrorCode(
        "InputError", "a letterhead address line with a control character"
    ),
    "org_number_invalid": ErrorCode(
        "InputError", "an organisation number whose MOD11 check digit fails (stdnum.no.orgnr)"
    ),
    "argument_type": ErrorCode(
        "InputError",
        "a keyword argument has the wrong type (routine, templates, limits, options; named)",
    ),
    # OutOfScopeError.code
    "kindergarten": ErrorCode(
        "OutOfScopeError", "kindergartens fall under barnehagelova, not opplæringslova"
    ),
    "before_2017_08_01": ErrorCode(
        "OutOfScopeError", "a date before 1 August 2017 (the older chapter 9a applied)"
    ),
    # LetterError.code
    "unknown_kind": ErrorCode("LetterError", "not one of the letter kinds"),
    "unknown_format": ErrorCode("LetterError", "the format is not 'text' or 'html'"),
    "extra_missing": ErrorCode(
        "LetterError",
        "PDF or DOCX asked for without its extra installed: skolemiljo[pdf] (WeasyPrint and "
        "the Pango library) or skolemiljo[docx] (python-docx)",
    ),
    "pdf_failed": ErrorCode(
        "LetterError", "WeasyPrint could not make the PDF (its error's type is named)"
    ),
    "input_missing": ErrorCode(
        "LetterError", "the request lacks what this kind needs (plan, meeting, evaluation)"
    ),
    "not_applicable": ErrorCode(
        "LetterError",
        "this kind does not fit the case (a closing letter before a resolved evaluation; "
        "an owner notice for a case that is neither serious nor about staff)",
    ),
    "template_folder_missing": ErrorCode("LetterError", "the templates folder does not exist"),
    "template_missing": ErrorCode(
        "LetterError", "a template for this kind is missing in one målform"
    ),
    "template_syntax": ErrorCode("LetterError", "a template is not valid jinja2 (line named)"),
    "template_error": ErrorCode(
        "LetterError",
        "a template failed while rendering (an undefined name, a sandbox violation, "
        "no '# subject' line)",
    ),
    "template_forbidden": ErrorCode(
        "LetterError",
        "a vendor template uses a construct outside the sandbox's allow-list (a call, set, "
        "macro, include, a name the letter does not provide, '*', '**', a filter not allowed; "
        "line named)",
    ),
    "docx_failed": ErrorCode("LetterError", "python-docx could not make the DOCX (its type named)"),
    "unknown_pdfa": ErrorCode("LetterError", "pdfa is not one of the PDF/A parts offered"),
    "template_law_text": ErrorCode(
        "LetterError",
        "a vendor template's own text speaks of the law (rules/letters.toml [vendor_text]: the "
        "Statsforvaltaren, a right, a duty, a deadline, a complaint, an act, '§'; line named): "
        "such statements are the library's law blocks",
    ),
    "law_block_missing": ErrorCode(
        "LetterError", "a template does not place one of its kind's law blocks ({{ law.NAME }})"
    ),
    "law_block_repeated": ErrorCode("LetterError", "a template places a law block twice"),
    "law_block_altered": ErrorCode(
        "LetterError", "a template changed a law block (a filter or text joined to it)"
    ),
    "template_timeout": ErrorCode(
        "LetterError", "a vendor template ran over TemplateLimits.max_seconds"
    ),
    "template_output_limit": ErrorCode(
        "LetterError", "a vendor template wrote over TemplateLimits.max_output_chars"
    ),
    "template_too_large": ErrorCode(
        "LetterError", "a vendor template file is over TemplateLimits.max_template_bytes"
    ),
    "letter_data": ErrorCode("LetterError", "the shipped letter data is inconsistent"),
    "other_party_named": ErrorCode(
        "LetterError",
        "the letter would name another party of the case (a pupil, a parent, an accused staff "
        "member; the request field is named, never the name); remove it or ask for redact",
    ),
    # LetterIncompleteError.code
    "incomplete": ErrorCode(
        "LetterIncompleteError", "the rendered letter lacks a required element (named)"
    ),
    "plan_incomplete": ErrorCode(
        "LetterIncompleteError", "the plan has error findings (codes named); fix it first"
    ),
    # HTTP only: items of {"errors": [...]}
    "routine_invalid": ErrorCode("HTTP 422", "a local routine is malformed or weaker than the law"),
    "engine_error": ErrorCode("HTTP 503", "the rule engine failed; nothing was guessed"),
    "body_too_large": ErrorCode("HTTP 413", "the request body is over the limit (--max-body)"),
    "not_found": ErrorCode("HTTP 404", "no such path"),
    "method_not_allowed": ErrorCode("HTTP 405", "the path does not take this method"),
    "internal_error": ErrorCode("HTTP 500", "an unforeseen failure (a bug: please report it)"),
    "error": ErrorCode("HTTP 422", "any other skolemiljo error"),
}


def error_codes(*, passed_through: bool = False) -> dict[str, ErrorCode]:
    """skolemiljo's own error codes (``FieldError.code``, ``OutOfScopeError.code``,
    ``LetterError.code`` and the HTTP ``errors[].code``) with where each appears and what it
    means. A public contract: codes are never renamed or removed, only added. Field codes may
    also be pydantic's error types (``missing``, ``extra_forbidden``,
    ``date_from_datetime_parsing``, ...), passed through: with ``passed_through=True`` they
    are listed too (after skolemiljo's own), each raised as ``InputError`` with pydantic's
    message template as its meaning, so a vendor can map every code it may see.

    >>> error_codes()["plan_incomplete"].raised_as
    'LetterIncompleteError'
    >>> error_codes(passed_through=True)["date_from_datetime_parsing"].raised_as
    'InputError'
    """
    codes = dict(_CODES)
    if passed_through:
        for kind, template in _pydantic_types():
            codes.setdefault(kind, ErrorCode("InputError", f"pydantic: {template}"))
    return codes


def _pydantic_types() -> list[tuple[str, str]]:
    """pydantic's error types and their message templates (placeholders, never input)."""
    import typing

    from pydantic_core.core_schema import ErrorType

    try:
        from pydantic_core._pydantic_core import list_all_errors

        templates = {e["type"]: e["message_template_python"] for e in list_all_errors()}
    except (ImportError, KeyError, TypeError):  # pragma: no cover - pydantic-core's private API
        templates = {}
    return [(kind, templates.get(kind, kind)) for kind in typing.get_args(ErrorType)]
