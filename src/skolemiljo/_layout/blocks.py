"""The blocks a letter is made of, which every format lays out (not public API; ``Block`` is
exported from ``skolemiljo.letters``)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from skolemiljo._base import OutputModel

__all__ = ["Block", "BlockKind", "BlockRole"]

BlockKind = Literal["heading", "paragraph", "list", "signature", "address", "table"]
BlockRole = Literal["body", "exemption", "addressee", "reference"]


class Block(OutputModel):
    """One block of a letter, as every format lays it out: a ``heading``, a ``paragraph``, a
    ``list`` (one line per item), the ``signature``, an ``address`` (one line per line) or a
    ``table`` (``rows``: the header row first, then one row per entry, such as one measure of
    an activity plan; ``lines`` then holds each row's cells joined by " | ").
    ``gap_before``: a blank line before it in text. ``role``: ``body`` (the template's), or
    the header the library adds: the ``exemption`` from public access, the ``addressee`` and
    the ``reference`` line."""

    kind: BlockKind
    lines: tuple[str, ...] = Field(min_length=1)
    gap_before: bool = False
    role: BlockRole = "body"
    rows: tuple[tuple[str, ...], ...] = Field(
        default=(),
        description="A table's cells: the header row first, each row as long as the header "
        "(empty for every other kind).",
    )
