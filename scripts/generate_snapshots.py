"""Regenerate tests/snapshots: every letter kind, in nb and nn, as text and HTML.

Usage: python scripts/generate_snapshots.py   (make snapshots)
Review the diff like code: a changed letter is a changed promise to parents.
"""

from __future__ import annotations

import json
from pathlib import Path

from skolemiljo import LETTER_KINDS, dossier, render_letter

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = ROOT / "examples" / "letters"
OUT = ROOT / "tests" / "snapshots"

EXTRA = {"receipt_adult_pupil": "receipt", "activity_plan_several_pupils": "activity_plan"}
"""Further example requests and the kind they render as."""


def request_text(name: str, maalform: str) -> str:
    """The example request ``name`` for a letter in ``maalform``: the Nynorsk letters use
    examples/letters/nn/, whose staff text is written in Nynorsk."""
    folder = REQUESTS / "nn" if maalform == "nn" else REQUESTS
    return (folder / f"{name}.json").read_text(encoding="utf-8")


def snapshots() -> dict[str, str]:
    """File name → content, for every request, målform and format."""
    out = {}
    requests = {kind: kind for kind in LETTER_KINDS} | EXTRA
    for name, kind in requests.items():
        for maalform in ("nb", "nn"):
            text = request_text(name, maalform)
            for fmt in ("text", "html"):
                letter = render_letter(kind, text, maalform=maalform, format=fmt)  # type: ignore[arg-type]
                suffix = "txt" if fmt == "text" else "html"
                out[f"{name}.{maalform}.{suffix}"] = f"{letter.subject}\n\n{letter.body}"
    out.update(dossiers())
    return out


CASES = ROOT / "examples" / "cases"
DOSSIER_AS_OF = "2025-06-01"
"""The case files are made on one date, after every shipped case's last event."""


def dossiers() -> dict[str, str]:
    """The case file of every shipped case, in nb and nn, as text and HTML; the case with
    missed deadlines also with its plan and the letters sent (examples/dossier)."""
    out = {}
    letters = (ROOT / "examples" / "dossier" / "letters.json").read_text(encoding="utf-8")
    plan = (ROOT / "examples" / "plan.json").read_text(encoding="utf-8")
    for path in sorted(CASES.glob("*.json")):
        extra: dict[str, object] = {}
        if path.stem == "missed_deadlines":
            extra = {"plans": [plan], "letters": json.loads(letters)}
        for maalform in ("nb", "nn"):
            for fmt in ("text", "html"):
                result = dossier(
                    path.read_text(encoding="utf-8"),
                    DOSSIER_AS_OF,
                    maalform=maalform,
                    format=fmt,  # type: ignore[arg-type]
                    **extra,  # type: ignore[arg-type]
                )
                suffix = "txt" if fmt == "text" else "html"
                out[f"dossier_{path.stem}.{maalform}.{suffix}"] = (
                    f"{result.subject}\n\n{result.body}"
                )
    return out


PAGES = ROOT / "docs" / "letters"


def pages() -> None:
    """The first page of every kind (nb) as a PNG under docs/letters/, from its PDF: how the
    letter looks to a person (needs the [pdf] extra and pdftoppm, from poppler-utils)."""
    import shutil
    import subprocess
    import tempfile

    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm is missing (poppler-utils): run `make snapshots`")
    PAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for kind in LETTER_KINDS:
            text = (REQUESTS / f"{kind}.json").read_text(encoding="utf-8")
            pdf = Path(tmp) / f"{kind}.pdf"
            pdf.write_bytes(render_letter(kind, text, maalform="nb").to_pdf())
            out = PAGES / f"{kind}.nb"
            subprocess.run(
                ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, out],
                check=True,
            )
    print(f"wrote {len(LETTER_KINDS)} pages to {PAGES.relative_to(ROOT)}")


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*"):
        old.unlink()
    for name, content in snapshots().items():
        (OUT / name).write_text(content, encoding="utf-8")
    print(f"wrote {len(snapshots())} snapshots to {OUT.relative_to(ROOT)}")
    pages()


if __name__ == "__main__":
    main()
