"""All SQL of the tenants domain. Deleted tenants are invisible to every read here."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from db.keys import tenant_keys
from db.prepared import TenantKeyRead
from db.records import record_reader
from domains.tenants.models import (
    BusinessModel,
    Subscription,
    SubscriptionPlan,
    SubscriptionStatus,
    Tenant,
    TenantMember,
)
from domains.tenants.records import MemberRecord, SubscriptionRecord, TenantRecord, TenantState
from domains.tenants.roles import MemberRole

_TENANT = (
    Tenant.id,
    Tenant.name,
    Tenant.business_model,
    Tenant.owner_id,
    Tenant.is_demo,
    Tenant.created_at,
    Tenant.updated_at,
)
_MEMBER = (
    TenantMember.id,
    TenantMember.tenant_id,
    TenantMember.user_id,
    TenantMember.role,
    TenantMember.created_at,
)
_SUBSCRIPTION = (
    Subscription.id,
    Subscription.tenant_id,
    Subscription.plan,
    Subscription.status,
    Subscription.trial_ends_at,
    Subscription.created_at,
)
_LIVE = Tenant.deleted_at.is_(None)
_member_record = record_reader(MemberRecord, _MEMBER)
_tenant_record = record_reader(TenantRecord, _TENANT)


async def insert_tenant(
    connection: AsyncConnection,
    *,
    name: str,
    business_model: BusinessModel,
    owner_id: uuid.UUID,
) -> TenantRecord:
    """Insert a tenant."""
    statement = (
        insert(Tenant)
        .values(id=uuid.uuid4(), name=name, business_model=business_model, owner_id=owner_id)
        .returning(*_TENANT)
    )
    return TenantRecord(*(await connection.execute(statement)).one())


async def insert_member(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, user_id: uuid.UUID, role: MemberRole
) -> MemberRecord | None:
    """Insert a membership; None when the user is already a member."""
    statement = (
        insert(TenantMember)
        .values(tenant_id=tenant_id, id=uuid.uuid4(), user_id=user_id, role=role)
        .on_conflict_do_nothing(index_elements=["tenant_id", "user_id"])
        .returning(*_MEMBER)
    )
    row = (await connection.execute(statement)).first()
    return MemberRecord(*row) if row is not None else None


async def insert_subscription(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    plan: SubscriptionPlan,
    status: SubscriptionStatus,
    trial_ends_at: datetime | None,
) -> None:
    """Start a subscription."""
    await connection.execute(
        insert(Subscription).values(
            tenant_id=tenant_id,
            id=uuid.uuid4(),
            plan=plan,
            status=status,
            trial_ends_at=trial_ends_at,
        )
    )


async def get_tenants(connection: AsyncConnection, ids: Sequence[uuid.UUID]) -> list[TenantRecord]:
    """Live tenants with these ids."""
    rows = await connection.execute(select(*_TENANT).where(Tenant.id.in_(ids), _LIVE))
    return [TenantRecord(*row) for row in rows]


async def tenants_of_user(connection: AsyncConnection, user_id: uuid.UUID) -> list[TenantRecord]:
    """Live tenants the user is a member of, oldest membership first."""
    statement = (
        select(*_TENANT)
        .join(TenantMember, TenantMember.tenant_id == Tenant.id)
        .where(TenantMember.user_id == user_id, _LIVE)
        .order_by(TenantMember.created_at, Tenant.id)
    )
    return [TenantRecord(*row) for row in await connection.execute(statement)]


async def members_of(
    connection: AsyncConnection,
    tenant_ids: Sequence[uuid.UUID],
    *,
    roles: Sequence[MemberRole] | None = None,
) -> list[MemberRecord]:
    """Members of these live tenants, oldest first; optionally only some roles."""
    statement = (
        select(*_MEMBER)
        .join(Tenant, Tenant.id == TenantMember.tenant_id)
        .where(TenantMember.tenant_id.in_(tenant_ids), _LIVE)
        .order_by(TenantMember.tenant_id, TenantMember.created_at, TenantMember.id)
    )
    if roles is not None:
        statement = statement.where(TenantMember.role.in_(roles))
    return [MemberRecord(*row) for row in await connection.execute(statement)]


def _member_with_tenant(*values: Any) -> tuple[MemberRecord, TenantRecord]:
    width = len(_MEMBER)
    return MemberRecord(*values[:width]), TenantRecord(*values[width:])


_MEMBERSHIPS = TenantKeyRead(
    select(*_MEMBER, *_TENANT).join(Tenant, Tenant.id == TenantMember.tenant_id).where(_LIVE),
    tenant=TenantMember.tenant_id,
    key=TenantMember.user_id,
    make=_member_with_tenant,
)


async def memberships(
    connection: AsyncConnection, pairs: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> list[tuple[MemberRecord, TenantRecord]]:
    """Memberships for (tenant id, user id) pairs in live tenants only, with their tenant."""
    return await _MEMBERSHIPS.fetch(connection, pairs)


async def lock_membership(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, user_id: uuid.UUID
) -> MemberRecord | None:
    """The membership, locked until the transaction ends (live tenants only)."""
    statement = (
        select(*_MEMBER)
        .join(Tenant, Tenant.id == TenantMember.tenant_id)
        .where(TenantMember.tenant_id == tenant_id, TenantMember.user_id == user_id, _LIVE)
        .with_for_update(of=TenantMember)
    )
    row = (await connection.execute(statement)).first()
    return MemberRecord(*row) if row is not None else None


async def set_member_role(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, user_id: uuid.UUID, role: MemberRole
) -> MemberRecord:
    """Change a member's role."""
    statement = (
        update(TenantMember)
        .where(TenantMember.tenant_id == tenant_id, TenantMember.user_id == user_id)
        .values(role=role)
        .returning(*_MEMBER)
    )
    return MemberRecord(*(await connection.execute(statement)).one())


