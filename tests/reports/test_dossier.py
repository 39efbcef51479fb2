"""The case file for the Statsforvaltaren: sections per sub-duty, evidence, what is missing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skolemiljo import InputError, LetterIncompleteError, audit, dossier
from skolemiljo.cli import main
from skolemiljo.letters.check import require_elements

from ..conftest import EXAMPLES, AsgiClient

CASES = sorted((EXAMPLES / "cases").glob("*.json"))
AS_OF = "2025-06-01"
SUB_DUTIES = ["monitor", "intervene", "report", "investigate", "measures", "document"]


def _case(name: str) -> str:
    return (EXAMPLES / "cases" / f"{name}.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
@pytest.mark.parametrize("m", ["nb", "nn"])
def test_every_breach_of_the_audit_is_in_the_file_with_its_source(path: Path, m: str) -> None:
    """Every breach the audit finds is in the case file, once, with its source kind."""
    text = path.read_text(encoding="utf-8")
    result = dossier(text, AS_OF, maalform=m)
    report = audit(text, AS_OF, maalform=m)
    listed = {(b.code, b.due) for s in result.sections for b in s.missing}
    assert listed == {(b.code, b.due) for b in report.breaches}
    source = {"nb": "(standardlesing)", "nn": "(standardlesing)"}[m]
    for breach in report.breaches:
        assert breach.message.split(".")[0] in " ".join(result.body.split())
        if breach.source_kind == "reading":
            assert source in result.body
    wrong = "opplæringslova" if m == "nb" else "opplæringsloven"
    assert wrong not in result.body + result.subject  # the act's name follows the målform


def test_sections_follow_the_act_and_the_heightened_duty_only_for_staff() -> None:
    """The sections follow the sub-duties of the act; the heightened section only where staff or
    leadership is the offender."""
    staff = dossier(_case("missed_deadlines"), "2024-11-01")
    assert [s.code for s in staff.sections] == [*SUB_DUTIES, "heightened"]
    pupil = dossier(_case("pupil_says_unsafe"), "2024-11-01")
    assert [s.code for s in pupil.sections] == SUB_DUTIES
    titles = [
        s.title for s in dossier(_case("pupil_says_unsafe"), "2024-11-01", maalform="nn").sections
    ]
    assert titles == [
        "Følgje med", "Gripe inn", "Melde frå", "Undersøkje", "Setje inn tiltak", "Dokumentere"
    ]  # fmt: skip
    for number, title in enumerate(titles, 1):
        assert (
            f"{number}. {title}"
            in dossier(_case("pupil_says_unsafe"), "2024-11-01", maalform="nn").body
        )


def test_each_section_shows_the_events_plans_and_letters_that_document_it() -> None:
    """Each section shows its duties, the events, plans and letters that document it, and its
    missed deadlines."""
    letters = json.loads((EXAMPLES / "dossier" / "letters.json").read_text(encoding="utf-8"))
    plan = (EXAMPLES / "plan.json").read_text(encoding="utf-8")
    result = dossier(_case("missed_deadlines"), "2024-11-01", plans=[plan], letters=letters)
    report = result.section("report")
    assert [e.type for e in report.events] == ["pupil_said_unsafe", "reported"]
    assert [s.kind for s in report.letters] == ["receipt"]
    assert [b.code for b in report.missing] == ["report_to_principal_late"]
    assert report.missing[0].source_kind == "reading"
    measures = result.section("measures")
    assert [p.measures for p in measures.plans] == [4]
    assert {i.code for i in measures.items} >= {"put_right", "written_plan", "evaluate_plan"}
    assert "measures_immediately" not in {i.code for i in measures.items}  # 2023: opt-in only
    assert [b.code for b in measures.missing] == [
        "unsafe_pupil_without_measures",
        "evaluation_overdue",
    ]
    assert [s.kind for s in result.section("investigate").letters] == ["meeting_invitation"]
    assert len(result.section("document").letters) == 3
    assert "Kvittering for melding, sendt onsdag 9. oktober 2024" in " ".join(result.body.split())
    assert result.section("monitor").missing == ()
    assert "Ingen mangler eller forsinkelser er funnet." in result.body


def test_the_pupil_is_named_by_reference_unless_a_name_is_given() -> None:
    """The case file names the pupil by reference unless a name is given."""
    plain = dossier(_case("pupil_says_unsafe"), AS_OF)
    assert "Elev: elev-7f3a9c" in plain.body
    named = dossier(_case("pupil_says_unsafe"), AS_OF, pupil_name="Kari Nordmann")
    assert "Elev: Kari Nordmann" in named.body
    assert "elev-7f3a9c" not in named.body
    assert "Nordmann" not in repr(named)


def test_hostile_values_cannot_make_structure_or_markup() -> None:
    """Hostile names and school names make no heading, list item or markup in the case file."""
    case = json.loads(_case("pupil_says_unsafe"))
    case["school"]["name"] = "Skole\n## Falsk overskrift\n- falsk punkt <script>x</script>"
    name = "Kari\u202e\n\n## Ikke en del\ue000"
    text = dossier(case, AS_OF, pupil_name=name).body
    assert "\n## " not in text
    assert "\nFalsk overskrift\n" not in text
    assert "\ue000" not in text
    assert "\u202e" not in text
    page = dossier(case, AS_OF, pupil_name=name, format="html").body
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert page.count("<h2>") == 2 + len(SUB_DUTIES)  # the facts, the events, the sub-duties


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"plans": "not a list"}, "plans"),
        ({"plans": [{"pupil": 1}]}, "plans.0.pupil"),
        ({"letters": [{"kind": "postcard", "sent_on": "2024-10-10"}]}, "letters.0.kind"),
        (
            {"letters": [{"kind": "receipt", "sent_on": "2024-10-10", "text": "x"}]},
            "letters.0.text",
        ),
        ({"pupil_name": "x" * 201}, "pupil_name"),
        ({"pupil_name": 7}, "pupil_name"),
        ({"format": "pdf"}, "format"),
    ],
)
def test_bad_input_is_a_typed_error_naming_the_field(kwargs: dict[str, object], path: str) -> None:
    """Bad arguments to dossier are typed errors naming the field, never echoing the value."""
    with pytest.raises(InputError) as caught:
        dossier(_case("pupil_says_unsafe"), AS_OF, **kwargs)  # type: ignore[arg-type]
    assert caught.value.fields[0].path == path
    assert "x" * 20 not in str(caught.value)


def test_the_required_element_check_names_what_is_missing() -> None:
    """The case file's required-element check names what is missing."""
    require_elements("dossier.nb", "Saken\nSak: 1", [("Saken", "facts"), ("Sak: 1", "case")])
    with pytest.raises(LetterIncompleteError, match="lacks: section report"):
        require_elements(
            "dossier.nb", "Saken", [("Saken", "facts"), ("3. Melde fra", "section report")]
        )


