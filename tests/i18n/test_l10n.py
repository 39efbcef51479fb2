"""The nb and nn catalogs: complete, in step, compiled, and never falling back."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest

from skolemiljo import CatalogError, Maalform, UnknownMaalformError, validate_plan
from skolemiljo._i18n import core as _i18n
from skolemiljo._i18n.catalogs import catalog_problems, read_catalog
from skolemiljo._i18n.ids import required_message_ids

from ..conftest import EXAMPLES


def test_catalogs_have_no_integrity_problem() -> None:
    """No missing, fuzzy, obsolete, uncommented or placeholder-mismatched entry; .mo fresh."""
    assert catalog_problems(required_message_ids()) == []


def test_catalogs_hold_the_same_ids_and_nothing_unused() -> None:
    """nb and nn have the same ids, and every id is one the code asks for."""
    nb = {str(m.id) for m in read_catalog(Maalform.NB) if m.id}
    nn = {str(m.id) for m in read_catalog(Maalform.NN) if m.id}
    assert nb == nn
    assert nb == set(required_message_ids())


def test_nn_and_nb_texts_differ() -> None:
    """A Nynorsk catalog that copies Bokmål would pass the other checks; it must not."""
    nb = {str(m.id): m.string for m in read_catalog(Maalform.NB) if m.id}
    nn = {str(m.id): m.string for m in read_catalog(Maalform.NN) if m.id}
    same = [k for k in nb if nb[k] == nn[k]]
    assert same == []


def test_checker_detects_a_missing_translation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The integrity check itself fails on an untranslated nn entry and a stale .mo."""
    from skolemiljo._i18n import catalogs as _catalogs

    real = _catalogs.locale_dir
    for m in Maalform:
        target = tmp_path / m.value
        target.mkdir()
        for name in ("skolemiljo.po", "skolemiljo.mo"):
            (target / name).write_bytes((real(m) / name).read_bytes())
    po = tmp_path / "nn" / "skolemiljo.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgstr "Planen kan lagrast. Åtvaringar: {warnings}."', 'msgstr ""'
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(_catalogs, "locale_dir", lambda m: tmp_path / m.value)
    problems = catalog_problems()
    assert "nn: cli_plan_valid has no translation" in problems
    assert "nn: skolemiljo.mo is stale (run make l10n)" in problems


def test_missing_catalog_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a compiled catalog the library raises instead of falling back."""
    monkeypatch.setattr(_i18n.resources, "files", lambda _pkg: tmp_path)
    _i18n.catalog.cache_clear()
    try:
        with pytest.raises(CatalogError, match="catalog for 'nn' is missing"):
            _i18n.catalog(Maalform.NN)
    finally:
        _i18n.catalog.cache_clear()


def test_missing_message_raises_instead_of_showing_the_code() -> None:
    """gettext would return the id; skolemiljo raises."""
    with pytest.raises(CatalogError, match="no_such_code"):
        _i18n.message(Maalform.NB, "no_such_code")


def test_catalog_is_gnu_translations_not_null() -> None:
    """The loaded catalog is a real GNUTranslations with no fallback chained behind it."""
    cat = _i18n.catalog(Maalform.NN)
    assert isinstance(cat, gettext.GNUTranslations)
    assert cat._fallback is None  # type: ignore[attr-defined]


@pytest.mark.parametrize("code", ["no", "nb_NO", "nob", "", "en"])
def test_only_nb_and_nn_are_maalformer(code: str) -> None:
    """'no' (which babel reads as Bokmål) and other codes are refused."""
    with pytest.raises(UnknownMaalformError):
        validate_plan((EXAMPLES / "plan.json").read_text(), maalform=code)
