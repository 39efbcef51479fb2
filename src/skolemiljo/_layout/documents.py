"""Letters and case files as the documents schools send and archive: PDF/A (WeasyPrint) and
DOCX (python-docx), both laid out from the document's blocks, so each says what the text says.
The words a document needs besides its blocks (what it is, ``label``; the page numbers,
``page``) are passed in: the layout never reads letter data.

The PDF is PDF/A-3b on A4, in DejaVu Sans (shipped with the package, so every glyph of
Norwegian is there and the fonts are embedded wherever it runs), with page numbers in the
målform, the document language (``/Lang``), title (the subject) and subject (the kind) set.
"§ 12-6", phone numbers and dates never break across lines (no-break spaces). Nothing is
fetched while it is made: the only resources are the shipped fonts and the letterhead's logo,
passed as data.
"""

from __future__ import annotations

import atexit
import base64
import gc
import html
import io
import threading
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

from skolemiljo._i18n import Maalform
from skolemiljo.errors import LetterError

from .blocks import Block
from .letterhead import Letterhead, image_type
from .markup import NBSP, block_html

__all__ = ["html_document", "print_stylesheet", "to_docx", "to_pdf"]

FONT_FAMILY = "Skolemiljo Sans"


class Document(Protocol):
    """What a document needs of a :class:`~skolemiljo.letters.Letter` or a case file."""

    @property
    def maalform(self) -> Maalform: ...
    @property
    def subject(self) -> str: ...
    @property
    def format(self) -> str: ...
    @property
    def blocks(self) -> tuple[Block, ...]: ...
    @property
    def school(self) -> str: ...


def _fonts() -> Path:
    return Path(str(resources.files("skolemiljo") / "fonts"))


@cache
def _font_faces() -> str:
    folder = _fonts()
    regular = (folder / "DejaVuSans.ttf").as_uri()
    bold = (folder / "DejaVuSans-Bold.ttf").as_uri()
    return f"""
@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{regular}"); font-weight: normal; }}
@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{bold}"); font-weight: bold; }}
"""


def print_stylesheet(page: str, *, fonts: bool = True) -> str:
    """The print stylesheet: A4, margins, the shipped fonts (``fonts``), page numbers worded
    as ``page`` ("Side {page} av {pages}", in the document's målform)."""
    words = page
    before, _, rest = words.partition("{page}")
    between, _, after = rest.partition("{pages}")
    pages = f'"{_css(before)}" counter(page) "{_css(between)}" counter(pages) "{_css(after)}"'
    return (
        (_font_faces() if fonts else "")
        + f"""
@page {{
  size: A4; margin: 20mm 20mm 22mm 25mm;
  @bottom-right {{ content: {pages}; font-family: "{FONT_FAMILY}"; font-size: 8.5pt; }}
}}
html {{ font-family: "{FONT_FAMILY}"; font-size: 10.5pt; line-height: 1.4; color: #000; }}
h1 {{ font-size: 13.5pt; margin: 8mm 0 4mm; break-after: avoid; }}
h2 {{ font-size: 11pt; margin: 5mm 0 1.5mm; break-after: avoid; }}
p, li {{ margin: 0 0 2.5mm; orphans: 2; widows: 2; }}
ul {{ margin: 0 0 2.5mm; padding-left: 6mm; }}
.exemption {{ text-align: right; font-size: 8.5pt; font-weight: bold; }}
.addressee {{ margin: 6mm 0 6mm; }}
.reference {{ font-size: 9pt; }}
.letterhead {{ display: flex; justify-content: space-between; margin-bottom: 4mm; }}
.letterhead img {{ max-height: 18mm; max-width: 60mm; }}
.letterhead p {{ font-size: 8.5pt; text-align: right; margin: 0; }}
"""
    )


