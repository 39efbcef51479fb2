"""The duties a letter states, taken from the assessment of the same case on the letter's date
(never from a table of its own): what a letter says about who must do what, by when, and on
what basis is what :func:`skolemiljo.assess` says."""

from __future__ import annotations

from datetime import date
from functools import cache

from skolemiljo._base import Remembered
from skolemiljo._engine import NotApplicable, Obligation, duties, get_engine
from skolemiljo._law import load_rules, names_dated_act, with_years
from skolemiljo._law.loading import clears_with_rules, on_new_rules
from skolemiljo.case import Case
from skolemiljo.legal import LegalReference

from .data import _kinds
from .sandbox import Record
from .words import LetterWords

__all__ = ["letter_duties"]

_LAW = ("statute", "guidance")


def _slot(entry: Obligation | NotApplicable, w: LetterWords, dated: bool) -> Record:
    """What a template sees of one duty: ``cite`` (its citations joined), ``when`` (straks,
    snarest, or empty), ``status``, ``law`` (the act or Udir says the duty and its deadline),
    ``guidance`` (the duty itself is Udir's guidance: name it as such, never as statute text),
    ``reading`` (the duty or its deadline is a reading of the library), ``note`` (why, for a
    reading), ``unmet`` (for a duty that does not apply, why not). ``dated``: the letter names
    two acts of the same title, so each citation names its act's year."""
    cite = " og ".join(ref.citation for ref in with_years(entry.legal_basis, force=dated))
    if isinstance(entry, NotApplicable):
        return Record(
            code=entry.code,
            status=entry.status,
            cite=cite,
            when="",
            law=entry.source_kind in _LAW,
            guidance=entry.source_kind == "guidance",
            reading=entry.source_kind == "reading",
            note=None,
            unmet=tuple(u.message for u in entry.unmet),
        )
    words = w.terms(entry.regime)
    when = {"immediately": words.when_immediately, "as_soon_as_possible": words.when_snarast}
    kinds = (entry.source_kind, entry.deadline.source_kind)
    return Record(
        code=entry.code,
        status=entry.status,
        cite=cite,
        when=when.get(entry.deadline.kind, ""),
        law=all(k in _LAW for k in kinds),
        guidance=entry.source_kind == "guidance",
        reading="reading" in kinds,
        note=_note(entry),
        unmet=(),
    )


def _note(entry: Obligation | NotApplicable) -> str | None:
    if isinstance(entry, NotApplicable):
        return None
    return entry.source_note or entry.deadline.source_note


def _first(codes: tuple[str, ...], found: dict[str, Obligation], status: str) -> Obligation | None:
    return next((found[c] for c in codes if c in found and found[c].status == status), None)


@clears_with_rules
@cache
def _wanted(kind: str) -> frozenset[str]:
    """The duty codes a letter of ``kind`` may state (its slots' codes)."""
    spec = _kinds()[kind]
    return frozenset(
        c for slots in (spec.duties, spec.optional) for cs in slots.values() for c in cs
    )


def letter_duties(
    kind: str,
    case: Case,
    on: date,
    w: LetterWords,
    points: dict[str, list[tuple[int, date]]] | None = None,
) -> tuple[Record, tuple[LegalReference, ...]]:
    """The ``duty`` record of a letter of ``kind`` (one field a slot of ``rules/letters.toml``)
    and the letter's legal basis (the filled slots' basis, in order, without repeats)."""
    spec = _kinds()[kind]
    engine = get_engine("reference", load_rules())
    obligations, absent = duties(case, on, w.maalform, engine, _wanted(kind), points)
    found = {o.code: o for o in obligations}
    missing = {n.code: n for n in absent}
    entries: dict[str, Obligation | NotApplicable | None] = {}
    for slot, codes in spec.duties.items():
        entries[slot] = next((found[c] for c in codes if c in found), None) or missing[codes[-1]]
    for slot, codes in spec.optional.items():
        entries[slot] = next((found[c] for c in codes if c in found), None)
    chosen = tuple(entries.values())
    known = _STATED.get_for((kind, w.maalform), chosen)
    return known or _STATED.put_for((kind, w.maalform), chosen, _stated(entries, w))


_STATED: Remembered[object, tuple[Record, tuple[LegalReference, ...]]] = Remembered(1024)
"""What a letter states of the duties it was given, remembered by the duties' identities
(the engine makes each obligation once, so a letter of the same kind over the same duties
states them again without writing them again; issue 26). Emptied with new rules."""
on_new_rules(_STATED.clear)


def _stated(
    entries: dict[str, Obligation | NotApplicable | None], w: LetterWords
) -> tuple[Record, tuple[LegalReference, ...]]:
    """The ``duty`` record and the legal basis of a letter stating ``entries`` (slot: duty)."""
    filled = [e for e in entries.values() if e is not None]
    refs = {ref.id: ref for e in filled for ref in e.legal_basis}
    notes = (note for e in filled if (note := _note(e)))
    cited = tuple(refs.values())
    dated = with_years(cited) != cited or any(names_dated_act(n) for n in notes)
    slots = {slot: _slot(e, w, dated) if e is not None else None for slot, e in entries.items()}
    basis = with_years(tuple(refs.values()), force=dated)
    return Record(**slots), basis
