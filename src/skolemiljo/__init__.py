"""skolemiljo: Norwegian school-environment law as typed models, dated rules and letters.

Opplæringslova 2023 kap. 12 (from 1 August 2024) and opplæringslova 1998 kap. 9 A
(1 August 2017 to 31 July 2024), in Bokmål (``nb``) and Nynorsk (``nn``).

>>> import skolemiljo
>>> from pathlib import Path
>>> report = skolemiljo.validate_plan(Path("examples/plan.json").read_text(), maalform="nb")
>>> report.valid, report.regime
(True, 'oppl2023_ch12')
"""

from typing import TYPE_CHECKING

from . import _fork  # noqa: F401  (fork safety: locks made anew in a forked child)
from ._i18n import Maalform
from ._lazy import lazy_names
from ._stamp import Stamp
from ._version import __version__
from .errors import (
    CatalogError,
    EngineError,
    FieldError,
    InputError,
    LetterError,
    LetterIncompleteError,
    OutOfScopeError,
    RoutineError,
    RuleDataError,
    ScenarioError,
    SkolemiljoError,
    SkolemiljoWarning,
    UnknownMaalformError,
    error_codes,
)
from .findings import Finding, Notice, Profile, Severity, ValidationReport
from .legal import LegalReference, Regime
from .models import (
    ActivityPlan,
    Assessed,
    BestInterests,
    Consents,
    Measure,
    PupilRef,
    PupilViews,
    School,
)
from .plan import ValidationOptions, plan_finding_codes, validate_plan

if TYPE_CHECKING:
    from ._engine import default_engine
    from ._law import OPT_IN_READINGS, SOURCE_KINDS, SourceKind
    from ._reports import (
        Agenda,
        AgendaDeadline,
        AgendaEvent,
        AgendaItem,
        Assessment,
        AuditOptions,
        AuditReport,
        Breach,
        CompactAssessment,
        ControlAnswer,
        ControlBreach,
        ControlReport,
        Deadline,
        Dossier,
        DossierPlan,
        DossierRequest,
        DossierSection,
        Evidence,
        NotApplicable,
        Obligation,
        Reason,
        RollUp,
        SentLetter,
        Unmet,
        agenda,
        assess,
        audit,
        control,
        dossier,
        duty_codes,
        roll_up,
    )
    from .case import Case, CaseSchool, Offender, Person, SchoolKind, Setting, ViolationKind
    from .followup import FollowUpPlan, validate_follow_up
    from .letters import (
        LETTER_KINDS,
        EvaluationOutcome,
        Letter,
        Letterhead,
        LetterRequest,
        Meeting,
        Sender,
        TemplateLimits,
        render_letter,
    )
    from .measures import MeasureEntry, measure_catalogue
    from .routine import Routine, load_routine, shipped_routines
    from .schema import json_schema, schema_names
    from .school import SchoolProfile, SchoolReport, check_school
    from .workdays import add_working_days, is_working_day, working_days_before

