"""Packaging and public API: __all__, py.typed, data files, legal data integrity."""

from __future__ import annotations

import ast
import importlib
import re
import subprocess
import sys
from importlib import resources

import pytest

import skolemiljo
from skolemiljo import RuleDataError, legal

from ..conftest import ROOT


def test_all_is_unique_and_importable() -> None:
    """__all__ has no duplicates and every name in it exists (ruff RUF022 keeps it sorted)."""
    assert len(set(skolemiljo.__all__)) == len(skolemiljo.__all__)
    for name in skolemiljo.__all__:
        assert hasattr(skolemiljo, name), name


def test_package_ships_typing_marker_and_data() -> None:
    """py.typed, rule data and both compiled catalogs are inside the package."""
    root = resources.files("skolemiljo")
    assert (root / "py.typed").is_file()
    assert (root / "rules" / "law.toml").is_file()
    for m in ("nb", "nn"):
        assert (root / "locales" / m / "LC_MESSAGES" / "skolemiljo.mo").is_file()


def test_every_reference_resolves_and_is_dated() -> None:
    """Every legal reference loads, names a Lovdata id and a valid period."""
    refs = legal.law().references
    assert len(refs) > 20
    for ref in refs.values():
        assert ref.lovdata_id.startswith("LOV-")
        assert ref.valid_to is None or ref.valid_to >= ref.valid_from


def test_references_fall_inside_their_acts_regime() -> None:
    """Old-act references lie within 1 August 2017 to 31 July 2024 (an amended provision is two
    dated references, e.g. § 9 A-3 before and after 1 January 2023); new-act references start
    1 August 2024."""
    for ref in legal.law().references.values():
        if ref.lovdata_id == "LOV-1998-07-17-61":
            assert ref.valid_to is not None
            assert "2017-08-01" <= ref.valid_from.isoformat() <= ref.valid_to.isoformat()
            assert ref.valid_to.isoformat() <= "2024-07-31"
        if ref.lovdata_id == "LOV-2023-06-09-30":
            assert ref.valid_from.isoformat() >= "2024-08-01"
    refs = legal.law().references
    assert refs["oppl1998/9 A-3"].valid_to.isoformat() == "2022-12-31"  # type: ignore[union-attr]
    assert refs["oppl1998/9 A-3/amended_2023"].valid_from.isoformat() == "2023-01-01"
    assert not refs["oppl1998/9 A-3/amended_2023"].verified
    assert refs["oppl1998/9 A-3/amended_2023"].wording is None
    assert refs["oppl1998/9 A-6/1"].valid_from.isoformat() == "2021-01-01"
    assert "statsforvaltaren" in (refs["oppl1998/9 A-6/1"].wording or "")
    assert refs["oppl1998/9 A-6/1/fylkesmannen"].wording is None
    assert refs["oppl2023/10-1"].wording is None  # the quote did not match its source


def test_unverified_provisions_stay_flagged() -> None:
    """Provisions the brief marks UNVERIFIED are never presented as verified."""
    refs = legal.law().references
    for ref_id in (
        "oppl2023/12-3",
        "oppl2023/12-5",
        "oppl2023/12-6",
        "oppl2023/10-1",
        "privatskolelova/2-4",
    ):
        assert refs[ref_id].verified is False, ref_id
    assert refs["oppl2023/12-4/2"].verified is True


def test_malformed_reference_data_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    """A reference with an unknown act or a bad section is refused when the data loads."""
    bad = legal.load_toml("law.toml")
    bad["references"]["x/1"] = {"act": "oppl2023", "section": "twelve", "verified": True}
    monkeypatch.setattr(legal, "load_toml", lambda name: bad)
    legal.law.cache_clear()
    try:
        with pytest.raises(RuleDataError, match=r"references\.x/1\.section"):
            legal.law()
    finally:
        legal.law.cache_clear()


