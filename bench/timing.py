"""Timing two operations side by side: interleaved samples, their median and 95th percentile."""

from __future__ import annotations

import gc
import math
import os
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

DEFAULT_ITERATIONS = 300

Operation = Callable[[], Awaitable[object]]


def iterations_from_environment() -> int:
    """Measured iterations of each operation: `BENCH_ITERATIONS`, 300 unless set."""
    iterations = int(os.environ.get("BENCH_ITERATIONS", DEFAULT_ITERATIONS))
    if iterations < 1:
        raise ValueError(f"BENCH_ITERATIONS must be at least 1, not {iterations}")
    return iterations


@dataclass(frozen=True, slots=True)
class Samples:
    """Durations of one operation, in nanoseconds."""

    durations_ns: tuple[int, ...]

    @property
    def median_ns(self) -> float:
        """The median duration."""
        return statistics.median(self.durations_ns)

    @property
    def p95_ns(self) -> float:
        """The 95th percentile duration (nearest rank)."""
        ordered = sorted(self.durations_ns)
        return ordered[math.ceil(0.95 * len(ordered)) - 1]


async def measure_side_by_side(
    subject: Operation, baseline: Operation, *, iterations: int
) -> tuple[Samples, Samples]:
    """Time `subject` and `baseline` in alternation, `iterations` times each after a warm-up."""
    warmup = max(10, iterations // 10)
    subject_ns: list[int] = []
    baseline_ns: list[int] = []
    pair = [(subject, subject_ns), (baseline, baseline_ns)]
    gc.collect()
    for index in range(warmup + iterations):
        # Alternating which one goes first keeps order effects (warm caches, garbage left for
        # the collector) from always landing on the same side.
        for operation, durations in pair if index % 2 == 0 else pair[::-1]:
            started = time.perf_counter_ns()
            await operation()
            elapsed = time.perf_counter_ns() - started
            if index >= warmup:
                durations.append(elapsed)
    return Samples(tuple(subject_ns)), Samples(tuple(baseline_ns))
