"""Målform selection and strict message catalogs (not public API; use :class:`Maalform`).

Catalogs are gettext ``.mo`` files compiled from ``locales/{nb,nn}/LC_MESSAGES/skolemiljo.po``.
Message ids are stable codes (finding and duty codes double as i18n keys). A missing catalog or
a missing message raises :class:`~skolemiljo.errors.CatalogError`: gettext's silent fallback to
the message id, or from one målform to the other, would put a wrong text in front of a parent.
"""

from __future__ import annotations

import gettext
from datetime import date
from enum import StrEnum
from functools import cache, lru_cache
from importlib import resources

from skolemiljo.errors import CatalogError, UnknownMaalformError

__all__ = [
    "DOMAIN",
    "Maalform",
    "catalog",
    "format_day",
    "letter_day",
    "message",
    "parse_maalform",
]

DOMAIN = "skolemiljo"


class Maalform(StrEnum):
    """The two written forms of Norwegian: Bokmål (``nb``) and Nynorsk (``nn``).

    >>> Maalform("nn").value
    'nn'
    """

    NB = "nb"
    NN = "nn"


def parse_maalform(value: Maalform | str) -> Maalform:
    """Return the målform for ``value``; refuse anything but ``nb`` and ``nn``.

    >>> parse_maalform("NN")
    <Maalform.NN: 'nn'>
    >>> parse_maalform("no")
    Traceback (most recent call last):
    ...
    skolemiljo.errors.UnknownMaalformError: unknown målform (expected 'nb' or 'nn')
    """
    if isinstance(value, Maalform):
        return value
    if isinstance(value, str):
        try:
            return Maalform(value.strip().lower())
        except ValueError:
            pass
    raise UnknownMaalformError("unknown målform (expected 'nb' or 'nn')")


@cache
def catalog(maalform: Maalform) -> gettext.GNUTranslations:
    """Load the compiled catalog of one målform; raise if it is not there."""
    path = resources.files("skolemiljo") / "locales" / maalform.value / "LC_MESSAGES"
    mo = path / f"{DOMAIN}.mo"
    if not mo.is_file():
        raise CatalogError(f"message catalog for '{maalform.value}' is missing")
    with mo.open("rb") as fp:
        return gettext.GNUTranslations(fp)


def message(maalform: Maalform, msgid: str, /, **params: object) -> str:
    """The text of ``msgid`` in ``maalform``, with ``{placeholders}`` filled in.

    Raises :class:`CatalogError` when the catalog lacks the message.
    """
    text = catalog(maalform).gettext(msgid)
    if text == msgid:
        raise CatalogError(f"message '{msgid}' is missing in the '{maalform.value}' catalog")
    try:
        return text.format(**params)
    except (KeyError, IndexError) as error:
        raise CatalogError(
            f"message '{msgid}' in '{maalform.value}' needs placeholder {error}"
        ) from None


@lru_cache(maxsize=8192)
def format_day(day: date, maalform: Maalform) -> str:
    """A date as letters and messages write it, by babel in the målform ("tirsdag 8. oktober
    2024" / "tysdag 8. oktober 2024"). A pure function of its inputs, and a case's dates fall on
    a few hundred days a year, so it is remembered. Anything but a date is a ``TypeError``
    (babel would write today's date for ``None``: a letter must never date what did not
    happen)."""
    from babel.dates import format_date

    if not isinstance(day, date):
        raise TypeError("format_day needs a date")
    return str(format_date(day, format="EEEE d. MMMM y", locale=maalform.value))


@lru_cache(maxsize=4096)
def letter_day(day: date, maalform: Maalform) -> str:
    """:func:`format_day` as letters and case files print it: the day, month and year held
    together by no-break spaces ("tirsdag 8.\u00a0oktober\u00a02024"), so no line, in any
    format, breaks inside the date."""
    weekday, _, rest = format_day(day, maalform).partition(" ")
    return weekday + " " + rest.replace(" ", "\u00a0")
