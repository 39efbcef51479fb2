"""Findings: the output of a check, with a stable code, the legal basis and a message.

Finding codes are public identifiers that vendors branch on; they are listed in
``docs/codes.md`` and never renamed.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any, Literal

from pydantic import computed_field

from ._base import OutputModel
from ._i18n import Maalform
from ._law import SourceKind
from ._stamp import Stamp
from .legal import LegalReference, RegimeId

__all__ = ["Finding", "Item", "Notice", "Profile", "Severity", "ValidationReport", "notices"]

Item = Literal["a", "b", "c", "d", "e", "f"]


class Severity(StrEnum):
    """``error`` blocks saving a plan; ``warning`` does not."""

    ERROR = "error"
    WARNING = "warning"


class Profile(StrEnum):
    """Which plan items are required.

    ``default``: a–f (f, the best-interests assessment, as municipal routines and § 10-1 ask).
    ``statutory``: a–e only, as opplæringslova § 12-4 tredje ledd lists them; a missing f is then
    a warning.
    """

    DEFAULT = "default"
    STATUTORY = "statutory"


class Finding(OutputModel):
    """One problem found, e.g. a measure without who carries it out.

    ``item`` is the plan item letter (a–f) where one applies; ``path`` the dotted field path;
    ``valid_from``/``valid_to`` the period of the regime the finding was judged under.
    ``source_kind``: where the requirement comes from (``statute``: the plan item the act
    lists; ``reading``: the library's check or default profile, with ``source_note`` saying
    why in the report's målform).
    """

    code: str
    severity: Severity
    item: Item | None
    path: str
    legal_basis: tuple[LegalReference, ...]
    message: str
    source_kind: SourceKind
    source_note: str | None
    regime: RegimeId
    valid_from: date
    valid_to: date | None


class Notice(OutputModel):
    """Something about the input the caller should check: ``events_after_as_of`` lists (in
    ``paths``) events dated after ``as_of``, which were left out (a typo in a year, or a case
    assessed as it stood on an earlier day); ``known_on_assumed`` lists violations by someone
    working at the school without ``known_on``: the heightened duty's deadlines are counted
    from the violation's date, an assumption."""

    code: Literal["events_after_as_of", "known_on_assumed"]
    paths: tuple[str, ...]
    message: str


def notices(events: tuple[Any, ...], as_of: date, maalform: Maalform) -> tuple[Notice, ...]:
    """The notices of a case's events at ``as_of``."""
    from ._i18n import message

    out: list[Notice] = []
    later = tuple(f"events.{i}.on" for i, event in enumerate(events) if event.on > as_of)
    if later:
        text = message(maalform, "events_after_as_of", count=len(later))
        out.append(Notice(code="events_after_as_of", paths=later, message=text))
    assumed = tuple(
        f"events.{i}.known_on"
        for i, event in enumerate(events)
        if event.type == "violation"
        and event.offender in ("staff", "leadership")
        and event.known_on is None
        and event.on <= as_of
    )
    if assumed:
        text = message(maalform, "known_on_assumed", count=len(assumed))
        out.append(Notice(code="known_on_assumed", paths=assumed, message=text))
    return tuple(out)


class ValidationReport(OutputModel):
    """The result of :func:`skolemiljo.validate_plan`. ``valid`` is false when any finding is an
    error."""

    profile: Profile
    maalform: Maalform
    regime: RegimeId
    findings: tuple[Finding, ...]
    stamp: Stamp

    @computed_field  # type: ignore[prop-decorator]
    @property
    def valid(self) -> bool:
        """True when no finding is an error: the plan may be saved."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings that block saving."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings that do not block saving."""
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    def to_json_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (the CLI's ``--json`` output)."""
        return self.model_dump(mode="json")
