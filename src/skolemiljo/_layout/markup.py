"""The small markup of letter templates and the case file, read into parts and laid out as
blocks, text or HTML. The closings that begin a signature are passed in (``read_markup``): the
layout never reads letter data."""

from __future__ import annotations

import html
import re
from typing import Any

from skolemiljo._base import trusted
from skolemiljo._i18n import Maalform

from .blocks import Block, BlockKind

OPEN, CLOSE = "\ue000", "\ue001"
"""Every value a template writes is wrapped in these two private-use characters while the
markup is read, so a value at the start of a line ('## X', '- X', 'Med vennlig hilsen') is
never taken for structure; they are removed before anything leaves (staff text cannot
contain them: :func:`collapse` drops private-use characters)."""


def mark(value: Any) -> str:
    return f"{OPEN}{value}{CLOSE}"


NBSP = "\u00a0"
_KEEP_TOGETHER = re.compile(r" (?=[0-9]|A-[0-9])(?<=[§0-9] )")
"""'§ 12-6', '§ 9 A-5' and digit groups ('61 23 45 67') are never broken across lines. (The
pattern starts with its literal space so the regex engine can skip ahead to candidate
spaces.)"""


def keep_together(text: str) -> str:
    """``text`` with no-break spaces where a line must not break: in '§ 12-6', '§ 9 A-5' and
    digit groups. (The dates the library writes hold no-break spaces already:
    :func:`~skolemiljo._i18n.letter_day`.)

    >>> keep_together("§ 12-6 og § 9 A-5, 61 23 45 67") == (
    ...     "§\u00a012-6 og §\u00a09\u00a0A-5, 61\u00a023\u00a045\u00a067")
    True
    """
    return _KEEP_TOGETHER.sub(NBSP, text)


_MONTHS = "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"
_DATE = re.compile(rf"(?<=[0-9])\. ({_MONTHS}) (?=[0-9]{{4}}\b)")


def keep_dates(text: str) -> str:
    """``text`` with its dates ("7. oktober 2024", as babel writes them in nb and nn) held
    together by no-break spaces: for library text made elsewhere (the audit's messages in a
    case file); letters get their dates from :func:`~skolemiljo._i18n.letter_day`.

    >>> keep_dates("fristen var mandag 7. oktober 2024.") == (
    ...     "fristen var mandag 7.\u00a0oktober\u00a02024.")
    True
    """
    return _DATE.sub(f".{NBSP}\\1{NBSP}", text)


# The parts of a letter, as _parts() reads them from the markup.
_BREAK, _HEADING, _ITEM, _PARAGRAPH, _SIGNATURE, _ROW = range(6)

CELL = "\x1f"
"""Between the cells of a table row while it is a part (staff text cannot hold it:
:func:`collapse` drops control characters)."""


def _cells(line: str) -> str:
    r"""A template's table row ``| a | b`` as its cells joined by :data:`CELL`: only the
    template's own ``|`` divides cells, never one inside a written value (a ``|`` where as
    many values have closed as opened, counted over the row so far).

    >>> _cells("| a | \ue000x | y\ue001 | c") == CELL.join(["a", "\ue000x | y\ue001", "c"])
    True
    """
    cells: list[str] = []
    held: str | None = None  # a cell so far whose written value holds a '|'
    for piece in line[1:].split("|"):
        held = piece if held is None else f"{held}|{piece}"
        if held.count(OPEN) == held.count(CLOSE):
            cells.append(held.strip())
            held = None
    if held is not None:
        cells.append(held.strip())
    return CELL.join(cells)


