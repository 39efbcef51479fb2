"""Append message tables (scripts/messages_*.py) to both catalogs, nb and nn together.

Usage: python scripts/seed_catalogs.py messages_plan [messages_rules ...]
An id already in a catalog is left alone; both catalogs always receive the same ids.
"""

import importlib
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "src" / "skolemiljo" / "locales"
sys.path.insert(0, str(ROOT / "scripts"))


def load(lang: str) -> Catalog:
    path = LOCALES / lang / "LC_MESSAGES" / "skolemiljo.po"
    if path.exists():
        with path.open("rb") as fp:
            return read_po(fp, locale=lang)
    return Catalog(
        locale=lang,
        domain="skolemiljo",
        project="skolemiljo",
        version="0.1",
        copyright_holder="skolemiljo contributors",
        msgid_bugs_address="https://github.com/skolemiljo/skolemiljo/issues",
        fuzzy=False,
    )


def main() -> None:
    catalogs = {lang: load(lang) for lang in ("nb", "nn")}
    for name in sys.argv[1:]:
        table = importlib.import_module(name).MESSAGES
        for msgid, (comment, nb, nn) in table.items():
            for lang, text in (("nb", nb), ("nn", nn)):
                if msgid not in catalogs[lang]:
                    catalogs[lang].add(msgid, text, auto_comments=[comment])
    for lang, cat in catalogs.items():
        path = LOCALES / lang / "LC_MESSAGES" / "skolemiljo.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fp:
            write_po(fp, cat, width=100, omit_header=False, sort_output=True)


if __name__ == "__main__":
    main()
