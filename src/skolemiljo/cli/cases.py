"""The commands that make a case's working papers: ``agenda`` (what is due next, also as a
calendar) and ``dossier`` (the case file for the Statsforvaltaren). Not public API; the
command line is :mod:`skolemiljo.cli`."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from skolemiljo._i18n import message
from skolemiljo._law import SOURCE_KINDS, AuditOptions
from skolemiljo._reports import Agenda, agenda, agenda_formats, dossier
from skolemiljo.letters import render_letter

from .args import pdfa_arg, reading_arg
from .files import EXIT_FINDINGS, EXIT_OK, InputProblem, print_json, read, write_bytes

__all__ = ["add_commands", "demo_case_files"]


def _reminders(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError("working days, comma-separated (e.g. 1,0)") from None


def print_agenda(plan: Agenda) -> None:
    for item in plan.items:
        due = item.deadline.due.isoformat() if item.deadline.due else item.deadline.kind
        flag = "OVERDUE" if item.overdue else item.state
        print(f"{flag:<10} {due:<20} {item.code:<44} {item.deadline.source_kind}")
        basis = "; ".join(r.citation for r in item.legal_basis) or (item.routine_reference or "")
        print(f"           {item.title} [{basis}] ({item.duty_bearer})")
        if item.overdue:
            print(f"           {message(plan.maalform, 'agenda_overdue', days=item.days_late)}")
        if item.done is not None:
            print(f"           done: event {item.done.event} ({item.done.type}, {item.done.on})")
    print(
        message(
            plan.maalform,
            "agenda_summary",
            open=len(plan.open_items()),
            overdue=len(plan.overdue_items()),
        )
    )


def _cmd_agenda(args: argparse.Namespace) -> int:
    options = AuditOptions(min_source=args.min_source, readings=tuple(args.readings))
    plan = agenda(
        read(args.case),
        args.as_of,
        routine=args.routine,
        options=options,
        maalform=args.maalform,
        reminders=args.remind,
    )
    written = False
    for fmt in agenda_formats():
        target = getattr(args, fmt.name)
        if target:
            write_bytes(target, fmt.write(plan))
            written = True
    if args.json:
        print_json(plan.to_json_dict())
    elif not written:
        print_agenda(plan)
    return EXIT_FINDINGS if plan.overdue_items() else EXIT_OK


def _letters(path: str | None) -> list[Any]:
    if path is None:
        return []
    try:
        value = json.loads(read(path))
    except json.JSONDecodeError:
        raise InputProblem(f"cannot read {path}: not JSON (a list of sent letters)") from None
    if not isinstance(value, list):
        raise InputProblem(f"cannot read {path}: not a list of sent letters")
    return value


def _cmd_dossier(args: argparse.Namespace) -> int:
    document = args.format in ("pdf", "docx")
    if document and args.json:
        raise InputProblem("--json gives the case file as JSON; leave out --format pdf/docx")
    result = dossier(
        read(args.case),
        args.as_of,
        plans=[read(p) for p in args.plan],
        letters=_letters(args.letters),
        maalform=args.maalform,
        format="html" if args.format == "html" else "text",
        pupil_name=args.pupil_name,
        routine=args.routine,
        options=AuditOptions(readings=tuple(args.readings)),
    )
    missing = any(s.missing for s in result.sections)
    if document:
        data = result.to_pdf(pdfa=args.pdfa) if args.format == "pdf" else result.to_docx()
        stem = f"dossier-{result.as_of.isoformat()}-{result.maalform.value}"
        target = args.output or f"{stem}.{args.format}"
        write_bytes(target, data)
        print(target)  # the file name holds no personal text (date, målform)
        return EXIT_FINDINGS if missing else EXIT_OK
    if args.json:
        text = json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "html":
        text = result.body
    else:
        text = f"{result.subject}\n\n{result.body}"
    if args.output:
        write_bytes(args.output, text.encode("utf-8"))
    else:
        print(text, end="")
    return EXIT_FINDINGS if missing else EXIT_OK


def demo_case_files(root: Path, show: Callable[[Path], Path]) -> None:
    """The demo's agenda (with open and overdue items) and case file (nn, with letters)."""
    case = root / "cases" / "pupil_says_unsafe.json"
    print(f"\n== skolemiljo agenda {show(case)} --as-of 2024-10-10 --remind 1,0")
    print_agenda(agenda(case.read_text(encoding="utf-8"), "2024-10-10", reminders=(1, 0)))
    case = root / "cases" / "missed_deadlines.json"
    letters = root / "dossier" / "letters.json"
    print(
        f"\n== skolemiljo dossier {show(case)} --as-of 2024-11-01 --maalform nn "
        f"--letters {show(letters)}"
    )
    result = dossier(
        case.read_text(encoding="utf-8"),
        "2024-11-01",
        letters=_letters(str(letters)),
        maalform="nn",
    )
    print(f"{result.subject}\n\n{result.body}", end="")
    _demo_parties(root, show)


