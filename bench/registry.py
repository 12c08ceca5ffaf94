"""Every benchmark `python -m bench` knows, in the order it runs them."""

from __future__ import annotations

from bench.dashboard_latency import dashboard_latency
from bench.deletion import deletion_throughput
from bench.demo import demo_sessions
from bench.graphql_latency import me_latency, tenant_members_latency
from bench.harness import Benchmark
from bench.recipes_latency import nested_recipes_latency
from bench.row_security import row_security_cost
from bench.soft_delete import soft_delete_throughput

BENCHMARKS = (
    Benchmark("me", me_latency),
    Benchmark("tenant.members", tenant_members_latency),
    Benchmark("recipes.nested", nested_recipes_latency),
    Benchmark("dashboard", dashboard_latency),
    Benchmark("row-security", row_security_cost),
    Benchmark("deletion", deletion_throughput),
    Benchmark("soft-delete", soft_delete_throughput),
    Benchmark("demo", demo_sessions),
)


def select(pattern: str | None) -> list[Benchmark]:
    """The benchmarks whose name contains `pattern`; all of them without one."""
    return [benchmark for benchmark in BENCHMARKS if not pattern or pattern in benchmark.name]
