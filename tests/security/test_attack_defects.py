"""Defects an attack found (issue 27), each with a regression test."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from skolemiljo import (
    InputError,
    LetterError,
    agenda,
    assess,
    audit,
    dossier,
    render_letter,
    validate_plan,
)

from ..conftest import EXAMPLES

HUGE = 10**4300


def _case(**changes: Any) -> dict[str, Any]:
    return {"pupil": {"ref": "e"}, "school": {"name": "X"}, **changes}


def _letter(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / "letters" / "receipt.json").read_text("utf-8"))
    data["case"]["grade"] = HUGE
    return data


def _plan() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / "plan.json").read_text(encoding="utf-8"))
    data["measures"][0]["starts_on"] = HUGE
    return data


CALLS: list[tuple[str, Callable[[], object]]] = [
    ("assess", lambda: assess(_case(grade=HUGE), "2024-10-01")),
    ("audit", lambda: audit(_case(grade=HUGE), "2024-10-01")),
    ("agenda", lambda: agenda(_case(grade=HUGE), "2024-10-01")),
    ("dossier", lambda: dossier(_case(grade=HUGE), "2024-10-01")),
    ("render_letter", lambda: render_letter("receipt", _letter())),
    ("validate_plan", lambda: validate_plan(_plan())),
]


@pytest.mark.parametrize(("name", "call"), CALLS, ids=[n for n, _ in CALLS])
def test_n1_an_int_too_long_to_print_is_a_typed_error(
    name: str, call: Callable[[], object]
) -> None:
    """N1: an int over 4 300 digits in a field is an InputError naming the field, not the
    ValueError the error-building code itself raised (``str(given)``)."""
    with pytest.raises(InputError) as info:
        call()
    assert info.value.fields
    assert all(f.message == "invalid value" or "4300" not in f.message for f in info.value.fields)


def _image(fmt: str, size: tuple[int, int]) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("L", size).save(out, format=fmt)
    return out.getvalue()


def test_n2_a_logo_of_too_many_pixels_is_refused_before_any_render() -> None:
    """N2: a small file can hold a huge image (13 000 x 13 000 pixels cost 32 s and 1.4 GB per
    PDF); the letterhead refuses it by its header, PNG or JPEG, and takes a normal logo."""
    from pydantic import ValidationError

    from skolemiljo._layout import Letterhead

    assert Letterhead(logo=_image("PNG", (400, 120))).logo
    with pytest.raises(ValidationError, match="logo_too_large"):
        Letterhead(logo=_image("PNG", (13_000, 13_000)))
    jpeg = bytearray(_image("JPEG", (400, 120)))
    assert Letterhead(logo=bytes(jpeg)).logo
    at = jpeg.index(b"\xff\xc0")  # the frame header: its height and width, 16 bits each
    jpeg[at + 5 : at + 9] = (13_000).to_bytes(2, "big") * 2
    with pytest.raises(ValidationError, match="logo_too_large"):
        Letterhead(logo=bytes(jpeg))


def test_n3_a_corrupt_logo_or_a_control_character_is_a_typed_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """N3: a logo with the right first bytes and a broken body, or a control character in an
    address line, is refused when the letterhead is made (no traceback from python-docx or
    lxml later), with a code and without the input in the message; the CLI exits 2."""
    from pydantic import ValidationError

    from skolemiljo._layout import Letterhead
    from skolemiljo.cli import main

    broken = b"\x89PNG\r\n\x1a\n0000"
    with pytest.raises(ValidationError, match="logo_corrupt"):
        Letterhead(logo=broken)
    with pytest.raises(ValidationError, match="logo_corrupt"):
        Letterhead(logo=_image("JPEG", (40, 20))[:-40])
    secret = "Skolevegen\x01 1 hemmelig"
    with pytest.raises(ValidationError, match="text_control_character") as info:
        Letterhead(address=(secret,))
    assert "hemmelig" not in str(info.value)
    with pytest.raises(ValidationError) as info:
        Letterhead(address=("hemmelig" * 20,))
    assert "hemmelig" not in str(info.value)
    bad = tmp_path / "bad.png"
    bad.write_bytes(broken)
    request = str(EXAMPLES / "letters" / "activity_plan.json")
    out = str(tmp_path / "x.docx")
    assert main(["letter", "activity_plan", request, "--format", "docx", "--logo", str(bad),
                 "-o", out]) == 2  # fmt: skip
    assert main(["letter", "activity_plan", request, "--format", "docx",
                 "--letterhead-address", secret, "-o", out]) == 2  # fmt: skip
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "hemmelig" not in err


def _ics_events(case: dict[str, Any], day: str) -> dict[str, Any]:
    import icalendar

    cal = icalendar.Calendar.from_ical(agenda(case, day).to_ics())
    return {str(e["x-skolemiljo-code"]): e for e in cal.walk("VEVENT")}


def test_n6_two_cases_of_one_pupil_keep_their_own_calendar_events() -> None:
    """N6: without case_id, two cases of the same pupil gave the same UIDs and overwrote each
    other on import; now the case's first date is in the key. One case exported twice keeps
    its UIDs; a later export has a higher SEQUENCE and a DTSTAMP of when it was made."""
    from datetime import UTC, datetime, timedelta

    first = _case(events=[{"type": "pupil_said_unsafe", "on": "2024-09-02", "told": "principal"}])
    second = _case(events=[{"type": "pupil_said_unsafe", "on": "2024-09-03", "told": "principal"}])
    one, other = _ics_events(first, "2024-09-03"), _ics_events(second, "2024-09-04")
    shared = set(one) & set(other)
    assert shared
    assert all(str(one[c]["uid"]) != str(other[c]["uid"]) for c in shared)
    again = _ics_events(first, "2024-09-04")
    assert all(str(again[c]["uid"]) == str(one[c]["uid"]) for c in set(one) & set(again))
    code = next(iter(set(one) & set(again)))
    assert int(again[code]["sequence"]) > int(one[code]["sequence"])
    stamp = again[code].decoded("dtstamp")
    assert abs(datetime.now(UTC) - stamp) < timedelta(minutes=5)


def test_n5_document_metadata_names_no_pupil(tmp_path: Path) -> None:
    """N5: the PDF's /Title and XMP and the DOCX core title of a letter and of the case file
    name what the document is and the case's reference, never the pupil."""
    import io

    import docx
    import pypdf

    data: dict[str, Any] = json.loads((EXAMPLES / "letters" / "receipt.json").read_text("utf-8"))
    name = data["pupil_name"]
    letter = render_letter("receipt", data)
    file = dossier(data["case"], "2024-11-01", pupil_name=name)
    for pdf in (letter.to_pdf(), file.to_pdf()):
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
        assert reader.metadata is not None
        assert name not in str(reader.metadata.title)
        assert name not in xmp
    for blob in (letter.to_docx(), file.to_docx()):
        assert name not in docx.Document(io.BytesIO(blob)).core_properties.title


