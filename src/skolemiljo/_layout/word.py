"""Letters and case files as DOCX (python-docx), from the shipped Word template
(``letter-template.docx``, made by ``scripts/make_docx_template.py``), laid out from the same
blocks as every other format. The words a document needs besides its blocks are passed in:
the layout never reads letter data."""

from __future__ import annotations

import io
from importlib import resources
from typing import Any

from skolemiljo.errors import LetterError

from .blocks import Block
from .documents import Document, meta_title, plain_subject
from .letterhead import Letterhead

__all__ = ["to_docx"]


def _docx_template() -> bytes:
    """The shipped Word template (``_layout/letter-template.docx``, made by
    ``scripts/make_docx_template.py``): A4, Arial, black headings, the library's styles."""
    return (resources.files("skolemiljo") / "_layout" / "letter-template.docx").read_bytes()


def to_docx(
    letter: Document, label: str, letterhead: Letterhead | None = None, page: str | None = None
) -> bytes:
    """``letter`` as a DOCX document a municipality would send, from the shipped Word
    template: the letterhead (logo and address) in the first page's header, the exemption
    from public access at the top right of every page (where Norwegian letters mark it), page
    numbers in the footer (``page``: "Side {page} av {pages}", as Word fields), the addressee,
    the reference line, the subject as the title, each block as a Word heading, paragraph,
    bulleted list, table (one row per measure, the header row repeated on every page) or
    signature; language, title and subject (``label``) set, in Arial (on every office PC)."""
    try:
        import docx
    except ImportError:
        raise LetterError("extra_missing", "DOCX needs skolemiljo[docx] (python-docx)") from None
    try:
        return _docx(docx, letter, label, letterhead, page)
    except LetterError:
        raise
    except Exception as error:  # python-docx or lxml: named by its type, never its text
        raise LetterError("docx_failed", f"python-docx: {type(error).__name__}") from None


def _docx(
    docx: Any, letter: Document, label: str, letterhead: Letterhead | None, page: str | None
) -> bytes:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    m = letter.maalform
    document = docx.Document(io.BytesIO(_docx_template()))
    for style in ("Normal",):
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), f"{m.value}-NO")
        document.styles[style].element.get_or_add_rPr().append(lang)
    props = document.core_properties
    props.title = meta_title(letter, label)
    props.subject = label
    props.author = letter.school
    props.language = f"{m.value}-NO"
    section = document.sections[0]
    section.different_first_page_header_footer = True
    exemption = [b for b in letter.blocks if b.role == "exemption"]
    styles = document.styles
    _docx_first_header(section.first_page_header, styles, letterhead, exemption)
    _docx_exemption(section.header.paragraphs[0], styles, exemption)
    if page is not None:
        for footer in (section.first_page_footer, section.footer):
            _docx_page_numbers(footer, styles, page)
    for block in letter.blocks:  # the addressee and the reference line, then the subject
        if block.role in ("addressee", "reference"):
            _docx_block(document, block, style=f"Skolemiljo {block.role.title()}")
    document.add_paragraph(plain_subject(letter), style="Title")
    for block in letter.blocks:
        if block.role == "body":
            _docx_block(document, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_first_header(
    header: Any, styles: Any, letterhead: Letterhead | None, exemption: list[Block]
) -> None:
    """The first page's header: the logo at the left and the address at the right (a table
    without borders), then the exemption line."""
    from docx.shared import Mm

    first = header.paragraphs[0]
    if letterhead is not None and (letterhead.logo or letterhead.address):
        table = header.add_table(rows=1, cols=2, width=Mm(165))
        logo, address = table.rows[0].cells
        if letterhead.logo:
            logo.paragraphs[0].add_run().add_picture(io.BytesIO(letterhead.logo), height=Mm(15))
        for number, line in enumerate(letterhead.address):
            paragraph = address.paragraphs[0] if number == 0 else address.add_paragraph()
            paragraph.text = line
            paragraph.style = styles["Skolemiljo Letterhead"]
        first._element.getparent().remove(first._element)
        header._element.append(header._element[0])  # the table first, an empty paragraph after
        _docx_exemption(header.add_paragraph(), styles, exemption)
    else:
        _docx_exemption(first, styles, exemption)


def _docx_exemption(paragraph: Any, styles: Any, exemption: list[Block]) -> None:
    if exemption:
        paragraph.text = " ".join(exemption[0].lines)
        paragraph.style = styles["Skolemiljo Exemption"]


def _docx_page_numbers(footer: Any, styles: Any, page: str) -> None:
    """ "Side {page} av {pages}" with Word's PAGE and NUMPAGES fields."""
    paragraph = footer.paragraphs[0]
    paragraph.style = styles["Skolemiljo Footer"]
    before, _, rest = page.partition("{page}")
    between, _, after = rest.partition("{pages}")
    paragraph.add_run(before)
    _docx_field(paragraph, "PAGE")
    paragraph.add_run(between)
    _docx_field(paragraph, "NUMPAGES")
    paragraph.add_run(after)


def _docx_field(paragraph: Any, code: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {code} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _docx_block(document: Any, block: Block, style: str | None = None) -> None:
    if block.kind == "heading":
        document.add_paragraph(block.lines[0], style="Heading 2")
    elif block.kind == "paragraph":
        document.add_paragraph(block.lines[0], style=style)
    elif block.kind == "list":
        for line in block.lines:
            document.add_paragraph(line, style="List Bullet")
    elif block.kind == "table":
        _docx_table(document, block)
    else:  # signature, address: one paragraph, a line break between the lines
        name = style or ("Skolemiljo Signature" if block.kind == "signature" else None)
        paragraph = document.add_paragraph(style=name)
        for number, line in enumerate(block.lines):
            run = paragraph.add_run(line)
            if number < len(block.lines) - 1:
                run.add_break()


def _docx_table(document: Any, block: Block) -> None:
    """A table: one row per entry, the header row marked to repeat on every page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    width = len(block.rows[0])
    table = document.add_table(rows=len(block.rows), cols=width)
    table.style = document.styles["Skolemiljo Table"]
    table.autofit = False
    widths = [Mm(14), Mm(52), *([Mm((165 - 66) / (width - 2))] * (width - 2))] if width > 2 else []
    for number, row in enumerate(block.rows):
        cells = table.rows[number].cells
        for column, text in enumerate(row):
            cell = cells[column]
            cell.paragraphs[0].text = text
            cell.paragraphs[0].style = document.styles["Skolemiljo Table Text"]
            if number == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            if widths:
                cell.width = widths[column]
        if number == 0:
            repeat = OxmlElement("w:tblHeader")
            repeat.set(qn("w:val"), "true")
            table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for column, size in enumerate(widths):
        table.columns[column].width = size
    document.add_paragraph()
