"""Demo sessions: create (clone a template), look up, extend, end, count, clean up."""

from __future__ import annotations

import secrets
import time
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import structlog
from sqlalchemy.ext.asyncio import AsyncConnection

from db import row_security
from domains.demo import repository
from domains.demo.accounts import ACCOUNTS, Account
from domains.demo.kinds import DemoAccountType, DemoSessionStatus
from domains.demo.policy import DemoPolicy
from domains.demo.records import DemoSessionRecord, DemoStatsRecord
from domains.kernel.errors import OperationRefused
from domains.kernel.jobs import JobQueue
from domains.lifecycle import service as lifecycle
from domains.lifecycle.kinds import DeletionMode
from domains.lifecycle.policy import LifecyclePolicy

log = structlog.get_logger()

SESSION_PREFIX = "demo_"
CLEANUP_ACTOR = "service:demo-cleanup"


def new_session_id() -> str:
    """`demo_` and 192 random bits, URL-safe."""
    return SESSION_PREFIX + secrets.token_urlsafe(24)


def accounts() -> list[Account]:
    """The template bakeries a visitor can try."""
    return list(ACCOUNTS.values())


async def create_session(
    connection: AsyncConnection,
    *,
    policy: DemoPolicy,
    account_type: DemoAccountType,
    client_address: str,
) -> DemoSessionRecord:
    """Copy the template into a new virtual tenant and record the session, in one transaction.

    The copy comes first and the per-address check last: the check holds a lock on the address
    until the transaction commits, so only that short tail is serialized between one address's
    concurrent requests (a refused request's copy is rolled back with it).
    """
    account = ACCOUNTS[account_type]
    tenant_id = uuid.uuid4()
    clock = time.perf_counter()
    # The template is nobody's tenant: only the platform reads it, to copy it.
    async with row_security.widened(connection, row_security.PLATFORM, why="copying a demo"):
        template_day = await repository.template_day(
            connection, policy.cloner.tenants_table, account.tenant_id
        )
        if template_day is None:
            raise OperationRefused.because(
                "DEMO_UNAVAILABLE",
                "La panadería demo no está preparada; ejecuta `gateway seed-demo`.",
                "accountType",
            )
        rows = await policy.cloner.clone(
            connection,
            template_id=account.tenant_id,
            tenant_id=tenant_id,
            template_day=template_day,
            today=date.today(),
        )
    clone_ms = Decimal(str(round((time.perf_counter() - clock) * 1000, 3)))
    await repository.lock_client(connection, client_address)
    now = datetime.now(UTC)
    active = await repository.count_active_of_client(connection, client_address, now)
    if active >= policy.max_sessions_per_client:
        raise OperationRefused.because(
            "TOO_MANY_DEMO_SESSIONS",
            f"Ya tienes {active} sesiones demo activas; termina una (endDemoSession) o espera "
            "a que caduque.",
            "accountType",
        )
    session = await repository.insert_session(
        connection,
        session_id=new_session_id(),
        account_type=account_type,
        virtual_tenant_id=tenant_id,
        client_address=client_address,
        created_at=now,
        expires_at=now + policy.session_ttl,
        clone_ms=clone_ms,
    )
    log.info(
        "demo.session.created",
        account_type=account_type.value,
        tenant_id=str(tenant_id),
        rows=rows,
        clone_ms=float(clone_ms),
    )
    return session


async def get_session(
    connection: AsyncConnection, *, policy: DemoPolicy, session_id: str
) -> DemoSessionRecord | None:
    """A session by id, from the short in-process cache when there."""
    cached = policy.cache.get(session_id)
    if cached is not None:
        return cached
    if not session_id.startswith(SESSION_PREFIX) or len(session_id) > 100:
        return None
    found = await repository.get_session(connection, session_id)
    if found is not None:
        policy.cache.put(found)
    return found


async def extend_session(
    connection: AsyncConnection, *, policy: DemoPolicy, session_id: str
) -> DemoSessionRecord:
    """Thirty more minutes (the session's length), at most `max_extensions` times."""
    session = await _live_session(connection, policy=policy, session_id=session_id)
    if session.extensions_used >= policy.max_extensions:
        raise OperationRefused.because(
            "MAX_EXTENSIONS_REACHED",
            f"Esta sesión ya se ha ampliado {policy.max_extensions} veces.",
            "id",
        )
    extended = await repository.extend_session(
        connection, session_id, session.expires_at + policy.session_ttl
    )
    policy.cache.forget(session_id)
    log.info("demo.session.extended", session_id=session_id, expires_at=str(extended.expires_at))
    return extended


async def end_session(
    connection: AsyncConnection, *, policy: DemoPolicy, session_id: str
) -> DemoSessionRecord:
    """End the session now; its copy is deleted by the next clean-up."""
    await _live_session(connection, policy=policy, session_id=session_id)
    ended = await repository.end_session(connection, session_id, datetime.now(UTC))
    policy.cache.forget(session_id)
    log.info("demo.session.ended", session_id=session_id)
    return ended


async def stats(connection: AsyncConnection) -> DemoStatsRecord:
    """Sessions by status and account type, and the median clone time."""
    return await repository.stats(connection, datetime.now(UTC))


async def clean_up(
    connection: AsyncConnection,
    *,
    policy: DemoPolicy,
    lifecycle_policy: LifecyclePolicy,
    queue: JobQueue,
    now: datetime | None = None,
) -> int:
    """Delete the virtual tenants of at most a batch of expired or ended sessions; how many.

    Each goes through the deletion coordinator (a deletion job, the audit log, a certificate),
    like any tenant deletion. Only a session's own virtual tenant is named, so a template or a
    real tenant is never touched.
    """
    moment = now or datetime.now(UTC)
    due = await repository.due_for_cleanup(connection, moment, policy.cleanup_batch_size)
    for session in due:
        await lifecycle.delete_tenant(
            connection,
            policy=lifecycle_policy,
            queue=queue,
            tenant_id=session.virtual_tenant_id,
            reason=f"Demo session {session.status_at(moment).value.lower()}",
            mode=DeletionMode.IMMEDIATE,
            actor=CLEANUP_ACTOR,
        )
        final = (
            DemoSessionStatus.ENDED
            if session.status is DemoSessionStatus.ENDED
            else DemoSessionStatus.EXPIRED
        )
        await repository.mark_cleaned(connection, session.id, final, moment)
        policy.cache.forget(session.id)
    if due:
        log.info("demo.cleanup.done", sessions=len(due))
    return len(due)


async def _live_session(
    connection: AsyncConnection, *, policy: DemoPolicy, session_id: str
) -> DemoSessionRecord:
    session = None
    if session_id.startswith(SESSION_PREFIX) and len(session_id) <= 100:
        session = await repository.get_session(connection, session_id, lock=True)
    if session is None:
        raise OperationRefused.because(
            "DEMO_SESSION_NOT_FOUND", "No hay ninguna sesión demo con ese id.", "id"
        )
    if session.status_at(datetime.now(UTC)) is not DemoSessionStatus.ACTIVE:
        raise OperationRefused.because(
            "DEMO_SESSION_EXPIRED", "Esta sesión demo ha caducado o ha terminado.", "id"
        )
    return session
