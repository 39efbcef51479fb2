"""Letters as documents to file: blocks, header and metadata (and, below, PDF and DOCX)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skolemiljo import LETTER_KINDS, InputError, render_letter
from skolemiljo._layout import to_html, to_text

from ..conftest import EXAMPLES, ROOT, vendor_templates


def request(kind: str) -> dict:  # type: ignore[type-arg]
    return json.loads((EXAMPLES / "letters" / f"{kind}.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("kind", LETTER_KINDS)
@pytest.mark.parametrize("m", ["nb", "nn"])
def test_text_and_html_are_laid_out_from_the_blocks(kind: str, m: str) -> None:
    """Text and HTML are laid out from the same blocks, so both formats say the same."""
    text = render_letter(kind, request(kind), maalform=m)
    page = render_letter(kind, request(kind), maalform=m, format="html")
    assert text.blocks == page.blocks
    assert text.body == to_text(text.blocks)
    assert page.body == to_html(page.blocks, text.maalform)
    roles = [b.role for b in text.blocks]
    assert roles[0] == "exemption"
    assert "reference" in roles
    assert roles.index("reference") < roles.index("body")
    assert {b.kind for b in text.blocks} >= {"paragraph", "signature"}


@pytest.mark.parametrize(
    ("m", "line"),
    [
        ("nb", "Unntatt offentlighet, jf. offentleglova § 13 jf. forvaltningsloven § 13 "
               "første ledd nr. 1"),
        ("nn", "Unnateke offentlegheit, jf. offentleglova § 13 jf. forvaltningslova § 13 "
               "første ledd nr. 1"),
    ],
)  # fmt: skip
def test_the_exemption_from_public_access_is_on_by_default_and_can_be_switched_off(
    m: str, line: str
) -> None:
    """The exemption marking is on by default, in its usual form, and
    exempt_from_public_access=false switches it off."""
    letter = render_letter("receipt", request("receipt"), maalform=m)
    assert letter.exemption is not None
    assert letter.exemption.text == line
    assert line in " ".join(letter.body.split())
    assert [r.id for r in letter.exemption.legal_basis] == [
        "offentleglova/13",
        "forvaltningslova/13/1/1",
    ]
    assert not any(r.verified for r in letter.exemption.legal_basis)  # no wording quoted
    assert letter.exemption.source_kind == "reading"
    data = {**request("receipt"), "exempt_from_public_access": False}
    off = render_letter("receipt", data, maalform=m)
    assert off.exemption is None
    assert "offentl" not in off.body
    assert off.blocks[0].role == "reference"


def test_the_addressee_block_and_the_reference_line() -> None:
    """An address given is an addressee block above the reference and date line."""
    data = request("receipt")
    data["recipient_address"] = ["Storgata 1", "2615 Lillehammer"]
    letter = render_letter("receipt", data)
    address = next(b for b in letter.blocks if b.role == "addressee")
    assert address.kind == "address"
    assert address.lines == ("Bjørg og Kåre Ødegård", "Storgata 1", "2615 Lillehammer")
    assert "Bjørg og Kåre Ødegård\nStorgata 1\n2615 Lillehammer\n" in letter.body
    assert letter.addressee.lines == ("Storgata 1", "2615 Lillehammer")
    reference = next(b for b in letter.blocks if b.role == "reference").lines[0]
    expected = "Vår referanse: SAK-2024-031. Dato: tirsdag 8. oktober 2024"
    assert reference.replace("\u00a0", " ") == expected
    assert letter.our_reference == "SAK-2024-031"
    assert str(letter.letter_date) == "2024-10-08"
    assert (letter.sender_name, letter.sender_role, letter.school) == (
        "Ingrid Aas",
        "rektor",
        "Solbakken skole",
    )
    del data["recipient_names"]
    assert render_letter("receipt", data).addressee.name == "Foreldrene til Åse Ødegård"
    assert (
        render_letter("receipt", data, maalform="nn").addressee.name == "Foreldra til Åse Ødegård"
    )
    page = render_letter("receipt", data, format="html").body
    assert '<p class="addressee">Foreldrene til Åse Ødegård<br>\nStorgata 1' in page
    assert '<p class="exemption">' in page


def test_hostile_address_lines_make_no_structure() -> None:
    """Address lines are collapsed and escaped: a line break, ## or markup in them makes no
    structure."""
    data = request("receipt")
    data["recipient_address"] = ["Gate 1\n## Falsk\n- punkt", "<script>x</script>\u202e"]
    letter = render_letter("receipt", data)
    assert "\n## " not in letter.body
    assert "\nFalsk\n" not in letter.body
    assert "\u202e" not in letter.body
    page = render_letter("receipt", data, format="html").body
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    data["recipient_address"] = ["x" * 101]
    with pytest.raises(InputError) as caught:
        render_letter("receipt", data)
    assert "recipient_address.0" in str(caught.value)
    assert "x" * 20 not in str(caught.value)


@pytest.mark.parametrize("kind", LETTER_KINDS)
def test_the_suggested_file_name_holds_no_personal_text(kind: str) -> None:
    """The suggested file name is kind, date and målform: no name or other personal text."""
    letter = render_letter(kind, request(kind), maalform="nn")
    assert letter.file_stem == f"{kind}-{letter.letter_date.isoformat()}-nn"
    data = request(kind)
    for word in (data["pupil_name"], data.get("recipient_names") or "", data["sender"]["name"]):
        for part in word.split():
            assert part.lower() not in letter.file_stem


def test_a_vendor_template_can_fill_the_header_slots(tmp_path: Path) -> None:
    """A vendor template can write the header's values (meta), and still passes the check."""
    vendor_templates(tmp_path)
    target = tmp_path / "receipt.nb.j2"
    text = target.read_text(encoding="utf-8")
    head, rest = text.split("\n", 1)
    target.write_text(
        f"{head}\nSak {{{{ meta.reference }}}}; {{{{ meta.exemption }}}}\n{rest}", "utf-8"
    )
    letter = render_letter("receipt", request("receipt"), templates=tmp_path)
    assert "Sak SAK-2024-031; Unntatt offentlighet" in " ".join(letter.body.split())


