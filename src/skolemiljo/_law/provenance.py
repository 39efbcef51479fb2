"""Where a legal statement comes from (not public API; see :data:`skolemiljo.SourceKind`).

Every rule version, deadline, audit breach and plan finding in the rule data names its source,
and the data is refused when one lacks it:

- ``statute``: the act says it (the reference's ``verified`` says whether its wording was checked);
- ``guidance``: Udir's rundskriv, regelverkstolkning or other guidance, or the preparatory
  works (``document`` names it, by its address or its title and date);
- ``reading``: this library's reading of an open term, configurable, with its reason (``note``);
- ``local``: a municipal routine (only routines carry it).

Human text words a ``reading`` as the library's default or the school's practice, never as what
the law requires: the ``note`` is written that way, in both målformer.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from skolemiljo._base import FrozenModel, Titles

__all__ = ["SOURCE_KINDS", "Source", "SourceKind", "at_least"]

SourceKind = Literal["statute", "authority", "guidance", "reading", "local"]
"""``statute`` (the act), ``authority`` (a date or an order the Statsforvaltaren set in its
letter or decision in this case, given as data on the event), ``guidance`` (Udir, preparatory
works), ``reading`` (this library's reading of an open term, configurable), ``local`` (a
municipal routine); strongest first."""

SOURCE_KINDS: tuple[SourceKind, ...] = ("statute", "authority", "guidance", "reading", "local")


def at_least(kind: SourceKind, weakest: SourceKind) -> bool:
    """Whether a statement of source ``kind`` is kept when only sources as strong as
    ``weakest`` are asked for (``statute`` keeps the act only; ``local`` keeps everything)."""
    return SOURCE_KINDS.index(kind) <= SOURCE_KINDS.index(weakest)


class Source(FrozenModel):
    """The source of one statement in the rule data. A ``reading`` must give its reason and a
    ``guidance`` the document (its address) and what it says, in ``note``; a bare string in
    TOML (``source = "statute"``) is a source without a note."""

    kind: SourceKind
    note: Titles | None = Field(
        default=None,
        description="Why (a reading) or what the document says (guidance), worded as the "
        "library's default or the school's practice, never as the law's demand; it may hold "
        "{days}, filled with the configured reading.",
    )
    document: str | None = Field(
        default=None,
        min_length=10,
        description="The guidance document: its https address, or its title and date.",
    )

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return {"kind": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _check(self) -> Source:
        if self.kind in ("reading", "guidance", "authority") and self.note is None:
            raise ValueError(f"a {self.kind} needs its note (nb and nn)")
        if self.kind == "guidance" and self.document is None:
            raise ValueError("guidance needs its document (an https address, or title and date)")
        if self.kind == "local":
            raise ValueError("'local' is for routines, not the law's rule data")
        return self

    def text(self, maalform: str, **params: object) -> str | None:
        """The note in ``maalform`` (``nb``/``nn``), placeholders filled; None without one."""
        if self.note is None:
            return None
        return str(getattr(self.note, maalform)).format(**params)