@pytest.mark.parametrize(
    ("header", "expected"),
    [("nb;q=0.1, nn;q=0.9", "nn"), ("nn;q=0, nb;q=0.5", "nb"), ("en, nn;q=0.5", "nn"),
     ("nb, nn", "nb"), ("nn;q=bad, nb;q=0.2", "nb"), (None, "nb")],
)  # fmt: skip
def test_accept_language_follows_q_values(header: str | None, expected: str) -> None:
    """Accept-Language is read with its q-values (RFC 9110): the highest acceptable of nb/nn."""
    from skolemiljo.server import create_app

    from ..conftest import AsgiClient

    headers = {"accept-language": header} if header else {}
    r = AsgiClient(create_app()).post(
        "/v1/cases/assess?as_of=2024-10-01", json=_case(), headers=headers
    )
    assert r.status_code == 200, r.text
    assert r.json()["maalform"] == expected


def test_a_scenario_s_inline_case_keeps_its_on_keys(tmp_path: Path) -> None:
    """YAML 1.1 read an inline case's ``on:`` as True, and the error said ``on: missing``;
    scenarios read booleans as YAML 1.2 does (only true and false)."""
    from skolemiljo.scenarios import run_scenario

    path = tmp_path / "inline.yaml"
    path.write_text(
        "name: inline\nlaw: opplæringslova § 12-4\nreviewed_against: test\nas_of: 2024-11-08\n"
        "case:\n  pupil: {ref: elev-1}\n  school: {name: Lia skole}\n  serious: false\n"
        "  events:\n    - {type: pupil_said_unsafe, on: 2024-11-04, told: principal}\n"
        "routine: null\nexpect: []\n",
        encoding="utf-8",
    )
    result = run_scenario(path)
    assert result.failures == (), result.failures


def test_n7_pdfs_share_one_font_configuration_per_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """N7: the server's memory grew with every PDF (about 220 KB each, never given back):
    WeasyPrint made a new font configuration per PDF and loaded the fonts into it again. Now a
    thread makes one and keeps it. (DOCX memory that grew under load was the allocator's: it
    went back after malloc_trim, measured over 300 renders; see the issue's note.)"""
    import threading

    from weasyprint.text.fonts import FontConfiguration

    made: list[int] = []
    original = FontConfiguration.__init__

    def counting(self: Any, *args: Any, **kwargs: Any) -> None:
        made.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(FontConfiguration, "__init__", counting)
    data: dict[str, Any] = json.loads((EXAMPLES / "letters" / "receipt.json").read_text("utf-8"))
    letter = render_letter("receipt", data)
    pdfs: list[bytes] = []
    worker = threading.Thread(target=lambda: pdfs.extend(letter.to_pdf() for _ in range(3)))
    worker.start()
    worker.join()
    assert len(pdfs) == 3
    assert all(p.startswith(b"%PDF") for p in pdfs)
    assert len(made) == 1


