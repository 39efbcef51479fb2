"""Add new message ids to both catalogs at once, so nb and nn never drift apart.

Usage: python scripts/add_messages.py NEW.toml

NEW.toml holds one table per message id with `comment` (English, for translators), `nb` and
`nn`. Ids already present are refused (edit the .po files for changes). Run `make l10n` after.
The .po files under src/skolemiljo/locales are the source of truth; NEW.toml is thrown away.
"""

import sys
import tomllib
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

LOCALES = Path(__file__).resolve().parent.parent / "src" / "skolemiljo" / "locales"


def path(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / "skolemiljo.po"


def load(lang: str) -> Catalog:
    with path(lang).open("rb") as fp:
        return read_po(fp, locale=lang)


def main() -> None:
    with open(sys.argv[1], "rb") as fp:
        table = tomllib.load(fp)
    catalogs = {lang: load(lang) for lang in ("nb", "nn")}
    for msgid, entry in table.items():
        if set(entry) != {"comment", "nb", "nn"}:
            sys.exit(f"{msgid}: needs exactly comment, nb and nn")
        for lang, cat in catalogs.items():
            if msgid in cat:
                sys.exit(f"{msgid} is already in the {lang} catalog")
            cat.add(msgid, entry[lang], auto_comments=[entry["comment"]])
    for lang, cat in catalogs.items():
        with path(lang).open("wb") as fp:
            write_po(fp, cat, width=100, sort_output=True)
    print(f"added {len(table)} message ids to nb and nn")


if __name__ == "__main__":
    main()
