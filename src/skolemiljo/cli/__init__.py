"""The command line, ``skolemiljo`` (the console script ``skolemiljo.cli:main``): its face.

The commands are declared by group (``commands``: validate, assess, audit, serve, check,
measures, schema, demo; ``cases``: agenda and dossier; ``letter``), their arguments in
``args``, and reading and writing files, printing reports and JSON Lines in ``files``. Exit
codes: 0 nothing found, 1 findings, 2 unreadable input.
"""

from __future__ import annotations

from .commands import main

__all__ = ["main"]
