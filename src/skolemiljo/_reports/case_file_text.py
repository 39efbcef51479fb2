"""The case file's wording: one writer of its markup, and how a duty's state and the acts are
named (not public API; :func:`skolemiljo.dossier` is the face)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from skolemiljo._i18n import Maalform, letter_day
from skolemiljo._law import with_years
from skolemiljo._layout import NBSP, keep_dates, mark, unmark
from skolemiljo.legal import law
from skolemiljo.letters.words import letter_words

from .agenda_models import AgendaEvent, AgendaItem
from .case_file_data import dossier_data

if TYPE_CHECKING:
    from .auditing import Breach
    from .case_file_models import DossierPlan, SentLetter

__all__ = ["Writer", "act_name", "item_state"]


class Writer:
    """The markup of one case file; every value is marked, so none can make structure."""

    def __init__(self, m: Maalform) -> None:
        self.m = m
        self.texts = dossier_data().text
        self.lines: list[str] = []
        self.wanted: list[tuple[str, str]] = []
        self.declined: frozenset[int] = frozenset()
        """The events where a pupil was offered to be heard and declined (labelled so)."""

    def t(self, key: str, **values: object) -> str:
        marked = {k: mark(v) for k, v in values.items()}  # input text comes collapsed
        return str(getattr(self.texts[key], self.m.value)).format(**marked)

    def add(self, line: str = "", *, require: str | None = None) -> None:
        self.lines.append(line)
        if require:
            self.wanted.append((unmark(line).removeprefix("## ").removeprefix("- "), require))

    def day(self, value: date) -> str:
        return letter_day(value, self.m)

    def events(self, events: Sequence[AgendaEvent], empty: str) -> None:
        """One line per event (its date and label), or ``empty`` when there is none."""
        labels = dossier_data().events
        for event in events:
            key = f"{event.type}_declined" if event.event in self.declined else event.type
            label = getattr(labels[key], self.m.value)
            self.add(f"- {mark(self.day(event.on))}: {mark(label)}")
        if not events:
            self.add(self.t(empty))

    def duties(self, items: Sequence[AgendaItem], dated: bool) -> None:
        """Each duty with its citations (each act's year where the file names both acts) and
        its state; every citation is required in the text."""
        self.add(self.t("duties"))
        for item in items:
            refs = with_years(item.legal_basis, force=dated)
            # a step with no citation says where it comes from (guidance, a local routine)
            cite = "; ".join(r.citation for r in refs) or self.t(f"source_{item.source_kind}")
            self.add(f"- {mark(item.title)} ({mark(cite)}): {item_state(self, item)}")
            for ref in refs:
                self.wanted.append((ref.citation, f"citation {ref.citation}"))
        if not items:
            self.add(self.t("no_duties"))

    def documents(self, plans: Sequence[DossierPlan], letters: Sequence[SentLetter]) -> None:
        """The plans and the letters sent that document a sub-duty."""
        if plans:
            self.add()
            self.add(self.t("plans"))
            for doc in plans:
                self.add("- " + self.t("plan", date=self.day(doc.plan_date), count=doc.measures))
        if letters:
            self.add()
            self.add(self.t("letters"))
            for letter in letters:
                kind = letter_words(self.m).kind_labels[letter.kind]
                self.add("- " + self.t("letter", kind=kind, date=self.day(letter.sent_on)))

    def missing(self, missing: Sequence[Breach], elsewhere: bool) -> None:
        """The missed deadlines, each with its source; ``elsewhere``: they are listed under
        another sub-duty above."""
        self.add(self.t("missing"))
        for breach in missing:
            source = self.t(f"source_{breach.source_kind}")
            text = keep_dates(breach.message)
            self.add(f"- {mark(text)} ({source})", require=f"breach {breach.code}")
        if not missing:
            self.add(self.t("missing_above" if elsewhere else "no_missing"))


def act_name(regime_id: str, m: Maalform, dated: bool) -> str:
    """The act and chapter of ``regime_id`` in ``m`` ("opplæringsloven kap. 12"), with the
    act's year when the file names both acts."""
    regime = next(r for r in law().regimes if r.id == regime_id)
    act = next(a for a in law().acts.values() if a.id == regime.act)
    title = act.short_title_nb if m is Maalform.NB else act.short_title
    year = f" {act.lovdata_id[4:8]}" if dated else ""
    return f"{title}{year} kap.{NBSP}{regime.chapter}"


def item_state(w: Writer, item: AgendaItem) -> str:
    if item.duty_status == "undetermined":
        return f"{_progress(w, item)}; {w.t('undetermined')}"
    return _progress(w, item)


def _progress(w: Writer, item: AgendaItem) -> str:
    if item.state == "continuous":
        return w.t("state_continuous")
    if item.done is not None:
        return w.t("state_done", date=w.day(item.done.on))
    if item.deadline.due is not None:
        due = w.t("state_due", date=w.day(item.deadline.due))
        if item.deadline.source_kind == "statute":
            return due
        # a date the act does not set: say whose it is (a reading, Udir's, a routine's)
        return f"{due} ({w.t('due_' + item.deadline.source_kind)})"
    return w.t("state_open")
