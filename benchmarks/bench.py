"""make bench: medians and ratios against baselines measured in the same run.

Targets (from the issues), printed beside each ratio; a miss is reported, not hidden:
- validate_plan vs bare ActivityPlan.model_validate_json of the same file: ratio <= 3;
- import skolemiljo: <= 250 ms (wall time of a fresh interpreter, minus an empty one).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def median_seconds(fn: Callable[[], object], *, repeat: int = 15, number: int = 0) -> float:
    """Median time of one call, from `repeat` batches of `number` calls (auto-sized)."""
    if number == 0:
        number = 1
        while True:
            start = time.perf_counter()
            for _ in range(number):
                fn()
            if time.perf_counter() - start > 0.05:
                break
            number *= 2
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        samples.append((time.perf_counter() - start) / number)
    return statistics.median(samples)


def report(name: str, value: float, baseline: float, target: float) -> None:
    ratio = value / baseline
    verdict = "ok" if ratio <= target else "MISSES TARGET"
    print(
        f"{name:<44} {value * 1e6:9.1f} µs  baseline {baseline * 1e6:8.1f} µs"
        f"  ratio {ratio:5.2f} (target <= {target:g}) {verdict}"
    )


def bench_import() -> None:
    def wall(code: str) -> float:
        runs = []
        for _ in range(7):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            runs.append(time.perf_counter() - start)
        return statistics.median(runs)

    empty = wall("pass")
    full = wall("import skolemiljo")
    ms = (full - empty) * 1000
    verdict = "ok" if ms <= 250 else "MISSES TARGET"
    print(f"{'import skolemiljo':<44} {ms:9.1f} ms  (target <= 250 ms) {verdict}")


def bench_plan() -> None:
    from skolemiljo import ActivityPlan, validate_plan

    text = (EXAMPLES / "plan.json").read_text(encoding="utf-8")
    validate_plan(text)  # warm the caches (data files, catalogs)
    bare = median_seconds(lambda: ActivityPlan.model_validate_json(text))
    full = median_seconds(lambda: validate_plan(text))
    report("validate_plan(examples/plan.json)", full, bare, 3)


def main() -> None:
    print(f"python {sys.version.split()[0]}; medians of 15 batches")
    bench_import()
    bench_plan()


if __name__ == "__main__":
    main()
