"""The duties a letter states, taken from the assessment of the same case on the letter's date
(never from a table of its own): what a letter says about who must do what, by when, and on
what basis is what :func:`skolemiljo.assess` says."""

from __future__ import annotations

from datetime import date

from skolemiljo._duties import duties
from skolemiljo._engine import get_engine
from skolemiljo._i18n import Maalform
from skolemiljo._obligations import NotApplicable, Obligation
from skolemiljo._ruledata import load_rules
from skolemiljo._sandbox import Record
from skolemiljo.case import Case
from skolemiljo.legal import LegalReference

from .data import _kinds, _terms

__all__ = ["letter_duties"]

_LAW = ("statute", "guidance")


def _slot(entry: Obligation | NotApplicable, m: Maalform) -> Record:
    """What a template sees of one duty: ``cite`` (its citations joined), ``when`` (straks,
    snarest, or empty), ``status``, ``law`` (the act or Udir says the duty and its deadline),
    ``reading`` (the duty or its deadline is a reading of the library), ``note`` (why, for a
    reading), ``unmet`` (for a duty that does not apply, why not)."""
    cite = " og ".join(ref.citation for ref in entry.legal_basis)
    if isinstance(entry, NotApplicable):
        return Record(
            code=entry.code,
            status=entry.status,
            cite=cite,
            when="",
            law=entry.source_kind in _LAW,
            reading=entry.source_kind == "reading",
            note=None,
            unmet=tuple(u.message for u in entry.unmet),
        )
    words = _terms(entry.regime, m)
    when = {"immediately": words.when_immediately, "as_soon_as_possible": words.when_snarast}
    kinds = (entry.source_kind, entry.deadline.source_kind)
    return Record(
        code=entry.code,
        status=entry.status,
        cite=cite,
        when=when.get(entry.deadline.kind, ""),
        law=all(k in _LAW for k in kinds),
        reading="reading" in kinds,
        note=entry.source_note or entry.deadline.source_note,
        unmet=(),
    )


def _first(codes: tuple[str, ...], found: dict[str, Obligation], status: str) -> Obligation | None:
    return next((found[c] for c in codes if c in found and found[c].status == status), None)


def letter_duties(
    kind: str,
    case: Case,
    on: date,
    m: Maalform,
    points: dict[str, list[tuple[int, date]]] | None = None,
) -> tuple[Record, tuple[LegalReference, ...]]:
    """The ``duty`` record of a letter of ``kind`` (one field a slot of ``rules/letters.toml``)
    and the letter's legal basis (the filled slots' basis, in order, without repeats)."""
    spec = _kinds()[kind]
    wanted = frozenset(
        c for slots in (spec.duties, spec.optional) for cs in slots.values() for c in cs
    )
    engine = get_engine("reference", load_rules())
    obligations, absent = duties(case, on, m, engine, wanted, points)
    found = {o.code: o for o in obligations}
    missing = {n.code: n for n in absent}
    slots: dict[str, Record | None] = {}
    basis: dict[str, LegalReference] = {}
    for slot, codes in spec.duties.items():
        entry: Obligation | NotApplicable = (
            next((found[c] for c in codes if c in found), None) or missing[codes[-1]]
        )
        slots[slot] = _slot(entry, m)
        basis.update((ref.id, ref) for ref in entry.legal_basis)
    for slot, codes in spec.optional.items():
        applies = next((found[c] for c in codes if c in found), None)
        slots[slot] = _slot(applies, m) if applies is not None else None
        if applies is not None:
            basis.update((ref.id, ref) for ref in applies.legal_basis)
    return Record(**slots), tuple(basis.values())