# ------------------------------------------------------------------ N4: law blocks --------

_CONTRADICTION = (
    "Dere har likevel ikke rett til å melde saken til statsforvalteren før skolen har "
    "avsluttet saken."
)


def _vendor_folder(tmp_path: Path) -> Path:
    from ..conftest import vendor_templates

    return vendor_templates(tmp_path / "vendor")


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _receipt_request() -> str:
    return (EXAMPLES / "letters" / "receipt.json").read_text(encoding="utf-8")


def test_n4_a_vendor_sentence_that_contradicts_the_law_is_refused(tmp_path: Path) -> None:
    """N4: the attack's sentence, added to a vendor receipt that places every law block,
    passed the required-elements check before; now the template is refused when it is read,
    naming the line and never the text, in either målform."""
    folder = _vendor_folder(tmp_path)
    for m, placeholder in (("nb", "{{ law.statsforvalter }}"), ("nn", "{{ law.statsforvalter }}")):
        _edit(folder, f"receipt.{m}.j2", placeholder, placeholder + "\n" + _CONTRADICTION)
        with pytest.raises(LetterError) as info:
            render_letter("receipt", _receipt_request(), maalform=m, templates=folder)
        assert info.value.code == "template_law_text"
        assert f"receipt.{m}.j2 line 13" in str(info.value)
        assert "statsforvalteren" not in str(info.value)


@pytest.mark.parametrize(
    ("new", "code"),
    [
        ("", "law_block_missing"),
        ("{{ law.statsforvalter }}\n{{ law.statsforvalter }}", "law_block_repeated"),
        ("{{ law.statsforvalter | upper }}", "law_block_altered"),
        ("{{ law.statsforvalter ~ '.' }}", "law_block_altered"),
        ("{{ law.statsforvalter | first }}", "law_block_altered"),
    ],
)
def test_n4_a_law_block_is_placed_once_and_unchanged(tmp_path: Path, new: str, code: str) -> None:
    """A vendor template cannot leave a law block out, place it twice or change it."""
    folder = _vendor_folder(tmp_path)
    _edit(folder, "receipt.nb.j2", "{{ law.statsforvalter }}", new)
    with pytest.raises(LetterError) as info:
        render_letter("receipt", _receipt_request(), templates=folder)
    assert info.value.code == code
    assert "law.statsforvalter" in str(info.value) or code == "law_block_altered"


def test_n4_a_vendor_template_writes_its_own_words_around_the_library_s(tmp_path: Path) -> None:
    """What the vendor writes is its own; the law is the library's text, word for word."""
    folder = _vendor_folder(tmp_path)
    _edit(folder, "receipt.nb.j2", "Skolen tar saken på alvor.", "Vi i Nordby tar dette alvorlig.")
    vendor = render_letter("receipt", _receipt_request(), templates=folder).body
    shipped = render_letter("receipt", _receipt_request()).body
    vendor, shipped = " ".join(vendor.split()), " ".join(shipped.split())
    assert "Vi i Nordby tar dette alvorlig." in vendor
    law = shipped[shipped.index("Dere kan melde") : shipped.index("Spørsmål")]
    assert law in vendor


def test_n4_the_vendor_cannot_reach_the_duties_or_citations(tmp_path: Path) -> None:
    """``duty`` and ``cite`` are the law blocks' own: a vendor template naming them is
    refused, so it cannot write a citation next to words of its own."""
    folder = _vendor_folder(tmp_path)
    _edit(folder, "receipt.nb.j2", "Til {{ reader }}", "Til {{ reader }} {{ duty.heard.cite }}")
    with pytest.raises(LetterError) as info:
        render_letter("receipt", _receipt_request(), templates=folder)
    assert info.value.code == "template_forbidden"


def test_n4_every_law_carrying_line_of_the_shipped_templates_is_a_law_block() -> None:
    """The starting templates (the shipped ones without their law blocks) hold no duty, no
    citation, and no word of ``[vendor_text]``: everything a letter says of the law is in a
    block the library writes."""
    import jinja2
    from jinja2 import nodes

    from skolemiljo._i18n import Maalform
    from skolemiljo.letters import LETTER_KINDS, starting_template
    from skolemiljo.letters.data import vendor_words

    env = jinja2.Environment()
    for kind in LETTER_KINDS:
        for m in (Maalform.NB, Maalform.NN):
            source = starting_template(kind, m)
            assert "duty." not in source, (kind, m)
            assert "cite" not in source, (kind, m)
            assert "{{ law." in source, (kind, m)
            for data in env.parse(source).find_all(nodes.TemplateData):
                assert not any(p.search(data.data) for p in vendor_words()), (kind, m)


