"""`gateway worker`, run as a real process."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from db.database import Database
from gateway.jobs.queue import PgQueuerJobQueue
from tests.conftest import TEST_SECRET
from tests.gateway import job_domain
from tests.gateway.test_cli import run

ROOT = Path(__file__).parents[2]
WAIT_SECONDS = 60
# The real CLI, with the test domain added to the registry of that process first.
WORKER = (
    "from tests.gateway import job_domain; job_domain.install(); "
    "from gateway.cli import main; main()"
)


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    database = Database.connect(database_url)
    async with database.transaction() as connection:
        for statement in job_domain.CREATE:
            await connection.execute(text(statement))
    yield database
    await database.dispose()


def test_worker_has_help() -> None:
    result = run("worker", "--help")
    assert result.returncode == 0, result.stderr
    assert "--concurrency" in result.stdout


def start_worker(env: dict[str, str]) -> subprocess.Popen[str]:
    """`gateway worker --concurrency 2`, with the test domain registered."""
    return subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "-c", WORKER, "worker", "--concurrency", "2"],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


class Output:
    """The lines a process writes to stderr, read on a thread so waits stay bounded."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        assert process.stderr is not None
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        stderr = process.stderr

        def read_lines() -> None:
            for line in stderr:
                self.lines.put(line)

        self.reader = threading.Thread(target=read_lines)
        self.reader.start()

    def wait_for(self, fragment: str) -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        while not any(fragment in line for line in self.seen):
            try:
                self.seen.append(self.lines.get(timeout=max(deadline - time.monotonic(), 0)))
            except queue.Empty:
                raise AssertionError(f"no {fragment!r} in:\n" + "".join(self.seen)) from None


async def test_worker_runs_an_enqueued_job_and_stops_on_sigterm(
    database_url: str, database: Database
) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "GATEWAY_JWT_SECRET": TEST_SECRET,
        "GATEWAY_LOG_FORMAT": "json",
    }
    process = start_worker(env)
    output = Output(process)
    done = uuid.uuid4().hex
    try:
        output.wait_for("jobs.worker.started")
        async with database.transaction() as connection:
            job_id = await PgQueuerJobQueue.for_domains([job_domain.DOMAIN]).enqueue(
                connection, "job_tests.record", {"key": done}
            )
        output.wait_for(done)
        process.send_signal(signal.SIGTERM)
        output.wait_for("jobs.worker.stopped")
        returncode = process.wait(timeout=WAIT_SECONDS)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=WAIT_SECONDS)
        output.reader.join(timeout=WAIT_SECONDS)
        assert process.stderr is not None
        process.stderr.close()

    assert returncode == 0, "".join(output.seen)
    async with database.read() as connection:
        effects = await connection.scalar(
            text(f"SELECT count(*) FROM {job_domain.SCHEMA}.effects WHERE key = :k"),  # noqa: S608
            {"k": done},
        )
        left = await connection.scalar(
            text("SELECT count(*) FROM pgqueuer WHERE id = :id"), {"id": job_id}
        )
    assert (effects, left) == (1, 0)
