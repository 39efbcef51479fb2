"""Every catalog message id the code may ask for (not public API)."""

from __future__ import annotations

__all__ = ["required_message_ids"]

CLI_IDS = ("cli_plan_valid", "cli_plan_invalid", "cli_audit_clean", "cli_audit_breaches")
AGENDA_IDS = (
    "agenda_ics_case",
    "agenda_ics_basis",
    "agenda_overdue",
    "agenda_summary",
    "agenda_source_statute",
    "agenda_source_guidance",
    "agenda_source_reading",
    "agenda_source_local",
    "agenda_source_authority",
)


def required_message_ids() -> tuple[str, ...]:
    """Message ids that must exist, with translations, in both catalogs."""
    from skolemiljo._law import FACTS, OPT_IN_READINGS
    from skolemiljo._reports import BREACH_CODES
    from skolemiljo.plan import plan_message_ids

    return (
        *CLI_IDS,
        *AGENDA_IDS,
        *plan_message_ids(),
        *BREACH_CODES,
        "routine_step_missed",
        "events_after_as_of",
        "known_on_assumed",
        *(f"unmet_{fact}" for fact in FACTS),  # why a duty does not apply (NotApplicable)
        *(f"unmet_reading_{name}" for name in OPT_IN_READINGS),  # an opt-in reading not chosen
    )
