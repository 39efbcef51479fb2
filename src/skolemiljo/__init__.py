"""skolemiljo: Norwegian school-environment law as typed models, dated rules and letters.

Opplæringslova 2023 kap. 12 (from 1 August 2024) and opplæringslova 1998 kap. 9 A
(1 August 2017 to 31 July 2024), in Bokmål (``nb``) and Nynorsk (``nn``).

>>> import skolemiljo
>>> from pathlib import Path
>>> report = skolemiljo.validate_plan(Path("examples/plan.json").read_text(), maalform="nb")
>>> report.valid, report.regime
(True, 'oppl2023_ch12')
"""

from ._i18n import Maalform
from ._version import __version__
from .errors import (
    CatalogError,
    EngineError,
    FieldError,
    InputError,
    OutOfScopeError,
    RuleDataError,
    SkolemiljoError,
    SkolemiljoWarning,
    UnknownMaalformError,
)
from .findings import Finding, Profile, Severity, ValidationReport
from .legal import LegalReference, Regime
from .models import ActivityPlan, Measure, PupilRef, PupilViews, School
from .plan import ValidationOptions, plan_finding_codes, validate_plan
from .schema import json_schema, schema_names

__all__ = [
    "ActivityPlan",
    "CatalogError",
    "EngineError",
    "FieldError",
    "Finding",
    "InputError",
    "LegalReference",
    "Maalform",
    "Measure",
    "OutOfScopeError",
    "Profile",
    "PupilRef",
    "PupilViews",
    "Regime",
    "RuleDataError",
    "School",
    "Severity",
    "SkolemiljoError",
    "SkolemiljoWarning",
    "UnknownMaalformError",
    "ValidationOptions",
    "ValidationReport",
    "__version__",
    "json_schema",
    "plan_finding_codes",
    "schema_names",
    "validate_plan",
]
