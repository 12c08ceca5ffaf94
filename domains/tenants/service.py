"""Business rules of tenants and memberships. Functions take a connection and never commit."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import structlog
from sqlalchemy.ext.asyncio import AsyncConnection

from domains.audit import service as audit
from domains.kernel.errors import OperationRefused, Problem
from domains.tenants import repository
from domains.tenants.models import (
    BusinessModel,
    SubscriptionPlan,
    SubscriptionStatus,
)
from domains.tenants.records import MemberRecord, SubscriptionRecord, TenantRecord, TenantState
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
    connection: AsyncConnection, *, tenant_id: uuid.UUID, user_id: uuid.UUID, actor: str
) -> MemberRecord:
    """Remove a member (audited); never the owner."""
    member = await _locked_member(connection, tenant_id=tenant_id, user_id=user_id)
    if member.role is MemberRole.OWNER:
        raise OperationRefused.because(
            "CANNOT_REMOVE_OWNER",
            "The owner cannot be removed; transfer ownership first.",
            "userId",
        )
    await repository.delete_member(connection, tenant_id=tenant_id, user_id=user_id)
    await audit.record(
        connection,
        actor=actor,
        action="tenant.member_removed",
        tenant_id=tenant_id,
        target=f"user:{user_id}",
    )
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


async def lock_tenant(connection: AsyncConnection, tenant_id: uuid.UUID) -> TenantState:
    """The tenant, live or soft-deleted, locked until the transaction ends; TENANT_NOT_FOUND."""
    state = await repository.lock_tenant(connection, tenant_id)
    if state is None:
        raise OperationRefused.because("TENANT_NOT_FOUND", "No such bakery.", "tenantId")
    return state


async def tenant_states(
    connection: AsyncConnection, tenant_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, datetime | None]:
    """When each existing tenant was soft-deleted (None while live)."""
    return await repository.tenant_states(connection, tenant_ids)


async def hide_tenant(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, deleted_by: str, reason: str | None
) -> None:
    """Soft-delete a (locked) tenant: from now on no read or role check finds it."""
    await repository.set_tenant_deleted(
        connection, tenant_id=tenant_id, deleted_by=deleted_by, reason=reason, batch_id=None
    )
    log.info("tenants.tenant.hidden", tenant_id=str(tenant_id))


async def unhide_tenant(connection: AsyncConnection, *, tenant_id: uuid.UUID) -> TenantRecord:
    """Bring a soft-deleted (locked) tenant back."""
    await repository.set_tenant_deleted(
        connection, tenant_id=tenant_id, deleted_by=None, reason=None, batch_id=None
    )
    log.info("tenants.tenant.restored", tenant_id=str(tenant_id))
    (tenant,) = await repository.get_tenants(connection, [tenant_id])
    return tenant


async def transfer_ownership(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    new_owner_id: uuid.UUID,
    by_user: uuid.UUID | None,
    actor: str,
) -> TenantRecord:
    """Make an ADMIN member the OWNER and the old owner an ADMIN (audited, announced).

    The tenant row is locked first, so transfers and deletions of one tenant queue up; who owns
    it is read under that lock, so a caller (`by_user`, None for a service) who stopped being
    the owner while waiting is refused.
    """
    state = await lock_tenant(connection, tenant_id)
    if state.deleted_at is not None:
        raise OperationRefused.because("TENANT_NOT_FOUND", "No such bakery.", "tenantId")
    old_owner = state.tenant.owner_id
    if by_user is not None and by_user != old_owner:
        raise OperationRefused.because(
            "NOT_OWNER", "Only the owner can hand the bakery over.", "tenantId"
        )
    successor = await repository.lock_membership(
        connection, tenant_id=tenant_id, user_id=new_owner_id
    )
    if successor is None or successor.role is not MemberRole.ADMIN:
        raise OperationRefused.because(
            "NEW_OWNER_NOT_ADMIN",
            "The new owner must already be an ADMIN member of the bakery.",
            "newOwnerId",
        )
    # Demote first: the one-owner index holds at every statement.
    await repository.set_member_role(
        connection, tenant_id=tenant_id, user_id=old_owner, role=MemberRole.ADMIN
    )
    await repository.set_member_role(
        connection, tenant_id=tenant_id, user_id=new_owner_id, role=MemberRole.OWNER
    )
    await repository.set_owner(connection, tenant_id=tenant_id, owner_id=new_owner_id)
    transfer = {
        "tenantId": str(tenant_id),
        "oldOwnerId": str(old_owner),
        "newOwnerId": str(new_owner_id),
    }
    await audit.record(
        connection,
        actor=actor,
        action="tenant.ownership_transferred",
        tenant_id=tenant_id,
        target=f"user:{new_owner_id}",
    )
    await audit.publish(
        connection, event="tenant.ownership_transferred", tenant_id=tenant_id, payload=transfer
    )
    log.info("tenants.ownership.transferred", **transfer)
    (tenant,) = await repository.get_tenants(connection, [tenant_id])
    return tenant


async def memberships_of_user(
    connection: AsyncConnection, user_id: uuid.UUID
) -> list[MemberRecord]:
    """Every membership of the user (live and soft-deleted tenants), oldest first."""
    return await repository.memberships_of_user(connection, user_id)


async def delete_user_memberships(
    connection: AsyncConnection, *, user_id: uuid.UUID, actor: str
) -> tuple[list[uuid.UUID], list[Problem]]:
    """Remove the user from every tenant but those they own; (tenants left, owned ones refused).

    Each tenant is locked first (in id order, like every other lock on tenants), so a transfer
    running meanwhile is either seen whole or not at all.
    """
    removed: list[uuid.UUID] = []
    problems: list[Problem] = []
    memberships = await repository.memberships_of_user(connection, user_id)
    for tenant_id in sorted({member.tenant_id for member in memberships}):
        state = await lock_tenant(connection, tenant_id)
        if state.tenant.owner_id == user_id:
            problems.append(
                Problem(
                    "OWNS_TENANT",
                    f"The user owns the bakery {tenant_id}; transfer or delete it first.",
                    "userId",
                )
            )
            continue
        await repository.delete_memberships(connection, user_id=user_id, tenant_ids=[tenant_id])
        await audit.record(
            connection,
            actor=actor,
            action="tenant.member_removed",
            tenant_id=tenant_id,
            target=f"user:{user_id}",
        )
        removed.append(tenant_id)
    log.info("tenants.memberships.removed", user_id=str(user_id), count=len(removed))
    return removed, problems


async def longest_standing_admin(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, other_than: uuid.UUID
) -> MemberRecord | None:
    """The ADMIN member who joined first, leaving out `other_than`."""
    admins = await repository.members_of(connection, [tenant_id], roles=[MemberRole.ADMIN])
    return next((member for member in admins if member.user_id != other_than), None)


async def remove_memberships(
    connection: AsyncConnection, *, user_id: uuid.UUID, tenant_ids: Sequence[uuid.UUID]
) -> int:
    """Remove the user from these tenants; how many memberships went."""
    removed = await repository.delete_memberships(
        connection, user_id=user_id, tenant_ids=tenant_ids
    )
    log.info("tenants.memberships.removed", user_id=str(user_id), count=removed)
    return removed


async def memberships_any_state(
    connection: AsyncConnection, pairs: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> list[MemberRecord]:
    """Memberships for (tenant id, user id) pairs, soft-deleted tenants included."""
    return await repository.memberships_any_state(connection, pairs)


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
