"""Deleting a person: their bakeries handed over or deleted, memberships removed, data erased."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import structlog
from sqlalchemy.ext.asyncio import AsyncConnection

from db import row_security
from domains.audit import service as audit
from domains.kernel.deleter import EntityCounts
from domains.kernel.errors import OperationRefused
from domains.kernel.jobs import JobQueue
from domains.lifecycle import service
from domains.lifecycle.kinds import DeletionMode
from domains.lifecycle.policy import LifecyclePolicy
from domains.lifecycle.records import DeletionJobRecord
from domains.tenants import service as tenants
from domains.tenants.records import TenantRecord
from domains.tenants.roles import MemberRole
from domains.users import service as users

log = structlog.get_logger()

PERSON = "users.users"
"""The table other domains' person references point at (`db.base.reference`)."""


@dataclass(frozen=True)
class UserDeletion:
    """What deleting a person did to the bakeries they owned."""

    transferred: list[TenantRecord] = field(default_factory=list)
    jobs: list[DeletionJobRecord] = field(default_factory=list)


async def delete_user(
    connection: AsyncConnection,
    *,
    policy: LifecyclePolicy,
    queue: JobQueue,
    user_id: uuid.UUID,
    reason: str | None,
    actor: str,
) -> UserDeletion:
    """Delete a person's account and what the platform holds about them.

    Each bakery they own goes to its longest-standing other ADMIN or, with none, is deleted
    (SCHEDULED); then every membership goes, every domain erases its references to the person
    (read from the declared references), and the account row goes, so its tokens stop at once.
    A person's traces are in bakeries they may no longer belong to: it acts for the platform.
    """
    async with row_security.widened(connection, row_security.PLATFORM, why="erasing a person"):
        return await _delete_user(
            connection, policy=policy, queue=queue, user_id=user_id, reason=reason, actor=actor
        )


async def _delete_user(
    connection: AsyncConnection,
    *,
    policy: LifecyclePolicy,
    queue: JobQueue,
    user_id: uuid.UUID,
    reason: str | None,
    actor: str,
) -> UserDeletion:
    if not await users.get_many(connection, [user_id]):
        raise OperationRefused.because("USER_NOT_FOUND", "No such account.", "userId")
    memberships = await tenants.memberships_of_user(connection, user_id)
    outcome = UserDeletion()
    owned = sorted(m.tenant_id for m in memberships if m.role is MemberRole.OWNER)
    for tenant_id in owned:  # in id order, like every lock on tenants
        state = await tenants.lock_tenant(connection, tenant_id)
        if state.deleted_at is not None:
            continue  # already on its way out
        successor = await tenants.longest_standing_admin(
            connection, tenant_id=tenant_id, other_than=user_id
        )
        if successor is not None:
            outcome.transferred.append(
                await tenants.transfer_ownership(
                    connection,
                    tenant_id=tenant_id,
                    new_owner_id=successor.user_id,
                    by_user=None,
                    actor=actor,
                )
            )
        else:
            outcome.jobs.append(
                await service.delete_tenant(
                    connection,
                    policy=policy,
                    queue=queue,
                    tenant_id=tenant_id,
                    reason=f"The owner's account was deleted. {reason or ''}".strip(),
                    mode=DeletionMode.SCHEDULED,
                    actor=actor,
                )
            )
    await tenants.remove_memberships(
        connection, user_id=user_id, tenant_ids=[m.tenant_id for m in memberships]
    )
    erased: dict[str, EntityCounts] = {}
    for step in policy.plan.steps:
        counts = await step.deleter.erase_references(connection, target=PERSON, target_id=user_id)
        if counts:
            erased[step.domain] = counts
    await users.erase(connection, user_id=user_id)
    await audit.record(
        connection,
        actor=actor,
        action="user.deleted",
        target=f"user:{user_id}",
        reason=reason,
        counts={domain: sum(counts.values()) for domain, counts in erased.items()},
    )
    await audit.publish(
        connection,
        event="user.deleted",
        tenant_id=None,
        payload={
            "userId": str(user_id),
            "transferredTenantIds": [str(t.id) for t in outcome.transferred],
            "deletionJobIds": [str(job.id) for job in outcome.jobs],
        },
    )
    log.info(
        "lifecycle.user.deleted",
        user_id=str(user_id),
        transferred=len(outcome.transferred),
        deletions=len(outcome.jobs),
    )
    return outcome