def test_import_does_not_load_engines_or_babel() -> None:
    """Importing skolemiljo stays light: no durable-rules, jinja2 or hypothesis at import."""
    code = (
        "import sys, skolemiljo; "
        "print(sorted(m for m in ('durable', 'jinja2', 'hypothesis', 'babel') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_import_builds_no_model_a_call_does_not_use() -> None:
    """Issue 26: ``import skolemiljo`` took twice the import of pydantic, jinja2 and babel,
    building every model's schema. Now it loads no model module and not pydantic itself; the
    first name used loads what it needs, and works."""
    code = (
        "import sys, skolemiljo; "
        "before = sorted(m for m in ('pydantic', 'skolemiljo.models', 'skolemiljo.plan', "
        "'skolemiljo.legal', 'skolemiljo.findings', 'skolemiljo._stamp') if m in sys.modules); "
        "from pathlib import Path; "
        "ok = skolemiljo.validate_plan(Path('examples/plan.json').read_text()).valid; "
        "print(before, ok, 'skolemiljo.models' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)  # fmt: skip
    assert out.stdout.strip() == "[] True True"


def test_testing_module_is_importable() -> None:
    """The public strategies module imports (hypothesis is installed with [testing])."""
    assert importlib.import_module("skolemiljo.testing").complete_plans


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (lambda d: d["rules"]["intervene"].update(when="full_moon"), "rules.intervene.when"),
        (lambda d: d["rules"]["intervene"].update(deadline={"kind": "soon"}), "deadline.kind"),
        (lambda d: d["rules"]["intervene"]["versions"][0].pop("title"), "versions.0.title"),
        (lambda d: d["rules"]["intervene"]["versions"][0]["title"].pop("nn"), "title.nn"),
        (lambda d: d["rules"]["intervene"]["versions"][0].update(basis=["nope/1"]), "nope/1"),
        (
            lambda d: d["rules"]["intervene"]["versions"][0].update(basis=["oppl1998/9 A-3"]),
            "not in force",
        ),
        (lambda d: d["rules"]["intervene"].update(colour="red"), "colour"),
    ],
)
def test_malformed_rule_data_is_rejected_naming_the_key(
    monkeypatch: pytest.MonkeyPatch,
    change,
    needle: str,  # type: ignore[no-untyped-def]
) -> None:
    """A bad condition, deadline, missing title (either målform), unknown or out-of-period
    reference, or unknown key in a rule file is refused with the file and key named."""
    import copy

    from skolemiljo._law import ruledata as _ruledata

    original = legal.load_toml

    def patched(name: str):  # type: ignore[no-untyped-def]
        data = copy.deepcopy(original(name))
        if name == "s12_4_aktivitetsplikt.toml":
            change(data)
        return data

    monkeypatch.setattr(_ruledata, "load_toml", patched)
    _ruledata.load_rules.cache_clear()
    try:
        with pytest.raises(RuleDataError, match=r"s12_4_aktivitetsplikt\.toml") as info:
            _ruledata.load_rules()
        assert needle in str(info.value)
    finally:
        _ruledata.load_rules.cache_clear()


def test_public_names_are_never_shadowed_by_submodules() -> None:
    """After every submodule is imported, each public name is still the function or class,
    never a module (lazy names would otherwise lose to a same-named submodule)."""
    code = (
        "import importlib, pkgutil, types, skolemiljo\n"
        "for info in pkgutil.iter_modules(skolemiljo.__path__):\n"
        "    if info.name != 'server':\n"
        "        importlib.import_module('skolemiljo.' + info.name)\n"
        "names = skolemiljo.__all__\n"
        "bad = [n for n in names if isinstance(getattr(skolemiljo, n), types.ModuleType)]\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_malformed_rules_fail_when_the_assess_module_is_imported(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A broken rule file makes importing the assessment module fail, naming file and key."""
    code = (
        "import tomllib, skolemiljo.legal as legal\n"
        "real = legal.load_toml\n"
        "def bad(name):\n"
        "    data = real(name)\n"
        "    if name == 's12_5_skjerpa_plikt.toml':\n"
        "        data['rules']['measures_immediately']['when'] = 'full_moon'\n"
        "    return data\n"
        "legal.load_toml = bad\n"
        "import skolemiljo._law.ruledata as rd\n"
        "rd.load_toml = bad\n"
        "import skolemiljo._reports.assessing\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode != 0
    assert "RuleDataError" in proc.stderr
    assert "s12_5_skjerpa_plikt.toml: rules.measures_immediately.when" in proc.stderr


def _raised_codes() -> set[str]:
    """Every error code a literal in src/ gives to an error: LetterError("x", ...),
    OutOfScopeError("x", ...), FieldError(path, "x", ...), {"code": "x"} and b'"code":"x"'."""
    codes: set[str] = set()
    first_arg = {"LetterError", "LetterIncompleteError", "OutOfScopeError", "PydanticCustomError"}
    for path in (ROOT / "src" / "skolemiljo").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r'"code":"([a-z0-9_]+)"', source))
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                at = 0 if node.func.id in first_arg else 1 if node.func.id == "FieldError" else -1
                if at >= 0 and len(node.args) > at:
                    arg = node.args[at]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        codes.add(arg.value)
            elif isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    if (
                        isinstance(key, ast.Constant)
                        and key.value == "code"
                        and isinstance(value, ast.Constant)
                    ):
                        codes.add(value.value)
    return codes


def test_every_error_code_is_listed_and_documented() -> None:
    """error_codes() is exactly the codes the source raises, and docs/codes.md lists them."""
    listed = skolemiljo.error_codes()
    assert set(listed) == _raised_codes()
    assert {spec.raised_as for spec in listed.values()} <= {
        "InputError",
        "OutOfScopeError",
        "LetterError",
        "LetterIncompleteError",
        "HTTP 404",
        "HTTP 405",
        "HTTP 413",
        "HTTP 422",
        "HTTP 500",
        "HTTP 503",
    }
    doc = (ROOT / "docs" / "codes.md").read_text(encoding="utf-8")
    assert all(f"| `{code}` |" in doc for code in listed)
