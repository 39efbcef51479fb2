"""The parties of a case: the pupils with their roles, their parents or guardians, and a staff
member who is accused (issue 24).

Every real case has more than one pupil. Læringsmiljøsenteret's follow-up (seed 002) works on
three groups: the pupil who was exposed (A), those who exposed others (B) and the bystanders
(C), and warns that one pupil can have two roles. A party is named by an opaque reference from
the vendor's records, never by name: names reach the library only in a letter request, for the
check that a letter names no one else (:mod:`skolemiljo.letters`).

A case without ``parties`` has one party: its ``pupil``, exposed. A case with ``parties`` lists
the others (and may list the case's pupil too, then with the role ``exposed``). References are
unique across pupils, guardians and staff; an event or a plan that names a party must name one
the case lists (a typed error naming the field otherwise, never the reference).

>>> from skolemiljo import Case
>>> case = Case.model_validate({
...     "pupil": {"ref": "elev-1"},
...     "school": {"name": "Lia skole"},
...     "parties": [{"kind": "pupil", "ref": "elev-2", "roles": ["acted", "exposed"]},
...                 {"kind": "pupil", "ref": "elev-3", "roles": ["bystander"]}],
... })
>>> [(p.ref, p.roles) for p in case.pupils()]
[('elev-1', ('exposed',)), ('elev-2', ('acted', 'exposed')), ('elev-3', ('bystander',))]
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from .models import Identifier, _Model

__all__ = [
    "Guardian",
    "Party",
    "PartyRole",
    "PupilParty",
    "StaffParty",
    "case_pupils",
    "party_error",
    "party_errors",
    "plan_party_errors",
]

PartyRole = Literal["exposed", "acted", "bystander"]
"""A pupil's role in a case (seed 002): ``exposed`` (A, the pupil who was exposed), ``acted``
(B, the pupil who exposed others), ``bystander`` (C). One pupil may hold two."""


class Guardian(_Model):
    """A parent or guardian of a pupil party, by reference. ``reported``: whether this parent
    reported the case (a parent who did not gets the same information: Udir);
    ``parental_responsibility``: whether they have it, where the vendor knows;
    ``protected_address``: the address is protected (no printed address, no ordinary post,
    never shared with the other parent)."""

    ref: Identifier
    reported: bool | None = None
    parental_responsibility: bool | None = None
    protected_address: bool = False


class PupilParty(_Model):
    """A pupil of the case with their roles, grade and parents or guardians."""

    kind: Literal["pupil"] = "pupil"
    ref: Identifier
    roles: tuple[PartyRole, ...] = Field(min_length=1, max_length=3)
    grade: Annotated[int, Field(ge=1, le=13)] | None = None
    guardians: tuple[Guardian, ...] = Field(default=(), max_length=8)

    @field_validator("roles")
    @classmethod
    def _distinct(cls, roles: tuple[PartyRole, ...]) -> tuple[PartyRole, ...]:
        if len(set(roles)) != len(roles):
            raise PydanticCustomError("role_repeated", "a role is listed twice")
        return roles


class StaffParty(_Model):
    """A staff member who is accused of a violation, by reference and role, never by name."""

    kind: Literal["staff"] = "staff"
    ref: Identifier
    role: Literal["accused"] = "accused"


Party = Annotated[PupilParty | StaffParty, Field(discriminator="kind")]
"""A party of a case: a pupil (``kind: pupil``) or an accused staff member (``kind: staff``)."""


def case_pupils(pupil: str, parties: tuple[Party, ...]) -> tuple[PupilParty, ...]:
    """The pupils of a case, its own pupil first (exposed, unless listed with its roles)."""
    listed = tuple(p for p in parties if isinstance(p, PupilParty))
    own = next((p for p in listed if p.ref == pupil), None)
    return (own or _exposed(pupil), *(p for p in listed if p.ref != pupil))


@lru_cache(maxsize=1024)
def _exposed(pupil: str) -> PupilParty:
    """The case's own pupil when the case does not list it: exposed (one frozen party per
    reference, shared: a letter asks for the case's pupils several times; issue 26)."""
    return PupilParty(ref=pupil, roles=("exposed",))


