"""Letters to parents and pupils in Bokmål and Nynorsk: complete, correctly worded, safe.

A package of one concern a module: ``models`` (the request and the letter), ``data`` (each
kind's needs, references and required phrases; the terms by regime), ``context`` (the plain
values a template sees), ``markup`` (reading the rendered markup, text and HTML layout),
``check`` (the required-element check), ``render`` (templates, shipped or sandboxed, and
:func:`render_letter`), ``blocks`` and ``header`` (the blocks every format lays out, and the
header a letter is filed with), ``documents`` (PDF/A and DOCX).

:func:`render_letter` renders one kind of letter for a case in the chosen målform, as plain
text or HTML, and checks the result against the elements its kind requires before returning
it: a receipt without the Statsforvaltaren paragraph, or a plan letter without item e, raises
:class:`~skolemiljo.LetterIncompleteError` instead of reaching a parent.

Templates are jinja2 with ``StrictUndefined``, one per kind and målform, in a small markup
(``#`` subject, ``##`` headings, ``-`` list items, blank lines between paragraphs). Text written
by staff is only ever a value: it is never parsed as template code, it is laid out as one run
of words (a line break or ``## `` typed into a form never becomes a heading, list item or
signature), and in HTML every text is escaped. A vendor may supply its own templates
(``templates=DIR``); they render in jinja2's sandbox and pass the same check. What a letter
says about duties, deadlines and their legal basis is taken from the assessment of the same
case on the letter's date (``rules/letters.toml``, ``duties``). Terms follow the act in force
when the concern arose (``melde frå`` from 1 August 2024, ``varsle`` before), the act's
short title the målform (``opplæringsloven`` in Bokmål), and dates are written by babel in
the målform (``måndag`` / ``mandag``).

>>> from pathlib import Path
>>> request = Path("examples/letters/receipt.json").read_text()
>>> letter = render_letter("receipt", request, maalform="nn")
>>> letter.subject
'Vi har motteke meldinga om skolemiljøet til Åse Ødegård'
>>> for r in letter.legal_basis:  # the letter names the 1998 act too: each act its year
...     print(r.citation)
opplæringslova 2023 § 12-4 andre ledd
opplæringslova 2023 § 10-2
opplæringslova 2023 § 12-6
>>> "frå og med tysdag 15. oktober 2024" in " ".join(letter.body.split())
True
>>> render_letter("receipt", request, maalform="nb").legal_basis[0].citation
'opplæringsloven 2023 § 12-4 andre ledd'

"""

from __future__ import annotations

from skolemiljo._layout import Block

from .models import (
    LETTER_KINDS,
    Addressee,
    EvaluationOutcome,
    Letter,
    LetterExemption,
    Letterhead,
    LetterRequest,
    Meeting,
    Sender,
)
from .render import render_letter, starting_template
from .sandbox import TemplateLimits

__all__ = [
    "LETTER_KINDS",
    "Addressee",
    "Block",
    "EvaluationOutcome",
    "Letter",
    "LetterExemption",
    "LetterRequest",
    "Letterhead",
    "Meeting",
    "Sender",
    "TemplateLimits",
    "render_letter",
    "starting_template",
]
