"""What a vendor relies on beyond the law (issue 12): the version stamp on every result, the
OpenAPI document as the service really behaves, the scenario runner, many cases at once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import skolemiljo
from skolemiljo import Stamp, assess, audit, render_letter, validate_plan
from skolemiljo._stamp import rules_digest
from skolemiljo.cli import main

from .conftest import EXAMPLES, ROOT

CASE = (EXAMPLES / "cases" / "missed_deadlines.json").read_text(encoding="utf-8")


def _results() -> list[Any]:
    return [
        assess(CASE, "2024-11-01"),
        audit(CASE, "2024-11-01", routine="oyer_2024"),
        validate_plan((EXAMPLES / "plan.json").read_text(encoding="utf-8")),
        validate_plan((EXAMPLES / "invalid" / "no_measures.json").read_text(encoding="utf-8")),
        render_letter("receipt", (EXAMPLES / "letters" / "receipt.json").read_text()),
    ]


def test_every_result_carries_the_version_stamp() -> None:
    for result in _results():
        stamp = result.stamp
        assert isinstance(stamp, Stamp)
        assert stamp.library_version == skolemiljo.__version__ == stamp.schema_version
        assert stamp.rules_version == rules_digest()
        assert result.model_dump(mode="json")["stamp"] == stamp.model_dump(mode="json")
        assert type(result).model_validate(result.model_dump(mode="json")) == result


def test_the_rules_version_changes_with_the_rule_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The digest covers rules/, the catalogs and the templates: one byte changed, a new one."""
    import shutil

    from skolemiljo import _stamp

    package = Path(skolemiljo.__file__).parent
    copy = tmp_path / "skolemiljo"
    for folder in ("rules", "locales", "templates"):
        shutil.copytree(package / folder, copy / folder)
    monkeypatch.setattr(_stamp.resources, "files", lambda _: copy)
    _stamp.rules_digest.cache_clear()
    try:
        same = _stamp.rules_digest()
        assert same == rules_digest.__wrapped__()  # type: ignore[attr-defined]
        law = copy / "rules" / "law.toml"
        law.write_text(law.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
        _stamp.rules_digest.cache_clear()
        assert _stamp.rules_digest() != same
    finally:
        _stamp.rules_digest.cache_clear()


@pytest.mark.parametrize(
    "argv",
    [
        ["assess", str(EXAMPLES / "cases" / "missed_deadlines.json"), "--as-of", "2024-11-01",
         "--json"],
        ["audit", str(EXAMPLES / "cases" / "missed_deadlines.json"), "--as-of", "2024-11-01",
         "--json"],
        ["validate", str(EXAMPLES / "plan.json"), "--json"],
    ],
)  # fmt: skip
def test_the_stamp_is_in_the_command_line_json(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    main(argv)
    data = json.loads(capsys.readouterr().out)
    assert data["stamp"]["library_version"] == skolemiljo.__version__
    assert data["stamp"]["rules_version"] == rules_digest()


def test_the_schemas_require_the_stamp() -> None:
    for name in ("assessment", "audit-report", "validation-report", "letter"):
        schema = json.loads((ROOT / "schemas" / f"{name}.json").read_text(encoding="utf-8"))
        assert "stamp" in schema["required"], name