_LAZY = {
    "Agenda": "._reports",
    "AgendaDeadline": "._reports",
    "AgendaEvent": "._reports",
    "AgendaItem": "._reports",
    "agenda": "._reports",
    "Dossier": "._reports",
    "DossierPlan": "._reports",
    "DossierRequest": "._reports",
    "DossierSection": "._reports",
    "SentLetter": "._reports",
    "dossier": "._reports",
    "ControlAnswer": "._reports",
    "ControlBreach": "._reports",
    "ControlReport": "._reports",
    "control": "._reports",
    "RollUp": "._reports",
    "roll_up": "._reports",
    "working_days_before": ".workdays",
    "default_engine": "._engine",
    "Assessment": "._reports",
    "CompactAssessment": "._reports",
    "Deadline": "._reports",
    "NotApplicable": "._reports",
    "Obligation": "._reports",
    "Unmet": "._reports",
    "Reason": "._reports",
    "assess": "._reports",
    "duty_codes": "._reports",
    "AuditOptions": "._reports",
    "AuditReport": "._reports",
    "Breach": "._reports",
    "Evidence": "._reports",
    "audit": "._reports",
    "Case": ".case",
    "SchoolProfile": ".school",
    "SchoolReport": ".school",
    "check_school": ".school",
    "CaseSchool": ".case",
    "Offender": ".case",
    "Person": ".case",
    "SchoolKind": ".case",
    "Setting": ".case",
    "ViolationKind": ".case",
    "LETTER_KINDS": ".letters",
    "EvaluationOutcome": ".letters",
    "Letter": ".letters",
    "LetterRequest": ".letters",
    "Letterhead": ".letters",
    "Meeting": ".letters",
    "Sender": ".letters",
    "TemplateLimits": ".letters",
    "render_letter": ".letters",
    "SOURCE_KINDS": "._law",
    "OPT_IN_READINGS": "._law",
    "SourceKind": "._law",
    "FollowUpPlan": ".followup",
    "validate_follow_up": ".followup",
    "MeasureEntry": ".measures",
    "measure_catalogue": ".measures",
    "Routine": ".routine",
    "load_routine": ".routine",
    "shipped_routines": ".routine",
    "json_schema": ".schema",
    "schema_names": ".schema",
    "add_working_days": ".workdays",
    "is_working_day": ".workdays",
}
"""Public names loaded on first use (PEP 562), so that ``import skolemiljo`` stays light for
a vendor who only validates plans; ``from skolemiljo import assess`` works as usual."""


__getattr__ = lazy_names(__name__, _LAZY)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "LETTER_KINDS",
    "OPT_IN_READINGS",
    "SOURCE_KINDS",
    "ActivityPlan",
    "Agenda",
    "AgendaDeadline",
    "AgendaEvent",
    "AgendaItem",
    "Assessed",
    "Assessment",
    "AuditOptions",
    "AuditReport",
    "BestInterests",
    "Breach",
    "Case",
    "CaseSchool",
    "CatalogError",
    "CompactAssessment",
    "Consents",
    "ControlAnswer",
    "ControlBreach",
    "ControlReport",
    "Deadline",
    "Dossier",
    "DossierPlan",
    "DossierRequest",
    "DossierSection",
    "EngineError",
    "EvaluationOutcome",
    "Evidence",
    "FieldError",
    "Finding",
    "FollowUpPlan",
    "InputError",
    "LegalReference",
    "Letter",
    "LetterError",
    "LetterIncompleteError",
    "LetterRequest",
    "Letterhead",
    "Maalform",
    "Measure",
    "MeasureEntry",
    "Meeting",
    "NotApplicable",
    "Notice",
    "Obligation",
    "Offender",
    "OutOfScopeError",
    "Person",
    "Profile",
    "PupilRef",
    "PupilViews",
    "Reason",
    "Regime",
    "RollUp",
    "Routine",
    "RoutineError",
    "RuleDataError",
    "ScenarioError",
    "School",
    "SchoolKind",
    "SchoolProfile",
    "SchoolReport",
    "Sender",
    "SentLetter",
    "Setting",
    "Severity",
    "SkolemiljoError",
    "SkolemiljoWarning",
    "SourceKind",
    "Stamp",
    "TemplateLimits",
    "UnknownMaalformError",
    "Unmet",
    "ValidationOptions",
    "ValidationReport",
    "ViolationKind",
    "__version__",
    "add_working_days",
    "agenda",
    "assess",
    "audit",
    "check_school",
    "control",
    "default_engine",
    "dossier",
    "duty_codes",
    "error_codes",
    "is_working_day",
    "json_schema",
    "load_routine",
    "measure_catalogue",
    "plan_finding_codes",
    "render_letter",
    "roll_up",
    "schema_names",
    "shipped_routines",
    "validate_follow_up",
    "validate_plan",
    "working_days_before",
]
