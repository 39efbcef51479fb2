"""What a letter needs to be filed, above its text in every format: the exemption from public
access, the addressee's address and the reference line (``rules/letters.toml``,
``exemption`` and ``header``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from skolemiljo._i18n import Maalform
from skolemiljo._law import clears_with_rules
from skolemiljo._layout import Block, keep_together
from skolemiljo.case import SchoolKind
from skolemiljo.legal import in_maalform, reference

from .context import collapse
from .data import exemption
from .kinds import Reader
from .models import Addressee, LetterExemption, LetterRequest
from .sandbox import Record
from .words import LetterWords

__all__ = ["LetterMeta", "exemption_marking", "letter_meta"]


@dataclass(frozen=True, slots=True)
class LetterMeta:
    """The header blocks and the metadata of one letter."""

    blocks: tuple[Block, ...]
    addressee: Addressee
    exemption: LetterExemption | None
    reference: str | None
    file_stem: str

    def record(self) -> Record:
        """The template slot ``meta``: the same header as plain values."""
        return Record(
            exemption=self.exemption.text if self.exemption else None,
            addressee=self.addressee.name,
            address=self.addressee.lines,
            reference=self.reference,
        )


_UNSAFE = re.compile(r"[^a-z0-9_-]+")


@clears_with_rules
@cache
def exemption_marking(m: Maalform, private: bool = False) -> tuple[LetterExemption, Block]:
    """The exemption from public access in ``m``, and its block (the same for every letter and
    the case file):
    the provisions joined by "jf.", as such markings are written. At a private school the
    source note also says that the marking was not checked against privatskolelova."""
    data = exemption()
    refs = in_maalform(tuple(reference(r) for r in data.basis), m.value)
    text = getattr(data.text, m.value).format(basis=" jf. ".join(r.citation for r in refs))
    note = data.source.text(m.value)
    if private:
        note = " ".join(n for n in (note, getattr(data.private_schools, m.value)) if n)
    marked = LetterExemption(
        text=text,
        legal_basis=refs,
        source_kind=data.source.kind,
        source_note=note,
    )
    return marked, Block(kind="paragraph", lines=(keep_together(text),), role="exemption")


def letter_meta(
    kind: str, request: LetterRequest, w: LetterWords, reader: Reader, owner: str
) -> LetterMeta:
    """The header of ``kind`` for ``request`` to ``reader`` in ``w``'s målform (``owner``: the
    school owner's name as the letter writes it)."""
    m = w.maalform
    pupil = collapse(request.pupil_name)
    blocks: list[Block] = []
    marked: LetterExemption | None = None
    if request.exempt_from_public_access:
        marked, block = exemption_marking(m, request.case.school.kind is SchoolKind.PRIVATE)
        blocks.append(block)
    if request.recipient_names:
        name = collapse(request.recipient_names)
    elif reader == "pupil":
        name = pupil
    elif reader == "school_owner":
        name = owner
    elif reader == "statsforvaltaren":
        name = w.statsforvaltaren
    else:
        name = w.parents_of.format(pupil=pupil)
    lines = tuple(collapse(line) for line in request.recipient_address if line.strip())
    if request.protected_address():
        lines = ()  # a protected address is never printed
    if lines:
        blocks.append(
            Block(kind="address", lines=(name, *lines), role="addressee", gap_before=bool(blocks))
        )
    ref = request.case.case_id
    when = w.dated.format(date=w.day(request.letter_date))
    line = f"{w.reference.format(reference=ref)}. {when}" if ref else when
    blocks.append(
        Block(kind="paragraph", lines=(keep_together(line),), role="reference", gap_before=True)
    )
    stem = f"{kind}-{request.letter_date.isoformat()}-{m.value}"
    return LetterMeta(
        blocks=tuple(blocks),
        addressee=Addressee(name=name, lines=lines),
        exemption=marked,
        reference=ref,
        file_stem=_UNSAFE.sub("-", stem),
    )
