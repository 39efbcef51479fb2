"""The case file's parts as models: the letters sent, the plans, each sub-duty's section and
the HTTP request (not public API; exported from :mod:`skolemiljo`)."""

from __future__ import annotations

from datetime import date

from pydantic import ConfigDict, Field

from skolemiljo._base import FrozenModel as _Out
from skolemiljo.case import Case
from skolemiljo.letters.models import LetterKind
from skolemiljo.models import ActivityPlan, Identifier, _Model

from .agenda_models import AgendaEvent, AgendaItem
from .auditing import Breach

__all__ = ["DossierPlan", "DossierRequest", "DossierSection", "SentLetter"]


class SentLetter(_Model):
    """A letter the school sent in the case: its kind, the date it was sent, and the school's
    own reference (never its text)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: LetterKind
    sent_on: date
    reference: Identifier | None = None


class DossierRequest(_Model):
    """The body of ``POST /v1/cases/dossier``: the case, its plans and the letters sent, and
    the pupil's name only if the file is to show it (else the reference)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    case: Case
    plans: tuple[ActivityPlan, ...] = Field(default=(), max_length=50)
    letters: tuple[SentLetter, ...] = Field(default=(), max_length=200)
    pupil_name: str | None = Field(default=None, min_length=1, max_length=200, repr=False)
    exempt_from_public_access: bool = True


class DossierPlan(_Out):
    """A plan that documents the case: its id, date, number of measures and the version it
    revises (the plan's text stays in the vendor's system)."""

    plan_id: str | None
    plan_date: date
    measures: int
    revision_of: str | None


class DossierSection(_Out):
    """One sub-duty: its duties and tasks (agenda items), the events that show what was done,
    the plans and letters that document it, and the missed deadlines (``missing``: the
    audit's breaches, each with its ``source_kind``)."""

    code: str
    title: str
    items: tuple[AgendaItem, ...]
    events: tuple[AgendaEvent, ...]
    plans: tuple[DossierPlan, ...]
    letters: tuple[SentLetter, ...]
    missing: tuple[Breach, ...]
