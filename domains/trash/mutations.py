"""Mutations of the trash: bulk soft delete and restore on any soft-deletable entity."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime

import strawberry
from sqlalchemy.ext.asyncio import AsyncConnection

from db.soft_delete import Restoration, SoftDeletion
from domains.kernel.context import RequestContext
from domains.kernel.errors import BadUserInput
from domains.kernel.ids import parse_id
from domains.kernel.payloads import actor, attempt
from domains.kernel.permissions import requires
from domains.tenants.permissions import TenantRole
from domains.tenants.roles import MemberRole
from domains.trash import service
from domains.trash.policy import MAX_BULK, TrashPolicy
from domains.trash.types import RestorationPayload, TrashDeletionPayload

Info = strawberry.Info[RequestContext, None]
MANAGER = requires(TenantRole(MemberRole.ADMIN))


def parse_ids(ids: list[strawberry.ID]) -> list[uuid.UUID]:
    """The UUIDs of an `ids` argument; BAD_USER_INPUT past 500, before parsing any."""
    if len(ids) > MAX_BULK:
        raise BadUserInput(f"At most {MAX_BULK} ids per call.", field="ids")
    return [parse_id(value, argument="ids") for value in ids]


async def _deletion(
    info: Info, work: Callable[[AsyncConnection, TrashPolicy], Awaitable[SoftDeletion]]
) -> TrashDeletionPayload:
    """Run a deletion in the request's unit of work; its payload, or the refusal's."""
    policy = info.context.dependency(TrashPolicy)
    outcome = await attempt(info.context.uow, lambda connection: work(connection, policy))
    if isinstance(outcome, list):
        return TrashDeletionPayload(errors=outcome)
    return TrashDeletionPayload.from_deletion(outcome)


async def _restoration(
    info: Info, work: Callable[[AsyncConnection, TrashPolicy], Awaitable[Restoration]]
) -> RestorationPayload:
    """Run a restore in the request's unit of work; its payload, or the refusal's."""
    policy = info.context.dependency(TrashPolicy)
    outcome = await attempt(info.context.uow, lambda connection: work(connection, policy))
    if isinstance(outcome, list):
        return RestorationPayload(errors=outcome)
    return RestorationPayload.from_restoration(outcome)


@strawberry.type
class TrashMutation:
    @strawberry.mutation(
        description=(
            "Soft-delete up to 500 rows of one entity by id, with what goes with them, as one "
            "restorable batch. OWNER or ADMIN."
        ),
        extensions=MANAGER,
    )
    async def delete_items(
        self,
        info: Info,
        tenant_id: strawberry.ID,
        entity: str,
        ids: list[strawberry.ID],
        reason: str | None = None,
    ) -> TrashDeletionPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        keys = parse_ids(ids)
        return await _deletion(
            info,
            lambda connection, policy: service.delete_items(
                connection,
                policy,
                tenant_id=tenant,
                entity=entity,
                ids=keys,
                deleted_by=actor(info.context.principal),
                reason=reason,
            ),
        )

    @strawberry.mutation(
        description=(
            "Soft-delete every live row of one entity whose name contains `labelContains`, in "
            "one statement, as one restorable batch. OWNER or ADMIN."
        ),
        extensions=MANAGER,
    )
    async def delete_items_matching(
        self,
        info: Info,
        tenant_id: strawberry.ID,
        entity: str,
        label_contains: str,
        reason: str | None = None,
    ) -> TrashDeletionPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        return await _deletion(
            info,
            lambda connection, policy: service.delete_items(
                connection,
                policy,
                tenant_id=tenant,
                entity=entity,
                label_contains=label_contains,
                deleted_by=actor(info.context.principal),
                reason=reason,
            ),
        )

    @strawberry.mutation(
        description=(
            "Bring back up to 500 deleted rows of one entity by id, with the rows their "
            "deletion cascaded to (not rows deleted on their own). OWNER or ADMIN."
        ),
        extensions=MANAGER,
    )
    async def restore_items(
        self, info: Info, tenant_id: strawberry.ID, entity: str, ids: list[strawberry.ID]
    ) -> RestorationPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        keys = parse_ids(ids)
        return await _restoration(
            info,
            lambda connection, policy: service.restore_items(
                connection, policy, tenant_id=tenant, entity=entity, ids=keys
            ),
        )

    @strawberry.mutation(
        description=(
            "Bring back every deleted row of one entity deleted by `deletedBy` and/or within "
            "[deletedAfter, deletedBefore), in one statement. OWNER or ADMIN."
        ),
        extensions=MANAGER,
    )
    async def restore_items_matching(
        self,
        info: Info,
        tenant_id: strawberry.ID,
        entity: str,
        deleted_by: str | None = None,
        deleted_after: datetime | None = None,
        deleted_before: datetime | None = None,
    ) -> RestorationPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        return await _restoration(
            info,
            lambda connection, policy: service.restore_items(
                connection,
                policy,
                tenant_id=tenant,
                entity=entity,
                deleted_by=deleted_by,
                deleted_after=deleted_after,
                deleted_before=deleted_before,
            ),
        )

    @strawberry.mutation(
        description="Bring back everything one deletion hid, and nothing else. OWNER or ADMIN.",
        extensions=MANAGER,
    )
    async def restore_batch(
        self, info: Info, tenant_id: strawberry.ID, batch_id: strawberry.ID
    ) -> RestorationPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        batch = parse_id(batch_id, argument="batchId")
        return await _restoration(
            info,
            lambda connection, policy: service.restore_batch(
                connection, policy, tenant_id=tenant, batch_id=batch
            ),
        )
