"""End-to-end latency of GraphQL reads through the gateway against the graphql-core floor."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.client import Account, SetupError
from bench.environment import Environment
from bench.floor import execute_on_floor, floor_root, prepare
from bench.harness import Comparison
from bench.timing import measure_side_by_side

ME = "{ me { id } }"
TENANT_MEMBERS = "query($id: ID!) { tenant(id: $id) { members { role user { email } } } }"
MEMBER_COUNT = 50
ROLES = ("ADMIN", "MEMBER", "VIEWER")


async def me_latency(environment: Environment, iterations: int) -> list[Comparison]:
    """`{ me { id } }` as a signed-in user."""
    client = environment.client
    user = await client.sign_up()
    root = floor_root(me={"id": user.id})
    return [
        await against_floor(
            environment, "me { id }", ME, {}, as_=user, root=root, iterations=iterations
        )
    ]


async def tenant_members_latency(environment: Environment, iterations: int) -> list[Comparison]:
    """A bakery's members with their roles and emails, as its owner; 50 members."""
    client = environment.client
    owner = await client.sign_up()
    tenant_id = await client.create_tenant(owner)
    members = [{"role": "OWNER", "user": {"email": owner.email}}]
    for index in range(MEMBER_COUNT - 1):
        member = await client.sign_up()
        role = ROLES[index % len(ROLES)]
        await client.add_member(tenant_id, member, role, by=owner)
        members.append({"role": role, "user": {"email": member.email}})
    root = floor_root(tenants={tenant_id: {"members": members}})
    name = f"tenant.members ({MEMBER_COUNT})"
    variables = {"id": tenant_id}
    return [
        await against_floor(
            environment,
            name,
            TENANT_MEMBERS,
            variables,
            as_=owner,
            root=root,
            iterations=iterations,
        )
    ]


async def against_floor(
    environment: Environment,
    name: str,
    document: str,
    variables: dict[str, Any],
    *,
    as_: Account,
    root: dict[str, Any],
    iterations: int,
) -> Comparison:
    """The gateway serving `document` against graphql-core executing it on `root`."""
    client = environment.client
    # Both sides must serve the very same data, or the ratio compares different work.
    with counting_statements(environment.gateway_engine) as statements:
        served = await client.execute(document, variables, as_=as_)
    prepared = prepare(document)
    floor = await execute_on_floor(prepared, variables, root)
    if floor.get("errors") or floor.get("data") != served:
        raise SetupError(f"{name}: the floor served {floor!r}, the gateway {served!r}")
    gateway, baseline = await measure_side_by_side(
        lambda: client.post(document, variables, as_=as_),
        lambda: execute_on_floor(prepared, variables, root),
        iterations=iterations,
    )
    return Comparison(
        name=name,
        subject=gateway,
        baseline_name="graphql-core",
        baseline=baseline,
        statements=len(statements),
    )


@contextmanager
def counting_statements(engine: AsyncEngine) -> Iterator[list[str]]:
    """The SQL statements `engine` runs inside the block."""
    statements: list[str] = []

    def record(*args: Any) -> None:
        statements.append(args[2])

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)
