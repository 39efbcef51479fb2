"""Make the Word template the letters' and case files' DOCX start from
(``src/skolemiljo/_layout/letter-template.docx``), from python-docx's default document:

- A4, margins as the PDF (20 mm top, 20 mm right, 22 mm bottom, 25 mm left);
- every style in Arial (on every office PC; LibreOffice shows it as the metric-compatible
  Liberation Sans), black, no theme colours or theme fonts (python-docx's default template
  has blue Calibri Light headings);
- the styles the layout uses: Normal (10.5 pt), Title (the subject, 13.5 pt bold), Heading 2
  (11 pt bold), List Bullet, and the library's own: Skolemiljo Exemption (the marking, right,
  8.5 pt bold), Skolemiljo Addressee, Skolemiljo Reference (9 pt), Skolemiljo Letterhead
  (8.5 pt, right), Skolemiljo Footer (8.5 pt, right), Skolemiljo Signature, Skolemiljo Table
  Text (9.5 pt), and a table style Skolemiljo Table (thin grid, grey header row).

Run ``python scripts/make_docx_template.py`` after changing it, and commit the result; the tests
read the template's styles (tests/layout/test_letter_documents.py).
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

TARGET = (
    Path(__file__).resolve().parents[1] / "src" / "skolemiljo" / "_layout" / "letter-template.docx"
)
FONT = "Arial"


def _fonts(rpr: object) -> None:
    """Arial in every script slot, no theme font, black."""
    fonts = rpr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)  # type: ignore[attr-defined]
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    color = rpr.find(qn("w:color"))  # type: ignore[attr-defined]
    if color is not None:
        rpr.remove(color)  # type: ignore[attr-defined]


def _paragraph_style(
    document,
    name: str,
    size: float,
    *,
    bold: bool = False,
    align: object = None,
    before: float = 0,
    after: float = 4,
    base: str = "Normal",
) -> None:  # type: ignore[no-untyped-def]
    styles = document.styles
    style = (
        styles[name]
        if name in [s.name for s in styles]
        else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    )
    style.base_style = styles[base] if name != base else None
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)
    _fonts(style.element.get_or_add_rPr())
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if align is not None:
        fmt.alignment = align
    style.quick_style = True


def _table_style(document) -> None:  # type: ignore[no-untyped-def]
    """Skolemiljo Table: a thin grey grid, the header row shaded and repeated."""
    style = document.styles.add_style("Skolemiljo Table", WD_STYLE_TYPE.TABLE)
    style.base_style = document.styles["Normal Table"]
    element = style.element
    tblpr = element.find(qn("w:tblPr"))
    if tblpr is None:
        tblpr = OxmlElement("w:tblPr")
        element.append(tblpr)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "666666")
        borders.append(line)
    tblpr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge, width in (("top", 40), ("left", 80), ("bottom", 40), ("right", 80)):
        cell = OxmlElement(f"w:{edge}")
        cell.set(qn("w:w"), str(width))
        cell.set(qn("w:type"), "dxa")
        margins.append(cell)
    tblpr.append(margins)
    header = OxmlElement("w:tblStylePr")
    header.set(qn("w:type"), "firstRow")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:b"))
    header.append(rpr)
    tcpr = OxmlElement("w:tcPr")
    shade = OxmlElement("w:shd")
    shade.set(qn("w:val"), "clear")
    shade.set(qn("w:color"), "auto")
    shade.set(qn("w:fill"), "E8E8E8")
    tcpr.append(shade)
    header.append(tcpr)
    element.append(header)


def main() -> None:
    document = docx.Document()
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(22)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault"))
        if rpr is not None and rpr.find(qn("w:rPr")) is not None:
            _fonts(rpr.find(qn("w:rPr")))
    _paragraph_style(document, "Normal", 10.5, after=5)
    _paragraph_style(document, "Title", 13.5, bold=True, before=10, after=8)
    _paragraph_style(document, "Heading 2", 11, bold=True, before=8, after=3)
    _paragraph_style(document, "List Bullet", 10.5, after=3)
    _paragraph_style(document, "Skolemiljo Exemption", 8.5, bold=True,
                     align=WD_ALIGN_PARAGRAPH.RIGHT, after=2)  # fmt: skip
    _paragraph_style(document, "Skolemiljo Letterhead", 8.5, align=WD_ALIGN_PARAGRAPH.RIGHT,
                     after=0)  # fmt: skip
    _paragraph_style(document, "Skolemiljo Addressee", 10.5, before=12, after=12)
    _paragraph_style(document, "Skolemiljo Reference", 9, after=6)
    _paragraph_style(document, "Skolemiljo Signature", 10.5, before=6)
    _paragraph_style(document, "Skolemiljo Footer", 8.5, align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)
    _paragraph_style(document, "Skolemiljo Table Text", 9.5, after=0)
    for name in ("Title", "Heading 2"):  # no theme colour, border or keep-with-next lost
        style = document.styles[name]
        ppr = style.element.find(qn("w:pPr"))
        if ppr is not None:
            border = ppr.find(qn("w:pBdr"))
            if border is not None:
                ppr.remove(border)
        style.paragraph_format.keep_with_next = True
    _table_style(document)
    for paragraph in list(document.paragraphs):
        paragraph._element.getparent().remove(paragraph._element)
    props = document.core_properties
    props.title, props.subject, props.author, props.comments = "", "", "skolemiljo", ""
    props.keywords, props.category, props.last_modified_by = "", "", "skolemiljo"
    props.created = props.modified = datetime(2026, 1, 1, tzinfo=UTC)
    props.revision = 1
    out = io.BytesIO()
    document.save(out)
    data = _normalised(out.getvalue())
    if "--check" in sys.argv[1:]:
        if TARGET.read_bytes() != data:
            print(f"{TARGET} is not what this script makes: run it and commit the result")
            raise SystemExit(1)
        return
    TARGET.write_bytes(data)
    print(f"wrote {TARGET}")


def _normalised(data: bytes) -> bytes:
    """The same bytes on every run: every member dated 1980-01-01, in the same order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


if __name__ == "__main__":
    main()
