"""`python -m bench [NAME]`: run the benchmarks (those whose name contains NAME) and print them."""

from __future__ import annotations

import argparse
import asyncio
import platform
import sys

from bench.environment import running_gateway
from bench.harness import Benchmark
from bench.registry import BENCHMARKS, select
from bench.report import heading, row
from bench.timing import iterations_from_environment
from gateway.logging import configure_logging


async def run(benchmarks: list[Benchmark], iterations: int) -> None:
    """Start the gateway once, then run and print each benchmark as it finishes."""
    async with running_gateway() as environment:
        print(
            heading(
                iterations=iterations,
                python_version=platform.python_version(),
                postgres_version=environment.postgres_version,
            ),
            flush=True,
        )
        for benchmark in benchmarks:
            for comparison in await benchmark.run(environment, iterations):
                print(row(comparison), flush=True)


def main(argv: list[str] | None = None) -> int:
    """Parse the name filter, quieten logs, run."""
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Time the gateway against baselines; BENCH_ITERATIONS sets the sample size.",
    )
    names = ", ".join(benchmark.name for benchmark in BENCHMARKS)
    parser.add_argument("name", nargs="?", help=f"run only those whose name contains it ({names})")
    arguments = parser.parse_args(argv)
    benchmarks = select(arguments.name)
    if not benchmarks:
        parser.error(f"no benchmark name contains {arguments.name!r}")
    try:
        iterations = iterations_from_environment()
    except ValueError as error:
        parser.error(str(error))
    # Only warnings and errors: a log line per request would be timed along with the request.
    configure_logging("WARNING")
    asyncio.run(run(benchmarks, iterations))
    return 0


if __name__ == "__main__":
    sys.exit(main())