def party_error(error: PydanticCustomError, loc: tuple[str | int, ...]) -> InitErrorDetails:
    """One error about a party reference at ``loc``; the input is left out, so a reference is
    never echoed in an error."""
    return InitErrorDetails(type=error, loc=loc, input=None)


def party_errors(
    pupil: str, parties: tuple[Party, ...], events: tuple[object, ...]
) -> list[InitErrorDetails]:
    """What is wrong with a case's parties: a reference used twice (among pupils, guardians
    and staff), the case's own pupil listed without the role ``exposed`` or as staff, and an
    event that names a party the case does not list, or one of the wrong kind."""
    errors: list[InitErrorDetails] = []
    seen: set[str] = set()
    for i, party in enumerate(parties):
        refs: list[tuple[str, tuple[str | int, ...]]] = [(party.ref, ("parties", i, "ref"))]
        if isinstance(party, PupilParty):
            refs += [(g.ref, ("parties", i, "guardians", j, "ref"))
                     for j, g in enumerate(party.guardians)]  # fmt: skip
        for ref, loc in refs:
            if ref in seen:
                errors.append(
                    party_error(
                        PydanticCustomError("party_repeated", "two parties have one reference"), loc
                    )
                )
            seen.add(ref)
        if party.ref == pupil and (
            not isinstance(party, PupilParty) or "exposed" not in party.roles
        ):
            errors.append(
                party_error(
                    PydanticCustomError(
                        "party_pupil_not_exposed",
                        "the case's pupil is listed without the role exposed",
                    ),
                    ("parties", i, "roles"),
                )
            )
    pupils = {p.ref for p in case_pupils(pupil, parties)}
    staff = {p.ref for p in parties if isinstance(p, StaffParty)}
    for i, event in enumerate(events):
        named = getattr(event, "party", None)
        if named is None:
            continue
        at: tuple[str | int, ...] = ("events", i, "party")
        wanted = staff if getattr(event, "type", "") == "accused_heard" else pupils
        if named not in pupils | staff:
            errors.append(
                party_error(PydanticCustomError("party_unknown", "not a party the case lists"), at)
            )
        elif named not in wanted:
            errors.append(
                party_error(
                    PydanticCustomError("party_kind", "a party of the wrong kind for this event"),
                    at,
                )
            )
    return errors


def plan_party_errors(
    pupil: str,
    parties: tuple[Party, ...],
    plan: object,
    at: tuple[str | int, ...],
    *,
    for_pupil: str | None = None,
) -> list[InitErrorDetails]:
    """What is wrong with the party references of an activity plan given with a case (at
    ``at``): the plan is for a pupil the case lists (``party_unknown``), and for ``for_pupil``,
    the pupil the document is about (default: the case's ``pupil``; another pupil's plan is
    that pupil's matter, ``party_kind``); each measure names parties of the case, and so does
    each consent it records."""
    pupils = {p.ref for p in case_pupils(pupil, parties)}
    known = pupils | {p.ref for p in parties if isinstance(p, StaffParty)}
    errors: list[InitErrorDetails] = []
    plan_pupil = getattr(getattr(plan, "pupil", None), "ref", None)
    if parties and plan_pupil not in pupils:
        unknown = PydanticCustomError("party_unknown", "the plan is for no pupil the case lists")
        errors.append(party_error(unknown, (*at, "pupil", "ref")))
    elif parties and plan_pupil != (for_pupil or pupil):
        other = PydanticCustomError("party_kind", "the plan is for another pupil")
        errors.append(party_error(other, (*at, "pupil", "ref")))
    for i, measure in enumerate(getattr(plan, "measures", None) or ()):
        consent = getattr(measure, "consent", None)
        named: list[tuple[tuple[str | int, ...], str]] = [
            (("parties", j), ref) for j, ref in enumerate(measure.parties)
        ]
        if consent is not None:
            named += [(("consent", "other_parents_of", j), ref)
                      for j, ref in enumerate(consent.other_parents_of)]  # fmt: skip
        for where, ref in named:
            if ref not in known:
                unknown = PydanticCustomError("party_unknown", "not a party the case lists")
                errors.append(party_error(unknown, (*at, "measures", i, *where)))
    return errors
