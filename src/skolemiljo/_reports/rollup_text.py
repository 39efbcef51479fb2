"""The roll-up as CSV, text, HTML and an SVG chart (not public API; ``RollUp.to_csv`` and
the others are). CSV has stable English column names for machines; text, HTML and the chart
speak the report's målform. Every name from the input (a school's, an owner's) is escaped
in HTML and SVG."""

from __future__ import annotations

import csv
import io
import textwrap
from html import escape
from typing import TYPE_CHECKING

from skolemiljo._i18n import format_day

from .control_questions import control_data

if TYPE_CHECKING:
    from .rollup_models import RollUpFields as RollUp
    from .rollup_models import RollUpGroup

__all__ = ["rollup_csv", "rollup_html", "rollup_svg", "rollup_text"]

_ANSWERS = ("yes", "no", "not_determinable", "not_applicable")
_COLOURS = {"yes": "#2e7d32", "no": "#c62828", "not_determinable": "#9e9e9e",
            "not_applicable": "#e0e0e0"}  # fmt: skip


def _t(report: RollUp, key: str, **params: object) -> str:
    return str(getattr(control_data().labels[key], report.maalform.value)).format(**params)


def _name(report: RollUp, group: RollUpGroup) -> str:
    return group.name if group.name is not None else _t(report, "unknown_owner")


def rollup_csv(report: RollUp) -> str:
    """One row per group and question: ``level,name,cases,question,yes,no,not_determinable,
    not_applicable``; then one per group and breach code: ``level,name,cases,breach,cases_with,
    median_days_late``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["level", "name", "cases", "question", *_ANSWERS])
    groups = (*report.schools, *report.owners)
    for g in groups:
        for q in g.questions:
            writer.writerow([g.level, g.name or "", g.cases, q.code, q.yes, q.no,
                             q.not_determinable, q.not_applicable])  # fmt: skip
    writer.writerow([])
    writer.writerow(["level", "name", "cases", "breach", "cases_with", "median_days_late"])
    for g in groups:
        for b in g.breaches:
            writer.writerow([g.level, g.name or "", g.cases, b.code, b.cases, b.median_days_late])
    return _safe_csv(out.getvalue())


def _safe_csv(text: str) -> str:
    """A cell a spreadsheet would read as a formula (=, +, -, @ first) gets a leading ' ."""
    rows = []
    for line in text.splitlines():
        cells = next(csv.reader([line])) if line else []
        cells = [("'" + c) if c[:1] in ("=", "+", "@") or (c[:1] == "-" and not
                 c[1:].replace(".", "", 1).isdigit()) else c for c in cells]  # fmt: skip
        buf = io.StringIO()
        csv.writer(buf, lineterminator="").writerow(cells)
        rows.append(buf.getvalue())
    return "\n".join(rows) + "\n"


def _lines(report: RollUp) -> list[tuple[str, str]]:
    """(kind, text) lines shared by text and HTML: ``h1``, ``p``, ``h2``, ``row``, ``item``."""
    m = report.maalform
    out = [("h1", _t(report, "title")),
           ("p", _t(report, "as_of", date=format_day(report.as_of, m), cases=report.cases)),
           ("p", _t(report, "wording"))]  # fmt: skip
    for g in (*report.schools, *report.owners):
        head = _t(report, g.level)
        out.append(("h2", f"{head}: {_name(report, g)} ({_t(report, 'cases').lower()}: {g.cases})"))
        out.append(
            ("head", "\t".join([_t(report, "question")] + [_t(report, a) for a in _ANSWERS]))
        )
        for q in g.questions:
            out.append(("row", "\t".join([q.question] + [str(getattr(q, a)) for a in _ANSWERS])))
        breaches = ", ".join(
            f"{b.code}: {b.cases}" + (f" ({b.median_days_late:g})" if b.median_days_late else "")
            for b in g.breaches
        )
        head = f"{_t(report, 'breaches')} ({_t(report, 'median_days_late')})"
        out.append(("item", f"{head}: {breaches or _t(report, 'none')}"))
        out.append(("item", f"{_t(report, 'open_overdue')}: {g.open_overdue}"))
        out.append(("item", f"{_t(report, 'at_statsforvaltaren')}: {g.at_statsforvaltaren}"))
        nxt = g.next_statsforvaltaren_date
        out.append(("item", f"{_t(report, 'next_date')}: "
                    + (format_day(nxt, m) if nxt else _t(report, "none"))))  # fmt: skip
    return out


