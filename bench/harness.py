"""What a benchmark is and what it returns: rows of the gateway timed against a baseline."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bench.environment import Environment
from bench.timing import Samples


@dataclass(frozen=True, slots=True)
class Comparison:
    """One row of the report: an operation of the gateway and its baseline, measured together."""

    name: str
    subject: Samples
    baseline_name: str
    baseline: Samples
    statements: int | None = None
    """SQL statements the gateway ran for one request, when the benchmark counts them."""

    @property
    def ratio(self) -> float:
        """How many times the baseline's median the subject's median is."""
        return self.subject.median_ns / self.baseline.median_ns


@dataclass(frozen=True, slots=True)
class Benchmark:
    """A named benchmark: sets up its own data, then measures `iterations` of each operation."""

    name: str
    run: Callable[[Environment, int], Awaitable[list[Comparison]]]
