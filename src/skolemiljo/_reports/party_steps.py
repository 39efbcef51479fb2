"""What the school does for each party of a case beyond the act's duties (not public API;
``rules/parties.toml``): hearing every pupil involved and the accused (Øyer kommune's plan,
seed 003, ``local``: only with that routine), and the follow-up after the case for the exposed
pupil, the pupils who acted and the bystanders (Læringsmiljøsenteret, seed 002, ``guidance``).

Each step becomes an agenda item for one party (``AgendaItem.party``), with no deadline: it is
done when an event of its ``done_by`` type names the party (an event that names no party, such
as ``class_informed``, does it for every party it applies to), and never overdue.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from functools import cache
from typing import Literal

from pydantic import Field, model_validator

from skolemiljo._base import FrozenModel, Titles
from skolemiljo._case import Anchor
from skolemiljo._i18n import Maalform
from skolemiljo._law import clears_with_rules, load_data
from skolemiljo.case import Case
from skolemiljo.legal import REGIME_IDS, in_maalform, reference, regime_for
from skolemiljo.routine import Routine

from .agenda_models import AgendaDeadline, AgendaEvent, AgendaItem

__all__ = ["PartyStep", "party_item", "party_steps", "steps_for_parties"]


class _StepSource(FrozenModel):
    """Where a party step comes from: the ``statute`` (its ``basis``), Udir's or
    Læringsmiljøsenteret's ``guidance`` (its document and what it says), or a ``local``
    routine (only when that routine is chosen)."""

    kind: Literal["statute", "guidance", "local"]
    note: Titles | None = None
    document: str | None = Field(default=None, min_length=10)
    routine: str | None = None
    basis: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _named(self) -> _StepSource:
        if self.kind == "guidance" and (self.document is None or self.note is None):
            raise ValueError("guidance needs its document and what it says (note)")
        if self.kind == "local" and (self.routine is None or self.note is None):
            raise ValueError("a local step names its routine and quotes it (note)")
        if self.kind == "statute" and not self.basis:
            raise ValueError("a statute step names its basis")
        for ref in self.basis:
            reference(ref)  # an unknown reference fails at load, naming it
        return self


class _PartyEvent(FrozenModel):
    """The party's own event a step runs from: its ``type`` and, for an investigation's end,
    its ``result``."""

    type: Literal["investigation_finished", "measures_started"]
    result: Literal["unsafe", "safe", "unclear"] | None = None


class PartyStep(FrozenModel):
    """One step of ``rules/parties.toml``: one ``source`` for every act, or ``sources`` per
    regime (every regime of ``law.toml``). It runs from a case anchor (``after``) or from the
    first event that names the party (``after_party``); ``others_only``: not for the case's
    own pupil, whose duty is one of the act's rules."""

    parties: tuple[Literal["exposed", "acted", "bystander", "staff"], ...] = Field(min_length=1)
    after: Anchor | None = None
    after_party: _PartyEvent | None = None
    others_only: bool = False
    done_by: str
    source: _StepSource | None = None
    sources: dict[str, _StepSource] = Field(default_factory=dict)
    title: Titles

    @model_validator(mode="after")
    def _one_source(self) -> PartyStep:
        if (self.source is None) == (not self.sources):
            raise ValueError("give source or sources (per regime), not both")
        if (self.after is None) == (self.after_party is None):
            raise ValueError("give after (a case anchor) or after_party (the party's event)")
        if self.sources and set(self.sources) != set(REGIME_IDS):
            raise ValueError(f"sources must name every regime: {sorted(REGIME_IDS)}")
        return self

    def source_on(self, regime: str) -> _StepSource:
        """The step's source under ``regime``."""
        return self.source if self.source is not None else self.sources[regime]


class _PartyData(FrozenModel):
    steps: dict[str, PartyStep]


@clears_with_rules
@cache
def party_steps() -> dict[str, PartyStep]:
    """The steps of ``rules/parties.toml``, validated."""
    return dict(load_data("parties.toml", _PartyData).steps)


