"""render_letter: snapshots, required elements, dated terms, addressing and safe rendering."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from skolemiljo import (
    LETTER_KINDS,
    InputError,
    LetterError,
    LetterIncompleteError,
    render_letter,
)
from skolemiljo.cli import main

from ..conftest import EXAMPLES, ROOT, vendor_templates

LETTERS = EXAMPLES / "letters"
TEMPLATES = ROOT / "src" / "skolemiljo" / "templates"


def request(name: str, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((LETTERS / f"{name}.json").read_text(encoding="utf-8"))
    data.update(changes)
    return data


def _snapshots() -> dict[str, str]:
    spec = importlib.util.spec_from_file_location("gen", ROOT / "scripts" / "generate_snapshots.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.snapshots()  # type: ignore[no-any-return]


def test_snapshots_match_every_letter_in_both_maalformer() -> None:
    """tests/snapshots holds exactly what the templates render now (make snapshots)."""
    expected = _snapshots()
    on_disk = {
        p.name: p.read_text(encoding="utf-8") for p in (ROOT / "tests" / "snapshots").iterdir()
    }
    assert sorted(on_disk) == sorted(expected)
    for name, content in expected.items():
        assert on_disk[name] == content, f"{name} changed: run make snapshots and review the diff"
    for kind in LETTER_KINDS:
        for maalform in ("nb", "nn"):
            assert f"{kind}.{maalform}.txt" in on_disk


def _vendor(tmp_path: Path, kind: str, maalform: str, old: str, new: str) -> Path:
    vendor_templates(tmp_path)
    target = tmp_path / f"{kind}.{maalform}.j2"
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new), encoding="utf-8")
    return tmp_path


def test_receipt_without_statsforvalter_paragraph_raises(tmp_path: Path) -> None:
    """A template edit that drops the Statsforvaltaren paragraph cannot ship a letter: the
    paragraph is the library's law block, and a template that does not place it is refused."""
    folder = _vendor(tmp_path, "receipt", "nn", "{{ law.statsforvalter }}", "## Anna")
    with pytest.raises(LetterError) as info:
        render_letter("receipt", request("receipt"), maalform="nn", templates=folder)
    assert info.value.code == "law_block_missing"
    assert "law.statsforvalter" in str(info.value)
    assert "Åse" not in str(info.value)


def test_plan_letter_without_item_e_raises(tmp_path: Path) -> None:
    """Dropping item e (when the measures are evaluated) from the plan template raises."""
    folder = _vendor(tmp_path, "activity_plan", "nb", "| {{ plan.headings.e }}", "| Annet")
    with pytest.raises(LetterIncompleteError, match="item e"):
        render_letter("activity_plan", request("activity_plan"), templates=folder)


def test_plan_with_errors_is_not_rendered() -> None:
    """A plan that validate_plan refuses is not sent to parents either."""
    data = request("activity_plan")
    del data["plan"]["measures"][0]["carried_out_by"]
    with pytest.raises(LetterIncompleteError, match="plan_measure_carried_out_by_missing"):
        render_letter("activity_plan", data)


def test_vendor_templates_run_in_the_sandbox(tmp_path: Path) -> None:
    """A vendor template cannot reach Python internals, nor use names the letter does not
    provide: both are refused before the template runs, naming the line."""
    folder = _vendor(
        tmp_path, "receipt", "nb", "Til {{ reader }}", "Til {{ ''.__class__.__mro__ }}"
    )
    with pytest.raises(LetterError, match=r"template_forbidden: receipt\.nb\.j2 line 3"):
        render_letter("receipt", request("receipt"), templates=folder)
    folder2 = tmp_path / "two"
    folder2.mkdir()
    _vendor(folder2, "receipt", "nb", "Til {{ reader }}", "Til {{ no_such_name }}")
    with pytest.raises(LetterError, match=r"template_forbidden.*a name the letter does not"):
        render_letter("receipt", request("receipt"), templates=folder2)


