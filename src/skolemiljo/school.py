"""The school's duties above the single case (issue 25): a small school profile checked like a
plan. A routine past its own review date, no record of making the rules known to the pupils,
the parents or the staff this school year, and no preventive work planned for it are findings,
each with its basis, its source kind (``local``, ``guidance``, ``reading`` or ``statute``) and
as a warning, never an error (``rules/school.toml`` says why for each).

>>> from skolemiljo import check_school
>>> report = check_school({"school": {"name": "Lia skole"}, "routine": "oyer_2024"}, "2025-09-01")
>>> [(f.code, f.source_kind) for f in report.findings][::2]  # doctest: +NORMALIZE_WHITESPACE
[('routine_review_overdue', 'local'), ('rules_not_made_known', 'reading'),
 ('no_preventive_work', 'statute')]
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any, Literal

from pydantic import Field, model_validator

from ._base import FrozenModel, Titles
from ._case import parse_as_of, parse_model
from ._i18n import Maalform, format_day, parse_maalform
from ._law import clears_with_rules, load_data
from ._stamp import Stamp, current_stamp
from .case import CaseSchool
from .errors import FieldError, InputError
from .legal import LegalReference, in_maalform, reference, regime_for
from .models import Day, Text, _Model
from .routine import load_routine, shipped_routines

__all__ = ["MadeKnown", "PreventiveWork", "SchoolFinding", "SchoolProfile", "SchoolReport",
           "check_school"]  # fmt: skip

Audience = Literal["pupils", "parents", "staff"]


class MadeKnown(_Model):
    """The school made the rules on the school environment known to ``to`` on ``on`` (a
    meeting, a letter, the school's website; how is the vendor's record)."""

    to: Audience
    on: Day


class PreventiveWork(_Model):
    """Preventive work the school planned (a programme, a theme week, a survey), from
    ``starts_on`` to ``ends_on`` (open-ended when absent)."""

    description: Text = Field(repr=False)
    starts_on: Day
    ends_on: Day | None = None


class SchoolProfile(_Model):
    """What a school records about its work above the cases: the routine in use (a shipped
    routine by name, whose own review date applies, or ``routine_review_by`` given here), when
    the rules were made known, and the preventive work planned."""

    school: CaseSchool
    routine: str | None = Field(default=None, max_length=100)
    routine_review_by: Day | None = None
    routine_revised_on: Day | None = Field(
        default=None,
        description="When the routine was last revised; a revision in the year up to its review "
        "date counts. Give the next date as routine_review_by.",
    )
    rules_made_known: tuple[MadeKnown, ...] = Field(default=(), max_length=500)
    preventive_work: tuple[PreventiveWork, ...] = Field(default=(), max_length=500)


class SchoolFinding(FrozenModel):
    """One finding about the school: its code, always a ``warning``, the message in the
    målform, its basis and where it comes from (``source_kind``, ``source_note``)."""

    code: str
    severity: Literal["warning"] = "warning"
    path: str
    message: str
    legal_basis: tuple[LegalReference, ...]
    source_kind: str
    source_note: str | None


class SchoolReport(FrozenModel):
    """The school's findings on ``as_of``, for the school year that began ``school_year``."""

    as_of: date
    maalform: Maalform
    school: str
    school_year: date
    findings: tuple[SchoolFinding, ...]
    stamp: Stamp


class _Source(FrozenModel):
    """Where a finding comes from: the act (``basis``), Udir (``document``), the library's
    reading, or the routine's own text (``local``); every kind but the act says why (``note``)."""

    kind: Literal["statute", "guidance", "reading", "local"]
    basis: tuple[str, ...] = ()
    document: str | None = None
    note: Titles | None = None

    @model_validator(mode="after")
    def _said(self) -> _Source:
        if (self.kind == "statute") != bool(self.basis):
            raise ValueError("a statute finding, and only one, names its basis")
        if self.kind != "statute" and self.note is None:
            raise ValueError(f"a {self.kind} finding says why (note)")
        if self.kind == "guidance" and self.document is None:
            raise ValueError("guidance names its document")
        return self


