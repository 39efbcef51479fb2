"""The layout wing: documents as blocks, laid out as text, HTML, PDF/A and DOCX (not public
API; :class:`skolemiljo.letters.Letter` and :class:`skolemiljo.Dossier` are the faces).

Letters and the case file both write the same small markup (``#`` subject, ``##`` headings,
``-`` items, blank lines between paragraphs), read it with :func:`read_markup` into parts, make
:class:`Block` s of them with :func:`layout_blocks`, and lay those out with :func:`to_text`,
:func:`to_html`, :func:`to_pdf` and :func:`to_docx`. Every value a template or writer puts in
is wrapped with :func:`mark`, so staff text never makes structure. The words a layout needs
(the closings that start a signature, what the document is, the page-number words) are passed
in: this wing reads no letter data and imports nothing from the letters.
"""

from __future__ import annotations

from .blocks import Block, BlockKind
from .documents import (
    PDFA_PARTS,
    Document,
    html_document,
    pdfa_part,
    print_stylesheet,
    to_pdf,
)
from .letterhead import MAX_LOGO_BYTES, Letterhead, image_type
from .markup import (
    NBSP,
    WIDTH,
    block_html,
    keep_dates,
    keep_together,
    layout_blocks,
    mark,
    read_markup,
    to_html,
    to_text,
    unmark,
    wrap,
)
from .word import to_docx

__all__ = [
    "MAX_LOGO_BYTES",
    "NBSP",
    "PDFA_PARTS",
    "WIDTH",
    "Block",
    "BlockKind",
    "Document",
    "Letterhead",
    "block_html",
    "html_document",
    "image_type",
    "keep_dates",
    "keep_together",
    "layout_blocks",
    "mark",
    "pdfa_part",
    "print_stylesheet",
    "read_markup",
    "to_docx",
    "to_html",
    "to_pdf",
    "to_text",
    "unmark",
    "wrap",
]