# ------------------------------------------------------------------- PDF/A and DOCX ---

MONTHS = "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"


def _fold(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _pdf_text(pdf: bytes) -> tuple[str, str]:
    """(the raw extracted text, the text without page numbers, folded)."""
    import io
    import re

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    raw = "\n".join(page.extract_text() for page in reader.pages)
    return raw, _fold(re.sub(r"Side \d+ av \d+", " ", raw))


@pytest.mark.parametrize("kind", LETTER_KINDS)
@pytest.mark.parametrize("m", ["nb", "nn"])
def test_the_pdf_is_pdf_a_with_embedded_fonts_language_and_every_element(kind: str, m: str) -> None:
    """The PDF is PDF/A with embedded fonts and language, and its text holds every required
    phrase and citation."""
    import io
    import re

    import pypdf

    from skolemiljo.letters.data import _required
    from skolemiljo.letters.words import letter_words

    letter = render_letter(kind, request(kind), maalform=m)
    pdf = letter.to_pdf()
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfaid:part="2"' in xmp  # tagged PDF/A-2a by default (issue 27)
    assert 'pdfaid:conformance="A"' in xmp
    assert root["/Lang"] == m
    assert root["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
    assert reader.metadata is not None
    label = letter_words(letter.maalform).kind_labels[kind]
    assert reader.metadata.title == f"{label} ({letter.our_reference})"  # N5: no pupil's name
    pupil = request(kind)["pupil_name"]
    assert pupil not in reader.metadata.title
    assert pupil not in xmp
    assert reader.metadata.subject == letter_words(letter.maalform).kind_labels[kind]
    fonts = 0
    for page in reader.pages:
        assert round(float(page.mediabox.width)) == 595  # A4: 210 x 297 mm
        assert round(float(page.mediabox.height)) == 842
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            descendant = font
            descriptor = descendant["/FontDescriptor"].get_object()
            program = next(descriptor[k] for k in ("/FontFile", "/FontFile2", "/FontFile3")
                           if k in descriptor).get_object().get_data()  # fmt: skip
            # the shipped DejaVu Sans (its name table), loaded by @font-face under the
            # library's family name: never a system font that happens to be installed
            assert "DejaVu".encode("utf-16-be") in program
            assert "Skolemiljo-Sans" in str(descendant["/BaseFont"])
            fonts += 1
    assert fonts >= 2  # regular and bold, each embedded
    raw, text = _pdf_text(pdf)
    for block in letter.blocks:
        if block.kind == "table":  # a cell wraps within its column: its words, each
            words = set(text.split())
            for row in block.rows:
                for cell in row:
                    assert set(_fold(cell).split()) <= words, (kind, m, cell)
            continue
        for line in block.lines:
            assert _fold(line) in text, (kind, m, line)
    for phrase, name in _required(kind, letter.maalform):
        assert _fold(phrase) in text, name
    for ref in letter.legal_basis:
        assert ref.citation in text
    assert not re.search(r"§\s*\n", raw)  # "§ 12-6" never broken
    assert not re.search(rf"[0-9]\.\s*\n\s*(?:{MONTHS})\b", raw)  # nor a date
    assert not re.search(rf"\b(?:{MONTHS})\s*\n\s*[0-9]{{4}}\b", raw)
    assert not re.search(r"\b[0-9]{2}\s*\n\s*[0-9]{2} [0-9]{2}\b", raw)  # nor a phone number


@pytest.mark.parametrize("kind", LETTER_KINDS)
@pytest.mark.parametrize("m", ["nb", "nn"])
def test_the_docx_has_the_same_paragraphs_as_the_text_letter(kind: str, m: str) -> None:
    """The DOCX holds the same paragraphs as the text letter, in the shipped template's styles
    (issue 27: python-docx's default template with blue headings looked like a draft): the
    exemption at the top of every page's header, the addressee and the reference line, the
    subject as the title, the blocks, a table per table block, page numbers as Word fields in
    the footer; title, subject and language set."""
    import io

    import docx

    from skolemiljo.letters.words import letter_words

    letter = render_letter(kind, request(kind), maalform=m)
    document = docx.Document(io.BytesIO(letter.to_docx()))
    expected: list[tuple[str, str]] = []
    role = {"addressee": "Skolemiljo Addressee", "reference": "Skolemiljo Reference"}
    for block in letter.blocks:
        if block.role in role:
            expected.append(("\n".join(block.lines), role[block.role]))
    expected.append((letter.subject, "Title"))
    tables = []
    for block in letter.blocks:
        if block.role != "body":
            continue
        if block.kind == "heading":
            expected.append((block.lines[0], "Heading 2"))
        elif block.kind == "list":
            expected += [(line, "List Bullet") for line in block.lines]
        elif block.kind == "table":
            tables.append(block.rows)
            expected.append(("", "Normal"))  # the space after the table
        elif block.kind == "signature":
            expected.append(("\n".join(block.lines), "Skolemiljo Signature"))
        else:
            expected.append(("\n".join(block.lines), "Normal"))
    got = [(p.text, p.style.name) for p in document.paragraphs]
    assert got == expected
    assert [tuple(tuple(c.text for c in r.cells) for r in t.rows) for t in document.tables] == (
        tables
    )
    section = document.sections[0]
    marking = " ".join(next(b for b in letter.blocks if b.role == "exemption").lines)
    for header in (section.first_page_header, section.header):
        assert [p.text for p in header.paragraphs if p.text] == [marking]
    for footer in (section.first_page_footer, section.footer):
        xml = footer._element.xml
        assert 'w:instr=" PAGE "' in xml
        assert 'w:instr=" NUMPAGES "' in xml
        assert footer.paragraphs[0].text.startswith("Side ")
    props = document.core_properties
    assert pupil_name(kind) not in props.title  # N5: the metadata names no pupil
    assert (props.title, props.subject, props.language) == (
        f"{letter_words(letter.maalform).kind_labels[kind]} ({letter.our_reference})",
        letter_words(letter.maalform).kind_labels[kind],
        f"{m}-NO",
    )
    text = _fold("\n".join(p.text for p in document.paragraphs))
    for ref in letter.legal_basis:
        assert ref.citation in text


def test_the_docx_template_is_arial_black_and_a4() -> None:
    """The shipped Word template: every style the layout uses in Arial, no theme colour (the
    default template's headings were blue), A4 with the PDF's margins; and it is exactly what
    scripts/make_docx_template.py makes."""
    import io
    import subprocess
    import sys

    import docx

    from skolemiljo._layout.word import _docx_template

    document = docx.Document(io.BytesIO(_docx_template()))
    ours = ("Exemption", "Addressee", "Reference", "Signature", "Footer", "Letterhead")
    names = ["Normal", "Title", "Heading 2", "List Bullet", "Skolemiljo Table Text"]
    for name in [*names, *(f"Skolemiljo {n}" for n in ours)]:
        style = document.styles[name]
        xml = style.element.xml
        assert 'w:ascii="Arial"' in xml, name
        assert "Theme" not in xml, name
        assert style.font.color.rgb in (None, docx.shared.RGBColor(0, 0, 0)), name
    assert "Skolemiljo Table" in [s.name for s in document.styles]
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert document.paragraphs == []
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_docx_template.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def pupil_name(kind: str) -> str:
    name: str = request(kind)["pupil_name"]
    return name


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 20), (0, 80, 160)).save(out, format="PNG")
    return out.getvalue()