def test_the_command_writes_the_file_and_exits_1_when_something_is_missing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """skolemiljo dossier writes the file and exits 1 when something is missing or late."""
    path = str(EXAMPLES / "cases" / "missed_deadlines.json")
    letters = str(EXAMPLES / "dossier" / "letters.json")
    assert main(["dossier", path, "--as-of", "2024-11-01", "--letters", letters]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Saksmappe til statsforvalteren: sak SAK-2024-061")
    assert (
        main(["dossier", str(EXAMPLES / "cases" / "exemplary_timeline.json"), "--as-of", AS_OF])
        == 0
    )
    capsys.readouterr()
    target = tmp_path / "mappe.html"
    html_args = ["--format", "html", "--maalform", "nn", "-o", str(target)]
    assert main(["dossier", path, "--as-of", "2024-11-01", *html_args]) == 1
    assert target.read_text(encoding="utf-8").startswith('<article lang="nn"')
    plan = str(EXAMPLES / "plan.json")
    assert main(["dossier", path, "--json", "--as-of", "2024-11-01", "--plan", plan]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["sections"][4]["plans"][0]["measures"] == 4
    bad = tmp_path / "letters.json"
    bad.write_text('{"kind": "receipt"}', encoding="utf-8")
    assert main(["dossier", path, "--letters", str(bad)]) == 2
    assert "not a list" in capsys.readouterr().err


def test_the_http_operation_returns_the_file() -> None:
    """POST /v1/cases/dossier returns the case file, naming the pupil only when asked."""
    from skolemiljo.server import create_app

    client = AsgiClient(create_app())
    body = json.dumps({"case": json.loads(_case("missed_deadlines")), "pupil_name": "Kari"})
    answer = client.post(
        "/v1/cases/dossier?as_of=2024-11-01&format=html&maalform=nn",
        content=body,
        headers={"content-type": "application/json"},
    )
    assert answer.status_code == 200
    data = answer.json()
    assert data["subject"] == "Saksmappe til statsforvaltaren: sak SAK-2024-061"
    assert "Elev: Kari" in data["body"]
    assert [s["code"] for s in data["sections"]][-1] == "heightened"


@pytest.mark.parametrize("m", ["nb", "nn"])
def test_the_case_file_as_pdf_and_docx_holds_every_line(m: str) -> None:
    """The case file as PDF/A and DOCX holds every line of its blocks, the exemption marking
    first."""
    import io
    import re

    import docx
    import pypdf

    result = dossier(_case("missed_deadlines"), "2024-11-01", maalform=m)
    reader = pypdf.PdfReader(io.BytesIO(result.to_pdf()))
    assert reader.trailer["/Root"]["/Lang"] == m
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfaid:part="2"' in xmp
    raw = "\n".join(page.extract_text() for page in reader.pages)
    text = " ".join(re.sub(r"Side \d+ av \d+", " ", raw).replace("\u00a0", " ").split())
    assert len(reader.pages) >= 2
    for block in result.blocks:
        for line in block.lines:
            assert " ".join(line.replace("\u00a0", " ").split()) in text, line
    document = docx.Document(io.BytesIO(result.to_docx()))
    paragraphs = [p.text for p in document.paragraphs]
    assert result.exemption is not None
    section = document.sections[0]
    for header in (section.first_page_header, section.header):  # on every page, as letters
        marking = [p.text for p in header.paragraphs if p.text]
        assert [t.replace("\u00a0", " ") for t in marking] == [result.exemption.text]
    assert paragraphs[0] == result.subject
    assert document.core_properties.subject.startswith("Saksmappe til statsforvalt")
    body = [b for b in result.blocks if b.role != "exemption"]
    assert sum(len(b.lines) if b.kind == "list" else 1 for b in body) == len(paragraphs) - 1


def test_the_command_writes_the_case_file_as_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """skolemiljo dossier --format pdf writes the PDF under a name without personal text."""
    monkeypatch.chdir(tmp_path)
    path = str(EXAMPLES / "cases" / "missed_deadlines.json")
    assert main(["dossier", path, "--as-of", "2024-11-01", "--format", "pdf"]) == 1
    name = capsys.readouterr().out.strip()
    assert name == "dossier-2024-11-01-nb.pdf"
    assert (tmp_path / name).read_bytes().startswith(b"%PDF-")
