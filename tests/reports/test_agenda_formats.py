"""The agenda's output formats are registered in one place (issue 23): a new format is one
writer and one line in ``_reports.agenda_formats``; the CLI and the HTTP service take it from
there."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from skolemiljo._reports import agenda_formats as formats_face
from skolemiljo._reports.agenda_models import AgendaFields
from skolemiljo._reports.output_formats import AGENDA_FORMATS, AgendaFormat
from skolemiljo.cli import main

from ..conftest import EXAMPLES, AsgiClient

CASE = EXAMPLES / "cases" / "missed_deadlines.json"


def _csv(agenda: AgendaFields) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["code", "due"])
    for item in agenda.items:
        writer.writerow([item.code, item.deadline.due or ""])
    return out.getvalue().encode()


CSV = AgendaFormat(
    name="csv",
    media_type="text/csv",
    cli_help="write the items as CSV",
    http_description="the items as CSV.",
    write=_csv,
)


@pytest.fixture
def with_csv(monkeypatch: pytest.MonkeyPatch) -> None:
    """CSV registered beside the calendar for one test."""
    import skolemiljo._reports.output_formats as module

    monkeypatch.setattr(module, "AGENDA_FORMATS", (*AGENDA_FORMATS, CSV))
    assert formats_face() == (*AGENDA_FORMATS, CSV)


def test_the_calendar_is_the_registered_format() -> None:
    """Today the one format besides JSON is the calendar, answered for text/calendar."""
    from skolemiljo._reports import agenda_format_for

    assert [f.name for f in AGENDA_FORMATS] == ["ics"]
    assert agenda_format_for("text/calendar") is AGENDA_FORMATS[0]
    assert agenda_format_for("application/json, text/calendar") is None
    assert agenda_format_for(None) is None


@pytest.mark.usefixtures("with_csv")
def test_a_registered_format_gets_its_cli_option(tmp_path: Path) -> None:
    """``skolemiljo agenda --csv FILE`` exists as soon as CSV is registered, and writes it."""
    target = tmp_path / "agenda.csv"
    code = main(["agenda", str(CASE), "--as-of", "2024-12-01", "--csv", str(target)])
    assert code in (0, 1)
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0] == ["code", "due"]
    assert len(rows) > 2


@pytest.mark.usefixtures("with_csv")
def test_a_registered_format_is_served_by_accept_and_documented() -> None:
    """The HTTP service answers ``Accept: text/csv`` with it and lists it in OpenAPI."""
    from skolemiljo.server import create_app

    client = AsgiClient(create_app())
    body = CASE.read_text(encoding="utf-8")
    response = client.post(
        "/v1/cases/agenda?as_of=2024-12-01",
        content=body,
        headers={"accept": "text/csv", "content-type": "application/json"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.text.startswith("code,due")
    assert response.headers["deprecation"] == "true"  # the old form: Accept on the JSON path
    own = client.post(
        "/v1/cases/agenda.csv?as_of=2024-12-01",
        content=body,
        headers={"content-type": "application/json"},
    )
    assert own.status_code == 200
    assert own.headers["content-type"].startswith("text/csv")
    assert own.text == response.text
    doc = client.get("/openapi.json").json()
    content = doc["paths"]["/v1/cases/agenda"]["post"]["responses"]["200"]["content"]
    assert set(content) == {"application/json"}  # one media type per operation
    for name, media in (("ics", "text/calendar"), ("csv", "text/csv")):
        operation = doc["paths"][f"/v1/cases/agenda.{name}"]["post"]
        assert set(operation["responses"]["200"]["content"]) == {media}
        assert operation["operationId"] == f"case_agenda_{name}"
