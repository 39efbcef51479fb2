"""Run by `make test-py313` inside a Python 3.13 environment with skolemiljo installed.

durable-rules cannot be imported on 3.13: the package must still install, pick the reference
evaluator with a warning, and give the same answers as on 3.11 (pinned by the scenarios).
"""

import sys
import warnings
from pathlib import Path

import skolemiljo

root = Path(sys.argv[1])
assert sys.version_info >= (3, 13), sys.version
assert skolemiljo.default_engine() == "reference"
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    text = (root / "examples" / "cases" / "teacher_harasses_pupil.json").read_text()
    report = skolemiljo.assess(text, "2024-10-01")
assert report.engine == "reference"
assert any(issubclass(w.category, skolemiljo.SkolemiljoWarning) for w in caught)
duty = report.obligation("report_staff_violation_immediately")
expected = ("applies", "immediately", "2024-09-30")
assert (duty.status, duty.deadline.kind, str(duty.deadline.due)) == expected
assert skolemiljo.validate_plan((root / "examples" / "plan.json").read_text()).valid
try:
    skolemiljo.assess(text, "2024-10-01", engine="durable")
except skolemiljo.EngineError:
    pass
else:
    raise AssertionError("engine='durable' must fail loudly where durable-rules is missing")
print(f"python {sys.version.split()[0]}: installs, reference engine with a warning, same results")
