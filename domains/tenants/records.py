"""What the tenants domain hands out: plain records, never table rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from domains.tenants.models import (
    BusinessModel,
    SubscriptionPlan,
    SubscriptionStatus,
)
from domains.tenants.roles import MemberRole


@dataclass(frozen=True, slots=True)
class TenantRecord:
    """A live tenant."""

    id: uuid.UUID
    name: str
    business_model: BusinessModel
    owner_id: uuid.UUID
    is_demo: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class MemberRecord:
    """A membership."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    user_id: uuid.UUID
    role: MemberRole
    created_at: datetime


@dataclass(frozen=True, slots=True)
class SubscriptionRecord:
    """The current subscription of a tenant."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    plan: SubscriptionPlan
    status: SubscriptionStatus
    trial_ends_at: datetime | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class TenantState:
    """A tenant, live or soft-deleted (`deleted_at` set: hidden, awaiting its purge)."""

    tenant: TenantRecord
    deleted_at: datetime | None