def test_missing_vendor_template_for_one_maalform_raises(tmp_path: Path) -> None:
    """Both målformer must exist; there is no fallback from one to the other."""
    folder = _vendor(tmp_path, "receipt", "nb", "Til", "Til")
    (folder / "receipt.nn.j2").unlink()
    with pytest.raises(LetterError, match="template_missing"):
        render_letter("receipt", request("receipt"), maalform="nn", templates=folder)


@pytest.mark.parametrize(
    "evil",
    [
        "{{ 7*7 }}",
        "{% for x in range(3) %}x{% endfor %}",
        "<script>alert(1)</script>",
        "{{ cycler.__init__ }}",
    ],
)
def test_staff_text_is_never_template_code_and_is_escaped_in_html(evil: str) -> None:
    """User text with jinja syntax or HTML comes out literally (text) or escaped (HTML)."""
    data = request("closing", pupil_name=f"Åse {evil}", follow_up=f"Oppfølging {evil}")
    text = render_letter("closing", data).body
    assert evil in text
    page = render_letter("closing", data, format="html").body
    assert "<script>" not in page
    if "<" in evil:
        assert "&lt;script&gt;" in page
    assert "49" not in text.replace("2024", "")


@pytest.mark.parametrize("kind", ["activity_plan", "closing"])
def test_line_breaks_in_staff_text_never_make_headings_items_or_signatures(kind: str) -> None:
    """Text typed into a form may hold line breaks, '## ', '- ' or 'Med vennlig hilsen'.
    It becomes one run of words: the letter's headings, lists and signature are the
    template's alone."""
    evil = "Første linje\n\n## Falsk overskrift\n- falskt punkt\n\nMed vennlig hilsen\nNoen"
    data = request(kind, pupil_name="Åse\nØdegård", follow_up=evil)
    data["case"]["school"]["name"] = "Solbakken\n\n## skole"
    if kind == "activity_plan":
        data["plan"]["problem"] = evil
        data["plan"]["measures"][0]["description"] = evil
    clean = request(kind, follow_up="Første linje")
    if kind == "activity_plan":
        clean["plan"]["problem"] = "Første linje"
        clean["plan"]["measures"][0]["description"] = "Første linje"
    for fmt, marks in (("html", ("<h2>", "<li>", "<br>")), ("text", ("\n\n",))):
        got = render_letter(kind, data, format=fmt).body  # type: ignore[arg-type]
        want = render_letter(kind, clean, format=fmt).body  # type: ignore[arg-type]
        for mark in marks:
            assert got.count(mark) == want.count(mark), (fmt, mark)
    text = render_letter(kind, data).body
    flat = " ".join(text.split())
    assert "Første linje ## Falsk overskrift - falskt punkt Med vennlig hilsen Noen" in flat
    assert "Åse Ødegård" in flat


def test_long_names_with_norwegian_letters_keep_the_layout() -> None:
    """A 150-character name with æ, ø, å renders; text lines stay within 72 characters
    except where a single unbreakable word is longer."""
    name = "Æsa-Øydis Åsmundsdatter " * 6
    data = request("receipt", pupil_name=name.strip(), recipient_names="Bjørg Ødegård Æsøy")
    letter = render_letter("receipt", data, maalform="nn")
    for line in letter.body.splitlines():
        assert len(line) <= 72 or " " not in line.strip()
    assert "overflow-wrap:anywhere" in render_letter("receipt", data, format="html").body


def test_pupil_of_18_is_addressed_directly() -> None:
    """From 18 the letter goes to the pupil ('du'), not to the parents."""
    adult = render_letter("receipt", request("receipt_adult_pupil"), maalform="nn")
    child = render_letter("receipt", request("receipt"), maalform="nn")
    assert adult.addressed_to == "pupil"
    assert child.addressed_to == "parents"
    assert "Du kan melde saka" in adult.body
    assert "De kan melde saka" in child.body
    assert "Til Åse Ødegård" in adult.body


