"""The ``letter`` command: a letter as text, HTML, JSON, PDF/A or DOCX (not public API; the
command line is :mod:`skolemiljo.cli`)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from skolemiljo._layout import MAX_LOGO_BYTES, Letterhead
from skolemiljo.letters import LETTER_KINDS, render_letter

from .args import pdfa_arg
from .files import EXIT_OK, InputProblem, file_problem, read, write_bytes

__all__ = ["add_letter_command"]


def _letterhead(args: argparse.Namespace) -> Letterhead | None:
    if args.logo is None and not args.letterhead_address:
        return None
    logo = None
    if args.logo is not None:
        try:
            with open(args.logo, "rb") as stream:
                logo = stream.read(MAX_LOGO_BYTES + 1)
        except OSError as error:
            raise file_problem("read", args.logo, error) from None
    from skolemiljo._case import parse_model

    return parse_model(
        Letterhead, {"logo": logo, "address": tuple(args.letterhead_address)}, "letterhead"
    )


def _cmd_letter(args: argparse.Namespace) -> int:
    if args.list:
        for kind in LETTER_KINDS:
            print(kind)
        return EXIT_OK
    if args.kind is None or args.input is None:
        raise InputProblem("letter needs KIND and INPUT.json (or --list)")
    document = args.format in ("pdf", "docx")
    if document and args.json:
        raise InputProblem("--json gives the letter as JSON; leave out --format pdf/docx")
    letterhead = _letterhead(args)
    if args.templates is not None and not Path(args.templates).is_dir():
        raise InputProblem(
            f"no templates folder at {Path(args.templates).resolve()}: give the folder that holds "
            "KIND.nb.j2 and KIND.nn.j2 (write the ones to start from with "
            "`skolemiljo templates DIR`)"
        )
    letter = render_letter(
        args.kind,
        read(args.input),
        maalform=args.maalform,
        format="html" if args.format == "html" else "text",
        templates=args.templates,
    )
    if document:
        data = (
            letter.to_pdf(letterhead, pdfa=args.pdfa)
            if args.format == "pdf"
            else letter.to_docx(letterhead)
        )
        target = args.output or f"{letter.file_stem}.{args.format}"
        write_bytes(target, data)
        print(target)  # the file name holds no personal text (kind, date, målform)
        return EXIT_OK
    if args.json:
        text = json.dumps(letter.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "html":  # the subject of an HTML letter is escaped already
        text = f"<h1>{letter.subject}</h1>\n{letter.body}"
    else:
        text = f"{letter.subject}\n\n{letter.body}"
    if args.output:
        write_bytes(args.output, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return EXIT_OK


def add_letter_command(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    maalform_arg: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Register ``letter`` on the ``skolemiljo`` parser."""
    p = sub.add_parser("letter", help="render a letter to parents or the pupil")
    p.add_argument("kind", nargs="?", choices=LETTER_KINDS, help="the letter kind")
    p.add_argument("input", nargs="?", help="INPUT.json (a letter request), or -")
    p.add_argument("--list", action="store_true", help="list the letter kinds")
    maalform_arg(p)
    p.add_argument(
        "--format",
        choices=["text", "html", "pdf", "docx"],
        default="text",
        help="plain text, HTML, PDF/A (skolemiljo[pdf]) or DOCX (skolemiljo[docx]); PDF and "
        "DOCX go to -o FILE, or to KIND-DATE-MAALFORM.pdf/.docx here",
    )
    pdfa_arg(p)
    p.add_argument(
        "--json",
        action="store_true",
        help="the whole letter as JSON (subject, body, blocks, metadata, legal basis, stamp)",
    )
    p.add_argument("-o", "--output", default=None, help="write to FILE instead of stdout")
    p.add_argument(
        "--templates",
        default=None,
        metavar="DIR",
        help="your own templates (KIND.nb.j2 and KIND.nn.j2), rendered in a sandbox",
    )
    p.add_argument("--logo", default=None, metavar="FILE", help="letterhead logo (PNG or JPEG)")
    p.add_argument(
        "--letterhead-address",
        action="append",
        default=[],
        metavar="LINE",
        help="a line of the letterhead's address (repeat for each line)",
    )
    p.set_defaults(run=_cmd_letter)