async def delete_member(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, user_id: uuid.UUID
) -> None:
    """Remove a membership."""
    await connection.execute(
        delete(TenantMember).where(
            TenantMember.tenant_id == tenant_id, TenantMember.user_id == user_id
        )
    )


async def current_subscriptions(
    connection: AsyncConnection, tenant_ids: Sequence[uuid.UUID]
) -> list[SubscriptionRecord]:
    """The subscription that is not cancelled, per tenant."""
    statement = select(*_SUBSCRIPTION).where(
        Subscription.tenant_id.in_(tenant_ids),
        Subscription.status != SubscriptionStatus.CANCELLED,
    )
    return [SubscriptionRecord(*row) for row in await connection.execute(statement)]


async def cancel_subscriptions(connection: AsyncConnection, tenant_id: uuid.UUID) -> int:
    """Cancel the tenant's subscription that is not cancelled yet; how many were."""
    statement = (
        update(Subscription)
        .where(
            Subscription.tenant_id == tenant_id,
            Subscription.status != SubscriptionStatus.CANCELLED,
        )
        .values(status=SubscriptionStatus.CANCELLED, cancelled_at=func.now())
    )
    return (await connection.execute(statement)).rowcount


async def lock_tenant(connection: AsyncConnection, tenant_id: uuid.UUID) -> TenantState | None:
    """The tenant, live or soft-deleted, locked (`FOR UPDATE`) until the transaction ends."""
    statement = select(*_TENANT, Tenant.deleted_at).where(Tenant.id == tenant_id).with_for_update()
    row = (await connection.execute(statement)).first()
    if row is None:
        return None
    return TenantState(tenant=_tenant_record(row), deleted_at=row.deleted_at)


async def tenant_states(
    connection: AsyncConnection, tenant_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, datetime | None]:
    """When each existing tenant was soft-deleted (None: live); missing tenants are left out."""
    rows = await connection.execute(
        select(Tenant.id, Tenant.deleted_at).where(Tenant.id.in_(tenant_ids))
    )
    return {row.id: row.deleted_at for row in rows}


async def set_tenant_deleted(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    deleted_by: str | None,
    reason: str | None,
    batch_id: uuid.UUID | None,
) -> None:
    """Hide the tenant (soft delete), or bring it back when `deleted_by` is None."""
    hide = deleted_by is not None
    await connection.execute(
        update(Tenant)
        .where(Tenant.id == tenant_id)
        .values(
            deleted_at=func.now() if hide else None,
            deleted_by=deleted_by,
            deletion_reason=reason,
            deletion_batch_id=batch_id,
        )
    )


async def set_owner(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, owner_id: uuid.UUID
) -> None:
    """Record the tenant's owner."""
    await connection.execute(update(Tenant).where(Tenant.id == tenant_id).values(owner_id=owner_id))


async def memberships_any_state(
    connection: AsyncConnection, pairs: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> list[MemberRecord]:
    """Memberships for (tenant id, user id) pairs, live and soft-deleted tenants alike."""
    statement = select(*_MEMBER).where(
        tenant_keys(TenantMember.tenant_id, TenantMember.user_id, pairs)
    )
    return [_member_record(row) for row in await connection.execute(statement)]


async def memberships_of_user(
    connection: AsyncConnection, user_id: uuid.UUID
) -> list[MemberRecord]:
    """Every membership of the user, in live and soft-deleted tenants, oldest first."""
    statement = (
        select(*_MEMBER)
        .where(TenantMember.user_id == user_id)
        .order_by(TenantMember.created_at, TenantMember.id)
    )
    return [_member_record(row) for row in await connection.execute(statement)]


async def delete_memberships(
    connection: AsyncConnection, *, user_id: uuid.UUID, tenant_ids: Sequence[uuid.UUID]
) -> int:
    """Remove the user's memberships of these tenants; how many there were."""
    result = await connection.execute(
        delete(TenantMember).where(
            TenantMember.user_id == user_id, TenantMember.tenant_id.in_(tenant_ids)
        )
    )
    return result.rowcount
