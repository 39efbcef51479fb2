"""The case file's wording: one writer of its markup, and how a duty's state and the acts are
named (not public API; :func:`skolemiljo.dossier` is the face)."""

from __future__ import annotations

from datetime import date

from ._agenda_models import AgendaItem
from ._dossier_data import dossier_data
from ._i18n import Maalform, letter_day
from ._layout import NBSP, mark, unmark
from .legal import law

__all__ = ["Writer", "act_name", "item_state"]


class Writer:
    """The markup of one case file; every value is marked, so none can make structure."""

    def __init__(self, m: Maalform) -> None:
        self.m = m
        self.texts = dossier_data().text
        self.lines: list[str] = []
        self.wanted: list[tuple[str, str]] = []

    def t(self, key: str, **values: object) -> str:
        marked = {k: mark(v) for k, v in values.items()}  # input text comes collapsed
        return str(getattr(self.texts[key], self.m.value)).format(**marked)

    def add(self, line: str = "", *, require: str | None = None) -> None:
        self.lines.append(line)
        if require:
            self.wanted.append((unmark(line).removeprefix("## ").removeprefix("- "), require))

    def day(self, value: date) -> str:
        return letter_day(value, self.m)


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
