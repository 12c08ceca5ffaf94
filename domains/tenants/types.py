"""GraphQL types of the tenants domain. Other domains add fields to `Tenant` (see schema/)."""

from __future__ import annotations

import uuid
from datetime import datetime

import strawberry

from domains.kernel.context import RequestContext
from domains.kernel.payloads import UserError
from domains.tenants.loaders import MembersByTenantLoader, SubscriptionByTenantLoader
from domains.tenants.models import (
    BusinessModel,
    SubscriptionPlan,
    SubscriptionStatus,
)
from domains.tenants.records import MemberRecord, SubscriptionRecord, TenantRecord
from domains.tenants.roles import MemberRole
from domains.users.loaders import UserByIdLoader
from domains.users.types import User

# The enums of the tables are the enums of the API (strawberry.enum registers them in place).
strawberry.enum(
    BusinessModel,
    description="How a bakery works: produces from raw ingredients, or receives par-baked goods.",
)
strawberry.enum(
    MemberRole,
    description="A member's role: OWNER (one per bakery) > ADMIN > MEMBER > VIEWER.",
)
strawberry.enum(SubscriptionPlan, description="What a bakery pays for.")
strawberry.enum(SubscriptionStatus, description="Where a subscription stands.")

Info = strawberry.Info[RequestContext, None]


@strawberry.type(description="The plan a bakery is on.")
class TenantSubscription:
    plan: SubscriptionPlan = strawberry.field(description="The plan.")
    status: SubscriptionStatus = strawberry.field(description="Trialing, active, ...")
    trial_ends_at: datetime | None = strawberry.field(description="End of the free trial.")
    started_at: datetime = strawberry.field(description="When the subscription started.")

    @classmethod
    def from_record(cls, record: SubscriptionRecord) -> TenantSubscription:
        """The GraphQL view of a subscription."""
        return cls(
            plan=record.plan,
            status=record.status,
            trial_ends_at=record.trial_ends_at,
            started_at=record.created_at,
        )


@strawberry.type(description="A person's membership of a bakery.")
class TenantMember:
    id: strawberry.ID = strawberry.field(description="The membership's id.")
    tenant_id: strawberry.ID = strawberry.field(description="The bakery.")
    user_id: strawberry.ID = strawberry.field(description="The member's account.")
    role: MemberRole = strawberry.field(description="What the member may do.")
    joined_at: datetime = strawberry.field(description="When the membership began.")

    @strawberry.field(description="The member's account.")
    async def user(self, info: Info) -> User | None:
        record = await info.context.loaders.get(UserByIdLoader).load(uuid.UUID(self.user_id))
        return User.from_record(record) if record else None

    @classmethod
    def from_record(cls, record: MemberRecord) -> TenantMember:
        """The GraphQL view of a membership."""
        return cls(
            id=strawberry.ID(str(record.id)),
            tenant_id=strawberry.ID(str(record.tenant_id)),
            user_id=strawberry.ID(str(record.user_id)),
            role=record.role,
            joined_at=record.created_at,
        )


@strawberry.type(description="A bakery (tenant). Every domain hangs its data off it.")
class Tenant:
    id: strawberry.ID = strawberry.field(description="The tenant id.")
    name: str = strawberry.field(description="The bakery's name.")
    business_model: BusinessModel = strawberry.field(description="How the bakery works.")
    owner_id: strawberry.ID = strawberry.field(description="Account of the owner.")
    is_demo: bool = strawberry.field(description="A throwaway copy made for a demo session.")
    created_at: datetime = strawberry.field(description="When the bakery was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @strawberry.field(description="Everyone with access to the bakery, oldest member first.")
    async def members(self, info: Info) -> list[TenantMember]:
        records = await info.context.loaders.get(MembersByTenantLoader).load(uuid.UUID(self.id))
        return [TenantMember.from_record(record) for record in records]

    @strawberry.field(description="The owner's account.")
    async def owner(self, info: Info) -> User | None:
        record = await info.context.loaders.get(UserByIdLoader).load(uuid.UUID(self.owner_id))
        return User.from_record(record) if record else None

    @strawberry.field(description="The current subscription.")
    async def subscription(self, info: Info) -> TenantSubscription | None:
        record = await info.context.loaders.get(SubscriptionByTenantLoader).load(uuid.UUID(self.id))
        return TenantSubscription.from_record(record) if record else None

    @classmethod
    def from_record(cls, record: TenantRecord) -> Tenant:
        """The GraphQL view of a tenant."""
        return cls(
            id=strawberry.ID(str(record.id)),
            name=record.name,
            business_model=record.business_model,
            owner_id=strawberry.ID(str(record.owner_id)),
            is_demo=record.is_demo,
            created_at=record.created_at,
            updated_at=record.updated_at,
        )


@strawberry.input(description="What a new bakery needs.")
class CreateTenantInput:
    name: str = strawberry.field(description="The bakery's name (1 to 120 characters).")
    business_model: BusinessModel = strawberry.field(description="How the bakery works.")


@strawberry.type(description="Result of a mutation on a bakery.")
class TenantPayload:
    tenant: Tenant | None = strawberry.field(default=None, description="The bakery.")
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )


@strawberry.type(description="Result of a mutation on a membership.")
class TenantMemberPayload:
    member: TenantMember | None = strawberry.field(default=None, description="The membership.")
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )


@strawberry.type(description="Result of removing a person from every bakery.")
class DeleteUserMembershipsPayload:
    removed_from_tenant_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="The bakeries the person was removed from."
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Bakeries left untouched (`OWNS_TENANT`: the person owns them).",
    )
