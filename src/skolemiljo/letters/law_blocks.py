"""The statements in a letter that carry the law: rendered by the library, placed by a template.

Every sentence of a letter that states a right, a duty, a deadline or the Statsforvaltaren's
role, with its citation, is a **law block**: the library writes it, from the span of the
shipped template that holds it, marked there by two comment lines::

    {#law statsforvalter#}
    ## Dere kan melde saken til statsforvalteren
    ...
    {#endlaw#}

A template (shipped or a vendor's) places each block of its kind with ``{{ law.NAME }}``, on a
line of its own. What the template writes around the blocks is its own: a vendor's letter
can say who the school is and how to reach it, in its own tone, but it cannot word a law
block, leave one out, place one twice, or change one with a filter (each is a
:class:`~skolemiljo.LetterError`: ``law_block_missing``, ``law_block_repeated``,
``law_block_altered``). A vendor's own text, moreover, may not speak of the law at all: a
line of its literal text that uses the words of ``rules/letters.toml``'s ``[vendor_text]``
(the Statsforvaltaren, a right to, a duty, a deadline, a complaint, access to documents, a
section sign, an act) is refused when the template is read (``template_law_text``, naming the
line), so it cannot contradict a block either ("… har likevel ikke rett til å melde saken til
statsforvalteren …"). The required-elements check still runs on the whole letter afterwards.

What this cannot catch: a vendor sentence that contradicts the law in words the list does not
hold ("Dere trenger ikke gjøre noe mer."). The list is data and can be extended; a vendor's
templates are still the vendor's responsibility to read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from skolemiljo.errors import LetterError

from .sandbox import Record

__all__ = [
    "LawTemplate",
    "law_record",
    "place_law",
    "split_source",
    "starting_source",
    "whole_source",
]

_START = re.compile(r"^[ \t]*\{#law ([a-z_]{1,40})#\}[ \t]*\n", re.MULTILINE)
_END = re.compile(r"^[ \t]*\{#endlaw#\}[ \t]*\n", re.MULTILINE)
_OPEN, _CLOSE = "\ue002", "\ue003"
"""A placed block is written as ``\\ue002NAME\\ue003`` until the library puts its text there
(private-use characters: staff text cannot hold them, :func:`~skolemiljo.letters.context.collapse`
drops them)."""


@dataclass(frozen=True, slots=True)
class LawTemplate:
    """A shipped template read into its main text (each block's span replaced by
    ``{{ law.NAME }}``) and the blocks' own sources, in order."""

    main: str
    blocks: tuple[tuple[str, str], ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.blocks)


def split_source(source: str, what: str = "template") -> LawTemplate:
    r"""The main text and the law blocks of a shipped template's ``source``.

    >>> t = split_source("A\n{#law x#}\nB {{ duty }}\n{#endlaw#}\nC\n")
    >>> t.main, t.blocks
    ('A\n{{ law.x }}\nC\n', (('x', 'B {{ duty }}\n'),))
    """
    main: list[str] = []
    blocks: list[tuple[str, str]] = []
    at = 0
    while (start := _START.search(source, at)) is not None:
        end = _END.search(source, start.end())
        nested = _START.search(source, start.end())
        if end is None or (nested is not None and nested.start() < end.start()):
            raise LetterError("template_syntax", f"{what}: law block '{start[1]}' is not closed")
        name = start[1]
        if name in dict(blocks):
            raise LetterError("template_syntax", f"{what}: law block '{name}' twice")
        main.append(source[at : start.start()])
        main.append(f"{{{{ law.{name} }}}}\n")
        blocks.append((name, source[start.end() : end.start()]))
        at = end.end()
    main.append(source[at:])
    text = "".join(main)
    if _END.search(text) or "{#law " in text:
        raise LetterError("template_syntax", f"{what}: a law block marker out of place")
    return LawTemplate(text, tuple(blocks))


def whole_source(source: str) -> str:
    r"""``source`` without its law block markers: the whole letter, its blocks in place.

    >>> whole_source("A\n{#law x#}\nB\n{#endlaw#}\nC\n")
    'A\nB\nC\n'
    """
    split_source(source)  # the markers are well formed
    return _END.sub("", _START.sub("", source))


def starting_source(source: str) -> str:
    """What a vendor starts from: the shipped template's ``source`` with each law block
    replaced by its placeholder (``{{ law.NAME }}``)."""
    return split_source(source).main


def _sentinel(name: str) -> str:
    return f"{_OPEN}{name}{_CLOSE}"


@cache
def law_record(names: tuple[str, ...]) -> Record:
    """The ``law`` a template sees: each block's placeholder value."""
    return Record(**{name: _sentinel(name) for name in names})


def place_law(markup: str, blocks: Mapping[str, str], mark: Any, what: str, *, vendor: bool) -> str:
    """``markup`` with each placed block replaced by the library's text of it (``blocks``:
    name -> rendered markup); every block placed once and unaltered, else a typed
    :class:`LetterError` naming the block (never the text)."""
    placed = {name: mark(_sentinel(name)) for name in blocks}
    rest = markup
    for mark_of in placed.values():
        rest = rest.replace(mark_of, "")
    if _OPEN in rest or _CLOSE in rest:  # a placeholder changed by a filter or joined to text
        raise LetterError("law_block_altered", f"{what}: a law block was changed")
    for name, text in blocks.items():
        count = markup.count(placed[name])
        if count != 1:
            hint = " (place it with {{ law." + name + " }} on a line of its own)" if vendor else ""
            if count > 1:
                raise LetterError("law_block_repeated", f"{what}: law.{name}{hint}")
            raise LetterError("law_block_missing", f"{what}: law.{name}{hint}")
        at = markup.index(placed[name])
        end = at + len(placed[name])
        if markup.startswith("\n", end) and (text.endswith("\n") or not text):
            end += 1  # the block brings its own line end (or, empty, takes the line with it)
        markup = markup[:at] + text + markup[end:]
    return markup
