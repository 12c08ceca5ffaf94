"""Row-level security: the database's second line behind every resolver's tenant filter.

Every tenant-scoped table has a policy (migration 0017, `gateway_security.protect`) that shows
and accepts only rows of the tenants the connection's *scope* allows. The gateway connects as
a role that does not bypass policies (`GATEWAY_DATABASE_ROLE`, `SET ROLE` on connect), so a
query that forgot its `tenant_id` filter still returns nothing of another tenant.

The scope is the PostgreSQL setting `bakery.scope`, one of:

- `user:<id>`: the tenants the user is a member of (read by the database, per statement);
- `tenant:<id>`: one tenant (a demo visitor's copy, a job about one tenant);
- `*`: every tenant: the platform's own paths (services, deletion, demo copies, erasure);
- empty: no tenant at all (anonymous requests, and anything that forgot to say).

Code says which scope it acts in with `scoped(...)` (a context variable); each pooled
connection takes the scope of the code checking it out, with one `set_config` round trip
only when it differs from what that connection already holds. Inside a transaction,
`widened(connection, ...)` changes it for one block, for the platform paths of a request.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from typing import Any, NewType

import asyncpg
import structlog
from sqlalchemy import event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

log = structlog.get_logger()

Scope = NewType("Scope", str)

SETTING = "bakery.scope"
DEFAULT_ROLE = "bakery_gateway"
"""The role the gateway acts as: created by migration 0017, it does not bypass policies."""

NOBODY = Scope("")
PLATFORM = Scope("*")

_SCOPE_OF_RECORD = "bakery.scope"  # key in a pooled connection's `info`: the scope it holds
_current: ContextVar[Scope] = ContextVar("bakery_row_scope", default=NOBODY)


def user(user_id: uuid.UUID) -> Scope:
    """The tenants `user_id` is a member of."""
    return Scope(f"user:{user_id}")


def tenant(tenant_id: uuid.UUID) -> Scope:
    """One tenant."""
    return Scope(f"tenant:{tenant_id}")


def current() -> Scope:
    """The scope the running code acts in."""
    return _current.get()


@contextmanager
def scoped(scope: Scope) -> Iterator[None]:
    """Connections checked out inside the block act in `scope`."""
    token = _current.set(scope)
    try:
        yield
    finally:
        _current.reset(token)


def narrow_to(scope: Scope) -> None:
    """From now on, in this context, act in `scope` (inside a `scoped` block that restores it)."""
    _current.set(scope)


@asynccontextmanager
async def widened(connection: AsyncConnection, scope: Scope, *, why: str) -> AsyncIterator[None]:
    """Act in `scope` on this connection for the block; it must be inside a transaction.

    The platform paths a request takes (erasing a person across tenants, copying a demo
    template, deleting a tenant whose memberships go first) say so here, with their reason.
    """
    if not connection.in_transaction():
        raise RuntimeError("widened() changes the scope of a transaction; begin one first")
    result = await connection.exec_driver_sql(
        f"SELECT current_setting('{SETTING}', true), set_config('{SETTING}', $1, true)",
        (scope,),
    )
    previous = result.scalar() or ""
    log.debug("db.row_security.widened", scope=scope or "nobody", why=why)
    restore = f"SELECT set_config('{SETTING}', $1, true)"
    try:
        yield
    except BaseException:
        # A failed statement leaves the transaction refusing more (a lost connection, anything
        # at all): rolling it, or the savepoint around this block, back undoes the change
        # instead, and the block's own error is the one to report.
        with contextlib.suppress(Exception):
            await connection.exec_driver_sql(restore, (previous,))
        raise
    await connection.exec_driver_sql(restore, (previous,))


def install(engine: AsyncEngine, *, role: str) -> None:
    """Make every connection of `engine` act as `role`, in the scope of the code using it."""
    statement = f"SET ROLE {_quoted(role)}"

    @event.listens_for(engine.sync_engine, "connect")
    def act_as_role(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.run_async(lambda driver: driver.execute(statement))
        record.info[_SCOPE_OF_RECORD] = None  # a new session holds no scope yet

    @event.listens_for(engine.sync_engine, "checkout")
    def take_scope(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        scope = _current.get()
        if record.info.get(_SCOPE_OF_RECORD) == scope:
            return
        # Outside any transaction: a session setting, kept until the next checkout changes it.
        try:
            dbapi_connection.run_async(
                lambda driver: driver.execute(f"SELECT set_config('{SETTING}', $1, false)", scope)
            )
        except _CONNECTION_LOST as error:
            # The server went away while the connection idled, or it is unusable: the pool
            # replaces it with a fresh one.
            raise DisconnectionError(str(error)) from error
        record.info[_SCOPE_OF_RECORD] = scope


_CONNECTION_LOST = (
    OSError,
    asyncpg.InterfaceError,
    asyncpg.PostgresConnectionError,
    asyncpg.exceptions.OperatorInterventionError,  # shutting down, restarting
    # Still busy with an operation a cancelled request left behind: not safe to use again.
    asyncpg.exceptions.InternalClientError,
)


def _quoted(identifier: str) -> str:
    if not identifier or '"' in identifier or "\x00" in identifier:
        raise ValueError(f"not a usable role name: {identifier!r}")
    return f'"{identifier}"'
