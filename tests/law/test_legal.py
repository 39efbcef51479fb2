"""The law as data (skolemiljo.legal): references, regimes by date, act names by målform and
the rules folder a test may swap."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from skolemiljo import OutOfScopeError, RuleDataError
from skolemiljo.legal import in_maalform, law, reference, regime_for, use_rules_folder


def test_the_regime_follows_the_date_of_what_is_cited() -> None:
    """Chapter 9 A of the 1998 act up to 31 July 2024, chapter 12 of the 2023 act from 1 August
    2024; before 1 August 2017 is out of scope, naming the path given."""
    assert regime_for(date(2024, 7, 31)).id == "oppl1998_ch9a"
    assert regime_for(date(2024, 8, 1)).id == "oppl2023_ch12"
    assert regime_for(date(2017, 8, 1)).id == "oppl1998_ch9a"
    with pytest.raises(OutOfScopeError) as info:
        regime_for(date(2017, 7, 31), path="events.0.on")
    assert info.value.path == "events.0.on"


def test_an_unknown_reference_is_a_rule_data_error() -> None:
    """A reference id that law.toml does not define is refused by name, never invented."""
    with pytest.raises(RuleDataError, match="unknown legal reference"):
        reference("oppl2023/99-1")


def test_act_names_follow_the_maalform_and_the_wording_never_changes() -> None:
    """In Bokmål text the act is opplæringsloven, in Nynorsk opplæringslova; the quoted
    statute wording is the same object's wording in both."""
    ref = reference("oppl2023/12-4/2")
    (nb,) = in_maalform((ref,), "nb")
    (nn,) = in_maalform((ref,), "nn")
    assert nb.citation.startswith("opplæringsloven ")
    assert nn.citation.startswith("opplæringslova ")
    assert nb.wording == nn.wording == ref.wording


def test_a_verified_reference_quotes_an_authoritative_source() -> None:
    """No reference is ``verified`` without a quoted source (law.toml)."""
    for ref in law().references.values():
        if ref.verified:
            assert ref.wording, ref.id


def test_swapping_the_rules_folder_empties_every_cache(rules_copy: Path) -> None:
    """use_rules_folder reads the data anew (law() is another object) and back again."""
    before = law()
    use_rules_folder(rules_copy)
    assert law() is not before
    assert set(law().references) == set(before.references)
    use_rules_folder(None)
    assert law() is not before


def test_a_citation_follows_the_copy_it_is_read_from() -> None:
    """Citations are made once for their parts (issue 26), never carried over from another
    reference: the Nynorsk reference's citation, read first, does not leak into its Bokmål
    copy, and each says its own act's title."""
    from skolemiljo.legal import in_maalform, reference

    nynorsk = reference("oppl2023/12-4/2")
    assert nynorsk.citation == "opplæringslova § 12-4 andre ledd"
    (bokmaal,) = in_maalform((nynorsk,), "nb")
    assert bokmaal.citation == "opplæringsloven § 12-4 andre ledd"
    assert nynorsk.citation == "opplæringslova § 12-4 andre ledd"
    assert '"citation":"opplæringsloven § 12-4 andre ledd"' in bokmaal.model_dump_json()