def _css(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _esc(text: str) -> str:
    return html.escape(text).replace(NBSP, "&nbsp;")


def html_document(letter: Document, label: str, letterhead: Letterhead | None = None) -> str:
    """The whole HTML document a PDF is printed from: language, title and subject (``label``:
    what the document is, such as the letter kind's name) in the head, the letterhead, the
    subject as the first heading, then the blocks."""
    m = letter.maalform
    subject = _plain_subject(letter)
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{m.value}"><head><meta charset="utf-8">',
        f"<title>{_esc(meta_title(letter, label))}</title>",
        f'<meta name="description" content="{_esc(label)}">',
        f'<meta name="author" content="{_esc(letter.school)}">',
        "</head><body>",
    ]
    if letterhead is not None and (letterhead.logo or letterhead.address):
        parts = ['<div class="letterhead">']
        if letterhead.logo:
            kind = image_type(letterhead.logo)
            data = base64.b64encode(letterhead.logo).decode("ascii")
            parts.append(f'<img alt="" src="data:{kind};base64,{data}">')
        if letterhead.address:
            parts.append("<p>" + "<br>".join(_esc(line) for line in letterhead.address) + "</p>")
        parts.append("</div>")
        head += parts
    body = [block_html(b) for b in letter.blocks if b.role in ("exemption", "addressee")]
    body.append(f"<h1>{_esc(subject)}</h1>")
    body += [block_html(b) for b in letter.blocks if b.role not in ("exemption", "addressee")]
    return "\n".join([*head, *body, "</body></html>"]) + "\n"


def meta_title(letter: Document, label: str) -> str:
    """The document's title in its metadata (PDF ``/Title``, XMP ``dc:title``, the DOCX core
    title): what it is and the case's reference, never the subject line, which names the
    pupil. Metadata travels where the page does not (file lists, search indexes)."""
    ref = getattr(letter, "our_reference", None) or getattr(letter, "case_id", None)
    return f"{label} ({ref})" if ref else label


def _plain_subject(letter: Document) -> str:
    """The subject as text (an HTML letter's subject is escaped)."""
    return html.unescape(letter.subject) if letter.format == "html" else letter.subject


