"""The version stamp every result carries (not public API; use :class:`Stamp`).

A stored assessment, audit, plan report or letter says which library, which law data and which
schema produced it: ``library_version`` is the package version, ``schema_version`` the version of
the published JSON Schemas (``schemas/manifest.json``; the same as the library's), and
``rules_version`` a digest of everything the results are made from besides the code: the rule data
(``rules/**.toml``), the message catalogs (``locales/*/LC_MESSAGES/*.po``) and the letter
templates. Two results with the same stamp were made from the same law, words and letters.

>>> stamp = current_stamp()
>>> stamp.library_version == stamp.schema_version, stamp.rules_version[:7], len(stamp.rules_version)
(True, 'sha256:', 23)
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from ._base import OutputModel
from ._version import __version__

__all__ = ["Stamp", "current_stamp", "rules_digest"]


class Stamp(OutputModel):
    """Which library, rule data and schema made a result."""

    library_version: str
    rules_version: str
    schema_version: str


def _files(folder: Traversable, prefix: str, suffixes: tuple[str, ...]) -> list[tuple[str, bytes]]:
    out: list[tuple[str, bytes]] = []
    for item in folder.iterdir():
        name = f"{prefix}/{item.name}"
        if item.is_dir():
            out += _files(item, name, suffixes)
        elif item.name.endswith(suffixes):
            out.append((name, item.read_bytes()))
    return out


@cache
def rules_digest() -> str:
    """``sha256:`` and the first 16 hex digits of the digest of the rule data, the catalogs'
    sources and the templates, in a stable order (file names included)."""
    package = resources.files(__package__)
    files = [
        *_files(package / "rules", "rules", (".toml",)),
        *_files(package / "locales", "locales", (".po",)),
        *_files(package / "templates", "templates", (".j2",)),
    ]
    digest = hashlib.sha256()
    for name, data in sorted(files):
        digest.update(name.encode() + b"\0" + data + b"\0")
    return "sha256:" + digest.hexdigest()[:16]


@cache
def current_stamp() -> Stamp:
    """The stamp of results made by this installation."""
    return Stamp(
        library_version=__version__, rules_version=rules_digest(), schema_version=__version__
    )
