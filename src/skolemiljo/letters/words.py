"""A letter's words, made once per målform (not public API).

Everything a letter says that does not come from the request: the glossary's terms (per
regime: a duty under the 1998 act keeps the 1998 act's words in a later letter), the plan
items' labels and headings, the header and footer words, what each kind is called, the
closings that begin a signature, the labels of considerations and of seriousness indicators,
and how a date is written. :func:`letter_words` builds the value once per målform (again when
the rules folder is swapped); the context, the duties, the header and the documents take it
as an argument instead of fetching the words piece by piece.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from skolemiljo._i18n import Maalform, letter_day, message
from skolemiljo._law import clears_with_rules
from skolemiljo._reports.agenda_tables import agenda_data
from skolemiljo.findings import Item
from skolemiljo.legal import law
from skolemiljo.plan import considerations, item_label_id, item_style

from .data import _letter_data, closings, glossary
from .sandbox import Record, ucfirst

__all__ = ["LetterWords", "letter_words"]

_ITEMS: tuple[Item, ...] = ("a", "b", "c", "d", "e", "f")


@dataclass(frozen=True, slots=True)
class LetterWords:
    """The words of letters in one målform (``maalform``)."""

    maalform: Maalform
    terms_by_regime: dict[str, Record]
    """The glossary's terms (``t`` in a template), per regime."""
    labels_by_regime: dict[str, Record]
    """The plan items' labels (a–f), per regime."""
    headings_by_regime: dict[str, Record]
    """The plan items' headings as the act lists them, per regime."""
    reference: str
    """The header's reference line (``{reference}``)."""
    dated: str
    """The header's date line (``{date}``)."""
    parents_of: str
    """The addressee when the letter goes to the parents (``{pupil}``)."""
    statsforvaltaren: str
    """The addressee when the letter goes to the Statsforvaltaren."""
    page: str
    """The footer's page numbers (``{page}``, ``{pages}``)."""
    kind_labels: dict[str, str]
    """What each letter kind is called."""
    closings: tuple[str, ...]
    """The closings that begin a signature block, in both målformer (a vendor template may be
    written in either)."""
    considerations: dict[str, str]
    """The labels of the best-interests considerations."""
    indicators: dict[str, str]
    """The labels of the seriousness indicators."""
    other_pupil: str
    """What ``redact=True`` writes for another pupil of the case."""
    other_adult: str
    """What ``redact=True`` writes for another adult of the case (a parent, a staff member)."""

    def terms(self, regime: str) -> Record:
        """The glossary's terms under ``regime``."""
        return self.terms_by_regime[regime]

    def day(self, day: date) -> str:
        """``day`` as a letter writes it ("tirsdag 8. oktober 2024", held together)."""
        return letter_day(day, self.maalform)


def _item_records(m: Maalform, regime: str) -> tuple[Record, Record]:
    labels = {item: ucfirst(message(m, item_label_id(item, regime))) for item in _ITEMS}
    headings = {
        item: f"{item}) {label}" if item_style(item, regime) == "letter" else label
        for item, label in labels.items()
    }
    return Record(**labels), Record(**headings)


@clears_with_rules
@cache
def letter_words(m: Maalform) -> LetterWords:
    """The words of letters in ``m`` (built once, a value thereafter)."""
    regimes = [r.id for r in law().regimes]
    terms = {
        regime: Record(
            **{name: getattr(term.words(regime), m.value) for name, term in glossary().items()}
        )
        for regime in regimes
    }
    items = {regime: _item_records(m, regime) for regime in regimes}
    data = _letter_data()
    return LetterWords(
        maalform=m,
        terms_by_regime=terms,
        labels_by_regime={regime: pair[0] for regime, pair in items.items()},
        headings_by_regime={regime: pair[1] for regime, pair in items.items()},
        reference=getattr(data.header.reference, m.value),
        dated=getattr(data.header.date, m.value),
        parents_of=getattr(data.header.parents_of, m.value),
        statsforvaltaren=getattr(data.header.statsforvaltaren, m.value),
        page=getattr(data.header.page, m.value),
        kind_labels={kind: getattr(label, m.value) for kind, label in data.kind_labels.items()},
        closings=closings(),
        considerations={k: getattr(v, m.value) for k, v in considerations().items()},
        indicators={k: getattr(v, m.value) for k, v in agenda_data().indicators.items()},
        other_pupil=getattr(data.disclosure.other_pupil, m.value),
        other_adult=getattr(data.disclosure.other_adult, m.value),
    )
