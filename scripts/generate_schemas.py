"""Write the versioned JSON Schemas of the public inputs and outputs to schemas/.

Usage: python scripts/generate_schemas.py [--check]

schemas/manifest.json records, for every released or current version, the SHA-256 of each
schema. Changing a schema under a version that already has other hashes is refused: bump
`src/skolemiljo/_version.py` and add a CHANGELOG entry first (tests/package/test_contract.py checks
both). With --check, exit 1 when the files differ from the models.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from skolemiljo import __version__, json_schema, schema_names

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "schemas"
MANIFEST = OUT / "manifest.json"


def rendered() -> dict[str, str]:
    """Schema name → canonical JSON text."""
    return {
        name: json.dumps(json_schema(name), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        for name in schema_names()
    }


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def main() -> None:
    texts = rendered()
    hashes = {name: digest(text) for name, text in texts.items()}
    manifest = json.loads(MANIFEST.read_text()) if MANIFEST.exists() else {"versions": {}}
    recorded = manifest["versions"].get(__version__)
    if "--check" in sys.argv:
        stale = [
            n
            for n, t in texts.items()
            if not (OUT / f"{n}.json").exists()
            or (OUT / f"{n}.json").read_text(encoding="utf-8") != t
        ]
        if stale or recorded != hashes:
            sys.exit(
                f"schemas/ is out of date ({', '.join(stale) or 'manifest'}): "
                "run python scripts/generate_schemas.py"
            )
        return
    if recorded is not None and recorded != hashes and "--allow-unreleased-change" not in sys.argv:
        sys.exit(
            f"schemas changed under version {__version__}: bump the version in "
            "src/skolemiljo/_version.py and add a CHANGELOG entry, then run again"
        )
    OUT.mkdir(exist_ok=True)
    for name, text in texts.items():
        (OUT / f"{name}.json").write_text(text, encoding="utf-8")
    manifest["versions"][__version__] = hashes
    MANIFEST.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {len(texts)} schemas for version {__version__}")


if __name__ == "__main__":
    main()
