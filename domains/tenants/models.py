"""Tables of the `tenants` schema."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Text, Uuid, false, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.base import (
    TENANT_ROOT_TABLE,
    TYPE_ANNOTATION_MAP,
    SoftDeletable,
    TenantKeyed,
    Timestamped,
    domain_metadata,
    reference,
    text_enum,
)
from domains.tenants.roles import MemberRole


class BusinessModel(enum.Enum):
    """How a bakery works."""

    INDIVIDUAL_BAKERY = "INDIVIDUAL_BAKERY"
    CENTRAL_BAKER_SATELLITE = "CENTRAL_BAKER_SATELLITE"


class SubscriptionPlan(enum.Enum):
    """What a tenant pays for."""

    STARTER = "STARTER"
    PROFESSIONAL = "PROFESSIONAL"
    ENTERPRISE = "ENTERPRISE"


class SubscriptionStatus(enum.Enum):
    """Where a subscription stands."""

    TRIALING = "TRIALING"
    ACTIVE = "ACTIVE"
    PAST_DUE = "PAST_DUE"
    CANCELLED = "CANCELLED"


class TenantsBase(DeclarativeBase):
    metadata = domain_metadata("tenants")
    type_annotation_map = TYPE_ANNOTATION_MAP


class Tenant(Timestamped, SoftDeletable, TenantsBase):
    """A bakery; its `id` is the tenant id every tenant-scoped row carries."""

    __tablename__ = "tenants"
    __table_args__ = TENANT_ROOT_TABLE

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(Text)
    business_model: Mapped[BusinessModel] = mapped_column(
        text_enum(BusinessModel, "business_model")
    )
    owner_id: Mapped[uuid.UUID] = reference("users.users")
    is_demo: Mapped[bool] = mapped_column(Boolean, server_default=false())
    is_demo_template: Mapped[bool] = mapped_column(Boolean, server_default=false())


class TenantMember(TenantKeyed, Timestamped, TenantsBase):
    """A user's membership of a tenant, with a role; exactly one member is the OWNER."""

    __tablename__ = "tenant_members"
    __table_args__ = (
        Index("uq_tenant_members_tenant_user", "tenant_id", "user_id", unique=True),
        Index(
            "uq_tenant_members_one_owner",
            "tenant_id",
            unique=True,
            postgresql_where=text("role = 'OWNER'"),
        ),
    )

    tenant_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("tenants.tenants.id"), primary_key=True, sort_order=-20
    )
    user_id: Mapped[uuid.UUID] = reference("users.users")
    role: Mapped[MemberRole] = mapped_column(text_enum(MemberRole, "member_role"))


class Subscription(TenantKeyed, Timestamped, TenantsBase):
    """The plan a tenant is on; at most one subscription is not cancelled."""

    __tablename__ = "subscriptions"
    __table_args__ = (
        Index(
            "uq_subscriptions_one_current",
            "tenant_id",
            unique=True,
            postgresql_where=text("status <> 'CANCELLED'"),
        ),
    )

    tenant_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("tenants.tenants.id"), primary_key=True, sort_order=-20
    )
    plan: Mapped[SubscriptionPlan] = mapped_column(text_enum(SubscriptionPlan, "plan"))
    status: Mapped[SubscriptionStatus] = mapped_column(
        text_enum(SubscriptionStatus, "subscription_status")
    )
    trial_ends_at: Mapped[datetime | None] = mapped_column(nullable=True)
    cancelled_at: Mapped[datetime | None] = mapped_column(nullable=True)