def _fetcher(weasyprint: Any, allowed: frozenset[str]) -> Any:
    """A WeasyPrint URL fetcher that serves the shipped fonts and data URIs and refuses every
    other address (WeasyPrint then leaves the resource out)."""

    class OnlyOurs(weasyprint.urls.URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:") or url in allowed:
                return super().fetch(url, headers)
            raise ValueError("a letter loads no other resources")

    return OnlyOurs(allowed_protocols=("file", "data"))


def _weasyprint() -> Any:
    try:
        import weasyprint  # type: ignore[import-untyped]
        import weasyprint.urls  # type: ignore[import-untyped]
    except (ImportError, OSError) as error:  # OSError: the Pango library is missing
        raise LetterError(
            "extra_missing",
            "PDF needs skolemiljo[pdf] (WeasyPrint) and the Pango library "
            f"({type(error).__name__})",
        ) from None
    return weasyprint


_INTENT = "skolemiljo-srgb"
"""The output intent: WeasyPrint's own sRGB profile, read once and closed (WeasyPrint's
"srgb" intent opens the profile's file for every PDF and leaves it open)."""


@cache
def _icc() -> bytes:
    return (resources.files("weasyprint.pdf") / "sRGB2014.icc").read_bytes()


def _srgb(weasyprint: Any) -> Any:
    from weasyprint.css import ColorProfile  # type: ignore[import-untyped]

    return ColorProfile(
        io.BytesIO(_icc()), "sRGB2014.icc", "relative-colorimetric", (["r"], ["g"], ["b"])
    )


_THREAD = threading.local()


def _font_setup(weasyprint: Any, fetcher: Any) -> tuple[Any, Any]:
    """One font configuration per thread, with the shipped fonts loaded once: WeasyPrint made a
    new one for every PDF and loaded the fonts into it again, and the native memory it took
    was never given back (about 220 KB a PDF, measured over 600). Per thread, because Pango's
    font maps are not shared between threads safely."""
    setup = getattr(_THREAD, "fonts", None)
    if setup is None:
        from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

        config = FontConfiguration()
        faces = weasyprint.CSS(string=_font_faces(), url_fetcher=fetcher, font_config=config)
        setup = _THREAD.fonts = (config, faces)
        if threading.current_thread() is threading.main_thread():
            atexit.register(_release)  # before the interpreter tears WeasyPrint's modules down
    return setup


def _release() -> None:
    """Let the main thread's font configuration go while WeasyPrint can still free it (its
    finaliser fails, printing a traceback, once the interpreter has torn its modules down)."""
    _THREAD.__dict__.pop("fonts", None)
    gc.collect()


def to_pdf(letter: Document, label: str, page: str, letterhead: Letterhead | None = None) -> bytes:
    """``letter`` as PDF/A-3b bytes (see the module's docstring); ``label``: what it is (the
    PDF's subject); ``page``: the page numbers' words ("Side {page} av {pages}")."""
    weasyprint = _weasyprint()
    folder = _fonts()
    allowed = frozenset(
        (folder / name).as_uri() for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
    )
    try:
        fetcher = _fetcher(weasyprint, allowed)
        fonts, faces = _font_setup(weasyprint, fetcher)
        document = weasyprint.HTML(
            string=html_document(letter, label, letterhead), url_fetcher=fetcher
        )
        stylesheet = weasyprint.CSS(
            string=print_stylesheet(page, fonts=False), url_fetcher=fetcher, font_config=fonts
        )
        pdf: bytes = document.write_pdf(
            stylesheets=[faces, stylesheet],
            font_config=fonts,
            pdf_variant="pdf/a-3b",
            output_intent=_INTENT,
            color_profiles={_INTENT: _srgb(weasyprint)},
        )
    except LetterError:
        raise
    except Exception as error:  # a WeasyPrint failure is named by its type, never its text
        raise LetterError("pdf_failed", f"WeasyPrint: {type(error).__name__}") from None
    return pdf


def to_docx(letter: Document, label: str, letterhead: Letterhead | None = None) -> bytes:
    """``letter`` as a DOCX document: the subject as the title heading, each block as a Word
    heading, paragraph, bulleted list or signature; language, title and subject (``label``)
    set."""
    try:
        import docx
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Mm, Pt
    except ImportError:
        raise LetterError("extra_missing", "DOCX needs skolemiljo[docx] (python-docx)") from None
    m = letter.maalform
    document = docx.Document()
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    normal = document.styles["Normal"]
    normal.font.name = "DejaVu Sans"
    normal.font.size = Pt(10.5)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), f"{m.value}-NO")
    normal.element.get_or_add_rPr().append(lang)
    props = document.core_properties
    subject = _plain_subject(letter)
    props.title = meta_title(letter, label)
    props.subject = label
    props.author = letter.school
    props.language = f"{m.value}-NO"
    if letterhead is not None:
        head = section.header.paragraphs[0]
        if letterhead.logo:
            head.add_run().add_picture(io.BytesIO(letterhead.logo), height=Mm(15))
        for line in letterhead.address:
            section.header.add_paragraph(line)
    first = [b for b in letter.blocks if b.role in ("exemption", "addressee")]
    rest = [b for b in letter.blocks if b.role not in ("exemption", "addressee")]
    for block in first:
        _docx_block(document, block)
    document.add_heading(subject, level=1)
    for block in rest:
        _docx_block(document, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_block(document: Any, block: Block) -> None:
    if block.kind == "heading":
        document.add_heading(block.lines[0], level=2)
    elif block.kind == "paragraph":
        document.add_paragraph(block.lines[0])
    elif block.kind == "list":
        for line in block.lines:
            document.add_paragraph(line, style="List Bullet")
    else:  # signature, address: one paragraph, a line break between the lines
        paragraph = document.add_paragraph()
        for number, line in enumerate(block.lines):
            run = paragraph.add_run(line)
            if number < len(block.lines) - 1:
                run.add_break()
