"""What the school did, on record (issue 24): intervening, hearing a pupil or the accused,
deciding what the class is told, the owner's acknowledgement, monitoring, the follow-up after
the case and closing it; and the base every event of a case shares (``on``, its date).

Each is one event type of :class:`skolemiljo.case.Case` (``case.events``), exported from
:mod:`skolemiljo.case` with the others."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .models import Day, Identifier, _Model

__all__ = [
    "AccusedHeard",
    "CaseClosed",
    "ClassInformed",
    "FollowedUp",
    "Intervened",
    "Monitored",
    "OwnerAcknowledged",
    "PupilHeard",
]

_INFO = "Informational: no rule reads it (kept with the case only)."


_ForPupil = Annotated[
    Identifier | None,
    Field(
        description=(
            "Which pupil it concerns (a pupil reference the case lists); absent: the case's "
            "pupil. An event for another pupil starts or does none of the case pupil's duties; "
            "it does that pupil's own steps (rules/parties.toml)."
        )
    ),
]


class _Event(_Model):
    on: Day = Field(description="The date it happened or was recorded.")


class Intervened(_Event):
    """Someone at the school intervened (gripe inn) against a violation. ``level``: how far it
    went, after Øyer kommune's routine (seed 003): resolved at once; followed up with the pupils
    afterwards; repeated; or the pupil could not calm down and the parents were told, and it was
    documented. ``by``: who intervened (a role, never a name)."""

    type: Literal["intervened"] = "intervened"
    by: Literal["staff", "leadership"] = Field(default="staff", description=_INFO)
    level: Literal["resolved_at_once", "followed_up", "repeated", "parents_told"] | None = Field(
        default=None, description=_INFO
    )


class PupilHeard(_Event):
    """A pupil was heard (§ 10-2; Øyer's routine: «alle barn som er involvert blir hørt»).
    ``party``: which pupil (a reference the case lists; absent: the case's pupil);
    ``declined``: the pupil was offered it and did not want to talk (recorded, and counts as
    the school having offered it)."""

    type: Literal["pupil_heard"] = "pupil_heard"
    party: Identifier | None = None
    declined: bool = False


class AccusedHeard(_Event):
    """The staff member accused of the violation was heard (Øyer's routine for staff cases:
    «Samtale med den som er beskyldt»). ``party``: the accused's reference in ``parties``."""

    type: Literal["accused_heard"] = "accused_heard"
    party: Identifier | None = None


class ClassInformed(_Event):
    """The school decided what the class (or the bystanders) is told and how it follows up
    (seed 002: the bystanders' group, C)."""

    type: Literal["class_informed"] = "class_informed"


class OwnerAcknowledged(_Event):
    """The school owner acknowledged the principal's report (a receipt from the owner)."""

    type: Literal["owner_acknowledged"] = "owner_acknowledged"


class Monitored(_Event):
    """The school's own monitoring (følgje med): an observation in the setting or a survey."""

    type: Literal["monitored"] = "monitored"
    kind: Literal["observation", "survey"] = Field(default="observation", description=_INFO)


class FollowedUp(_Event):
    """The school's follow-up after the case began for a party (seed 002: one adult follows
    the exposed pupil; needs mapped, demands and support for a pupil who acted). ``party``:
    which pupil (absent: the case's pupil)."""

    type: Literal["followed_up"] = "followed_up"
    party: Identifier | None = None


class CaseClosed(_Event):
    """The case was closed. Informational for the act: no duty, right or deadline reads it (the
    duties follow the facts, not whether a case is marked closed); the follow-up after the
    case for each party (seed 002, guidance) is listed from it."""

    type: Literal["case_closed"] = "case_closed"
