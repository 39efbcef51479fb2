"""``POST /v1/cases/assess-compact``: the assessment with each legal reference printed once
(schema ``assessment-compact``; issue 26). Not public API; mounted by
:func:`skolemiljo.server.create_app`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import FastAPI, Header, Query

from skolemiljo._i18n import Maalform
from skolemiljo._reports import Assessment, CompactAssessment
from skolemiljo.case import Case

from .cases import READINGS_QUERY

__all__ = ["add_compact_route"]


def add_compact_route(
    app: FastAPI,
    assessed: Callable[..., Assessment],
    responses: Callable[..., dict[int | str, dict[str, Any]]],
) -> None:
    """Mount the compact assessment on ``app``; ``assessed``: the assessment as
    ``/v1/cases/assess`` makes it (the same arguments)."""

    @app.post(
        "/v1/cases/assess-compact",
        response_model=CompactAssessment,
        operation_id="assess_case_compact",
        tags=["cases"],
        responses=responses(422, 503),
    )
    async def assess_case_compact(
        case: Case,
        as_of: date | None = None,
        routine: str | None = None,
        maalform: Annotated[Maalform | None, Query()] = None,
        readings: READINGS_QUERY = None,
        accept_language: Annotated[str | None, Header()] = None,
    ) -> CompactAssessment:
        """As ``/v1/cases/assess``, each legal reference printed once (a ``references`` table
        and ids in ``legal_basis``; schema ``assessment-compact``)."""
        return assessed(case, as_of, routine, maalform, readings, accept_language).to_compact()