def test_the_letterhead_prints_the_logo_and_address_and_refuses_other_files() -> None:
    """A letterhead prints its logo and address in PDF and DOCX; a logo that is no PNG or JPEG
    is refused."""
    import io

    import docx
    import pypdf

    from skolemiljo._layout import Letterhead

    head = Letterhead(logo=_png(), address=("Solbakken skole", "Skoleveien 2, 2615 Lillehammer"))
    letter = render_letter("receipt", request("receipt"))
    pdf = letter.to_pdf(head)
    _, text = _pdf_text(pdf)
    assert "Skoleveien 2, 2615 Lillehammer" in text
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    images = page["/Resources"]["/XObject"].values()
    assert any(x.get_object()["/Subtype"] == "/Image" for x in images)
    document = docx.Document(io.BytesIO(letter.to_docx(head)))
    first = document.sections[0].first_page_header  # the letterhead is on the first page
    logo, address = first.tables[0].rows[0].cells
    assert [p.text for p in address.paragraphs] == list(head.address)
    assert "graphicData" in logo._element.xml  # the logo, beside the address
    assert [p.text for p in document.sections[0].header.paragraphs if p.text] == [
        " ".join(next(b for b in letter.blocks if b.role == "exemption").lines)
    ]  # later pages: the marking only
    assert len(document.inline_shapes) == 0  # the logo is in the header, not the body
    with pytest.raises(Exception, match="logo_type"):
        Letterhead(logo=b"GIF89a not a png")


