"""Exit non-zero when the nb/nn catalogs have any integrity problem (make l10n-check)."""

import sys

from skolemiljo._i18n.catalogs import catalog_problems
from skolemiljo._i18n.ids import required_message_ids

problems = catalog_problems(required_message_ids())
for line in problems:
    print(f"catalog: {line}", file=sys.stderr)
if problems:
    sys.exit(1)
print("catalogs: nb and nn complete and in step")
