"""The one timer of the benchmarks: the median of batches, each batch sized to at least
50 ms (make bench; bench.py and vendor_paths.py measure with it), the median ratio of two
calls timed in alternating batches, and the median wall time of a fresh interpreter."""

from __future__ import annotations

import gc
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

__all__ = ["median_ratio", "median_seconds", "median_wall"]


def median_seconds(fn: Callable[[], object], *, repeat: int = 15, number: int = 0) -> float:
    """Median time of one call, from `repeat` batches of `number` calls (auto-sized)."""
    number = number or _batch(fn)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        samples.append((time.perf_counter() - start) / number)
    return statistics.median(samples)


def _batch(fn: Callable[[], object]) -> int:
    """How many calls of ``fn`` make a batch of at least 50 ms."""
    number = 1
    while True:
        start = time.perf_counter()
        for _ in range(number):
            fn()
        if time.perf_counter() - start > 0.05:
            return number
        number *= 2


def median_ratio(
    ours: Callable[[], object], base: Callable[[], object], *, repeat: int = 9
) -> tuple[float, float]:
    """The median of ``ours``/``base`` over ``repeat`` rounds, each round a batch of one and
    then a batch of the other (so a neighbour's load on a shared machine weighs on both), and
    the median seconds of one ``base`` call."""
    n_ours, n_base = _batch(ours), _batch(base)
    for _ in range(3):  # warm: the first rounds in a process run slower for both
        _batch(base), _batch(ours)
    ratios, bases = [], []
    gc.collect()
    gc.disable()  # as timeit does: a collection that falls in one batch is not the call's cost
    try:
        _rounds(ours, base, n_ours, n_base, repeat, ratios, bases)
    finally:
        gc.enable()
    return statistics.median(ratios), statistics.median(bases)


def _rounds(
    ours: Callable[[], object],
    base: Callable[[], object],
    n_ours: int,
    n_base: int,
    repeat: int,
    ratios: list[float],
    bases: list[float],
) -> None:
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(n_base):
            base()
        middle = time.perf_counter()
        for _ in range(n_ours):
            ours()
        end = time.perf_counter()
        bases.append((middle - start) / n_base)
        ratios.append(((end - middle) / n_ours) / bases[-1])


def median_wall(code: str, *, repeat: int = 9) -> float:
    """Median wall seconds of a fresh interpreter running ``code`` (``python -c``)."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)
