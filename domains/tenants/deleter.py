"""Deleting a tenant's own rows: its subscription is cancelled before it goes."""

from __future__ import annotations

import uuid

import structlog
from sqlalchemy.ext.asyncio import AsyncConnection

from domains.kernel.deleter import Batch, EntityCounts, TenantDataDeleter
from domains.tenants import repository

log = structlog.get_logger()


class TenantsDeleter(TenantDataDeleter):
    """Members, subscriptions and the tenant row (metadata-derived), after a cancellation.

    Cancelling first is what billing listens to; the rows then go like any other. A person's
    references here (owner, member) are never erased blindly: that is a handover or a deletion.
    """

    async def delete(self, connection: AsyncConnection, tenant_id: uuid.UUID) -> EntityCounts:
        await _cancel_subscription(connection, tenant_id)
        return await super().delete(connection, tenant_id)

    async def delete_batch(
        self,
        connection: AsyncConnection,
        tenant_id: uuid.UUID,
        *,
        limit: int,
        resume_at: str | None = None,
        after: uuid.UUID | None = None,
    ) -> Batch:
        await _cancel_subscription(connection, tenant_id)
        return await super().delete_batch(
            connection, tenant_id, limit=limit, resume_at=resume_at, after=after
        )

    async def erase_references(
        self, connection: AsyncConnection, *, target: str, target_id: uuid.UUID
    ) -> EntityCounts:
        # Owners and members are the tenants service's business: a person's tenants are handed
        # over or deleted and their memberships removed before the account goes, never here.
        return {}


async def _cancel_subscription(connection: AsyncConnection, tenant_id: uuid.UUID) -> None:
    if await repository.cancel_subscriptions(connection, tenant_id):
        log.info("tenants.subscription.cancelled", tenant_id=str(tenant_id))
