"""The lifecycle API as the tests call it, and bakeries with rows in several domains."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import text
from starlette.applications import Starlette

from tests.notifications.api import send
from tests.support import Bakery, GraphQLClient, Result

PREVIEW = """
query($tenantId: ID!) {
  deletionPreview(tenantId: $tenantId) {
    tenantId totalItems domains { domain total entities { entity count } }
  }
}
"""
JOB_FIELDS = """
  id tenantId mode status reason initiatedBy createdAt completedAt purgeAfter
  itemsPlanned totalItemsDeleted error
  steps { domain status itemsDeleted durationMs error entities { entity count } }
  certificate { algorithm signature document json }
"""
DELETE = f"""
mutation($tenantId: ID!, $reason: String, $mode: DeletionMode) {{
  deleteTenant(tenantId: $tenantId, reason: $reason, mode: $mode) {{
    job {{ {JOB_FIELDS} }} errors {{ code message field }}
  }}
}}
"""
RESTORE = """
mutation($tenantId: ID!) {
  restoreTenant(tenantId: $tenantId) { tenant { id name } errors { code message field } }
}
"""
JOB = f"query($id: ID!) {{ deletionJob(id: $id) {{ {JOB_FIELDS} }} }}"
JOBS = """
query($tenantId: ID, $first: Int, $after: String) {
  deletionJobs(tenantId: $tenantId, first: $first, after: $after) {
    totalCount nodes { id tenantId status } pageInfo { hasNextPage endCursor }
  }
}
"""
AUDIT = """
query($tenantId: ID!, $first: Int, $after: String) {
  auditEvents(tenantId: $tenantId, first: $first, after: $after) {
    nodes { actor action tenantId target reason counts } pageInfo { hasNextPage endCursor }
  }
}
"""
OUTBOX = """
query($first: Int, $after: String) {
  outboxEvents(first: $first, after: $after) {
    nodes { id position event tenantId payload } pageInfo { hasNextPage endCursor }
  }
}
"""
TRANSFER = """
mutation($tenantId: ID!, $newOwnerId: ID!) {
  transferOwnership(tenantId: $tenantId, newOwnerId: $newOwnerId) {
    tenant { id ownerId } errors { code message field }
  }
}
"""
DELETE_MEMBERSHIPS = """
mutation($userId: ID!) {
  deleteUserMemberships(userId: $userId) { removedFromTenantIds errors { code message field } }
}
"""
DELETE_USER = """
mutation($userId: ID!, $reason: String) {
  deleteUser(userId: $userId, reason: $reason) {
    userId transferredTenants { id ownerId } deletionJobs { id tenantId status mode }
    errors { code message field }
  }
}
"""


def service(token: str) -> dict[str, str]:
    """Headers of a service call."""
    return {"Authorization": f"Bearer {token}"}


async def stocked_bakery(client: GraphQLClient, app: Starlette) -> Bakery:
    """A bakery with rows in tenants, inventory and notifications."""
    bakery = await Bakery.open(client)
    flour = await bakery.ingredient("Harina")
    await bakery.stock(ingredient_id=flour, quantity="10")
    await bakery.product("Barra")
    await send(app, bakery, [bakery.owner], subject="Hola")
    return bakery


async def delete(bakery: Bakery, mode: str, *, headers: dict[str, str] | None = None) -> Result:
    """`deleteTenant` as the owner (or with `headers`)."""
    variables: dict[str, Any] = {"tenantId": bakery.id, "reason": "cierre", "mode": mode}
    if headers is not None:
        return await bakery.client.execute(DELETE, variables, headers=headers)
    return await bakery.run(DELETE, variables)


async def rows_of(app: Starlette, tenant_id: str) -> dict[str, int]:
    """Rows holding the tenant's id in every table of the catalog that has a tenant_id."""
    async with app.state.resources.database.read() as connection:
        tables = await connection.execute(
            text(
                "SELECT table_schema, table_name FROM information_schema.columns "
                "WHERE column_name = 'tenant_id' "
                "AND table_schema NOT IN ('lifecycle', 'audit', 'public')"
            )
        )
        counts: dict[str, int] = {}
        for schema, table in tables:
            counts[f"{schema}.{table}"] = int(
                await connection.scalar(
                    text(f'SELECT count(*) FROM "{schema}"."{table}" WHERE tenant_id = :t'),  # noqa: S608
                    {"t": uuid.UUID(tenant_id)},
                )
                or 0
            )
    return {table: count for table, count in counts.items() if count}
