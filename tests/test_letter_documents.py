"""Letters as documents to file: blocks, header and metadata (and, below, PDF and DOCX)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from skolemiljo import LETTER_KINDS, InputError, render_letter
from skolemiljo.letters.markup import _to_html, _to_text

from .conftest import EXAMPLES, ROOT


def request(kind: str) -> dict:  # type: ignore[type-arg]
    return json.loads((EXAMPLES / "letters" / f"{kind}.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("kind", LETTER_KINDS)
@pytest.mark.parametrize("m", ["nb", "nn"])
def test_text_and_html_are_laid_out_from_the_blocks(kind: str, m: str) -> None:
    text = render_letter(kind, request(kind), maalform=m)
    page = render_letter(kind, request(kind), maalform=m, format="html")
    assert text.blocks == page.blocks
    assert text.body == _to_text(text.blocks)
    assert page.body == _to_html(page.blocks, text.maalform)
    roles = [b.role for b in text.blocks]
    assert roles[0] == "exemption"
    assert "reference" in roles
    assert roles.index("reference") < roles.index("body")
    assert {b.kind for b in text.blocks} >= {"paragraph", "signature"}


@pytest.mark.parametrize(
    ("m", "line"),
    [
        ("nb", "Unntatt offentlighet, jf. offentlighetsloven § 13 og forvaltningsloven § 13 "
               "første ledd nr. 1"),
        ("nn", "Unnateke offentlegheit, jf. offentleglova § 13 og forvaltningslova § 13 "
               "første ledd nr. 1"),
    ],
)  # fmt: skip
def test_the_exemption_from_public_access_is_on_by_default_and_can_be_switched_off(
    m: str, line: str
) -> None:
    letter = render_letter("receipt", request("receipt"), maalform=m)
    assert letter.exemption is not None
    assert letter.exemption.text == line
    assert line in " ".join(letter.body.split())
    assert [r.id for r in letter.exemption.legal_basis] == [
        "offentleglova/13",
        "forvaltningslova/13/1/1",
    ]
    assert not any(r.verified for r in letter.exemption.legal_basis)  # no wording quoted
    assert letter.exemption.source_kind == "reading"
    data = {**request("receipt"), "exempt_from_public_access": False}
    off = render_letter("receipt", data, maalform=m)
    assert off.exemption is None
    assert "offentl" not in off.body
    assert off.blocks[0].role == "reference"


def test_the_addressee_block_and_the_reference_line() -> None:
    data = request("receipt")
    data["recipient_address"] = ["Storgata 1", "2615 Lillehammer"]
    letter = render_letter("receipt", data)
    address = next(b for b in letter.blocks if b.role == "addressee")
    assert address.kind == "address"
    assert address.lines == ("Bjørg og Kåre Ødegård", "Storgata 1", "2615 Lillehammer")
    assert "Bjørg og Kåre Ødegård\nStorgata 1\n2615 Lillehammer\n" in letter.body
    assert letter.addressee.lines == ("Storgata 1", "2615 Lillehammer")
    reference = next(b for b in letter.blocks if b.role == "reference").lines[0]
    expected = "Vår referanse: SAK-2024-031. Dato: tirsdag 8. oktober 2024"
    assert reference.replace("\u00a0", " ") == expected
    assert letter.our_reference == "SAK-2024-031"
    assert str(letter.letter_date) == "2024-10-08"
    assert (letter.sender_name, letter.sender_role, letter.school) == (
        "Ingrid Aas",
        "rektor",
        "Solbakken skole",
    )
    del data["recipient_names"]
    assert render_letter("receipt", data).addressee.name == "Foreldrene til Åse Ødegård"
    assert (
        render_letter("receipt", data, maalform="nn").addressee.name == "Foreldra til Åse Ødegård"
    )
    page = render_letter("receipt", data, format="html").body
    assert '<p class="addressee">Foreldrene til Åse Ødegård<br>\nStorgata 1' in page
    assert '<p class="exemption">' in page


def test_hostile_address_lines_make_no_structure() -> None:
    data = request("receipt")
    data["recipient_address"] = ["Gate 1\n## Falsk\n- punkt", "<script>x</script>\u202e"]
    letter = render_letter("receipt", data)
    assert "\n## " not in letter.body
    assert "\nFalsk\n" not in letter.body
    assert "\u202e" not in letter.body
    page = render_letter("receipt", data, format="html").body
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    data["recipient_address"] = ["x" * 101]
    with pytest.raises(InputError) as caught:
        render_letter("receipt", data)
    assert "recipient_address.0" in str(caught.value)
    assert "x" * 20 not in str(caught.value)


@pytest.mark.parametrize("kind", LETTER_KINDS)
def test_the_suggested_file_name_holds_no_personal_text(kind: str) -> None:
    letter = render_letter(kind, request(kind), maalform="nn")
    assert letter.file_stem == f"{kind}-{letter.letter_date.isoformat()}-nn"
    data = request(kind)
    for word in (data["pupil_name"], data.get("recipient_names") or "", data["sender"]["name"]):
        for part in word.split():
            assert part.lower() not in letter.file_stem


def test_a_vendor_template_can_fill_the_header_slots(tmp_path: Path) -> None:
    for m in ("nb", "nn"):
        shutil.copy(ROOT / "src" / "skolemiljo" / "templates" / f"receipt.{m}.j2", tmp_path)
    target = tmp_path / "receipt.nb.j2"
    text = target.read_text(encoding="utf-8")
    head, rest = text.split("\n", 1)
    target.write_text(
        f"{head}\nSak {{{{ meta.reference }}}}; {{{{ meta.exemption }}}}\n{rest}", "utf-8"
    )
    letter = render_letter("receipt", request("receipt"), templates=tmp_path)
    assert "Sak SAK-2024-031; Unntatt offentlighet" in " ".join(letter.body.split())