class _Finding(FrozenModel):
    message: Titles
    sources: dict[str, _Source]
    routine: str | None = None


class _SchoolData(FrozenModel):
    labels: dict[Literal["pupils", "parents"], Titles]
    findings: dict[str, _Finding]


@clears_with_rules
@cache
def school_data() -> _SchoolData:
    """``rules/school.toml``, validated (every reference known)."""
    data = load_data("school.toml", _SchoolData)
    for finding in data.findings.values():
        for source in finding.sources.values():
            for ref in source.basis:
                reference(ref)
    return data


def _school_year(day: date) -> date:
    """The first day (1 August) of the school year ``day`` falls in."""
    return date(day.year if day.month >= 8 else day.year - 1, 8, 1)


def _finding(code: str, path: str, day: date, m: Maalform, **params: str) -> SchoolFinding:
    spec = school_data().findings[code]
    source = spec.sources[regime_for(day).id]
    refs = tuple(r for r in (reference(i) for i in source.basis) if r.covers(day))
    note = source.note
    return SchoolFinding(
        code=code,
        path=path,
        message=getattr(spec.message, m.value).format(**params),
        legal_basis=in_maalform(refs, m.value),
        source_kind=source.kind,
        source_note=getattr(note, m.value) if note is not None else None,
    )


def _review_by(profile: SchoolProfile) -> date | None:
    if profile.routine_review_by is not None or profile.routine is None:
        return profile.routine_review_by
    if profile.routine not in shipped_routines():
        raise InputError("school profile", [FieldError("routine", "unknown_routine",
                                                       "not a shipped routine")])  # fmt: skip
    return load_routine(profile.routine).routine.review_by


def check_school(
    profile: SchoolProfile | Mapping[str, Any] | str | bytes,
    as_of: date | datetime | str | None = None,
    *,
    maalform: Maalform | str = Maalform.NB,
) -> SchoolReport:
    """Check a school profile on ``as_of``: the routine's review date, the rules made known
    to each audience this school year, and preventive work for it. Every finding is a
    warning with its basis and source kind. Raises :class:`~skolemiljo.InputError` naming the
    field."""
    model = parse_model(SchoolProfile, profile, "school profile")
    day = parse_as_of(as_of)
    m = parse_maalform(maalform)
    year = _school_year(day)
    found: list[SchoolFinding] = []
    due = _review_by(model)
    revised = model.routine_revised_on
    # a revision in the year up to the date counts (Øyer revises each June, before the 23rd);
    # the routine's next date after it is the profile's routine_review_by
    if due is not None and day > due and not (revised and revised >= due - timedelta(days=365)):
        found.append(_finding("routine_review_overdue", "routine", day, m, date=format_day(due, m)))
    labels = school_data().labels

    def told(audience: str) -> bool:
        return any(k.to == audience and year <= k.on <= day for k in model.rules_made_known)

    for audience in ("pupils", "parents"):
        if not told(audience):
            found.append(_finding("rules_not_made_known", "rules_made_known", day, m,
                                  audience=getattr(labels[audience], m.value)))  # fmt: skip
    staff_routine = school_data().findings["rules_not_made_known_to_staff"].routine
    if model.routine == staff_routine and not told("staff"):
        found.append(_finding("rules_not_made_known_to_staff", "rules_made_known", day, m))
    next_year = date(year.year + 1, 7, 31)
    if not any(w.starts_on <= next_year and (w.ends_on or date.max) >= year
               for w in model.preventive_work):  # fmt: skip
        found.append(_finding("no_preventive_work", "preventive_work", day, m))
    return SchoolReport(
        as_of=day,
        maalform=m,
        school=model.school.name,
        school_year=year,
        findings=tuple(found),
        stamp=current_stamp(),
    )
