"""Integrity checks of the nb and nn catalogs (not public API; used by tests and make l10n-check).

A catalog problem is a defect that would put a wrong or missing text in front of a parent:
a missing or empty entry, a fuzzy or obsolete one, different message ids in nb and nn,
placeholders that differ between the two, or a compiled .mo that is older than its .po.
"""

from __future__ import annotations

import io
import re
from importlib import resources
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from .core import DOMAIN, Maalform

__all__ = ["catalog_problems", "placeholders", "read_catalog"]

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
REQUIRED_HEADERS = ("Project-Id-Version", "Language", "Content-Type", "Plural-Forms")


def locale_dir(maalform: Maalform) -> Path:
    """The LC_MESSAGES folder of one målform inside the installed package."""
    return Path(str(resources.files("skolemiljo") / "locales" / maalform.value / "LC_MESSAGES"))


def read_catalog(maalform: Maalform) -> Catalog:
    """The .po catalog of one målform."""
    with (locale_dir(maalform) / f"{DOMAIN}.po").open("rb") as fp:
        return read_po(fp, locale=maalform.value)


def placeholders(text: str) -> frozenset[str]:
    """The ``{name}`` placeholders of a message text.

    >>> sorted(placeholders("Tiltak {measure} (punkt {item})"))
    ['item', 'measure']
    """
    return frozenset(_PLACEHOLDER.findall(text))


def catalog_problems(required_ids: tuple[str, ...] = ()) -> list[str]:
    """Every integrity problem of the two catalogs, as readable lines (empty: all well)."""
    problems: list[str] = []
    catalogs = {m: read_catalog(m) for m in Maalform}
    texts: dict[Maalform, dict[str, str]] = {}
    for m, cat in catalogs.items():
        header = dict(cat.mime_headers)
        for name in REQUIRED_HEADERS:
            if not header.get(name):
                problems.append(f"{m}: header {name} is missing")
        if cat.obsolete:
            problems.append(f"{m}: obsolete entries: {sorted(cat.obsolete)}")
        texts[m] = {}
        for msg in cat:
            if not msg.id:
                continue
            msgid = str(msg.id)
            if msg.fuzzy:
                problems.append(f"{m}: {msgid} is fuzzy")
            if not msg.string:
                problems.append(f"{m}: {msgid} has no translation")
            if not msg.auto_comments:
                problems.append(f"{m}: {msgid} has no translator comment")
            texts[m][msgid] = str(msg.string)
        mo_path = locale_dir(m) / f"{DOMAIN}.mo"
        if not mo_path.is_file():
            problems.append(f"{m}: compiled catalog {DOMAIN}.mo is missing (run make l10n)")
        else:
            fresh = io.BytesIO()
            write_mo(fresh, cat)
            with mo_path.open("rb") as fp:
                compiled = {str(x.id): x.string for x in read_mo(fp) if x.id}
            fresh.seek(0)
            expected = {str(x.id): x.string for x in read_mo(fresh) if x.id}
            if compiled != expected:
                problems.append(f"{m}: {DOMAIN}.mo is stale (run make l10n)")
    nb, nn = texts[Maalform.NB], texts[Maalform.NN]
    for msgid in sorted(set(nb) ^ set(nn)):
        problems.append(f"{msgid} is in only one of the catalogs")
    for msgid in sorted(set(nb) & set(nn)):
        if placeholders(nb[msgid]) != placeholders(nn[msgid]):
            problems.append(f"{msgid}: placeholders differ between nb and nn")
    for msgid in required_ids:
        for m in Maalform:
            if msgid not in texts[m]:
                problems.append(f"{m}: {msgid} is required by the code but missing")
    return problems