def rollup_text(report: RollUp) -> str:
    """A readable table per school and owner, in the report's målform: each question wrapped
    beside its counts, each count under its heading."""
    lines: list[str] = []
    widths: list[int] = []
    for kind, text in _lines(report):
        if kind in ("h1", "h2"):
            rule = ("=" if kind == "h1" else "-") * min(len(text), 78)
            lines += ["", *textwrap.wrap(text, 78), rule]
        elif kind == "head":
            first, *heads = text.split("\t")
            widths = [max(len(h), 3) for h in heads]
            lines.append(
                f"{first:<44} " + " ".join(h.rjust(w) for h, w in zip(heads, widths, strict=True))
            )
        elif kind == "row":
            first, *counts = text.split("\t")
            wrapped = textwrap.wrap(first, 44) or [""]
            cells = " ".join(c.rjust(w) for c, w in zip(counts, widths, strict=True))
            lines.append(f"{wrapped[0]:<44} {cells}")
            lines += wrapped[1:]
        else:
            lines += textwrap.wrap(text, 78)
    return "\n".join(lines).lstrip("\n") + "\n"


def rollup_html(report: RollUp) -> str:
    """The same as an HTML page (every name escaped)."""
    m = report.maalform.value
    body: list[str] = []
    in_table = False
    for kind, text in _lines(report):
        if kind in ("head", "row"):
            if not in_table:
                body.append("<table>")
                in_table = True
            cell = "th" if kind == "head" else "td"
            body.append("<tr>" + "".join(f"<{cell}>{escape(c)}</{cell}>" for c in text.split("\t"))
                        + "</tr>")  # fmt: skip
            continue
        if in_table:
            body.append("</table>")
            in_table = False
        tag = {"item": "p"}.get(kind, kind)
        body.append(f"<{tag}>{escape(text)}</{tag}>")
    if in_table:
        body.append("</table>")
    return (f'<!DOCTYPE html>\n<html lang="{m}"><head><meta charset="utf-8">'
            f"<title>{escape(_t(report, 'title'))}</title></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")  # fmt: skip


def rollup_svg(report: RollUp) -> str:
    """Bars per question per school: each bar split into yes, no, not determinable and not
    applicable, with a legend; names escaped."""
    schools = report.schools
    questions = control_data().questions
    width, label_w, bar_w, row_h = 900, 420, 440, 16
    height = 60 + len(schools) * (30 + row_h * len(questions)) + 30
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="11" role="img">',
           f"<title>{escape(_t(report, 'title'))}</title>",
           f'<text x="10" y="20" font-size="15">{escape(_t(report, "title"))}</text>']  # fmt: skip
    x = 10
    for answer in _ANSWERS:
        out.append(f'<rect x="{x}" y="32" width="12" height="12" fill="{_COLOURS[answer]}"/>')
        out.append(f'<text x="{x + 16}" y="42">{escape(_t(report, answer))}</text>')
        x += 160
    y = 70
    for g in schools:
        out.append(f'<text x="10" y="{y}" font-size="13">{escape(_name(report, g))} '
                   f"({g.cases})</text>")  # fmt: skip
        y += 10
        for q in g.questions:
            label = q.question if len(q.question) <= 64 else q.question[:63] + "…"
            out.append(f'<text x="10" y="{y + 11}">{escape(label)}</text>')
            x = label_w
            for answer in _ANSWERS:
                share = getattr(q, answer) / g.cases if g.cases else 0
                w = round(share * bar_w, 1)
                if w:
                    out.append(f'<rect x="{x}" y="{y}" width="{w}" height="{row_h - 3}" '
                               f'fill="{_COLOURS[answer]}"><title>{escape(_t(report, answer))}: '
                               f"{getattr(q, answer)}</title></rect>")  # fmt: skip
                x += w
            y += row_h
        y += 20
    out.append("</svg>")
    return "\n".join(out) + "\n"
