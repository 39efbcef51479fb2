"""Letters and case files as the documents schools send and archive: PDF/A (WeasyPrint) and
DOCX (python-docx), both laid out from the document's blocks, so each says what the text says.
The words a document needs besides its blocks (what it is, ``label``; the page numbers,
``page``) are passed in: the layout never reads letter data.

The PDF is tagged PDF/A-2a (ISO 19005-2, level A) by default, on A4: a structure tree
(headings, paragraphs, lists, the signature, in reading order: letterhead, exemption,
addressee, subject, body), the document language (``/Lang``, and ``lang`` on the HTML it is
printed from), title and subject in the document information and XMP, in DejaVu Sans
(shipped with the package, so every glyph of Norwegian is there and the fonts are embedded
wherever it runs), with page numbers in the målform. ``pdfa="1a"`` gives PDF/A-1a
(ISO 19005-1, the part older Norwegian archive rules name: «PDF/A - ISO 19005-1:2005,
versjon 1a eller 1b»; a logo's transparency is flattened onto white, which PDF/A-1 requires),
``pdfa="3b"`` the untagged-level PDF/A-3b this library wrote before 0.20 (tagged all the
same). Which part the archive of a municipality takes is its own rule: see docs/documents.md
for what was checked.
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

__all__ = [
    "PDFA_PARTS",
    "html_document",
    "meta_title",
    "plain_subject",
    "print_stylesheet",
    "to_pdf",
]

PDFA_PARTS: dict[str, str] = {"2a": "pdf/a-2a", "1a": "pdf/a-1a", "3b": "pdf/a-3b"}
"""The PDF/A parts a document can be written in (``pdfa=``): the first is the default."""

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
table {{ width: 100%; border-collapse: collapse; margin: 1mm 0 3mm; font-size: 9.5pt;
  line-height: 1.3; }}
th, td {{ border: 0.5pt solid #666; padding: 1.2mm 1.6mm; vertical-align: top;
  text-align: left; }}
th {{ background: #e8e8e8; font-weight: bold; }}
th:first-child, td:first-child {{ width: 13mm; }}
th:nth-child(2), td:nth-child(2) {{ width: 36%; }}
tr {{ break-inside: avoid; }}
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


def html_document(
    letter: Document, label: str, letterhead: Letterhead | None = None, *, opaque: bool = False
) -> str:
    """The whole HTML document a PDF is printed from: language, title and subject (``label``:
    what the document is, such as the letter kind's name) in the head, the letterhead, the
    subject as the first heading, then the blocks."""
    m = letter.maalform
    subject = plain_subject(letter)
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
            logo = _flatten(letterhead.logo) if opaque else letterhead.logo
            kind = image_type(logo)
            data = base64.b64encode(logo).decode("ascii")
            alt = _esc(letter.school)  # a tagged PDF needs the logo's text: the school's name
            parts.append(f'<img alt="{alt}" src="data:{kind};base64,{data}">')
        if letterhead.address:
            parts.append("<p>" + "<br>".join(_esc(line) for line in letterhead.address) + "</p>")
        parts.append("</div>")
        head += parts
    head_roles = ("exemption", "addressee", "reference")  # above the subject, as in letters
    body = [block_html(b) for b in letter.blocks if b.role in head_roles]
    body.append(f"<h1>{_esc(subject)}</h1>")
    body += [block_html(b) for b in letter.blocks if b.role not in head_roles]
    return "\n".join([*head, *body, "</body></html>"]) + "\n"


def _flatten(logo: bytes) -> bytes:
    """``logo`` without transparency, on white, as PNG (PDF/A-1 forbids transparency)."""
    from PIL import Image

    with Image.open(io.BytesIO(logo)) as image:
        if image.mode not in ("RGBA", "LA", "P", "PA") and "transparency" not in image.info:
            return logo
        rgba = image.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        out = io.BytesIO()
        white.save(out, "PNG")
        return out.getvalue()


def pdfa_part(pdfa: str) -> str:
    """WeasyPrint's name of the PDF/A part ``pdfa`` (one of :data:`PDFA_PARTS`), or a
    :class:`LetterError` ``unknown_pdfa``."""
    if not isinstance(pdfa, str) or pdfa not in PDFA_PARTS:
        raise LetterError("unknown_pdfa", f"pdfa is one of {', '.join(PDFA_PARTS)}")
    return PDFA_PARTS[pdfa]


def meta_title(letter: Document, label: str) -> str:
    """The document's title in its metadata (PDF ``/Title``, XMP ``dc:title``, the DOCX core
    title): what it is and the case's reference, never the subject line, which names the
    pupil. Metadata travels where the page does not (file lists, search indexes)."""
    ref = getattr(letter, "our_reference", None) or getattr(letter, "case_id", None)
    return f"{label} ({ref})" if ref else label


def plain_subject(letter: Document) -> str:
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


def to_pdf(
    letter: Document,
    label: str,
    page: str,
    letterhead: Letterhead | None = None,
    *,
    pdfa: str = "2a",
) -> bytes:
    """``letter`` as tagged PDF/A bytes, part ``pdfa`` (:data:`PDFA_PARTS`; see the module's
    docstring); ``label``: what it is (the PDF's subject); ``page``: the page numbers' words
    ("Side {page} av {pages}")."""
    variant = pdfa_part(pdfa)
    weasyprint = _weasyprint()
    folder = _fonts()
    allowed = frozenset(
        (folder / name).as_uri() for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
    )
    try:
        fetcher = _fetcher(weasyprint, allowed)
        fonts, faces = _font_setup(weasyprint, fetcher)
        document = weasyprint.HTML(
            string=html_document(letter, label, letterhead, opaque=pdfa == "1a"),
            url_fetcher=fetcher,
        )
        stylesheet = weasyprint.CSS(
            string=print_stylesheet(page, fonts=False), url_fetcher=fetcher, font_config=fonts
        )
        pdf: bytes = document.write_pdf(
            stylesheets=[faces, stylesheet],
            font_config=fonts,
            pdf_variant=variant,
            pdf_tags=True,
            output_intent=_INTENT,
            color_profiles={_INTENT: _srgb(weasyprint)},
        )
    except LetterError:
        raise
    except Exception as error:  # a WeasyPrint failure is named by its type, never its text
        raise LetterError("pdf_failed", f"WeasyPrint: {type(error).__name__}") from None
    return pdf
