"""All SQL of the demo domain: sessions, and the template rows written through table metadata."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from db.records import record_reader
from domains.demo.kinds import DemoAccountType, DemoSessionStatus
from domains.demo.models import DemoSession
from domains.demo.records import DemoSessionRecord, DemoStatsRecord

_SESSION = (
    DemoSession.id,
    DemoSession.account_type,
    DemoSession.virtual_tenant_id,
    DemoSession.status,
    DemoSession.client_address,
    DemoSession.created_at,
    DemoSession.expires_at,
    DemoSession.extensions_used,
    DemoSession.ended_at,
    DemoSession.cleaned_at,
    DemoSession.clone_ms,
)
_session = record_reader(DemoSessionRecord, _SESSION)
_ACTIVE = DemoSession.status == DemoSessionStatus.ACTIVE


async def insert_rows(
    connection: AsyncConnection, table: Table, rows: Sequence[dict[str, Any]]
) -> None:
    """Insert template rows into any domain's table (the template seeder's only write)."""
    if rows:
        await connection.execute(insert(table), list(rows))


async def template_day(
    connection: AsyncConnection, tenants: Table, tenant_id: uuid.UUID
) -> date | None:
    """The day a template was seeded (its tenant row's creation), None when there is none."""
    created = await connection.scalar(
        select(tenants.c.created_at).where(
            tenants.c.id == tenant_id, tenants.c.is_demo_template.is_(True)
        )
    )
    return None if created is None else created.date()


async def insert_session(
    connection: AsyncConnection,
    *,
    session_id: str,
    account_type: DemoAccountType,
    virtual_tenant_id: uuid.UUID,
    client_address: str,
    created_at: datetime,
    expires_at: datetime,
    clone_ms: Decimal,
) -> DemoSessionRecord:
    """Record a new ACTIVE session."""
    statement = (
        insert(DemoSession)
        .values(
            id=session_id,
            account_type=account_type,
            virtual_tenant_id=virtual_tenant_id,
            status=DemoSessionStatus.ACTIVE,
            client_address=client_address,
            created_at=created_at,
            expires_at=expires_at,
            clone_ms=clone_ms,
        )
        .returning(*_SESSION)
    )
    return _session((await connection.execute(statement)).one())


async def get_session(
    connection: AsyncConnection, session_id: str, *, lock: bool = False
) -> DemoSessionRecord | None:
    """A session by id; `lock` holds it until the transaction ends."""
    statement = select(*_SESSION).where(DemoSession.id == session_id)
    if lock:
        statement = statement.with_for_update()
    row = (await connection.execute(statement)).first()
    return None if row is None else _session(row)


async def count_active_of_client(
    connection: AsyncConnection, client_address: str, now: datetime
) -> int:
    """Sessions of one client address still ACTIVE and not expired."""
    statement = (
        select(func.count())
        .select_from(DemoSession)
        .where(_ACTIVE, DemoSession.client_address == client_address, DemoSession.expires_at > now)
    )
    return int(await connection.scalar(statement) or 0)


async def lock_client(connection: AsyncConnection, client_address: str) -> None:
    """Serialize session creation per client address until the transaction ends."""
    await connection.execute(
        select(func.pg_advisory_xact_lock(func.hashtext("demo:" + client_address)))
    )


async def extend_session(
    connection: AsyncConnection, session_id: str, expires_at: datetime
) -> DemoSessionRecord:
    """Push the expiry back and count the extension."""
    statement = (
        update(DemoSession)
        .where(DemoSession.id == session_id)
        .values(expires_at=expires_at, extensions_used=DemoSession.extensions_used + 1)
        .returning(*_SESSION)
    )
    return _session((await connection.execute(statement)).one())


async def end_session(
    connection: AsyncConnection, session_id: str, now: datetime
) -> DemoSessionRecord:
    """ACTIVE -> ENDED now."""
    statement = (
        update(DemoSession)
        .where(DemoSession.id == session_id)
        .values(status=DemoSessionStatus.ENDED, ended_at=now)
        .returning(*_SESSION)
    )
    return _session((await connection.execute(statement)).one())


async def due_for_cleanup(
    connection: AsyncConnection, now: datetime, limit: int
) -> list[DemoSessionRecord]:
    """Expired or ended sessions whose virtual tenant is still there, oldest expiry first, locked.

    SKIP LOCKED: two clean-ups running at once share the work instead of waiting.
    """
    statement = (
        select(*_SESSION)
        .where(
            DemoSession.cleaned_at.is_(None),
            (DemoSession.status == DemoSessionStatus.ENDED) | (DemoSession.expires_at <= now),
        )
        .order_by(DemoSession.expires_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return [_session(row) for row in await connection.execute(statement)]


async def mark_cleaned(
    connection: AsyncConnection, session_id: str, status: DemoSessionStatus, now: datetime
) -> None:
    """The session's virtual tenant is gone; it is stored with its final status."""
    await connection.execute(
        update(DemoSession)
        .where(DemoSession.id == session_id)
        .values(cleaned_at=now, status=status)
    )


async def stats(connection: AsyncConnection, now: datetime) -> DemoStatsRecord:
    """Sessions by status (an ACTIVE one past expiry counts as expired) and account type."""
    live = _ACTIVE & (DemoSession.expires_at > now)
    expired = (DemoSession.status == DemoSessionStatus.EXPIRED) | (
        _ACTIVE & (DemoSession.expires_at <= now)
    )
    row = (
        await connection.execute(
            select(
                func.count().filter(live),
                func.count().filter(expired),
                func.count().filter(DemoSession.status == DemoSessionStatus.ENDED),
                func.percentile_cont(0.5).within_group(DemoSession.clone_ms),
            )
        )
    ).one()
    by_type = await connection.execute(
        select(DemoSession.account_type, func.count()).group_by(DemoSession.account_type)
    )
    median = None if row[3] is None else Decimal(str(round(row[3], 3)))
    return DemoStatsRecord(
        active=row[0],
        expired=row[1],
        ended=row[2],
        by_account_type={row[0]: row[1] for row in by_type},
        clone_ms_median=median,
    )
