"""The one timer of the benchmarks: the median of batches, each batch sized to at least
50 ms (make bench; bench.py and vendor_paths.py measure with it)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

__all__ = ["median_seconds"]


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
