"""Per-request DataLoaders of the tenants domain."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence

from sqlalchemy.ext.asyncio import AsyncConnection

from domains.kernel.loaders import Loader
from domains.tenants import service
from domains.tenants.records import MemberRecord, SubscriptionRecord, TenantRecord

MembershipKey = tuple[uuid.UUID, uuid.UUID]


class TenantByIdLoader(Loader[uuid.UUID, TenantRecord | None]):
    """Live tenants by id."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[uuid.UUID]
    ) -> Mapping[uuid.UUID, TenantRecord | None]:
        return {tenant.id: tenant for tenant in await service.get_tenants(connection, keys)}


class MembersByTenantLoader(Loader[uuid.UUID, list[MemberRecord]]):
    """Members of each tenant, oldest first."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[uuid.UUID]
    ) -> Mapping[uuid.UUID, list[MemberRecord]]:
        grouped: dict[uuid.UUID, list[MemberRecord]] = defaultdict(list)
        for member in await service.members_of(connection, keys):
            grouped[member.tenant_id].append(member)
        return grouped

    def missing(self) -> list[MemberRecord]:
        return []


class MembershipByTenantAndUserLoader(Loader[MembershipKey, MemberRecord | None]):
    """A user's membership of a tenant, keyed by (tenant id, user id)."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[MembershipKey]
    ) -> Mapping[MembershipKey, MemberRecord | None]:
        found = await service.memberships(connection, keys)
        # A role check is followed by reading the tenant: it was read here already.
        tenants = self.siblings.get(TenantByIdLoader)
        for _, tenant in found:
            tenants.prime(tenant.id, tenant)
        return {(member.tenant_id, member.user_id): member for member, _ in found}


class SubscriptionByTenantLoader(Loader[uuid.UUID, SubscriptionRecord | None]):
    """The current subscription of each tenant."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[uuid.UUID]
    ) -> Mapping[uuid.UUID, SubscriptionRecord | None]:
        found = await service.current_subscriptions(connection, keys)
        return {subscription.tenant_id: subscription for subscription in found}


class TenantIsDeletedLoader(Loader[uuid.UUID, bool]):
    """Whether each tenant exists and is soft-deleted (awaiting its purge)."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[uuid.UUID]
    ) -> Mapping[uuid.UUID, bool]:
        states = await service.tenant_states(connection, keys)
        return {tenant_id: deleted_at is not None for tenant_id, deleted_at in states.items()}

    def missing(self) -> bool:
        return False


class MembershipAnyStateLoader(Loader[MembershipKey, MemberRecord | None]):
    """A user's membership of a tenant, soft-deleted tenants included (restores, deletion jobs)."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[MembershipKey]
    ) -> Mapping[MembershipKey, MemberRecord | None]:
        found = await service.memberships_any_state(connection, keys)
        return {(member.tenant_id, member.user_id): member for member in found}
