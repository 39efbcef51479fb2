"""The skolemiljo command line: output, JSON contract and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from skolemiljo.cli import main

from ..conftest import EXAMPLES, ROOT


def run(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_valid_plan_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    """A complete plan: exit 0 and a one-line summary in the målform."""
    code, out, _ = run("validate", str(EXAMPLES / "plan.json"), "--maalform", "nn", capsys=capsys)
    assert code == 0
    assert out.strip() == "Planen kan lagrast. Åtvaringar: 0."


def test_validate_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    """--json gives valid, findings[] with code, severity, item, path, legal_basis, message."""
    path = EXAMPLES / "invalid" / "no_measures.json"
    code, out, _ = run("validate", str(path), "--json", capsys=capsys)
    assert code == 1
    data = json.loads(out)
    assert data["valid"] is False
    first = data["findings"][0]
    assert {"code", "severity", "item", "path", "legal_basis", "message"} <= set(first)
    assert first["code"] == "plan_measures_missing"
    assert first["severity"] == "error"
    assert first["item"] == "b"
    assert (
        first["legal_basis"][0]["citation"] == "opplæringsloven § 12-4 tredje ledd andre strekpunkt"
    )
    assert first["legal_basis"][0]["valid_from"] == "2024-08-01"


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("{not json", "json_invalid"),
        ("[1, 2]", "object_expected"),
        ('{"pupil": {"ref": "a"}}', "school: missing"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, needle: str
) -> None:
    """Malformed input: exit 2, one line on stderr naming the problem, no traceback."""
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    code, out, err = run("validate", str(bad), capsys=capsys)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert needle in err
    assert "Traceback" not in err


def test_missing_file_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """An unreadable path is a one-line error with exit 2."""
    code, _, err = run("validate", "does-not-exist.json", capsys=capsys)
    assert code == 2
    assert err.strip() == (
        f"skolemiljo: cannot read does-not-exist.json: no such file in {Path.cwd()}"
    )
    code, _, err = run("validate", "examples/nope.json", capsys=capsys)
    assert code == 2
    assert f"no such file in {Path.cwd() / 'examples'}" in err  # the folder it looked in
    assert "skolemiljo examples DIR" in err


def test_unreadable_input_names_the_reason_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bytes that are not UTF-8, and a directory, are one-line errors with exit 2."""
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes('{"problem": "Åse"}'.encode("latin-1"))
    code, out, err = run("validate", str(latin1), capsys=capsys)
    assert (code, out) == (2, "")
    assert err.strip() == f"skolemiljo: cannot read {latin1}: not UTF-8 text (byte 13)"
    code, out, err = run("validate", str(tmp_path), capsys=capsys)
    assert (code, out) == (2, "")
    assert err.strip() == f"skolemiljo: cannot read {tmp_path}: a directory, not a file"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["letter", "postcard", "in.json"], "argument kind: invalid choice (choose from 'receipt'"),
        (["validate", "plan.json", "--maalform", "no"], "invalid choice (choose from 'nb', 'nn')"),
        (["assess"], "the following arguments are required: case"),
        (["audit", "case.json", "--no-such-flag"], "unrecognized arguments: --no-such-flag"),
    ],
)
def test_usage_errors_are_one_line_with_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], needle: str
) -> None:
    """A wrong argument is one line on stderr and exit 2, like malformed input; the value that
    was refused is not repeated (option names are)."""
    with pytest.raises(SystemExit) as stop:
        main(args)
    assert stop.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert needle in err
    assert err.strip().endswith("--help)")
    assert "postcard" not in err
    assert "'no'" not in err


def test_letter_to_a_missing_folder_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o into a folder that does not exist: exit 2 and the reason, nothing half-written."""
    target = tmp_path / "no-such-folder" / "brev.txt"
    code, out, err = run(
        "letter",
        "receipt",
        str(EXAMPLES / "letters" / "receipt.json"),
        "-o",
        str(target),
        capsys=capsys,
    )
    assert (code, out) == (2, "")
    assert err.strip() == f"skolemiljo: cannot write {target}: no such folder"
    assert not target.exists()


def test_schema_command(capsys: pytest.CaptureFixture[str]) -> None:
    """`schema NAME` prints that model's JSON Schema; an unknown name exits 2."""
    code, out, _ = run("schema", "activity-plan", capsys=capsys)
    assert code == 0
    schema = json.loads(out)
    assert schema["title"] == "ActivityPlan"
    assert schema["additionalProperties"] is False
    code, _, err = run("schema", "nope", capsys=capsys)
    assert code == 2
    assert "unknown_schema" in err


def test_console_script_runs_as_a_process() -> None:
    """The installed console script works, reads stdin and keeps exit codes."""
    exe = Path(sys.executable).parent / "skolemiljo"
    data = json.loads((EXAMPLES / "plan.json").read_text())
    del data["best_interests"]
    proc = subprocess.run(
        [str(exe), "validate", "-", "--profile", "statutory", "--json"],
        input=json.dumps(data),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["findings"][0]["severity"] == "warning"
    proc = subprocess.run(
        [str(exe), "validate", "-"],
        input=json.dumps(data),
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1


def test_demo_runs_on_shipped_examples(capsys: pytest.CaptureFixture[str]) -> None:
    """`skolemiljo demo` validates the shipped examples in both målformer."""
    code, out, _ = run("demo", "--examples", str(EXAMPLES), capsys=capsys)
    assert code == 0
    assert "Planen kan lagres." in out
    assert "Planen kan lagrast." in out
    assert "plan_measures_missing" in out


def test_examples_copies_the_shipped_examples_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """skolemiljo examples DIR copies the shipped examples so the README's commands run from
    DIR; a folder that is not empty is refused (exit 2), naming it."""
    target = tmp_path / "work"
    assert main(["examples", str(target)]) == 0
    assert (target / "examples" / "cases" / "exemplary_timeline.json").is_file()
    assert (target / "tests" / "scenarios" / "pupil_says_unsafe.yaml").is_file()
    assert (target / "tests" / "audit_scenarios").is_dir()
    monkeypatch.chdir(target)
    capsys.readouterr()
    assert main(["assess", "examples/cases/exemplary_timeline.json", "--as-of", "2024-12-01"]) == 0
    assert main(["examples", str(target)]) == 2
    assert str(target.resolve()) in capsys.readouterr().err


def test_a_missing_templates_folder_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--templates with a folder that does not exist names the folder it looked for and where
    the shipped templates are (issue 27: it said only that the folder did not exist)."""
    missing = tmp_path / "src" / "skolemiljo" / "templates"
    code = main(["letter", "receipt", str(EXAMPLES / "letters" / "receipt.json"),
                 "--templates", str(missing)])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2
    assert str(missing.resolve()) in err
    assert "KIND.nb.j2" in err
