"""The printed table: each benchmark's median and p95 beside its baseline's, and their ratio."""

from __future__ import annotations

from bench.harness import Comparison

COLUMNS = "{:<26} {:>10} {:>10}   {:<14} {:>10} {:>10} {:>8} {:>6}"


def heading(*, iterations: int, python_version: str, postgres_version: str) -> str:
    """The lines above the table: what was run on what, and the column names."""
    return "\n".join(
        [
            f"{iterations} measured iterations per operation, gateway and baseline interleaved; "
            f"Python {python_version}, PostgreSQL {postgres_version}",
            "ratio = gateway median / baseline median; SQL = statements per request, where counted",
            "",
            COLUMNS.format(
                "benchmark", "median", "p95", "baseline", "median", "p95", "ratio", "SQL"
            ),
        ]
    )


def row(comparison: Comparison) -> str:
    """One comparison as a line of the table."""
    return COLUMNS.format(
        comparison.name,
        duration(comparison.subject.median_ns),
        duration(comparison.subject.p95_ns),
        comparison.baseline_name,
        duration(comparison.baseline.median_ns),
        duration(comparison.baseline.p95_ns),
        f"{comparison.ratio:.2f}x",
        "" if comparison.statements is None else str(comparison.statements),
    )


def duration(nanoseconds: float) -> str:
    """A duration in ms from one millisecond up, in µs below."""
    if nanoseconds >= 1_000_000:
        return f"{nanoseconds / 1_000_000:.2f} ms"
    return f"{nanoseconds / 1_000:.0f} µs"
