"""The reports wing (not public API; the functions are exported from ``skolemiljo``): the
assessment (``assessing``), the audit (``auditing``), the agenda (``agenda_items``, with its
data, models and output formats: ``output_formats``, the calendar ``ics``) and the case file
(``case_file``, with its data, models and text).

Each name is loaded with its own module on first use (PEP 562), so that importing
the library stays light."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skolemiljo._lazy import lazy_names

if TYPE_CHECKING:
    from .agenda_items import (
        Agenda,
        agenda,
    )
    from .agenda_models import (
        AgendaDeadline,
        AgendaEvent,
        AgendaFields,
        AgendaItem,
        ItemState,
    )
    from .agenda_tables import (
        INDICATORS,
        Indicator,
        agenda_data,
        indicators,
    )
    from .assessing import (
        Assessment,
        Deadline,
        NotApplicable,
        Obligation,
        Reason,
        Unmet,
        assess,
        duty_codes,
    )
    from .auditing import (
        BREACH_CODES,
        AuditOptions,
        AuditReport,
        Breach,
        Evidence,
        audit,
        parse_options,
        pick_routine,
    )
    from .case_file import (
        Dossier,
        dossier,
    )
    from .case_file_data import (
        DossierData,
        dossier_data,
    )
    from .case_file_models import (
        DossierPlan,
        DossierRequest,
        DossierSection,
        SentLetter,
    )
    from .case_file_text import (
        Writer,
        act_name,
        item_state,
    )
    from .compact import CompactAssessment, CompactNotApplicable, CompactObligation
    from .control_questions import (
        ControlAnswer,
        ControlBreach,
        ControlReport,
        ControlRequest,
        control,
        control_data,
    )
    from .ics import (
        agenda_ics,
        event_uid,
    )
    from .output_formats import (
        AGENDA_FORMATS,
        AgendaFormat,
        agenda_format_for,
        agenda_formats,
    )
    from .rollup import RollUp, RollUpGroup, RollUpRequest, roll_up

_LAZY = {
    "CompactAssessment": ".compact",
    "CompactNotApplicable": ".compact",
    "CompactObligation": ".compact",
    "Assessment": ".assessing",
    "Deadline": ".assessing",
    "NotApplicable": ".assessing",
    "Obligation": ".assessing",
    "Reason": ".assessing",
    "Unmet": ".assessing",
    "assess": ".assessing",
    "duty_codes": ".assessing",
    "AuditOptions": ".auditing",
    "AuditReport": ".auditing",
    "BREACH_CODES": ".auditing",
    "Breach": ".auditing",
    "Evidence": ".auditing",
    "audit": ".auditing",
    "parse_options": ".auditing",
    "pick_routine": ".auditing",
    "Agenda": ".agenda_items",
    "AGENDA_FORMATS": ".output_formats",
    "AgendaFormat": ".output_formats",
    "agenda_format_for": ".output_formats",
    "agenda_formats": ".output_formats",
    "AgendaDeadline": ".agenda_models",
    "AgendaEvent": ".agenda_models",
    "AgendaItem": ".agenda_models",
    "agenda": ".agenda_items",
    "INDICATORS": ".agenda_tables",
    "Indicator": ".agenda_tables",
    "agenda_data": ".agenda_tables",
    "indicators": ".agenda_tables",
    "AgendaFields": ".agenda_models",
    "ItemState": ".agenda_models",
    "agenda_ics": ".ics",
    "event_uid": ".ics",
    "ControlAnswer": ".control_questions",
    "ControlBreach": ".control_questions",
    "ControlReport": ".control_questions",
    "ControlRequest": ".control_questions",
    "RollUp": ".rollup",
    "RollUpGroup": ".rollup",
    "RollUpRequest": ".rollup",
    "roll_up": ".rollup",
    "control": ".control_questions",
    "control_data": ".control_questions",
    "Dossier": ".case_file",
    "DossierPlan": ".case_file_models",
    "DossierRequest": ".case_file_models",
    "DossierSection": ".case_file_models",
    "SentLetter": ".case_file_models",
    "dossier": ".case_file",
    "DossierData": ".case_file_data",
    "dossier_data": ".case_file_data",
    "Writer": ".case_file_text",
    "act_name": ".case_file_text",
    "item_state": ".case_file_text",
}


__getattr__ = lazy_names(__name__, _LAZY)

__all__ = [
    "AGENDA_FORMATS",
    "BREACH_CODES",
    "INDICATORS",
    "Agenda",
    "AgendaDeadline",
    "AgendaEvent",
    "AgendaFields",
    "AgendaFormat",
    "AgendaItem",
    "Assessment",
    "AuditOptions",
    "AuditReport",
    "Breach",
    "CompactAssessment",
    "CompactNotApplicable",
    "CompactObligation",
    "ControlAnswer",
    "ControlBreach",
    "ControlReport",
    "ControlRequest",
    "Deadline",
    "Dossier",
    "DossierData",
    "DossierPlan",
    "DossierRequest",
    "DossierSection",
    "Evidence",
    "Indicator",
    "ItemState",
    "NotApplicable",
    "Obligation",
    "Reason",
    "RollUp",
    "RollUpGroup",
    "RollUpRequest",
    "SentLetter",
    "Unmet",
    "Writer",
    "act_name",
    "agenda",
    "agenda_data",
    "agenda_format_for",
    "agenda_formats",
    "agenda_ics",
    "assess",
    "audit",
    "control",
    "control_data",
    "dossier",
    "dossier_data",
    "duty_codes",
    "event_uid",
    "indicators",
    "item_state",
    "parse_options",
    "pick_routine",
    "roll_up",
]
