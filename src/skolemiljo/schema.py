"""JSON Schema of the public input and output models.

>>> "activity-plan" in schema_names()
True
>>> json_schema("activity-plan")["title"]
'ActivityPlan'
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ._reports import (
    Agenda,
    Assessment,
    AuditReport,
    CompactAssessment,
    ControlReport,
    ControlRequest,
    Dossier,
    DossierRequest,
    RollUp,
    RollUpRequest,
)
from .case import Case
from .errors import FieldError, InputError
from .findings import ValidationReport
from .followup import FollowUpPlan
from .letters import Letter, LetterRequest
from .measures import MeasureEntry
from .models import ActivityPlan
from .routine import Routine
from .school import SchoolProfile, SchoolReport

__all__ = ["json_schema", "schema_names"]

_MODELS: dict[str, tuple[type[BaseModel], str]] = {
    "activity-plan": (ActivityPlan, "validation"),
    "validation-report": (ValidationReport, "serialization"),
    "case": (Case, "validation"),
    "assessment": (Assessment, "serialization"),
    "assessment-compact": (CompactAssessment, "serialization"),
    "audit-report": (AuditReport, "serialization"),
    "routine": (Routine, "validation"),
    "letter-request": (LetterRequest, "validation"),
    "letter": (Letter, "serialization"),
    "measure-entry": (MeasureEntry, "serialization"),
    "follow-up-plan": (FollowUpPlan, "validation"),
    "agenda": (Agenda, "serialization"),
    "dossier-request": (DossierRequest, "validation"),
    "dossier": (Dossier, "serialization"),
    "control-request": (ControlRequest, "validation"),
    "control-report": (ControlReport, "serialization"),
    "roll-up-request": (RollUpRequest, "validation"),
    "roll-up": (RollUp, "serialization"),
    "school-profile": (SchoolProfile, "validation"),
    "school-report": (SchoolReport, "serialization"),
}


def schema_names() -> tuple[str, ...]:
    """The names accepted by :func:`json_schema` and ``skolemiljo schema NAME``."""
    return tuple(sorted(_MODELS))


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one public model; :class:`InputError` for an unknown name."""
    try:
        model, mode = _MODELS[name]
    except KeyError:
        known = ", ".join(sorted(_MODELS))
        raise InputError(
            "schema name", [FieldError("name", "unknown_schema", f"one of {known}")]
        ) from None
    return model.model_json_schema(mode=mode)  # type: ignore[arg-type]
