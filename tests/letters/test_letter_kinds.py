"""A letter kind is data: its table in rules/letters.toml, two templates, an example request
and snapshots (issue 23). No line of Python names a kind."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import tomli_w

from skolemiljo import LETTER_KINDS

from ..conftest import EXAMPLES, ROOT

PACKAGE = ROOT / "src" / "skolemiljo"


def test_the_kinds_are_the_tables_of_letters_toml_in_their_order() -> None:
    """LETTER_KINDS is read from rules/letters.toml, in the order the file lists them, and
    every kind has its two templates and an example request."""
    data = tomllib.loads((PACKAGE / "rules" / "letters.toml").read_text(encoding="utf-8"))
    assert tuple(data["letters"]) == LETTER_KINDS
    assert set(data["kind_labels"]) == set(LETTER_KINDS)
    for kind in LETTER_KINDS:
        assert (PACKAGE / "templates" / f"{kind}.nb.j2").is_file()
        assert (PACKAGE / "templates" / f"{kind}.nn.j2").is_file()
        assert (EXAMPLES / "letters" / f"{kind}.json").is_file()


def test_no_python_module_names_a_letter_kind() -> None:
    """The kinds live in the data: no string literal in the package's Python is a kind name
    (a new kind needs no code). Kinds that are also a request's field (``evaluation``,
    ``follow_up``: what the letter reports on) are left out of the search."""
    import ast

    from skolemiljo import LetterRequest

    fields = set(LetterRequest.model_fields)
    assert {"receipt", "owner_notice", "closing"} <= set(LETTER_KINDS) - fields
    named = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in LETTER_KINDS:
                if node.value in fields:
                    continue
                named.append(f"{path.relative_to(PACKAGE)}:{node.lineno}:{node.value}")
    assert named == []


NEW_KIND = """
import json, sys
from skolemiljo import LETTER_KINDS, render_letter
from skolemiljo.letters import Letter
request = open(sys.argv[1], encoding="utf-8").read()
nb = render_letter("second_receipt", request, maalform="nb")
nn = render_letter("second_receipt", request, maalform="nn")
print(json.dumps({
    "kinds": list(LETTER_KINDS),
    "schema": Letter.model_json_schema()["properties"]["kind"]["enum"],
    "subjects": [nb.subject, nn.subject],
    "kind": nb.kind,
}))
"""


def test_a_new_kind_is_a_table_two_templates_and_an_example(tmp_path: Path) -> None:
    """In a copy of the package, a kind added as data only (its letters.toml table and label,
    two templates) renders in nb and nn, checked like every kind, and the schema lists it."""
    copy = tmp_path / "skolemiljo"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    path = copy / "rules" / "letters.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    data["letters"]["second_receipt"] = data["letters"]["receipt"]
    data["kind_labels"]["second_receipt"] = {"nb": "Ny kvittering", "nn": "Ny kvittering"}
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    for m in ("nb", "nn"):
        shutil.copy(
            copy / "templates" / f"receipt.{m}.j2", copy / "templates" / f"second_receipt.{m}.j2"
        )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-c", NEW_KIND, str(EXAMPLES / "letters" / "receipt.json")],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=False, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout)
    assert out["kinds"] == [*LETTER_KINDS, "second_receipt"]
    assert out["schema"] == out["kinds"]
    assert out["kind"] == "second_receipt"
    assert out["subjects"][0].startswith("Vi har mottatt")
    assert out["subjects"][1].startswith("Vi har motteke")


def test_every_block_of_every_letter_is_what_validating_it_makes() -> None:
    """The layout builds its blocks without validating them again (issue 26): every block of
    every shipped letter, in both målformer and both formats, equals the block pydantic
    validates from the same fields, and its JSON is the same."""
    from skolemiljo import render_letter
    from skolemiljo.letters import Block

    for kind in LETTER_KINDS:
        request = (EXAMPLES / "letters" / f"{kind}.json").read_text(encoding="utf-8")
        for maalform in ("nb", "nn"):
            for format in ("text", "html"):
                letter = render_letter(kind, request, maalform=maalform, format=format)
                assert letter.blocks, kind
                for block in letter.blocks:
                    fields = {name: getattr(block, name) for name in Block.model_fields}
                    validated = Block.model_validate(fields)
                    assert validated == block, (kind, maalform)
                    assert validated.model_dump_json() == block.model_dump_json()
