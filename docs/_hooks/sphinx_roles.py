"""A griffe extension for the API reference: the docstrings' Sphinx roles
(``:class:`~skolemiljo.InputError```, ``:func:`audit```) as mkdocs cross-references.

The docstrings are written for ``help()`` and doctests, where a role reads well; the built site
rendered them raw (issue 27: 33 of them). A role whose target the reference documents (an
object named by a ``:::`` line of docs/api.md, or a member of one) becomes a link; any other
becomes code, so the strict build never meets a link it cannot resolve. ``~`` shows the last
part of the name only, as in Sphinx.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import griffe

_ROLE = re.compile(r":(?:class|func|meth|attr|data|mod|obj|exc|const):`(~?)([^`]+)`")
_API = Path(__file__).resolve().parents[1] / "api.md"


def _documented() -> set[str]:
    return set(re.findall(r"^::: ([\w.]+)", _API.read_text(encoding="utf-8"), flags=re.M))


class SphinxRoles(griffe.Extension):
    """Rewrite every docstring of the package once it is loaded."""

    def __init__(self) -> None:
        self.documented = _documented()

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        self._walk(pkg, set())

    def _walk(self, obj: Any, seen: set[int]) -> None:
        if id(obj) in seen or obj.is_alias:
            return
        seen.add(id(obj))
        if obj.docstring is not None:
            obj.docstring.value = _ROLE.sub(self._link, obj.docstring.value)
        for member in obj.members.values():
            if not member.is_alias:
                self._walk(member, seen)

    def _target(self, name: str) -> str | None:
        """The documented identifier ``name`` refers to, if the reference has it."""
        name = name.lstrip(".").removesuffix("()")
        candidates = [name, f"skolemiljo.{name}", f"skolemiljo.{name.rsplit('.', 1)[-1]}"]
        for candidate in candidates:
            if candidate in self.documented:
                return candidate
            parent = candidate.rsplit(".", 1)[0]
            if parent in self.documented and parent != candidate:
                return candidate
        return None

    def _link(self, match: re.Match[str]) -> str:
        short, name = match.group(1), match.group(2)
        shown = name.rsplit(".", 1)[-1] if short else name
        target = self._target(name)
        return f"[`{shown}`][{target}]" if target else f"`{shown}`"