def test_old_case_uses_old_act_terms_and_citations() -> None:
    """A case from 2023 is written with chapter 9 A's terms and sections."""
    case = json.loads((EXAMPLES / "cases" / "case_2023.json").read_text())
    data = request("receipt", case=case, letter_date="2023-03-01")
    letter = render_letter("receipt", data, maalform="nb")
    assert letter.regime == "oppl1998_ch9a"
    assert "sette inn egnede tiltak" in letter.body
    assert "rette opp situasjonen" not in letter.body
    assert [r.citation for r in letter.legal_basis] == [
        "opplæringsloven § 9 A-4 tredje ledd",
        "opplæringsloven § 9 A-4 fjerde ledd",
        "opplæringsloven § 9 A-4 femte ledd",
        "opplæringsloven § 9 A-6 første ledd",
        "opplæringsloven § 9 A-6 andre ledd",  # the week is in andre ledd
    ]
    owner = render_letter("owner_notice", request("owner_notice"), maalform="nn")
    assert "skjerpa plikt til å melde frå" in owner.body
    assert "skjerpa aktivitetsplikt" not in owner.body


def test_owner_notice_only_for_serious_or_staff_cases_and_direct_for_leadership() -> None:
    """§ 12-4 serious cases and § 12-5 cases; leadership offenders are reported directly."""
    with pytest.raises(LetterError, match="not_applicable"):
        render_letter("owner_notice", request("receipt"))
    case = json.loads((EXAMPLES / "cases" / "principal_harasses_pupil.json").read_text())
    letter = render_letter(
        "owner_notice", request("owner_notice", case=case, letter_date="2024-12-02")
    )
    assert "direkte" in letter.body
    assert "Åse" not in letter.body  # the owner gets the case number, not the name


def test_inputs_each_kind_needs() -> None:
    """A meeting invitation needs a meeting; closing needs a resolved evaluation."""
    with pytest.raises(LetterError, match="needs 'meeting'"):
        render_letter("meeting_invitation", request("receipt"))
    data = request("closing")
    data["evaluation"]["result"] = "continue"
    with pytest.raises(LetterError, match="resolved"):
        render_letter("closing", data)
    with pytest.raises(LetterError, match="unknown_kind"):
        render_letter("postcard", request("receipt"))
    with pytest.raises(InputError):
        render_letter("receipt", request("receipt", pupil_name=""))


