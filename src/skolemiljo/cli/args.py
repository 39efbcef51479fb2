"""The command line's argument parsing: one-line usage errors that never repeat a value
(not public API)."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from typing import NoReturn

from .files import EXIT_INPUT

__all__ = ["Parser", "pdfa_arg", "positive", "reading_arg"]


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit 2, like every other error."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_INPUT, f"{self.prog}: {_without_values(message)} (see {self.prog} --help)\n")


_ARGPARSE_VALUES = (
    (re.compile(r"invalid choice: .*? \(choose from"), "invalid choice (choose from"),
    (re.compile(r"invalid (\S+) value: .*$"), r"invalid \1 value"),
    (re.compile(r"ambiguous option: .*? could match"), "ambiguous option, could match"),
    (re.compile(r"(argument [^:]+: )(?!expected|invalid|must|ignored|not allowed).*$"), r"\1wrong"),
)
"""argparse quotes the value it refused; the CLI never repeats what it was given."""


_OPTION = re.compile(r"^--?[A-Za-z][A-Za-z0-9-]*$")


def _without_values(message: str) -> str:
    """argparse's message with the refused values left out (option names are kept)."""
    head, found, rest = message.partition("unrecognized arguments: ")
    if found:
        kept = [word if _OPTION.match(word) else "<value>" for word in rest.split(" ")]
        message = head + found + " ".join(kept)
    for pattern, replacement in _ARGPARSE_VALUES:
        message = pattern.sub(replacement, message)
    return message


def positive(kind: type[int] | type[float]) -> Callable[[str], int | float]:
    """An argparse type: a number above zero (``--max-body 0`` would turn the limit off)."""

    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError("expected a number") from None
        if value <= 0:
            raise argparse.ArgumentTypeError("must be above 0")
        return value

    return parse


def reading_arg(p: argparse.ArgumentParser) -> None:
    """``--reading NAME``: an opt-in reading (repeatable), labelled as that reading wherever
    it changes the output; see ``skolemiljo.OPT_IN_READINGS``."""
    from skolemiljo._law import OPT_IN_READINGS

    p.add_argument(
        "--reading",
        action="append",
        default=[],
        choices=sorted(OPT_IN_READINGS),
        dest="readings",
        help="an opt-in reading (repeatable): carried_over_9a5 keeps the 1998 act's heightened "
        "duty (investigation and measures the same day, the principal tells the owner) for "
        "staff cases under the 2023 act; off by default",
    )


def pdfa_arg(p: argparse.ArgumentParser) -> None:
    """``--pdfa``: the PDF/A part of ``--format pdf`` (the parts the layout offers)."""
    from skolemiljo._layout.documents import PDFA_PARTS

    p.add_argument(
        "--pdfa",
        choices=list(PDFA_PARTS),
        default=next(iter(PDFA_PARTS)),
        help="the PDF/A part of --format pdf: 2a (tagged PDF/A-2, the default), 1a (PDF/A-1, "
        "the part older archive rules name) or 3b (the library's format before 0.20)",
    )
