"""Rendering a letter: templates (shipped, or a vendor's in the sandbox), the check, the
layout, the :class:`Letter`."""

from __future__ import annotations

import html
import os
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from skolemiljo._case import argument_error, parse_model
from skolemiljo._i18n import Maalform, parse_maalform
from skolemiljo._layout import (
    NBSP,
    Block,
    layout_blocks,
    mark,
    read_markup,
    to_html,
    to_text,
    unmark,
)
from skolemiljo._stamp import current_stamp
from skolemiljo.errors import LetterError, LetterIncompleteError
from skolemiljo.followup import validate_follow_up
from skolemiljo.legal import (
    LegalReference,
    RegimeId,
    law,
)
from skolemiljo.models import ActivityPlan
from skolemiljo.plan import validate_plan

from .check import _check
from .context import CONTEXT_NAMES, _context, collapse
from .data import _kinds, _KindSpec, vendor_words
from .disclosure import check_disclosure, redact_request
from .header import LetterMeta, letter_meta
from .kinds import Reader
from .law_blocks import law_record, place_law, split_source, starting_source, whole_source
from .models import LETTER_KINDS, Letter, LetterRequest
from .sandbox import (
    TemplateLimits,
    load_vendor_template,
    render_bounded,
    ucfirst,
    vendor_environment,
)
from .words import LetterWords, letter_words


@cache
def _environment(folder: str | None) -> Any:
    """The shipped templates' environment (``None``), or the sandbox of a vendor folder."""
    import jinja2

    if folder is not None:
        return vendor_environment(folder, mark)
    env: jinja2.Environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resources.files("skolemiljo") / "templates")),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # shipped templates never change while the process runs
        finalize=mark,
    )
    env.filters["ucfirst"] = ucfirst
    return env


VENDOR_NAMES = CONTEXT_NAMES - {"duty", "cite"}
"""The names a vendor template can use: all but the duties and citations, which it reaches
only through the library's law blocks (``law``)."""

_SHIPPED: dict[tuple[str, Maalform], tuple[Any, tuple[tuple[str, Any], ...], Any]] = {}
"""Compiled shipped templates: the main text, its law blocks, and the whole (they never change
while the process runs)."""


def _shipped(kind: str, maalform: Maalform) -> tuple[Any, tuple[tuple[str, Any], ...], Any]:
    """The shipped template of ``kind`` in ``maalform``: its main text, compiled, its law
    blocks (``letters/law_blocks.py``), each compiled on its own, and the whole template (the
    markers dropped), which renders the shipped letter in one pass: the same text as the main
    text with its blocks placed (a test compares them on every example), without a render per
    block."""
    found = _SHIPPED.get((kind, maalform))
    if found is None:
        found = _SHIPPED[kind, maalform] = _load_template(kind, maalform)
    return found


def _vendor_template(
    kind: str, maalform: Maalform, folder: str, limits: TemplateLimits | None = None
) -> Any:
    # vendor templates may be edited: read, checked and compiled on every render
    return load_vendor_template(
        _environment(folder),
        folder,
        f"{kind}.{maalform.value}.j2",
        VENDOR_NAMES,
        limits or TemplateLimits(),
        words=vendor_words(),
    )