def test_n4_staff_text_cannot_forge_a_law_block() -> None:
    """A law block's placeholder cannot be typed into a form: the private-use characters are
    dropped from staff text, so the block appears once, where the template put it."""
    data = json.loads(_receipt_request())
    data["pupil_name"] = "Åse \ue002statsforvalter\ue003 Ødegård"
    letter = render_letter("receipt", data)
    assert letter.body.count("kan melde saken til statsforvalteren") == 1


# ------------------------------------------------ smaller: pydantic's codes are listed --------


@pytest.mark.parametrize(
    "bad", ["2024-13-01", "x", "2024-10-01T12:00", 20241001, True, [], {}, "", None]
)
def test_every_field_code_a_bad_date_gives_is_listed(bad: object) -> None:
    """A bad ``letter_date`` gave pydantic's ``date_from_datetime_parsing``, which
    ``error_codes()`` did not list; with ``passed_through=True`` every code a field error can
    carry is there (skolemiljo's own first), and the default list is unchanged."""
    import skolemiljo

    data = json.loads((EXAMPLES / "letters" / "receipt.json").read_text(encoding="utf-8"))
    data["letter_date"] = bad
    with pytest.raises(InputError) as info:
        render_letter("receipt", data)
    codes = skolemiljo.error_codes(passed_through=True)
    for field in info.value.fields:
        assert field.code in codes, field.code
        assert codes[field.code].raised_as == "InputError"
    assert "date_from_datetime_parsing" not in skolemiljo.error_codes()
    assert set(skolemiljo.error_codes()) <= set(codes)


# ------------------------------------------------ N8 (issue 26): a cap on events per case ---


def _long_case(n: int) -> dict[str, Any]:
    case = json.loads((EXAMPLES / "cases" / "missed_deadlines.json").read_text(encoding="utf-8"))
    events = case["events"]
    case["events"] = [events[i % len(events)] for i in range(n)]
    return case


_ENTRY_POINTS: list[tuple[str, Callable[[dict[str, Any]], object]]] = [
    ("assess", lambda c: assess(c, as_of="2024-11-01")),
    ("audit", lambda c: audit(c, as_of="2024-11-01")),
    ("agenda", lambda c: agenda(c, as_of="2024-11-01")),
    ("dossier", lambda c: dossier(c, as_of="2024-11-01")),
    (
        "render_letter",
        lambda c: render_letter(
            "receipt",
            {**json.loads((EXAMPLES / "letters" / "receipt.json").read_text()), "case": c},
        ),
    ),
]


@pytest.mark.parametrize(("name", "call"), _ENTRY_POINTS, ids=[n for n, _ in _ENTRY_POINTS])
def test_a_case_over_the_event_cap_is_refused_at_every_entry_point(
    name: str, call: Callable[[dict[str, Any]], object]
) -> None:
    """The case file of 10 000 events took minutes as PDF, and the HTTP body limit let about
    5 000 through. A case holds at most MAX_EVENTS (1 000): one more is an InputError at
    ``events`` naming the limit (never the count sent), everywhere."""
    from skolemiljo.case import MAX_EVENTS

    assert MAX_EVENTS == 1000
    with pytest.raises(InputError) as info:
        call(_long_case(MAX_EVENTS + 1))
    (field,) = [f for f in info.value.fields if f.path.endswith("events")]
    assert (field.code, field.message) == ("too_long", "at most 1000 items")
    assert str(MAX_EVENTS + 1) not in str(info.value)


def test_the_event_cap_holds_over_http_and_in_the_schema() -> None:
    """The JSON Schema says so (``maxItems``), and the service answers 422 with the same
    error for 1 001 events, 200 for 1 000."""
    from skolemiljo.schema import json_schema
    from skolemiljo.server import create_app

    from ..conftest import AsgiClient

    assert json_schema("case")["properties"]["events"]["maxItems"] == 1000
    client = AsgiClient(create_app(max_body_bytes=10_000_000))
    answer = client.post("/v1/cases/assess?as_of=2024-11-01", json=_long_case(1001))
    assert answer.status_code == 422
    assert answer.json()["errors"][0] == {
        "path": "events",
        "code": "too_long",
        "message": "at most 1000 items",
    }
    assert (
        client.post("/v1/cases/assess?as_of=2024-11-01", json=_long_case(1000)).status_code == 200
    )
