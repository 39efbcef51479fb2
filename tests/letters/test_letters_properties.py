"""Properties of render_letter over generated requests (strategies in skolemiljo.testing)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from skolemiljo import LETTER_KINDS, LetterRequest, render_letter
from skolemiljo._layout import WIDTH, wrap
from skolemiljo.testing import INJECTIONS, letter_requests

MONTHS = "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"
DATE = re.compile(rf"\b(\d{{1,2}})\. ({MONTHS}) (\d{{4}})")
CITATION = re.compile(r"opplæringslov(?:a|en) §\s(\d+(?: A)?-\d+)(?: (\w+) ledd)?")


def _facts(text: str) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    flat = " ".join(text.replace("\u00a0", " ").split())
    return DATE.findall(flat), CITATION.findall(flat)


@given(st.sampled_from(LETTER_KINDS).flatmap(lambda k: st.tuples(st.just(k), letter_requests(k))))
def test_both_maalformer_render_with_the_same_dates_citations_and_items(
    pair: tuple[str, LetterRequest],
) -> None:
    """nb and nn render, pass the required-element check, and carry the same dates,
    citations and plan items (only the wording differs)."""
    kind, request = pair
    nb = render_letter(kind, request, maalform="nb")
    nn = render_letter(kind, request, maalform="nn")
    assert _facts(nb.subject + nb.body) == _facts(nn.subject + nn.body)
    assert [r.id for r in nb.legal_basis] == [r.id for r in nn.legal_basis]
    assert nb.addressed_to == nn.addressed_to
    if kind == "activity_plan":
        assert request.plan is not None
        for measure in request.plan.measures or ():
            description = " ".join((measure.description or "").split())
            assert description in " ".join(nb.body.split())
            assert description in " ".join(nn.body.split())


@given(st.sampled_from(LETTER_KINDS).flatmap(lambda k: st.tuples(st.just(k), letter_requests(k))))
def test_staff_text_comes_out_literally_or_escaped(pair: tuple[str, LetterRequest]) -> None:
    """Template or HTML syntax in names and staff text is never executed: it appears
    literally in text letters and escaped in HTML ones."""
    kind, request = pair
    letter = render_letter(kind, request)
    text = " ".join(f"{letter.subject} {letter.body}".split())
    page = render_letter(kind, request, format="html").body
    assert "<script>" not in page
    shown = {
        "receipt": [request.pupil_name],
        "pupil_notice": [request.pupil_name],
        "meeting_invitation": [request.pupil_name],
        "activity_plan": [request.pupil_name],
        "evaluation": [request.pupil_name, getattr(request.evaluation, "summary", None)],
        "closing": [
            request.pupil_name,
            request.follow_up,
            getattr(request.evaluation, "summary", None),
        ],
        "follow_up": [request.pupil_name],
        "owner_notice": [],  # the owner gets the case number, never the name or staff text
        "meeting_invitation_acted": [request.pupil_name],
        "follow_up_acted": [request.pupil_name],
        "statsforvaltaren_answer": [request.pupil_name, request.follow_up],
        "statsforvaltaren_decision": [request.pupil_name, request.follow_up],
    }[kind]
    for value in shown:
        if value in INJECTIONS:
            assert value in text
            if "<" in value or "&" in value:
                assert value not in page
                assert value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in page
    if kind == "owner_notice":
        assert request.pupil_name not in text


@given(
    st.lists(st.text(alphabet="aæøå§09-\u00a0", min_size=1, max_size=90), min_size=1, max_size=30),
    st.booleans(),
)
def test_wrapping_is_greedy_keeps_every_word_and_never_breaks_a_no_break_space(
    words: list[str], bullet: bool
) -> None:
    """Lines fit in WIDTH unless one word is longer; nothing is lost or reordered; a line
    breaks only at an ordinary space, and only when the next word would not fit."""
    indent = "  " if bullet else ""
    line = ("- " if bullet else "") + " ".join(words)
    lines = wrap(line, indent=indent).split("\n")
    assert " ".join([lines[0], *(x.removeprefix(indent) for x in lines[1:])]) == line
    assert not bullet or lines[0] != "-"  # a list item's mark stays with its first word
    for number, text in enumerate(lines):
        body = text.removeprefix(indent) if number else text
        assert len(text) <= WIDTH or " " not in body.removeprefix("- ")
        if number + 1 < len(lines):
            following = lines[number + 1].removeprefix(indent).split(" ")[0]
            assert len(text) + 1 + len(following) > WIDTH
