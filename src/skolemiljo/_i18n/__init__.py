"""The two målformer, Bokmål (``nb``) and Nynorsk (``nn``), always together: the wing's face
(not public API; :class:`skolemiljo.Maalform` is exported from the package).

``core``: the målform, the gettext catalogs the messages come from, and the dates as babel
writes them. ``catalogs`` (checking the ``.po`` sources against the compiled ``.mo`` files)
and ``ids`` (every message id the code may ask for) are used by the catalog check and the
tests, and imported from there, so importing the library never loads babel's catalog tools.
"""

from __future__ import annotations

from .core import (
    DOMAIN,
    Maalform,
    catalog,
    format_day,
    letter_day,
    message,
    parse_maalform,
)

__all__ = [
    "DOMAIN",
    "Maalform",
    "catalog",
    "format_day",
    "letter_day",
    "message",
    "parse_maalform",
]
