"""The letters' input and output models (a letter request, the rendered letter)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from skolemiljo._i18n import Maalform
from skolemiljo._law import SourceKind
from skolemiljo._layout import Block, Letterhead
from skolemiljo._stamp import Stamp
from skolemiljo.case import Case
from skolemiljo.followup import FollowUpPlan
from skolemiljo.legal import (
    LegalReference,
    RegimeId,
)
from skolemiljo.models import ActivityPlan, Day, Identifier, Text, _Model
from skolemiljo.parties import PupilParty, party_error, plan_party_errors

from .kinds import LETTER_KINDS, LetterKind, Reader

__all__ = [
    "LETTER_KINDS",
    "Addressee",
    "EvaluationOutcome",
    "Letter",
    "LetterExemption",
    "LetterKind",
    "LetterRequest",
    "Letterhead",
    "Meeting",
    "PartyName",
    "Sender",
]

Name = Annotated[str, StringConstraints(min_length=1, max_length=300)]
AddressLine = Annotated[str, StringConstraints(min_length=1, max_length=100)]


class Sender(_Model):
    """Who signs the letter (usually rektor) and how to reach them."""

    name: Name = Field(repr=False)
    role: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    phone: Annotated[str, StringConstraints(pattern=r"^\+?[0-9 ]{8,16}$")] | None = None
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+$")] | None = None


class Meeting(_Model):
    """A meeting to invite to: when, where, and what it is for."""

    on: Day
    time: Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3])[:.][0-5][0-9]$")]
    place: Name
    purpose: Literal["investigation", "feedback", "planning", "evaluation"]


class EvaluationOutcome(_Model):
    """The result of evaluating the measures."""

    on: Day
    result: Literal["resolved", "continue", "revised"]
    summary: Text | None = Field(default=None, repr=False)
    next_evaluation_on: Day | None = None


class PartyName(_Model):
    """The name of one party of the case, given with a letter request only so that the
    letter can be checked to name no one else (never stored, printed or logged)."""

    ref: Identifier
    name: Name = Field(repr=False)


class LetterRequest(_Model):
    """Everything a letter needs. Names are personal text: they never appear in errors.

    ``parties``: the names of the case's other parties (pupils, their parents, an accused
    staff member), by their references in ``case.parties``, for the check that the letter
    names none of them (``other_party_named``); ``redact``: write a neutral term ("en annen
    elev") in their place in staff-written text instead of failing, and say so in
    ``Letter.redacted``."""

    case: Case
    pupil_name: Name = Field(repr=False)
    recipient_names: Name | None = Field(default=None, repr=False)
    letter_date: Day
    sender: Sender
    handler: Name | None = Field(default=None, repr=False, description="Who handles the case.")
    plan: ActivityPlan | None = None
    meeting: Meeting | None = None
    evaluation: EvaluationOutcome | None = None
    follow_up: Text | None = Field(default=None, repr=False)
    follow_up_plan: FollowUpPlan | None = Field(
        default=None, description="The follow-up after the case (the follow_up letter; closing)."
    )
    owner_name: Name | None = None
    recipient_address: tuple[AddressLine, ...] = Field(
        default=(),
        max_length=6,
        repr=False,
        description="The addressee's postal address, one line each (street, postcode and "
        "place); printed under the name in the letter's header.",
    )
    exempt_from_public_access: bool = Field(
        default=True,
        description="Mark the letter exempt from public access (the basis is in "
        "rules/letters.toml, `exemption`): on by default, as every letter here is about a "
        "pupil.",
    )
    parties: tuple[PartyName, ...] = Field(
        default=(),
        max_length=200,
        description="The names of the case's other parties, by reference, for the check that "
        "the letter names none of them (never printed).",
    )
    about: Identifier | None = Field(
        default=None,
        description="The pupil the letter is about, by reference in case.parties (default: the "
        "case's pupil). A pupil who acted gets the kinds written for that role; every other "
        "party, the case's own pupil included, is then one the letter must not name.",
    )
    to_guardians: tuple[Identifier, ...] = Field(
        default=(),
        max_length=8,
        description="The guardians of the case's pupil the letter is written to (references in "
        "case.parties), each separately or together; a parent who did not report gets the same "
        "letter. If one has a protected address, no address is printed and the letter says so "
        "(Letter.protected_address).",
    )
    redact: bool = Field(
        default=False,
        description="Replace another party's name in staff-written text with a neutral term "
        "(listed in Letter.redacted) instead of refusing the letter (other_party_named).",
    )

    def about_party(self) -> PupilParty:
        """The pupil the letter is about (the case's pupil unless ``about`` names another)."""
        pupils = self.case.pupils()
        return next((p for p in pupils if p.ref == self.about), pupils[0])

    def protected_address(self) -> bool:
        """Whether a guardian the letter is written to has a protected address."""
        chosen = set(self.to_guardians)
        return any(g.protected_address for g in self.about_party().guardians if g.ref in chosen)

    @model_validator(mode="after")
    def _parties_of_the_case(self) -> LetterRequest:
        known = {p.ref for p in self.case.pupils()} | {s.ref for s in self.case.staff()}
        known |= {g.ref for p in self.case.pupils() for g in p.guardians}
        errors = [
            party_error(PydanticCustomError("party_unknown", "not a party the case lists"),
                        ("parties", i, "ref"))
            for i, party in enumerate(self.parties)
            if party.ref not in known
        ]  # fmt: skip
        if self.plan is not None:
            case = self.case
            errors += plan_party_errors(
                case.pupil.ref, case.parties, self.plan, ("plan",), for_pupil=self.about_party().ref
            )
        if self.about is not None and self.about not in {p.ref for p in self.case.pupils()}:
            unknown = PydanticCustomError("party_unknown", "no pupil the case lists")
            errors.append(party_error(unknown, ("about",)))
        own = {g.ref for g in self.about_party().guardians}
        errors += [
            party_error(PydanticCustomError("party_unknown",
                                            "not a guardian of the letter's pupil in case.parties"),
                        ("to_guardians", i))
            for i, ref in enumerate(self.to_guardians)
            if ref not in own
        ]  # fmt: skip
        if errors:
            raise ValidationError.from_exception_data("LetterRequest", errors)
        return self


class Addressee(BaseModel):
    """Who the letter is to: the name (the recipients' names, or "the parents of ...") and the
    address lines, when given."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(repr=False)
    lines: tuple[str, ...] = Field(repr=False)


class LetterExemption(BaseModel):
    """The exemption from public access the letter is marked with: its text in the letter's
    målform, its legal basis, and where the marking comes from (``source_kind``; a
    ``reading``: whether the letter's information is confidential is the school's
    judgment)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    legal_basis: tuple[LegalReference, ...]
    source_kind: SourceKind
    source_note: str | None


class Letter(BaseModel):
    """A rendered letter: subject, body, the legal references it cites, and the period of the
    regime it was written under (``valid_from``/``valid_to``). ``blocks``: the letter as
    headings, paragraphs, lists, address and signature, which every format (text, HTML, PDF,
    DOCX) lays out; and what a letter needs to be filed: ``letter_date``, ``our_reference``
    (the case id), the ``addressee``, the sender and school, the ``exemption`` from public
    access (None when switched off) and ``file_stem``, a file name without personal text."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: LetterKind
    maalform: Maalform
    format: Literal["text", "html"]
    addressed_to: Reader
    regime: RegimeId
    valid_from: date
    valid_to: date | None
    subject: str = Field(repr=False)
    body: str = Field(repr=False)
    legal_basis: tuple[LegalReference, ...]
    stamp: Stamp
    blocks: tuple[Block, ...] = Field(repr=False)
    letter_date: date
    our_reference: str | None
    addressee: Addressee
    sender_name: str = Field(repr=False)
    sender_role: str = Field(repr=False)
    school: str = Field(repr=False)
    exemption: LetterExemption | None
    file_stem: str
    protected_address: bool = Field(
        default=False,
        description="A guardian the letter is written to has a protected address: no address is "
        "printed; do not send it by ordinary post or share it with the other parent.",
    )
    redacted: tuple[str, ...] = Field(
        default=(),
        description="Where a neutral term replaced another party's name (request field paths; "
        "only with redact=True): the letter names no other party.",
    )

    def to_pdf(self, letterhead: Letterhead | None = None, *, pdfa: str = "2a") -> bytes:
        """The letter as tagged PDF/A (A4, embedded DejaVu Sans, page numbers, a structure
        tree, the document language and title set), laid out from :attr:`blocks` with
        WeasyPrint; needs ``skolemiljo[pdf]`` (else :class:`~skolemiljo.LetterError`
        ``extra_missing``). ``letterhead``: the vendor's logo and address at the top of the
        first page. ``pdfa``: the PDF/A part, ``"2a"`` (default), ``"1a"`` or ``"3b"``
        (``unknown_pdfa`` otherwise; docs/documents.md says which archives take which)."""
        from skolemiljo._layout import to_pdf

        from .words import letter_words

        w = letter_words(self.maalform)
        return to_pdf(self, w.kind_labels[self.kind], w.page, letterhead, pdfa=pdfa)

    def to_docx(self, letterhead: Letterhead | None = None) -> bytes:
        """The letter as a Word document (DOCX) for schools that edit before sending: the
        same blocks as real headings, paragraphs, lists and a signature; needs
        ``skolemiljo[docx]`` (else :class:`~skolemiljo.LetterError` ``extra_missing``)."""
        from skolemiljo._layout import to_docx

        from .words import letter_words

        w = letter_words(self.maalform)
        return to_docx(self, w.kind_labels[self.kind], letterhead, w.page)
