"""Business rules of tenants and memberships. Functions take a connection and never commit."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import structlog
from sqlalchemy.ext.asyncio import AsyncConnection

from domains.kernel.errors import OperationRefused
from domains.tenants import repository
from domains.tenants.models import (
    BusinessModel,
    SubscriptionPlan,
    SubscriptionStatus,
)
from domains.tenants.records import MemberRecord, SubscriptionRecord, TenantRecord
from domains.tenants.roles import MemberRole
from domains.users import service as users

log = structlog.get_logger()

MAX_TENANT_NAME_LENGTH = 120
TRIAL_PERIOD = timedelta(days=14)
ADMIN_ROLES = (MemberRole.OWNER, MemberRole.ADMIN)


async def create_tenant(
    connection: AsyncConnection,
    *,
    owner_id: uuid.UUID,
    name: str,
    business_model: BusinessModel,
) -> TenantRecord:
    """A new tenant owned by `owner_id` (its OWNER member), on a Starter trial."""
    clean_name = " ".join(name.split())
    if not clean_name or len(clean_name) > MAX_TENANT_NAME_LENGTH:
        raise OperationRefused.because(
            "INVALID_NAME",
            f"Give the bakery a name of 1 to {MAX_TENANT_NAME_LENGTH} characters.",
            "name",
        )
    tenant = await repository.insert_tenant(
        connection, name=clean_name, business_model=business_model, owner_id=owner_id
    )
    await repository.insert_member(
        connection, tenant_id=tenant.id, user_id=owner_id, role=MemberRole.OWNER
    )
    await repository.insert_subscription(
        connection,
        tenant_id=tenant.id,
        plan=SubscriptionPlan.STARTER,
        status=SubscriptionStatus.TRIALING,
        trial_ends_at=datetime.now(UTC) + TRIAL_PERIOD,
    )
    log.info("tenants.tenant.created", tenant_id=str(tenant.id), owner_id=str(owner_id))
    return tenant


async def add_member(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, email: str, role: MemberRole
) -> MemberRecord:
    """Add the account with this email to the tenant; OWNER is only given by a transfer."""
    if role is MemberRole.OWNER:
        raise _cannot_grant_owner()
    await _require_live_tenant(connection, tenant_id)
    user = await users.find_by_email(connection, email=email)
    if user is None:
        raise OperationRefused.because(
            "USER_NOT_FOUND", "No account uses this email; ask them to sign up first.", "email"
        )
    member = await repository.insert_member(
        connection, tenant_id=tenant_id, user_id=user.id, role=role
    )
    if member is None:
        raise OperationRefused.because(
            "ALREADY_MEMBER", "This person is already a member of the bakery.", "email"
        )
    log.info(
        "tenants.member.added", tenant_id=str(tenant_id), user_id=str(user.id), role=role.value
    )
    return member


async def update_member_role(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, user_id: uuid.UUID, role: MemberRole
) -> MemberRecord:
    """Change a member's role; the owner's role changes only by transferring ownership."""
    if role is MemberRole.OWNER:
        raise _cannot_grant_owner()
    member = await _locked_member(connection, tenant_id=tenant_id, user_id=user_id)
    if member.role is MemberRole.OWNER:
        raise OperationRefused.because(
            "CANNOT_CHANGE_OWNER_ROLE",
            "The owner's role changes only by transferring ownership.",
            "userId",
        )
    updated = await repository.set_member_role(
        connection, tenant_id=tenant_id, user_id=user_id, role=role
    )
    log.info(
        "tenants.member.role_changed",
        tenant_id=str(tenant_id),
        user_id=str(user_id),
        role=role.value,
    )
    return updated


async def remove_member(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, user_id: uuid.UUID
) -> MemberRecord:
    """Remove a member; never the owner."""
    member = await _locked_member(connection, tenant_id=tenant_id, user_id=user_id)
    if member.role is MemberRole.OWNER:
        raise OperationRefused.because(
            "CANNOT_REMOVE_OWNER",
            "The owner cannot be removed; transfer ownership first.",
            "userId",
        )
    await repository.delete_member(connection, tenant_id=tenant_id, user_id=user_id)
    log.info("tenants.member.removed", tenant_id=str(tenant_id), user_id=str(user_id))
    return member


async def get_tenants(connection: AsyncConnection, ids: Sequence[uuid.UUID]) -> list[TenantRecord]:
    """Live tenants with these ids."""
    return await repository.get_tenants(connection, ids)


async def tenants_of_user(connection: AsyncConnection, user_id: uuid.UUID) -> list[TenantRecord]:
    """Live tenants the user belongs to."""
    return await repository.tenants_of_user(connection, user_id)


async def members_of(
    connection: AsyncConnection, tenant_ids: Sequence[uuid.UUID]
) -> list[MemberRecord]:
    """Members of these live tenants."""
    return await repository.members_of(connection, tenant_ids)


async def admins_of(connection: AsyncConnection, tenant_id: uuid.UUID) -> list[MemberRecord]:
    """The OWNER and ADMIN members of a live tenant."""
    return await repository.members_of(connection, [tenant_id], roles=ADMIN_ROLES)


async def memberships(
    connection: AsyncConnection, pairs: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> list[tuple[MemberRecord, TenantRecord]]:
    """Memberships for (tenant id, user id) pairs in live tenants, with their tenant."""
    return await repository.memberships(connection, pairs)


async def current_subscriptions(
    connection: AsyncConnection, tenant_ids: Sequence[uuid.UUID]
) -> list[SubscriptionRecord]:
    """The current subscription of each tenant."""
    return await repository.current_subscriptions(connection, tenant_ids)


async def _require_live_tenant(connection: AsyncConnection, tenant_id: uuid.UUID) -> None:
    if not await repository.get_tenants(connection, [tenant_id]):
        raise OperationRefused.because("TENANT_NOT_FOUND", "No such bakery.", "tenantId")


async def _locked_member(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, user_id: uuid.UUID
) -> MemberRecord:
    member = await repository.lock_membership(connection, tenant_id=tenant_id, user_id=user_id)
    if member is None:
        raise OperationRefused.because(
            "MEMBER_NOT_FOUND", "This person is not a member of the bakery.", "userId"
        )
    return member


def _cannot_grant_owner() -> OperationRefused:
    return OperationRefused.because(
        "CANNOT_GRANT_OWNER", "Ownership is given only with transferOwnership.", "role"
    )