def _parties(case: Case, step: PartyStep) -> Iterator[str]:
    """The references of the parties ``step`` is for."""
    if "staff" in step.parties:
        yield from (s.ref for s in case.staff())
    for i, pupil in enumerate(case.pupils()):
        if step.others_only and i == 0:
            continue  # the case's pupil: the act's own rule (e.g. hear_pupil, § 10-2)
        if set(pupil.roles) & set(step.parties):
            yield pupil.ref


def _done(
    case: Case, step: PartyStep, ref: str, since: date, as_of: date
) -> tuple[int, date] | None:
    """The first event from ``since`` to the end of ``as_of`` that does ``step`` for party
    ``ref`` (an event after ``as_of`` does not count, as everywhere else)."""
    own = case.pupil.ref
    for i, event in sorted(enumerate(case.events), key=lambda pair: pair[1].on):
        if event.type != step.done_by or not since <= event.on <= as_of:
            continue
        named = getattr(event, "party", ...)
        if named is ... or named == ref or (named is None and ref == own):
            return i, event.on
    return None


def steps_for_parties(
    case: Case, points: dict[str, list[tuple[int, date]]], routine: str | None, as_of: date
) -> Iterator[tuple[str, PartyStep, str, tuple[int, date], tuple[int, date] | None]]:
    """(code, step, party, started, done) for every step that applies to a party of
    ``case``: its anchor has happened, and a local step's routine is the one chosen."""
    if not case.parties:
        return
    for code, step in party_steps().items():
        for ref in _parties(case, step):
            started = _started(case, step, ref, points, as_of)
            if started is None:
                continue
            source = step.source_on(regime_for(started[1]).id)
            if source.kind == "local" and source.routine != routine:
                continue
            yield code, step, ref, started, _done(case, step, ref, started[1], as_of)


def _started(
    case: Case, step: PartyStep, ref: str, points: dict[str, list[tuple[int, date]]], as_of: date
) -> tuple[int, date] | None:
    """When ``step`` starts for party ``ref``: the case anchor's first point, or the first
    event up to ``as_of`` that names the party and matches ``after_party``."""
    if step.after is not None:
        marked = points.get(step.after) or []
        return marked[0] if marked else None
    want = step.after_party
    if want is None:  # not reached: one of the two is checked at load
        return None
    for i, event in sorted(enumerate(case.events), key=lambda pair: pair[1].on):
        if event.type != want.type or event.on > as_of or getattr(event, "party", None) != ref:
            continue
        if want.result is None or getattr(event, "result", None) == want.result:
            return i, event.on
    return None


def party_item(
    code: str,
    step: PartyStep,
    party: str,
    started: tuple[int, date],
    done: tuple[int, date] | None,
    routine: Routine | None,
    m_: Maalform,
    event: Callable[[tuple[int, date] | None], AgendaEvent | None],
) -> AgendaItem:
    """An item for a step the school takes for one party (never overdue: no deadline;
    ``routine``: the routine a ``local`` step comes from)."""
    m = m_.value
    regime = regime_for(started[1])
    source = step.source_on(regime.id)
    info = routine.routine if source.kind == "local" and routine else None
    basis = in_maalform(tuple(reference(r) for r in source.basis), m)
    note = getattr(source.note, m) if source.note is not None else None
    return AgendaItem(
        code=code,
        kind="local" if source.kind == "local" else "task",
        duty_status="applies",
        title=getattr(step.title, m),
        duty_bearer="school",
        state="done" if done else "open",
        deadline=AgendaDeadline(
            kind="none_stated",
            due=None,
            source_kind=source.kind,
            source_note=note,
            breach_code=None,
            legal_basis=(),
        ),
        overdue=False,
        days_late=None,
        reminders=(),
        trigger=event(started),
        done=event(done),
        legal_basis=basis,
        source_kind=source.kind,
        source_note=note,
        routine_reference=info.reference if info else None,
        regime=regime.id,
        valid_from=info.valid_from if info else regime.valid_from,
        valid_to=info.valid_to if info else regime.valid_to,
        party=party,
    )
