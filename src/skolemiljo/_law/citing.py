"""Citations in a document that names two acts of the same title (not public API).

Opplæringslova 1998 and opplæringslova 2023 share a short title. Where one letter or case file
cites both (a case that spans 1 August 2024), each citation names its act's year:
"opplæringslova 1998 § 9 A-6", "opplæringslova 2023 § 12-6".
"""

from __future__ import annotations

from functools import cache, lru_cache

from skolemiljo.legal import LegalReference, law

from .loading import clears_with_rules

__all__ = ["names_dated_act", "with_years"]


def with_years(refs: tuple[LegalReference, ...], force: bool = False) -> tuple[LegalReference, ...]:
    """``refs`` with the year of each act in its citation (``opplæringslova 1998 § 9 A-6``)
    where two acts of the same short title appear among them, or (``force``) wherever the
    short title names more than one act of ``law.toml``: in one document that cites both, each
    citation names its act's year. Other references are unchanged."""
    titles: dict[str, set[str]] = {}
    for ref in refs:
        titles.setdefault(ref.act, set()).add(ref.lovdata_id)
    shared = _shared_titles() if force else frozenset()
    return tuple(
        _dated(ref) if len(titles[ref.act]) > 1 or ref.act in shared else ref for ref in refs
    )


def _dated(ref: LegalReference) -> LegalReference:
    """``ref`` citing its act with the year, made once per reference and title (issue 26:
    every letter copied every reference it cites)."""
    if ref.id in law().references:
        return _dated_copy(ref.id, ref.act)
    return ref.model_copy(update={"act": f"{ref.act} {ref.lovdata_id[4:8]}"})


@clears_with_rules
@lru_cache(maxsize=1024)
def _dated_copy(ref_id: str, act: str) -> LegalReference:
    """The reference ``ref_id`` (its id says everything but the act's title, which follows
    the målform) with ``act`` and the act's year."""
    base = law().references[ref_id]
    return base.model_copy(update={"act": f"{act} {base.lovdata_id[4:8]}"})


def names_dated_act(text: str) -> bool:
    """Whether ``text`` names an act by short title and year (``opplæringslova 1998``), as a
    note does that compares the two acts: the document it stands in then dates every
    citation of those acts (:func:`with_years`)."""
    return any(name in text for name in _dated_names())


@clears_with_rules
@cache
def _dated_names() -> tuple[str, ...]:
    shared = _shared_titles()
    return tuple(
        f"{title} {act.lovdata_id[4:8]}"
        for act in law().acts.values()
        for title in {act.short_title, act.short_title_nb}
        if title in shared
    )


@clears_with_rules
@cache
def _shared_titles() -> frozenset[str]:
    """Short titles (either målform) that more than one act of ``law.toml`` bears."""
    seen: dict[str, int] = {}
    for act in law().acts.values():
        for title in {act.short_title, act.short_title_nb}:
            seen[title] = seen.get(title, 0) + 1
    return frozenset(t for t, n in seen.items() if n > 1)