def _parts(markup: str, closings: tuple[str, ...] = ()) -> tuple[str, list[tuple[int, str]]]:
    r"""The subject, and the body as ``(part, text)`` pairs in order: paragraphs (the lines of
    one are joined), ``## `` headings, ``- `` list items, the signature block (which keeps
    its line breaks: a block that starts with one of ``closings``), and breaks between blocks
    (blank lines; several count as one). Only the template's own text makes structure: a
    line that starts with a written value (marked with :data:`OPEN`) is always text.

    >>> text = "# Emne\nTil deg\n\nEin  \n  lang\n- a\n\nMed venleg helsing\nAa"
    >>> subject, body = _parts(text, ("Med venleg helsing",))
    >>> subject, [text for _, text in body]
    ('Emne', ['Til deg', '', 'Ein lang', 'a', '', 'Med venleg helsing', 'Aa'])
    """
    lines = markup.split("\n")
    at = 0
    while at < len(lines) and not lines[at].strip():
        at += 1
    first = lines[at].strip() if at < len(lines) else ""
    if not first.startswith("# "):
        raise ValueError("the first line must be '# subject'")
    parts: list[tuple[int, str]] = []
    paragraph: str | None = None
    signature = False
    start = True  # the next line starts a block
    for raw in lines[at + 1 :]:
        line = raw.strip()
        if not line:
            start = True
            continue
        if start:
            if paragraph is not None:
                parts.append((_PARAGRAPH, paragraph))
                paragraph = None
            if parts:
                parts.append((_BREAK, ""))
            start = False
            signature = bool(closings) and line.startswith(closings)
        if signature:
            parts.append((_SIGNATURE, line))
        elif line[0] == "#" or line.startswith(("- ", "| ")):
            if paragraph is not None:
                parts.append((_PARAGRAPH, paragraph))
                paragraph = None
            if line[0] == "|":
                parts.append((_ROW, _cells(line)))
            elif line.startswith("## "):
                parts.append((_HEADING, line[3:]))
            elif line[0] == "-":
                parts.append((_ITEM, line[2:]))
            else:
                parts.append((_PARAGRAPH, line))
        elif paragraph is None:
            paragraph = line
        else:
            paragraph += " " + line
    if paragraph is not None:
        parts.append((_PARAGRAPH, paragraph))
    return first[2:].strip(), parts


WIDTH = 72


def wrap(line: str, indent: str = "") -> str:
    """Greedy wrap at :data:`WIDTH` on ordinary spaces only: no-break spaces keep '§ 12-6'
    and phone numbers whole, and a word longer than a line is never split.

    >>> print(wrap("- " + "ord " * 20, indent="  "))
    - ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord
      ord ord ord
    >>> print(wrap("kort " + "x" * 80 + " kort"))
    kort
    xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
    kort
    >>> print(wrap("- " + "y" * 75 + " kort", indent="  "))
    - yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy
      kort
    """
    size = len(line)
    width = WIDTH
    if size <= width:
        return line
    chunks = []
    start = 0
    floor = len(indent)  # never break right after a list item's '- '
    while size - start > width:
        cut = line.rfind(" ", start + floor, start + width + 1)  # the last break that fits
        floor = 0
        if cut <= start:  # a word longer than the line: it stands alone
            cut = line.find(" ", start + width)
            if cut < 0:
                break
        chunks.append(line[start:cut])
        start = cut + 1
        while start < size and line[start] == " ":
            start += 1
        width = WIDTH - len(indent)
    chunks.append(line[start:])
    return ("\n" + indent).join(chunks)


_KIND_OF: dict[int, BlockKind] = {
    _HEADING: "heading",
    _PARAGRAPH: "paragraph",
    _ITEM: "list",
    _SIGNATURE: "signature",
    _ROW: "table",
}


def layout_blocks(parts: list[tuple[int, str]], gap_first: bool = False) -> list[Block]:
    """The blocks of laid-out parts: list items, signature lines and table rows that follow
    each other without a blank line make one block (a table's first row is its header)."""
    rows: list[tuple[BlockKind, list[str], bool]] = []
    gap = gap_first
    for part, text in parts:
        if part == _BREAK:
            gap = True
            continue
        kind = _KIND_OF[part]
        if rows and not gap and kind in ("list", "signature", "table") and rows[-1][0] == kind:
            rows[-1][1].append(text)
        else:
            rows.append((kind, [text], gap))
        gap = False
    return [_block(k, lines, g) for k, lines, g in rows]


