"""Data and small strategies for :mod:`skolemiljo.testing` (not public API; use that module)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from skolemiljo.followup import FollowUpPlan
from skolemiljo.models import PupilRef, School

__all__ = ["INJECTIONS", "follow_up_plans"]

_WORDS = [
    "eleven",
    "blir",
    "holdt",
    "utenfor",
    "i",
    "friminuttene",
    "og",
    "får",
    "stygge",
    "meldinger",
    "på",
    "nettet",
    "fra",
    "medelever",
    "sier",
    "at",
    "hun",
    "ikke",
    "vil",
    "gå",
    "skolen",
    "gruer",
    "seg",
    "til",
    "gymtimene",
    "blåmerker",
    "etter",
    "bussen",
    "Åse",
    "Ørjan",
    "Æsa",
    "klassechat",
    "utestenging",
    "trakassering",
    "dytting",
]
_ROLES = (
    "kontaktlærer", "rektor", "inspektør", "sosiallærer", "helsesykepleier", "miljøterapeut",
    "inspiserende lærer", "SFO-leder", "faglærer i kroppsøving",
)  # fmt: skip


INJECTIONS = ("{{ 7*7 }}", "{% raw %}", "<script>alert(1)</script>", "Ærlig & «sant»")
"""Staff text that must come out literally in text letters and escaped in HTML."""


@st.composite
def follow_up_plans(draw: st.DrawFn, closed_on: date) -> FollowUpPlan:
    """A complete follow-up plan after a case closed on ``closed_on`` (seeds S000, S002): a
    contact person chosen with the pupil, conversations over time, absence watched, a measure
    for the group, the family told about help services, an end."""
    days = sorted(draw(st.lists(st.integers(1, 120), min_size=2, max_size=6, unique=True)))
    return FollowUpPlan(
        pupil=PupilRef(ref="elev-1"),
        school=School(name="Lia skole"),
        case_closed_on=closed_on,
        plan_date=closed_on,
        contact_person=draw(st.sampled_from(_ROLES)),
        contact_chosen_with_pupil=True,
        conversations=tuple(closed_on + timedelta(days=d) for d in days),
        watch_absence=True,
        group_measures=("Faste grupper i storefri med voksen til stede.",),
        family_informed_of_help=True,
        ends_on=closed_on + timedelta(days=days[-1] + draw(st.integers(0, 30))),
    )
