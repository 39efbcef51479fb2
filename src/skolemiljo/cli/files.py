"""What the commands share: reading input files, writing JSON, printing reports, and JSON Lines
(not public API; the command line is :mod:`skolemiljo.cli`)."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from skolemiljo._i18n import message
from skolemiljo._reports import Assessment, AuditReport
from skolemiljo.errors import SkolemiljoError
from skolemiljo.findings import Finding, ValidationReport

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INPUT",
    "EXIT_OK",
    "InputProblem",
    "each_line",
    "file_problem",
    "jsonl",
    "print_assessment",
    "print_audit",
    "print_json",
    "print_report",
    "read",
    "write_bytes",
]


EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


class InputProblem(Exception):
    pass


def file_problem(action: str, path: str, error: OSError) -> InputProblem:
    if isinstance(error, FileNotFoundError):
        reason = "no such file" if action == "read" else "no such folder"
        if action == "read":  # the folder it looked in: a relative path is read from here
            reason += f" in {Path(path).resolve().parent}"
        if action == "read" and Path(path).parts[:1] in (("examples",), ("tests",)):
            reason += " (outside the checkout, `skolemiljo examples DIR` copies them into DIR)"
    elif isinstance(error, IsADirectoryError):
        reason = "a directory, not a file"
    elif isinstance(error, PermissionError):
        reason = "permission denied"
    else:
        reason = type(error).__name__
    return InputProblem(f"cannot {action} {path}: {reason}")


def write_bytes(path: str, data: bytes) -> None:
    """Write ``data`` to ``path``; an OS error is one line naming the file and the reason."""
    try:
        Path(path).write_bytes(data)
    except OSError as error:
        raise file_problem("write", path, error) from None


def read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8") if path != "-" else sys.stdin.read()
    except UnicodeDecodeError as error:  # the bytes themselves are never echoed
        raise InputProblem(f"cannot read {path}: not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise file_problem("read", path, error) from None


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def finding_line(f: Finding) -> str:
    cites = "; ".join(ref.citation for ref in f.legal_basis)
    item = f.item or "-"
    head = f"{f.severity.value:<7} {item}  {f.path:<28} {f.code}"
    note = f"\n        {f.source_kind}: {f.source_note}" if f.source_note else ""
    return f"{head}\n        {f.message}\n        [{cites}]{note}"


def print_report(report: ValidationReport) -> None:
    for finding in report.findings:
        print(finding_line(finding))
    counts = {"errors": len(report.errors), "warnings": len(report.warnings)}
    key = "cli_plan_valid" if report.valid else "cli_plan_invalid"
    print(message(report.maalform, key, **counts))


def print_assessment(report: Assessment) -> None:
    for o in report.obligations:
        due = o.deadline.due.isoformat() if o.deadline.due else "-"
        cites = "; ".join(ref.citation for ref in o.legal_basis)
        print(f"{o.status:<12} {o.code:<44} {o.deadline.kind:<19} {due}")
        print(f"             {o.title} [{cites}]")
        print(f"             source: {o.source_kind}; deadline: {o.deadline.source_kind}")
        for note in dict.fromkeys(n for n in (o.source_note, o.deadline.source_note) if n):
            print(f"             {note}")
        if o.missing_facts:
            print(f"             missing: {', '.join(o.missing_facts)}")
    for n in report.not_applicable:
        print(f"{n.status:<16} {n.code}")
        for unmet in n.unmet:
            print(f"             {unmet.message}")
    print(f"as of {report.as_of.isoformat()}, engine {report.engine}")


def print_audit(report: AuditReport) -> None:
    for b in report.breaches:
        basis = "; ".join(r.citation for r in b.legal_basis) or (b.routine_reference or "")
        events = [e.event for e in b.evidence]
        print(f"{b.source_kind:<8} {b.code:<40} due {b.due.isoformat()}  events {events}")
        print(f"         {b.message} [{basis}]")
    count = len(report.breaches)
    key = "cli_audit_breaches" if count else "cli_audit_clean"
    print(message(report.maalform, key, count=count))


def each_line(path: str) -> Iterator[tuple[int, str]]:
    """(line number, text) of every non-blank line of a JSON Lines file (or standard input)."""
    try:
        stream = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    except OSError as error:
        raise file_problem("read", path, error) from None
    with stream:
        number = 0
        while True:
            try:
                line = stream.readline()
            except UnicodeDecodeError:
                raise InputProblem(f"cannot read {path}: not UTF-8 text") from None
            if not line:
                return
            number += 1
            if line.strip():
                yield number, line


def jsonl(args: argparse.Namespace, run: Callable[[str], Any]) -> int:
    """One case per line in, one result per line out: ``{"line": N, "result": {...}}``, or
    ``{"line": N, "errors": [...]}`` for a line that is not a valid case (also named on
    stderr, by its number only), without stopping. Exit 2 if a line was bad, else 1 if any
    result ``found`` something (audit: breaches), else 0."""
    bad = found = 0
    lines: Iterable[tuple[int, str]] = each_line(args.jsonl)
    say: Callable[[str], None] = lambda text: print(text, file=sys.stderr)  # noqa: E731
    if sys.stderr.isatty():
        from tqdm import tqdm

        size = shutil.get_terminal_size((80, 24))  # a terminal of 0 x 0 would hide the bar
        lines = tqdm(
            lines, unit=" cases", file=sys.stderr, ncols=size.columns or 80, nrows=size.lines or 24
        )
        say = lambda text: tqdm.write(text, file=sys.stderr)  # noqa: E731  (above the bar)
    write = sys.stdout.write
    for number, line in lines:
        try:
            result = run(line)
        except SkolemiljoError as error:
            bad += 1
            items = [
                {"path": f.path, "code": f.code, "message": f.message}
                for f in getattr(error, "fields", ())
            ] or [{"path": "", "code": getattr(error, "code", "error"), "message": str(error)}]
            write(json.dumps({"line": number, "errors": items}, ensure_ascii=False) + "\n")
            say(f"skolemiljo: line {number}: {error}")
            continue
        found += bool(getattr(result, "breaches", ()))
        write(f'{{"line": {number}, "result": {result.model_dump_json()}}}\n')
    if bad:
        return EXIT_INPUT
    return EXIT_FINDINGS if found else EXIT_OK