def _block(kind: BlockKind, lines: list[str], gap: bool) -> Block:
    """One block from its kind and lines (at least one; made here, so valid by construction:
    built without validating again, issue 26; a test validates every block of every letter)."""
    if kind != "table":
        fields = {"kind": kind, "lines": tuple(lines), "gap_before": gap, "role": "body"}
        return trusted(Block, {**fields, "rows": ()})
    cells = [tuple(line.split(CELL)) for line in lines]
    width = len(cells[0])
    table = tuple(row[:width] + ("",) * (width - len(row)) for row in cells)
    fields = {"kind": kind, "lines": tuple(" | ".join(r) for r in table), "gap_before": gap}
    return trusted(Block, {**fields, "role": "body", "rows": table})


def to_text(blocks: list[Block] | tuple[Block, ...]) -> str:
    """Plain text: headings as their own lines, paragraphs and list items wrapped."""
    out = []
    for block in blocks:
        if block.gap_before:
            out.append("")
        if block.kind == "table":
            out += _table_text(block.rows)
            continue
        for text in block.lines:
            if block.kind == "list":
                out.append("- " + text if len(text) <= WIDTH - 2 else wrap("- " + text, "  "))
            elif len(text) <= WIDTH or block.kind == "heading":
                out.append(text)
            else:
                out.append(wrap(text))
    out.append("")
    return "\n".join(out)


def _table_text(rows: tuple[tuple[str, ...], ...]) -> list[str]:
    """A table in plain text: a record per row, its first cell after the first header
    ("Tiltak 1"), then each other cell on a line of its own after its header, indented."""
    header, out = rows[0], []
    for number, row in enumerate(rows[1:]):
        if number:
            out.append("")
        out.append(wrap(f"{header[0]} {row[0]}".strip()))
        for label, cell in zip(header[1:], row[1:], strict=True):
            if cell:
                out.append(wrap(f"  {label}: {cell}", "    "))
    return out


def _escape(text: str) -> str:
    return html.escape(text).replace(NBSP, "&nbsp;")


def block_html(block: Block) -> str:
    """One block as HTML: every text escaped, '§ 12-6' kept together by ``&nbsp;``; the
    header blocks carry their role as a class (letters, case files and the PDF share it)."""
    lines = [_escape(text) for text in block.lines]
    attr = f' class="{block.role}"' if block.role != "body" else ""
    if block.kind == "paragraph":
        return f"<p{attr}>{lines[0]}</p>"
    if block.kind == "heading":
        return f"<h2{attr}>{lines[0]}</h2>"
    if block.kind == "list":
        return f"<ul{attr}>" + "".join(f"<li>{li}</li>" for li in lines) + "</ul>"
    if block.kind == "table":
        head, *body = [[_escape(cell) for cell in row] for row in block.rows]
        heads = "".join(f'<th scope="col">{cell}</th>' for cell in head)
        rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in body)
        return f"<table{attr}><thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table>"
    return f"<p{attr}>" + "<br>\n".join(lines) + "</p>"


def to_html(blocks: list[Block] | tuple[Block, ...], maalform: Maalform) -> str:
    """HTML: the blocks in an ``article`` in the målform's language."""
    out = [f'<article lang="{maalform.value}" style="max-width:40em;overflow-wrap:anywhere">']
    out += [block_html(block) for block in blocks]
    out.append("</article>")
    return "\n".join(out) + "\n"


def unmark(text: str) -> str:
    """``text`` without the marks of written values (:data:`OPEN`, :data:`CLOSE`)."""
    return text.replace(OPEN, "").replace(CLOSE, "")


def read_markup(markup: str, closings: tuple[str, ...] = ()) -> tuple[str, list[tuple[int, str]]]:
    """The subject and parts of rendered (marked) markup, without the marks, '§ 12-6' and
    digit groups kept together; a block that starts with one of ``closings`` (the letter's
    "Med vennlig hilsen") is the signature. (Parts hold no line breaks, so all texts are
    cleaned in one pass over their join.)"""
    subject, parts = _parts(markup, closings)
    joined = "\n".join([subject, *(text for _, text in parts)])
    texts = keep_together(unmark(joined)).split("\n")
    return texts[0], [(part, text) for (part, _), text in zip(parts, texts[1:], strict=True)]