def test_cli_letter(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """letter --list, a letter to stdout or a file, and exit 2 on bad input."""
    assert main(["letter", "--list"]) == 0
    assert capsys.readouterr().out.split() == list(LETTER_KINDS)
    assert main(["letter", "receipt", str(LETTERS / "receipt.json"), "--maalform", "nn"]) == 0
    assert capsys.readouterr().out.startswith("Vi har motteke meldinga")
    out = tmp_path / "brev.html"
    assert (
        main(
            ["letter", "receipt", str(LETTERS / "receipt.json"), "--format", "html", "-o", str(out)]
        )
        == 0
    )
    assert out.read_text().startswith("<h1>Vi har mottatt meldingen")
    assert main(["letter", "meeting_invitation", str(LETTERS / "receipt.json")]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "Åse" not in err


def test_cli_letter_with_vendor_templates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """--templates DIR renders the vendor's templates (sandboxed, same check); a folder that
    does not exist is a one-line error, not a missing-template error per kind."""
    folder = _vendor(tmp_path, "receipt", "nb", "Til {{ reader }}", "Kjære {{ reader }}")
    args = ["letter", "receipt", str(LETTERS / "receipt.json"), "--templates", str(folder)]
    assert main(args) == 0
    assert "\nKjære Bjørg og Kåre Ødegård\n" in capsys.readouterr().out
    assert main([*args[:3], "--templates", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert err.startswith(f"skolemiljo: no templates folder at {(tmp_path / 'nope').resolve()}")
    (tmp_path / "cut").mkdir()
    cut = _vendor(tmp_path / "cut", "receipt", "nb", "Til {{ reader }}", "Til {{ reader }}")
    broken = (
        (cut / "receipt.nb.j2")
        .read_text(encoding="utf-8")
        .replace("## Hva skjer nå", "## Neste steg")
    )
    (cut / "receipt.nb.j2").write_text(broken, encoding="utf-8")
    assert main([*args[:3], "--templates", str(cut)]) == 2
    assert "incomplete" in capsys.readouterr().err
    (cut / "receipt.nb.j2").write_text(broken.replace("## Neste steg", "Loven gjelder ikke."))
    assert main([*args[:3], "--templates", str(cut)]) == 2
    assert "template_law_text: receipt.nb.j2 line" in capsys.readouterr().err


def test_letters_state_the_period_of_their_act() -> None:
    """Like every finding and duty, a letter names the period of the act it was written under."""
    new = render_letter("receipt", request("receipt"))
    assert (new.regime, str(new.valid_from), new.valid_to) == ("oppl2023_ch12", "2024-08-01", None)
    case = json.loads((EXAMPLES / "cases" / "case_2023.json").read_text())
    old = render_letter("receipt", request("receipt", case=case, letter_date="2023-03-01"))
    assert (old.regime, str(old.valid_from), str(old.valid_to)) == (
        "oppl1998_ch9a",
        "2017-08-01",
        "2024-07-31",
    )


@pytest.mark.parametrize(("m", "owner"), [("nb", "skoleeieren"), ("nn", "skoleeigaren")])
def test_a_private_schools_owner_notice_is_addressed_to_its_owner(m: str, owner: str) -> None:
    """A private school's owner is not "kommunen eller fylkeskommunen" (privatskolelova)."""
    data = request("owner_notice")
    del data["owner_name"]
    data["case"]["school"]["kind"] = "private"
    letter = render_letter("owner_notice", data, maalform=m)
    assert f"Til {owner}" in letter.body
    assert "fylkeskommunen" not in letter.body
    assert "privatskolelov" in " ".join(letter.body.split())
    data["case"]["school"]["kind"] = "public"
    assert "Til kommunen eller fylkeskommunen" in render_letter("owner_notice", data).body


def test_plan_letters_list_the_items_as_the_act_does() -> None:
    """2023 act: the plan's items as the act lists them (strekpunkt, no letters); 1998 act:
    lettered a)-e). The best-interests assessment is never lettered as if it were item f."""
    new = render_letter("activity_plan", request("activity_plan"), maalform="nb").body
    assert "Hvilket problem tiltakene skal løse" in new
    assert "a) " not in new
    assert "f) " not in new
    assert "ikke ett av punktene loven krever i planen" in " ".join(new.split())
    old = request("activity_plan")
    old["letter_date"] = "2024-03-01"
    old["case"]["events"] = [
        {**e, "on": "2024-02-05"} for e in old["case"]["events"] if e["on"] <= "2024-10-21"
    ]
    old["plan"]["plan_date"] = "2024-02-12"
    old["plan"]["reported_on"] = "2024-02-05"
    for measure in old["plan"]["measures"]:
        measure["starts_on"] = "2024-02-13"
        measure.pop("ends_on", None)
        measure["evaluate_on"] = "2024-02-27"
    old["plan"].pop("evaluation_on", None)
    if "pupil_views" in old["plan"]:
        old["plan"]["pupil_views"]["heard_on"] = "2024-02-08"
    body = render_letter("activity_plan", old, maalform="nn").body
    assert "a) Kva problem tiltaka skal løyse" in body
    assert "e) Når tiltaka skal evaluerast" in body
    assert "f) " not in body


def test_a_pupil_who_declined_to_be_heard_is_not_said_to_have_been_heard() -> None:
    """A plan whose pupil declined to be heard (no ``heard_on``) is valid; its letter must not
    say that the school talked with the pupil, nor give any date for it (the letter once
    printed the day it was rendered)."""
    from datetime import date

    from skolemiljo._i18n import Maalform, letter_day

    data = json.loads((LETTERS / "activity_plan.json").read_text(encoding="utf-8"))
    data["plan"]["pupil_views"] = {"declined": True}
    for m, talked in (("nb", "Skolen snakket med"), ("nn", "Skolen snakka med")):
        letter = render_letter("activity_plan", data, maalform=m)
        body = " ".join(letter.body.split())
        assert talked not in body
        assert " ".join(letter_day(date.today(), Maalform(m)).split()) not in body
