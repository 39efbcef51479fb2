"""Regenerate tests/snapshots: every letter kind, in nb and nn, as text and HTML; and the
pictures of the first pages under docs/letters (PDF and DOCX, nb and nn).

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
    """The first page of every kind and of the case file, in nb and nn, as PNG under
    docs/letters/, as a person sees them: from the PDF (``KIND.MAALFORM.png``, WeasyPrint then
    pdftoppm) and from the DOCX opened in LibreOffice (``KIND.MAALFORM.docx.png``, LibreOffice
    prints it to PDF, then pdftoppm). The letters carry a letterhead, as a school's would."""
    import shutil
    import tempfile

    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm is missing (poppler-utils): run `make snapshots`")
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise SystemExit("LibreOffice is missing (libreoffice-writer): run `make snapshots`")
    from skolemiljo.letters import Letterhead

    head = Letterhead(logo=_logo(), address=("Solbakken skole", "Skoleveien 2, 2615 Lillehammer"))
    PAGES.mkdir(parents=True, exist_ok=True)
    count = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for maalform in ("nb", "nn"):
            documents = {}
            for kind in LETTER_KINDS:
                letter = render_letter(kind, request_text(kind, maalform), maalform=maalform)
                documents[kind] = (letter.to_pdf(head), letter.to_docx(head))
            case = (CASES / "missed_deadlines.json").read_text(encoding="utf-8")
            plan = (ROOT / "examples" / "plan.json").read_text(encoding="utf-8")
            result = dossier(case, DOSSIER_AS_OF, maalform=maalform, plans=[plan])
            documents["dossier"] = (result.to_pdf(), result.to_docx())
            for name, (pdf, word) in documents.items():
                (folder / f"{name}.pdf").write_bytes(pdf)
                _first_page(folder / f"{name}.pdf", PAGES / f"{name}.{maalform}")
                (folder / "word").mkdir(exist_ok=True)
                (folder / "word" / f"{name}.docx").write_bytes(word)
                _office_pdf(office, folder / "word" / f"{name}.docx", folder / "word")
                _first_page(folder / "word" / f"{name}.pdf", PAGES / f"{name}.{maalform}.docx")
                count += 2
    print(f"wrote {count} pages to {PAGES.relative_to(ROOT)}")


def _logo() -> bytes:
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (240, 80), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, 76, 76), fill=(0, 84, 140))
    draw.rectangle((96, 30, 230, 50), fill=(0, 84, 140))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _first_page(pdf: Path, out: Path) -> None:
    import subprocess

    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, out], check=True
    )


def _office_pdf(office: str, docx: Path, folder: Path) -> None:
    import subprocess

    subprocess.run(
        [office, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
        check=True,
        capture_output=True,
        timeout=120,
    )


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