def test_a_pdf_fetches_nothing_but_the_shipped_fonts() -> None:
    """Making a PDF fetches nothing but the shipped fonts."""
    import weasyprint
    import weasyprint.urls

    from skolemiljo._layout.documents import _fetcher

    fetch = _fetcher(weasyprint, frozenset({"file:///only/this.ttf"}))
    for url in ("file:///etc/passwd", "http://example.com/x.png", "https://example.com/a.css"):
        with pytest.raises(ValueError, match="no other resources"):
            fetch.fetch(url)
    data = request("receipt")
    data["pupil_name"] = "<img src='file:///etc/passwd'> Åse"
    _, text = _pdf_text(render_letter("receipt", data).to_pdf())
    assert "<img src='file:///etc/passwd'> Åse" in text  # printed as text, never loaded


@pytest.mark.parametrize(("module", "extra"), [("weasyprint", "pdf"), ("docx", "docx")])
def test_without_the_extra_asking_for_the_format_names_it(
    monkeypatch: pytest.MonkeyPatch, module: str, extra: str
) -> None:
    """Without the [pdf] or [docx] extra, asking for the format is extra_missing, naming it."""
    import sys

    from skolemiljo import LetterError

    monkeypatch.setitem(sys.modules, module, None)  # the import fails as if not installed
    letter = render_letter("receipt", request("receipt"))
    with pytest.raises(LetterError) as caught:
        letter.to_pdf() if extra == "pdf" else letter.to_docx()
    assert caught.value.code == "extra_missing"
    assert f"skolemiljo[{extra}]" in str(caught.value)


def test_the_command_writes_pdf_and_docx_under_a_name_without_personal_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """skolemiljo letter --format pdf|docx writes the file under a name without personal text."""
    from skolemiljo.cli import main

    monkeypatch.chdir(tmp_path)
    path = str(EXAMPLES / "letters" / "receipt.json")
    assert main(["letter", "receipt", path, "--format", "pdf", "--maalform", "nn"]) == 0
    name = capsys.readouterr().out.strip()
    assert name == "receipt-2024-10-08-nn.pdf"
    assert (tmp_path / name).read_bytes().startswith(b"%PDF-")
    logo = tmp_path / "logo.png"
    logo.write_bytes(_png())
    target = tmp_path / "brev.docx"
    args = ["--format", "docx", "-o", str(target), "--logo", str(logo)]
    args += ["--letterhead-address", "Lia skule"]
    assert main(["letter", "receipt", path, *args]) == 0
    assert target.read_bytes().startswith(b"PK")
    capsys.readouterr()
    assert main(["letter", "receipt", path, "--format", "pdf", "--json"]) == 2
    assert main(["letter", "receipt", path, "--format", "pdf", "--logo", path]) == 2
    assert "logo_type" in capsys.readouterr().err


