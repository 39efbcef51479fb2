"""A letter names no one but the party it is written to and about (issue 24).

A case has several parties (:mod:`skolemiljo.parties`). A letter to the parents of the pupil the
case is about must not name another pupil, another pupil's parents or an accused staff member:
for a school that is a breach of confidentiality (taushetsplikt; Udir: a party's copy must not
disclose other pupils' personal matters, forvaltningsloven §§ 13 and 19). The vendor gives the
other parties' names with the request (``LetterRequest.parties``) for this check only.

Before a letter is returned, its whole text (header, subject, body, staff-written text included)
is searched for each other party's reference (one of at least four characters with a letter:
a shorter or all-digit one cannot be told from a date, a time or a number), full name and the
parts of that name that are not also parts of the letter's own names. A hit refuses the
letter with ``other_party_named``, naming the request field the text came from (never the
name). With ``redact=True`` the staff-written fields are first rewritten with a neutral term
("en annen elev" / "ein annan elev"), and the letter lists the fields in ``Letter.redacted``;
the check still runs after.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from skolemiljo.errors import LetterError

from .models import LetterRequest
from .words import LetterWords

__all__ = ["check_disclosure", "redact_request"]

_KEEP = frozenset({"case", "parties", "pupil_name", "recipient_names", "sender", "owner_name",
                   "handler", "letter_date", "recipient_address"})  # fmt: skip
"""Fields that are not staff-written free text: never rewritten (a hit there refuses)."""


@dataclass(frozen=True, slots=True)
class _Other:
    """Another party: how to find it (``whole``: its reference or full name, searched in the
    whole letter; ``pattern``: those and the parts of its name, searched in staff-written
    text), and whether a neutral term for an adult or a pupil replaces it."""

    whole: re.Pattern[str]
    pattern: re.Pattern[str]
    adult: bool
    needles: tuple[str, ...]

    def named_in(self, folded: str) -> bool:
        """Whether folded text names this party: the patterns are searched only where one of
        their words stands at all (every match holds one of them; a search that starts with
        a lookbehind cannot skip ahead, and it was most of a letter's check; issue 26)."""
        return any(n in folded for n in self.needles) and self.pattern.search(folded) is not None


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).replace("\u00a0", " ").split())


_SEPARATORS = re.compile(r"[\s,;()]+")


def _tokens(name: str) -> list[str]:
    return [t for t in _SEPARATORS.split(_fold(name)) if len(t) >= 2]


def _any(alternatives: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")


def _own_words(request: LetterRequest) -> set[str]:
    """The parts of the names the letter may print: the pupil's, the recipients', and the
    school's people (sender, handler, owner)."""
    names = (request.pupil_name, request.recipient_names, request.sender.name,
             request.handler, request.owner_name)  # fmt: skip
    return {w.casefold() for n in names if n for w in _tokens(n)}


def _others(request: LetterRequest) -> list[_Other]:
    """The other parties of the case with their patterns: reference, full name, and each part
    of the name that is capitalised and not a part of a name the letter may print."""
    case = request.case
    about = request.about_party()
    own = {about.ref} | {g.ref for g in about.guardians}
    own_words = _own_words(request)
    names = {p.ref: p.name for p in request.parties}
    refs: list[tuple[str, bool]] = []
    for pupil in case.pupils():
        refs.append((pupil.ref, False))
        refs += [(g.ref, True) for g in pupil.guardians]
    refs += [(s.ref, True) for s in case.staff()]
    out = []
    for ref, adult in refs:
        if ref in own:
            continue
        # a reference is searched when it can be told from a date, a time or a number: at
        # least four characters, one of them a letter
        needles = [ref] if len(ref) >= 4 and any(c.isalpha() for c in ref) else []
        whole = [re.escape(n) for n in needles]
        parts: list[str] = []
        name = names.get(ref)
        if name:
            tokens = _tokens(name)
            whole.append(r"\s+".join(re.escape(t) for t in tokens))
            parts = [t for t in tokens if t[0].isupper() and t.casefold() not in own_words]
            # a match of the whole name holds its first word
            needles += dict.fromkeys([*(tokens[:1] or [""]), *parts])
        if whole or parts:
            pattern = _any(whole + [re.escape(t) for t in parts])
            out.append(_Other(_any(whole or ["(?!)"]), pattern, adult, tuple(needles)))
    return out


def _strings(value: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
    """Every string of a dumped request with its dotted path."""
    if isinstance(value, str):
        yield ".".join(path), value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, str(key)))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, str(i)))


def _written(request: LetterRequest) -> list[tuple[str, str]]:
    """The staff-written strings of a request with their paths."""
    data = request.model_dump(mode="json", exclude=set(_KEEP))
    return list(_strings(data))


def _printed(other: _Other, written: str, letter: str) -> bool:
    """Whether ``written`` names ``other`` in words the letter prints."""
    return any(hit.group(0) in letter for hit in other.pattern.finditer(_fold(written)))


def check_disclosure(request: LetterRequest, text: str) -> None:
    """Refuse a letter whose ``text`` names another party of the case
    (``other_party_named``, naming the request field it came from, never the name)."""
    if not request.case.parties:
        return
    folded = _fold(text)
    others = [other for other in _others(request) if other.named_in(folded)]
    if not others:
        return  # no other party's reference, name or part of a name is in the letter at all
    written = _written(request)
    kept = list(_strings(request.model_dump(mode="json", include=set(_KEEP - {"case", "parties"}))))
    for other in others:
        where = next((path for path, s in written if _printed(other, s, folded)), None)
        if where is None and other.whole.search(folded):
            where = next((p for p, s in kept if other.whole.search(_fold(s))), "template")
        if where is not None:
            raise LetterError(
                "other_party_named",
                f"{where}: the letter would name another party of the case; remove it or "
                "ask for redact=true",
                where,
            )


def _rewrite(value: Any, path: tuple[str, ...], others: list[_Other], w: LetterWords,
             changed: list[str]) -> Any:  # fmt: skip
    if isinstance(value, str):
        text = value
        for other in others:
            text = other.pattern.sub(w.other_adult if other.adult else w.other_pupil, text)
        if text != value:
            changed.append(".".join(path))
        return text
    if isinstance(value, dict):
        return {k: _rewrite(v, (*path, str(k)), others, w, changed) for k, v in value.items()}
    if isinstance(value, list):
        return [_rewrite(v, (*path, str(i)), others, w, changed) for i, v in enumerate(value)]
    return value


def redact_request(request: LetterRequest, w: LetterWords) -> tuple[LetterRequest, tuple[str, ...]]:
    """``request`` with every other party's name or reference in staff-written text replaced
    by the neutral term in ``w``'s målform, and the paths of the fields it changed."""
    if not request.case.parties:
        return request, ()
    others = _others(request)
    data = request.model_dump(mode="json")
    changed: list[str] = []
    for key in data:
        if key not in _KEEP:
            data[key] = _rewrite(data[key], (key,), others, w, changed)
    if not changed:
        return request, ()
    return LetterRequest.model_validate(data), tuple(changed)
