"""Fork safety for the libraries skolemiljo calls (not public API).

A child forked while another thread held a lock inherits it held, forever. skolemiljo's own
locks are made anew in the child where they are defined (``_engine``); this module does the same
for the two libraries whose module-level locks a request can take: babel (``localedata``, taken
when a locale's data is read) and holidays (its registry's import lock, taken the first time a
year's holidays are computed). Both are plain re-entrant locks guarding caches, so a fresh one
in the child is what the child would have had, had it started anew.
"""

from __future__ import annotations

import os
import sys
import threading

__all__: list[str] = []


def _after_fork_in_child() -> None:
    babel = sys.modules.get("babel.localedata")
    if babel is not None and hasattr(babel, "_cache_lock"):
        babel._cache_lock = threading.RLock()  # type: ignore[attr-defined]
    registry = sys.modules.get("holidays.registry")
    if registry is not None and hasattr(registry, "IMPORT_LOCK"):
        registry.IMPORT_LOCK = threading.RLock()  # type: ignore[attr-defined]


os.register_at_fork(after_in_child=_after_fork_in_child)