@pytest.mark.parametrize("kind", LETTER_KINDS)
def test_the_first_page_of_every_kind_is_in_the_docs_as_a_picture(kind: str) -> None:
    """`make snapshots` writes them (WeasyPrint, then pdftoppm); the README shows one."""
    from PIL import Image

    path = ROOT / "docs" / "letters" / f"{kind}.nb.png"
    with Image.open(path) as image:
        assert image.format == "PNG"
        width, height = image.size
    assert 1.35 < height / width < 1.48  # an A4 page
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/letters/receipt.nb.png)" in readme


def test_the_http_operations_return_pdf_and_docx(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 27: one media type per operation. POST /v1/letters/{kind}.pdf and .docx and
    /v1/cases/dossier.pdf and .docx return the document with its media type, and the OpenAPI
    document gives each operation one content type; the old ``format=pdf|docx`` still
    answers, marked deprecated with a link to its successor."""
    import sys

    from skolemiljo.server import create_app

    from ..conftest import AsgiClient

    client = AsgiClient(create_app())
    body = (EXAMPLES / "letters" / "receipt.json").read_text(encoding="utf-8")
    headers = {"content-type": "application/json"}
    pdf = client.post("/v1/letters/receipt.pdf?maalform=nn", content=body, headers=headers)
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert "deprecation" not in pdf.headers
    disposition = pdf.headers["content-disposition"]
    assert disposition == 'attachment; filename="receipt-2024-10-08-nn.pdf"'
    part = client.post("/v1/letters/receipt.pdf?pdfa=1a", content=body, headers=headers)
    assert b'pdfaid:part="1"' in part.content or b"<pdfaid:part>1<" in part.content
    word = client.post("/v1/letters/receipt.docx", content=body, headers=headers)
    assert word.status_code == 200
    assert word.headers["content-type"].endswith("wordprocessingml.document")
    assert word.content.startswith(b"PK")
    old = client.post("/v1/letters/receipt?format=pdf&maalform=nn", content=body, headers=headers)
    assert old.status_code == 200
    assert old.content.startswith(b"%PDF-")
    assert old.headers["deprecation"] == "true"
    assert old.headers["link"] == '</v1/letters/receipt.pdf>; rel="successor-version"'
    unknown = client.post("/v1/letters/nope.pdf", content=body, headers=headers)
    assert unknown.status_code == 404
    assert unknown.json()["errors"][0]["code"] == "unknown_letter_kind"
    case = (EXAMPLES / "cases" / "missed_deadlines.json").read_text(encoding="utf-8")
    for suffix, magic in ((".pdf", b"%PDF-"), (".docx", b"PK")):
        dossier = client.post(
            f"/v1/cases/dossier{suffix}?as_of=2024-11-01", content=f'{{"case": {case}}}',
            headers=headers,
        )  # fmt: skip
        assert dossier.status_code == 200
        assert dossier.content.startswith(magic)
    doc = client.get("/openapi.json").json()
    media = {
        ("/v1/letters/{kind}", "render_letter"): "application/json",
        ("/v1/letters/{kind}.pdf", "render_letter_pdf"): "application/pdf",
        ("/v1/letters/{kind}.docx", "render_letter_docx"): DOCX_MEDIA,
        ("/v1/cases/dossier", "case_dossier"): "application/json",
        ("/v1/cases/dossier.pdf", "case_dossier_pdf"): "application/pdf",
        ("/v1/cases/dossier.docx", "case_dossier_docx"): DOCX_MEDIA,
    }
    for (path, operation_id), wanted in media.items():
        operation = doc["paths"][path]["post"]
        assert operation["operationId"] == operation_id
        assert set(operation["responses"]["200"]["content"]) == {wanted}, path
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    missing = client.post("/v1/letters/receipt.pdf", content=body, headers=headers)
    assert missing.status_code == 501
    assert missing.json()["errors"][0]["code"] == "extra_missing"


DOCX_MEDIA = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
