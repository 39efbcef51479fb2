"""The commands for a school owner or a supervision: ``control`` (the control questions of one
case) and ``inspect`` (the control questions of many cases, rolled up per school and per owner,
as text, JSON, CSV, HTML or an SVG chart). Not public API; the command line is
:mod:`skolemiljo.cli`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from skolemiljo._reports import ControlReport, control
from skolemiljo._reports.rollup import roll_up
from skolemiljo.errors import InputError
from skolemiljo.school import check_school

from .files import EXIT_FINDINGS, EXIT_OK, InputProblem, each_line, print_json, read, write_bytes

__all__ = ["add_inspection_commands", "print_control"]

FORMATS = ("text", "json", "csv", "html", "svg")


def print_control(report: ControlReport) -> None:
    for a in report.answers:
        why = ", ".join(b.code for b in a.breaches) or ", ".join(a.findings)
        why = why or ", ".join(a.missing)
        print(f"{a.answer:<17} {a.code:<26} {a.source_kind:<9} {why}")
        print(f"                  {a.question} [{'; '.join(r.citation for r in a.legal_basis)}]")


def _cmd_control(args: argparse.Namespace) -> int:
    letters = json.loads(read(args.letters)) if args.letters else []
    report = control(
        read(args.case),
        args.as_of,
        maalform=args.maalform,
        plans=[json.loads(read(p)) for p in args.plan],
        letters=letters,
    )
    if args.json:
        print_json(json.loads(report.model_dump_json()))
    else:
        print_control(report)
    return EXIT_FINDINGS if any(a.answer == "no" for a in report.answers) else EXIT_OK


def _cases(args: argparse.Namespace) -> tuple[list[str], list[str]]:
    """The cases' texts and, for each, where it came from (a file, or a line of --jsonl)."""
    texts: list[str] = []
    where: list[str] = []
    for path in args.cases:
        texts.append(read(path))
        where.append(path)
    if args.lines is not None:
        for number, line in each_line(args.lines):
            texts.append(line)
            where.append(f"line {number}")
    if not texts:
        raise InputProblem("give CASE.json files or --jsonl FILE")
    return texts, where


def _cmd_inspect(args: argparse.Namespace) -> int:
    texts, where = _cases(args)
    try:
        report = roll_up(texts, args.as_of, maalform=args.maalform, with_refs=args.with_refs)
    except InputError as error:
        first = error.fields[0]
        index, _, rest = first.path.removeprefix("cases.").partition(".")
        source = where[int(index)] if index.isdigit() else "cases"
        raise InputProblem(f"{source}: {rest or '<root>'}: {first.code}: {first.message}") from None
    out: Callable[[], str] = {
        "text": report.to_text,
        "json": lambda: report.model_dump_json(indent=2) + "\n",
        "csv": report.to_csv,
        "html": report.to_html,
        "svg": report.to_svg,
    }[args.format]
    if args.output:
        write_bytes(args.output, out().encode("utf-8"))
    else:
        sys.stdout.write(out())
    noes = any(q.no for g in report.schools for q in g.questions)
    return EXIT_FINDINGS if noes else EXIT_OK


def _cmd_school(args: argparse.Namespace) -> int:
    report = check_school(read(args.profile), args.as_of, maalform=args.maalform)
    if args.json:
        print_json(json.loads(report.model_dump_json()))
    else:
        for f in report.findings:
            cites = "; ".join(r.citation for r in f.legal_basis)
            print(f"{f.severity:<8} {f.code:<32} {f.source_kind}")
            print(f"         {f.message} [{cites}]")
            if f.source_note:
                print(f"         {f.source_note}")
    return EXIT_FINDINGS if report.findings else EXIT_OK


def add_inspection_commands(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    maalform_arg: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Register ``control`` and ``inspect`` on the ``skolemiljo`` parser."""
    p = sub.add_parser(
        "control",
        help="the control questions of one case: yes, no, not determinable; exit 1 "
        "if any answer is no",
    )
    p.add_argument("case", help="CASE.json, or - for standard input")
    p.add_argument("--as-of", default=None, help="YYYY-MM-DD (default: today in Norway)")
    p.add_argument(
        "--plan",
        action="append",
        default=[],
        metavar="PLAN.json",
        help="an activity plan of the case (checked against items a-e)",
    )
    p.add_argument(
        "--letters",
        default=None,
        metavar="LETTERS.json",
        help='the letters sent: [{"kind": "receipt", "sent_on": "YYYY-MM-DD"}, ...]',
    )
    maalform_arg(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=_cmd_control)
    q = sub.add_parser(
        "inspect",
        help="the control questions of many cases per school and per school owner; "
        "exit 1 if any answer is no",
    )
    q.add_argument("cases", nargs="*", metavar="CASE.json", help="case files")
    q.add_argument(
        "--jsonl",
        dest="lines",
        default=None,
        metavar="FILE",
        help="one case per line (JSON Lines), or - for standard input",
    )
    q.add_argument("--as-of", default=None, help="YYYY-MM-DD (default: today in Norway)")
    q.add_argument(
        "--format", choices=FORMATS, default="text", help="text, json, csv, html or svg (a chart)"
    )
    q.add_argument("-o", "--output", default=None, metavar="FILE", help="write to FILE")
    q.add_argument(
        "--with-refs", action="store_true", help="list each group's case ids (left out by default)"
    )
    maalform_arg(q)
    q.set_defaults(run=_cmd_inspect)
    _school_command(sub, maalform_arg)


def _school_command(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    maalform_arg: Callable[[argparse.ArgumentParser], None],
) -> None:
    """skolemiljo school."""
    s = sub.add_parser(
        "school",
        help="the school's duties above the cases (routine revised, rules made known, "
        "preventive work); exit 1 if there is a finding",
    )
    s.add_argument("profile", help="SCHOOL.json, or - for standard input")
    s.add_argument("--as-of", default=None, help="YYYY-MM-DD (default: today in Norway)")
    maalform_arg(s)
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.set_defaults(run=_cmd_school)