def shipped_source(kind: str, maalform: Maalform) -> str:
    """The source of the shipped template of ``kind`` in ``maalform`` (law blocks marked)."""
    name = f"{kind}.{maalform.value}.j2"
    try:
        return (resources.files("skolemiljo") / "templates" / name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LetterError(
            "template_missing", f"no {maalform.value} template for {kind}; both målformer needed"
        ) from None


def starting_template(kind: str, maalform: Maalform | str) -> str:
    """The template a vendor starts from for ``kind`` in ``maalform``: the shipped one, with
    each of the library's law blocks as its placeholder (``{{ law.NAME }}``). A vendor rewrites
    the rest in its own words, keeps every placeholder on a line of its own, and writes no
    statement of the law itself (``letters/law_blocks.py``; ``skolemiljo templates DIR``).

    >>> print(starting_template("pupil_notice", "nb").split("## Hvem")[0])
    # Rektor har fått beskjed om hvordan du har det på skolen
    {% if not meta.address %}
    Til {{ pupil }}
    {% endif %}
    <BLANKLINE>
    Rektor fikk beskjed {{ d.received }}. Det var bra at du eller en annen sa fra.
    <BLANKLINE>
    ## Hva skjer nå
    {{ law.duties }}
    <BLANKLINE>
    <BLANKLINE>
    """
    if not isinstance(kind, str) or kind not in LETTER_KINDS:
        raise LetterError("unknown_kind", f"one of {', '.join(LETTER_KINDS)}")
    m = parse_maalform(maalform)
    return starting_source(shipped_source(kind, m))


def _load_template(kind: str, maalform: Maalform) -> tuple[Any, tuple[tuple[str, Any], ...], Any]:
    import jinja2

    name = f"{kind}.{maalform.value}.j2"
    source = shipped_source(kind, maalform)
    split = split_source(source, name)
    env = _environment(None)
    try:
        blocks = tuple((block, env.from_string(text)) for block, text in split.blocks)
        return env.from_string(split.main), blocks, env.from_string(whole_source(source))
    except jinja2.TemplateSyntaxError as error:
        raise LetterError("template_syntax", f"{name} line {error.lineno}") from None


def _guard(kind: str, spec: _KindSpec, model: LetterRequest, m: Maalform) -> None:
    """Refuse a letter its kind cannot be written for: input it needs, an incomplete plan, an
    invalid follow-up plan (or one closed before the evaluation), an unresolved evaluation."""
    for need in spec.needs:
        if getattr(model, need) is None:
            raise LetterError("input_missing", f"the {kind} letter needs '{need}'")
    _guard_about(kind, "about_acted" in spec.guards, model)
    for stage in ("statsforvaltaren_requested", "statsforvaltaren_decided"):
        if stage in spec.guards and not any(
            e.type == stage and e.on <= model.letter_date for e in model.case.events
        ):
            raise LetterError(
                "not_applicable", f"the {kind} letter needs a {stage} event by its date"
            )
    if "complete_plan" in spec.guards:
        _require_complete_plan(model.plan, m)
    if "valid_follow_up" in spec.guards and model.follow_up_plan is not None:
        report = validate_follow_up(model.follow_up_plan, maalform=m)
        if not report.valid:
            codes = ", ".join(sorted({f.code for f in report.errors}))
            raise LetterIncompleteError(
                "plan_incomplete", f"the follow-up plan has errors: {codes}"
            )
        done = model.evaluation
        if done is not None and model.follow_up_plan.case_closed_on < done.on:
            raise LetterIncompleteError(
                "plan_incomplete",
                "the follow-up plan's case_closed_on is before the evaluation that closed the case",
            )
    evaluation = model.evaluation
    if "resolved_evaluation" in spec.guards and evaluation and evaluation.result != "resolved":
        raise LetterError(
            "not_applicable",
            "a case is closed only after an evaluation that found it resolved",
        )


def _guard_about(kind: str, for_acted: bool, model: LetterRequest) -> None:
    """A kind written for a pupil who acted is about such a pupil (``about``); every other
    kind is about the case's own pupil."""
    about = model.about_party()
    if for_acted and "acted" not in about.roles:
        raise LetterError(
            "not_applicable", f"the {kind} letter is about a pupil who acted: name one in 'about'"
        )
    if not for_acted and about.ref != model.case.pupil.ref:
        raise LetterError(
            "not_applicable",
            f"the {kind} letter is about the case's own pupil; for a pupil who acted, use a kind "
            "written for that role",
        )


def _markup(
    kind: str,
    m: Maalform,
    ctx: dict[str, Any],
    templates: str | os.PathLike[str] | None,
    limits: TemplateLimits | None,
) -> str:
    """The template's markup for ``ctx``, with the library's law blocks in place: the shipped
    template, or the vendor's rendered in the sandbox within ``limits``."""
    _, blocks, whole = _shipped(kind, m)  # a missing shipped template is template_missing
    what = f"{kind}.{m.value}"
    if templates is None:  # the library's own: its law blocks in place, in one pass
        try:
            return str(whole.render(ctx))
        except Exception as error:  # pragma: no cover - the shipped templates are tested
            raise LetterError("template_error", f"{what}: {type(error).__name__}") from None
    try:
        law_texts = {name: str(block.render(ctx)) for name, block in blocks}
    except Exception as error:  # pragma: no cover - the shipped templates are tested
        raise LetterError("template_error", f"{what}: {type(error).__name__}") from None
    ctx["law"] = law_record(tuple(law_texts))
    folder = Path(templates)
    if not folder.is_dir():
        raise LetterError("template_folder_missing", "the templates folder does not exist")
    bounds = limits or TemplateLimits()
    template = _vendor_template(kind, m, str(folder.resolve()), bounds)
    try:
        markup = render_bounded(template, ctx, bounds)
    except LetterError:
        raise
    except Exception as error:  # undefined names, a value of the wrong type, ...
        raise LetterError("template_error", f"{what}: {type(error).__name__}") from None
    return place_law(markup, law_texts, mark, what, vendor=True)


def render_letter(
    kind: str,
    request: LetterRequest | Mapping[str, Any] | str | bytes,
    *,
    maalform: Maalform | str = Maalform.NB,
    format: Literal["text", "html"] = "text",
    templates: str | os.PathLike[str] | None = None,
    limits: TemplateLimits | Mapping[str, Any] | None = None,
) -> Letter:
    """Render the letter ``kind`` for ``request`` in ``maalform`` as text or HTML.

    ``templates``: a folder of vendor templates (``KIND.nb.j2`` and ``KIND.nn.j2``), rendered in
    a sandbox that admits plain data and an allow-list of constructs only, each render bounded
    by ``limits`` (a :class:`TemplateLimits` or a mapping of its fields; see
    ``skolemiljo.letters.sandbox``). Raises :class:`~skolemiljo.LetterError` for an unknown kind,
    missing input or a refused or runaway vendor template (each with its own code),
    :class:`~skolemiljo.LetterIncompleteError` when the result lacks a required element, and
    :class:`~skolemiljo.InputError` for malformed input. In HTML, ``subject`` is escaped like
    the body.
    """
    if not isinstance(kind, str) or kind not in LETTER_KINDS:
        raise LetterError("unknown_kind", f"one of {', '.join(LETTER_KINDS)}")
    if not isinstance(format, str) or format not in ("text", "html"):
        raise LetterError("unknown_format", "format is 'text' or 'html'")
    if templates is not None and not isinstance(templates, str | os.PathLike):
        raise argument_error("templates", "a folder's path")
    if limits is not None and not isinstance(limits, TemplateLimits):
        if not isinstance(limits, Mapping):
            raise argument_error("limits", "TemplateLimits or a mapping of its fields")
        limits = parse_model(TemplateLimits, limits, "limits")
    m = parse_maalform(maalform)
    w = letter_words(m)
    model, redacted = _disclosed(parse_model(LetterRequest, request, "letter request"), w)
    spec = _kinds()[kind]
    _guard(kind, spec, model, m)
    ctx, regime, basis = _context(kind, model, m)
    reader = _reader(kind, ctx)
    meta = letter_meta(kind, model, w, reader, ctx["owner"])
    ctx["meta"] = meta.record()
    if "serious_or_staff" in spec.guards and not (ctx["serious"] or ctx["heightened"]):
        raise LetterError(
            "not_applicable",
            "an owner notice is for serious cases and for violations by staff; "
            "mark the case or a violation serious",
        )
    markup = _markup(kind, m, ctx, templates, limits)
    try:
        subject, parts = read_markup(markup, w.closings)
    except ValueError as error:
        raise LetterError("template_error", f"{kind}.{m.value}: {error}") from None
    _check(kind, m, unmark(markup), ctx)
    blocks = (*meta.blocks, *layout_blocks(parts, gap_first=True))
    text = to_text(blocks)
    check_disclosure(model, f"{subject}\n{text}")  # no other party named, anywhere
    if format == "text":
        body = text
    else:
        body, subject = to_html(blocks, m), html.escape(subject).replace(NBSP, "&nbsp;")
    letter = _letter(kind, m, format, meta, reader, model, regime, basis, subject, body, blocks)
    return letter.model_copy(update={"redacted": redacted}) if redacted else letter


def _disclosed(model: LetterRequest, w: LetterWords) -> tuple[LetterRequest, tuple[str, ...]]:
    """The request as the letter may use it: with ``redact``, every other party's name in
    staff-written text replaced by a neutral term (and the fields changed)."""
    return redact_request(model, w) if model.redact else (model, ())


def _reader(kind: str, ctx: Mapping[str, Any]) -> Reader:
    """Who the letter of ``kind`` is addressed to."""
    to = _kinds()[kind].addressed_to
    return to if to != "reader" else ("pupil" if ctx["adult"] else "parents")


def _letter(
    kind: str,
    m: Maalform,
    format: Literal["text", "html"],
    meta: LetterMeta,
    reader: Reader,
    request: LetterRequest,
    regime: RegimeId,
    basis: tuple[LegalReference, ...],
    subject: str,
    body: str,
    blocks: tuple[Block, ...],
) -> Letter:
    """The :class:`Letter` for a checked, laid-out body: its reader, regime period, basis and
    the metadata it is filed with."""
    period = next(r for r in law().regimes if r.id == regime)
    return Letter(
        kind=kind,
        maalform=m,
        format=format,
        addressed_to=reader,
        regime=regime,
        valid_from=period.valid_from,
        valid_to=period.valid_to,
        subject=subject,
        body=body,
        legal_basis=basis,
        stamp=current_stamp(),
        blocks=blocks,
        letter_date=request.letter_date,
        our_reference=meta.reference,
        addressee=meta.addressee,
        sender_name=collapse(request.sender.name),
        sender_role=collapse(request.sender.role),
        school=collapse(request.case.school.name),
        exemption=meta.exemption,
        file_stem=meta.file_stem,
        protected_address=request.protected_address(),
    )


def _require_complete_plan(plan: ActivityPlan | None, m: Maalform) -> None:
    assert plan is not None
    report = validate_plan(plan, maalform=m)
    if not report.valid:
        codes = ", ".join(sorted({f.code for f in report.errors}))
        raise LetterIncompleteError("plan_incomplete", f"the plan has errors: {codes}")
