"""The checks of an activity plan that follow the seed documents rather than the list in § 12-4
(not public API): item f as a structured assessment (seed S003: vurdere, vekte, vise), hearing
the pupil (S003: a right, not a duty), and the measures as Udir describes them (S001: consent,
segregation, the offender as the one carrying out a measure, levels). Each finding's source is
in ``rules/plan.toml``; none of them is worded as a demand of the act."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .measures import catalogue_entry
from .models import ActivityPlan, BestInterests, Measure

__all__ = [
    "check_best_interests",
    "check_evaluation",
    "check_hearing",
    "check_measures",
    "check_revision",
    "check_who",
]

Add = Callable[..., None]
"""The collector's ``add(code, path, *, item=None, measure=None, days=None)``."""


def check_best_interests(
    f: BestInterests, measures: int, add: Add, text: Callable[..., bool]
) -> None:
    """Vurdere (the pupil's own view among the considerations), vekte (a weighing), vise (a
    conclusion that names the measures it leads to, each one the plan has)."""
    if not any(a.consideration == "child_view" for a in f.considerations):
        add("plan_best_interests_child_view_missing", "best_interests.considerations")
    for index, assessed in enumerate(f.considerations):
        if assessed.found is not None:
            text(assessed.found, "plan_best_interests_missing",
                 f"best_interests.considerations.{index}.found", "f")  # fmt: skip
    if f.considerations and not _given(f.weighing, text, "best_interests.weighing"):
        add("plan_best_interests_not_weighed", "best_interests.weighing")
    if not _given(f.conclusion, text, "best_interests.conclusion"):
        add("plan_best_interests_no_conclusion", "best_interests.conclusion")
    elif not f.measures:
        add("plan_best_interests_conclusion_names_no_measure", "best_interests.measures")
    for index, number in enumerate(f.measures):
        if measures and number > measures:  # no measures at all: plan_measures_missing
            add("plan_best_interests_measure_unknown", f"best_interests.measures.{index}")


def _given(value: str | None, text: Callable[..., bool], path: str) -> bool:
    """Whether ``value`` holds real text; a placeholder is reported (item f) and not given."""
    if value is None or not value.strip():
        return False
    return text(value, "plan_best_interests_missing", path, "f")


def check_hearing(plan: ActivityPlan, add: Add) -> None:
    """The pupil heard (before the plan), or a recorded refusal with how the pupil's view was
    otherwise sought; neither is a warning."""
    views = plan.pupil_views
    if views is None or (views.heard_on is None and not views.declined):
        add("plan_pupil_not_heard", "pupil_views")
        return
    if views.heard_on is not None and views.heard_on > plan.plan_date:
        add("plan_pupil_heard_after_plan", "pupil_views.heard_on")
    if views.declined and not (views.otherwise_sought or "").strip():
        add("plan_pupil_declined_view_not_sought", "pupil_views.otherwise_sought")


def check_measures(
    plan: ActivityPlan, add: Add, segregation_days: int, fold: Callable[[str], str]
) -> None:
    """Consent recorded where a measure needs it, no long segregation, the offender not the one
    who carries a measure out, and not only individual measures for a group problem."""
    offender = fold(plan.staff_offender_role) if plan.staff_offender_role else ""
    levels: list[str] = []
    for index, measure in enumerate(plan.measures or ()):
        at = f"measures.{index}"
        entry = catalogue_entry(measure.catalogue_id) if measure.catalogue_id else None
        if measure.catalogue_id and entry is None:
            add("plan_measure_catalogue_unknown", at + ".catalogue_id", measure=index + 1)
        needs = dict.fromkeys((*(entry.needs_consent if entry else ()), *measure.needs_consent))
        given: Any = measure.consent
        if needs and (given is None or not all(getattr(given, kind) for kind in needs)):
            add("plan_measure_consent_missing", at + ".consent", measure=index + 1)
        elif "other_parents" in needs and measure.parties:
            # a pupil group: each member's parents consent (seed S001), not only "the others"
            members = set(measure.parties) - {plan.pupil.ref}
            if not members <= set(given.other_parents_of):
                add("plan_measure_consent_missing", at + ".consent", measure=index + 1)
        out = (
            measure.out_of_class
            if measure.out_of_class is not None
            else (entry.out_of_class if entry else False)
        )
        if (
            out
            and measure.starts_on is not None
            and (
                measure.ends_on is None
                or (measure.ends_on - measure.starts_on).days > segregation_days
            )
        ):
            add("plan_measure_segregating", at + ".out_of_class", measure=index + 1,
                days=segregation_days)  # fmt: skip
        if offender and any(fold(role) == offender for role in measure.carried_out_by or ()):
            add("plan_measure_by_offender", at + ".carried_out_by", measure=index + 1)
        level = measure.level or (entry.level if entry else None)
        if level is not None:
            levels.append(level)
    if plan.problem_level in ("group", "school") and levels and set(levels) == {"individual"}:
        add("plan_individual_measures_for_group_problem", "measures")


