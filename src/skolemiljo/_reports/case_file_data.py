"""``rules/dossier.toml``, validated (not public API): the sections of the case file for the
Statsforvaltaren and their texts in both målformer."""

from __future__ import annotations

from functools import cache
from typing import get_args

from pydantic import Field

from skolemiljo._base import FrozenModel, Titles
from skolemiljo._law import clears_with_rules, load_data, load_rules
from skolemiljo.case import Event
from skolemiljo.errors import RuleDataError
from skolemiljo.legal import RegimeId
from skolemiljo.letters.kinds import LetterKind

from .agenda_tables import agenda_data
from .party_steps import party_steps

__all__ = ["DossierData", "dossier_data"]

EVENT_TYPES: tuple[str, ...] = tuple(
    get_args(member.model_fields["type"].annotation)[0] for member in get_args(get_args(Event)[0])
)
"""The ``type`` of every event a case may hold."""


class Section(FrozenModel):
    """One sub-duty: its title, the duty codes (and agenda tasks) it shows, the event types
    that show it done, whether plans document it, and which letters do."""

    title: Titles
    titles: dict[RegimeId, Titles] = Field(
        default_factory=dict,
        description="The title under a regime where it differs (the heightened duty is named "
        "differently by each act).",
    )
    duties: tuple[str, ...] = Field(min_length=1)
    events: tuple[str, ...] = ()
    plans: bool = False
    letters: tuple[LetterKind, ...] = ()
    heightened: bool = False
    stage: bool = False
    """Shown only once the case was reported to the Statsforvaltaren."""


class DossierData(FrozenModel):
    """``rules/dossier.toml``."""

    sections: dict[str, Section] = Field(min_length=1)
    text: dict[str, Titles]
    events: dict[str, Titles]


TEXT_KEYS = (
    "label", "subject", "intro", "facts", "case", "pupil", "school", "period", "act", "serious_yes",
    "serious_no", "serious_unknown", "indicators", "events", "no_events", "duties", "no_duties",
    "undetermined", "evidence",
    "no_evidence", "plans", "plan", "letters", "letter", "missing", "no_missing", "state_done",
    "state_due", "state_open", "state_continuous", "sources", "source_statute",
    "source_guidance", "source_reading", "source_local", "missing_above", "due_reading",
    "due_guidance", "due_local", "due_authority", "source_authority",
)  # fmt: skip


@clears_with_rules
@cache
def dossier_data() -> DossierData:
    """``rules/dossier.toml``, every code known: each section's duties are duty codes or agenda
    tasks, its events event types; every event type has its label."""
    data = load_data("dossier.toml", DossierData)
    where = "rules/dossier.toml"
    known = {rule.code for rule in load_rules()} | set(agenda_data().tasks) | set(party_steps())
    for key, section in data.sections.items():
        for code in section.duties:
            if code not in known:
                raise RuleDataError(f"{where}: sections.{key}.duties: unknown duty code")
        for kind in section.events:
            if kind not in EVENT_TYPES:
                raise RuleDataError(f"{where}: sections.{key}.events: unknown event type")
    for table, keys in (("text", TEXT_KEYS), ("events", EVENT_TYPES)):
        absent = set(keys) - set(getattr(data, table))
        if absent:
            raise RuleDataError(f"{where}: {table}: missing {sorted(absent)}")
    return data
