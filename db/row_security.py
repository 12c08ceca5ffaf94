"""Row-level security: the database's second line behind every resolver's tenant filter.

Every tenant-scoped table has a policy (migrations 0017 and 0018, `gateway_security.protect`)
that shows and accepts only rows of the tenants the connection's *scope* allows. The gateway
connects as a role that does not bypass policies (`GATEWAY_DATABASE_ROLE`, `SET ROLE` on
connect), so a query that forgot its `tenant_id` filter still returns nothing of another tenant.

The scope is the PostgreSQL setting `bakery.scope`, one of:

- `user:<id>`: the tenants the user is a member of (read by the database, per statement);
- `tenant:<id>`: one tenant (a demo visitor's copy, a job about one tenant);
- `*`: every tenant: the platform's own paths (services, deletion, demo copies, erasure). The
  connection then acts as the platform role (`bakery_platform`), whose own policy admits
  every row: the tenant policy stays a plain `tenant_id = ANY(...)` that the planner uses as
  an index condition, instead of a condition with an OR checked again on every row;
- empty: no tenant at all (anonymous requests, and anything that forgot to say).

Code says which scope it acts in with `scoped(...)` (a context variable); each pooled
connection takes the scope of the code checking it out, with one `set_config` round trip
(role and scope together) only when it differs from what that connection already holds.
Inside a transaction,
`widened(connection, ...)` changes it for one block, for the platform paths of a request.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator, Iterator, Sequence
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
PLATFORM_ROLE = "bakery_platform"
"""The role of the platform scope: created by migration 0018, admitted to every row by its own
policy (it does not bypass policies either: a table without that policy shows it nothing)."""

NOBODY = Scope("")
PLATFORM = Scope("*")

_SCOPE_OF_RECORD = "bakery.scope"  # key in a pooled connection's `info`: the scope it holds
_ROLES_OF_RECORD = "bakery.roles"  # and the (scoped, platform) roles it switches between
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
    roles: tuple[str, str] | None = connection.info.get(_ROLES_OF_RECORD)
    # The select list is evaluated left to right: the settings are read before they change.
    result = await connection.exec_driver_sql(
        f"SELECT current_setting('{SETTING}', true), current_setting('role'), "
        f"set_config('{SETTING}', $1, true), set_config('role', $2, true)",
        (scope, _role_for(scope, roles) if roles else "none"),
    )
    row: Sequence[Any] = result.one()
    previous = (row[0] or "", row[1])
    log.debug("db.row_security.widened", scope=scope or "nobody", why=why)
    restore = f"SELECT set_config('{SETTING}', $1, true), set_config('role', $2, true)"
    try:
        yield
    except BaseException:
        # A failed statement leaves the transaction refusing more (a lost connection, anything
        # at all): rolling it, or the savepoint around this block, back undoes the change
        # instead, and the block's own error is the one to report.
        with contextlib.suppress(Exception):
            await connection.exec_driver_sql(restore, previous)
        raise
    await connection.exec_driver_sql(restore, previous)


def install(engine: AsyncEngine, *, role: str, platform_role: str = PLATFORM_ROLE) -> None:
    """Make every connection of `engine` act as `role`, in the scope of the code using it.

    In the platform scope it acts as `platform_role` instead.
    """
    statement = f"SET ROLE {_quoted(role)}"
    _quoted(platform_role)  # refused here, at start-up, when it could not be a role's name
    roles = (role, platform_role)
    take = f"SELECT set_config('{SETTING}', $1, false), set_config('role', $2, false)"

    @event.listens_for(engine.sync_engine, "connect")
    def act_as_role(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.run_async(lambda driver: driver.execute(statement))
        record.info[_SCOPE_OF_RECORD] = None  # a new session holds no scope yet
        record.info[_ROLES_OF_RECORD] = roles

    @event.listens_for(engine.sync_engine, "checkout")
    def take_scope(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        scope = _current.get()
        if record.info.get(_SCOPE_OF_RECORD) == scope:
            return
        # Outside any transaction: session settings, kept until the next checkout changes them.
        try:
            dbapi_connection.run_async(
                lambda driver: driver.execute(take, scope, _role_for(scope, roles))
            )
        except _CONNECTION_LOST as error:
            # The server went away while the connection idled, or it is unusable: the pool
            # replaces it with a fresh one.
            raise DisconnectionError(str(error)) from error
        record.info[_SCOPE_OF_RECORD] = scope


def _role_for(scope: Scope, roles: tuple[str, str]) -> str:
    scoped_role, platform_role = roles
    return platform_role if scope == PLATFORM else scoped_role


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