def _same(a: Any, b: Any) -> bool:
    """The same measure in two versions: the same ``measure_id``, or without ids the same
    description (white space folded)."""
    if a.measure_id or b.measure_id:
        return bool(a.measure_id == b.measure_id)
    return " ".join((a.description or "").split()) == " ".join((b.description or "").split())


def check_revision(plan: ActivityPlan, previous: ActivityPlan, add: Add) -> None:
    """A revision against the version before: dated after it, keeping each earlier measure
    with how it went, and evaluating each measure whose evaluation date has passed."""
    if plan.plan_date < previous.plan_date:
        add("plan_revision_before_previous", "plan_date")
    current = plan.measures or ()
    for number, old in enumerate(previous.measures or (), start=1):
        kept = next((m for m in current if _same(m, old)), None)
        if kept is None:
            add("plan_revision_measure_dropped", "measures", measure=number)
            continue
        due = old.evaluate_on or previous.evaluation_on
        if kept.evaluation is None and due is not None and due < plan.plan_date:
            at = f"measures.{current.index(kept)}.evaluation"
            add("plan_revision_evaluation_missing", at, measure=current.index(kept) + 1)


def check_who(
    measure: Measure,
    at: str,
    number: int,
    add: Add,
    words: tuple[Callable[[str], Any], frozenset[str], Callable[[str], str]],
) -> None:
    """d) kven som skal gjennomføre tiltaka (1998: kven som er ansvarleg for gjennomføringa).
    ``words``: the placeholder matcher, the unspecific roles and the folding of a role."""
    placeholder, unspecific, fold = words
    named = only_placeholders = only_unspecific = 0
    for role in measure.carried_out_by or ():
        folded = fold(role)
        if folded:
            named += 1
            only_placeholders += bool(placeholder(folded))
            only_unspecific += folded in unspecific
    if not named:
        add("plan_measure_carried_out_by_missing", at + ".carried_out_by", measure=number)
    elif only_placeholders == named:
        add("plan_text_placeholder", at + ".carried_out_by", item="d")
    elif only_unspecific == named:
        add("plan_measure_carried_out_by_unspecific", at + ".carried_out_by", measure=number)


def check_evaluation(
    plan: ActivityPlan, measure: Measure, at: str, number: int, add: Add, horizon: int
) -> None:
    """e) når tiltaka skal evaluerast: a date, not before the measure starts (or, in a
    revision, before it was evaluated), within ``horizon`` days."""
    evaluate_on = measure.evaluate_on or plan.evaluation_on
    if evaluate_on is None:
        add("plan_evaluation_missing", at + ".evaluate_on", measure=number)
    elif measure.starts_on is not None:
        days = (evaluate_on - measure.starts_on).days
        if days >= 0 and measure.evaluation is not None:  # a revision: since it was evaluated
            days = (evaluate_on - max(measure.starts_on, measure.evaluation.on)).days
        if days < 0 or days > horizon:
            path_e = at + ".evaluate_on" if measure.evaluate_on else "evaluation_on"
            if days < 0:
                add("plan_evaluation_before_start", path_e, measure=number)
            else:
                add("plan_evaluation_far_future", path_e, measure=number, days=days)
