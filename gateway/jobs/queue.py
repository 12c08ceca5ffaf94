"""Enqueueing on pgqueuer's table, inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import orjson
from pgqueuer import Queries
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from domains.kernel.domain import Domain
from domains.kernel.jobs import JobHandler, JobQueue


def job_handlers(domains: Sequence[Domain]) -> dict[str, JobHandler]:
    """Every domain's handlers by job name, `<domain>.<kind>` (pgqueuer's entrypoint)."""
    return {
        f"{domain.name}.{kind}": handler
        for domain in domains
        for kind, handler in domain.jobs.items()
    }


class PgQueuerJobQueue(JobQueue):
    """Jobs written by pgqueuer's own enqueue on the asyncpg connection under SQLAlchemy's."""

    def __init__(self, names: frozenset[str]) -> None:
        self._names = names

    @classmethod
    def for_domains(cls, domains: Sequence[Domain]) -> PgQueuerJobQueue:
        """A queue accepting the jobs `domains` handle."""
        return cls(frozenset(job_handlers(domains)))

    async def enqueue(
        self,
        connection: AsyncConnection,
        name: str,
        payload: Mapping[str, Any],
        *,
        dedupe_key: str | None = None,
    ) -> int | None:
        """Queue job `name` in `connection`'s transaction; its id, or None for a duplicate."""
        # A job nobody handles would wait forever: refuse it while the caller can still see why.
        if name not in self._names:
            raise LookupError(f"no domain handles the job {name!r}")
        if not connection.in_transaction():
            raise RuntimeError("enqueue inside a transaction: the job stands or falls with it")
        raw = (await connection.get_raw_connection()).driver_connection
        assert raw is not None  # a connection in use always has its driver's
        if not raw.is_in_transaction():
            # SQLAlchemy's asyncpg adapter sends BEGIN with its first statement; without one the
            # job would be committed on its own, whatever becomes of the transaction.
            await connection.execute(text("SELECT 1"))
        queries = Queries.from_asyncpg_connection(raw)
        # "skip", not "raise": a unique violation would abort the caller's whole transaction.
        (job_id,) = await queries.enqueue(
            name, orjson.dumps(dict(payload)), dedupe_key=dedupe_key, on_conflict="skip"
        )
        return None if job_id is None else int(job_id)