def _demo_parties(root: Path, show: Callable[[Path], Path]) -> None:
    """One case with several parties: its agenda, and a letter to one family that names no
    other pupil (the names in a measure redacted)."""
    case = root / "cases" / "several_pupils.json"
    print(f"\n== skolemiljo agenda {show(case)} --as-of 2024-11-20")
    print_agenda(agenda(case.read_text(encoding="utf-8"), "2024-11-20"))
    for request in sorted((root / "letters").glob(f"*{_SEVERAL}")):
        kind = request.name.removesuffix(_SEVERAL)
        print(f"\n== skolemiljo letter {kind} {show(request)}  (redact: true)")
        letter = render_letter(kind, request.read_text(encoding="utf-8"))
        print(f"{letter.subject}\n\n{letter.body}", end="")
        print(f"(redacted: {', '.join(letter.redacted)})")


_SEVERAL = "_several_pupils.json"
"""The example letter requests of the several-pupils case: KIND_several_pupils.json."""


def add_commands(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    maalform_arg: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Register ``agenda`` (and ``dossier``) on the ``skolemiljo`` parser."""
    _agenda_command(sub, maalform_arg)
    _dossier_command(sub, maalform_arg)


def _agenda_command(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    maalform_arg: Callable[[argparse.ArgumentParser], None],
) -> None:
    """skolemiljo agenda."""
    p = sub.add_parser(
        "agenda", help="what is due next in a case, by whom and when; exit 1 if overdue"
    )
    p.add_argument("case", help="CASE.json, or - for standard input")
    p.add_argument("--as-of", default=None, help="YYYY-MM-DD (default: today in Norway)")
    p.add_argument("--routine", default=None, help="a shipped routine (oyer_2024) or a file")
    p.add_argument(
        "--min-source",
        choices=SOURCE_KINDS,
        default="local",
        help="the weakest source of a deadline to date: statute, guidance, reading or local",
    )
    p.add_argument(
        "--remind",
        type=_reminders,
        default=(),
        metavar="N[,N]",
        help="reminders, in working days before each due date (1,0: the day before and on it)",
    )
    reading_arg(p)
    maalform_arg(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    for fmt in agenda_formats():
        p.add_argument(f"--{fmt.name}", default=None, metavar="FILE", help=fmt.cli_help)
    p.set_defaults(run=_cmd_agenda)


def _dossier_command(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    maalform_arg: Callable[[argparse.ArgumentParser], None],
) -> None:
    """skolemiljo dossier."""
    p = sub.add_parser(
        "dossier",
        help="the case file for the Statsforvaltaren, sub-duty by sub-duty; exit 1 if "
        "something is missing or late",
    )
    p.add_argument("case", help="CASE.json, or - for standard input")
    p.add_argument("--as-of", default=None, help="YYYY-MM-DD (default: today in Norway)")
    p.add_argument(
        "--plan",
        action="append",
        default=[],
        metavar="PLAN.json",
        help="an activity plan of the case (repeat for each version)",
    )
    p.add_argument(
        "--letters",
        default=None,
        metavar="LETTERS.json",
        help='the letters sent: [{"kind": "receipt", "sent_on": "YYYY-MM-DD"}, ...]',
    )
    p.add_argument(
        "--pupil-name",
        default=None,
        help="print this name instead of the pupil reference (default: the reference only)",
    )
    p.add_argument("--routine", default=None, help="a shipped routine (oyer_2024) or a file")
    reading_arg(p)
    maalform_arg(p)
    p.add_argument(
        "--format",
        choices=["text", "html", "pdf", "docx"],
        default="text",
        help="text, HTML, PDF/A (skolemiljo[pdf]) or DOCX (skolemiljo[docx]); PDF and DOCX go "
        "to -o FILE, or to dossier-DATE-MAALFORM.pdf/.docx here",
    )
    pdfa_arg(p)
    p.add_argument("--json", action="store_true", help="the sections and the document as JSON")
    p.add_argument("-o", "--output", default=None, help="write to FILE instead of stdout")
    p.set_defaults(run=_cmd_dossier)
