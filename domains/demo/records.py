"""What the demo domain reads and returns."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from domains.demo.kinds import DemoAccountType, DemoSessionStatus


@dataclass(frozen=True, slots=True)
class DemoSessionRecord:
    """A demo session as stored; `status_at` says what it is at a given time."""

    id: str
    account_type: DemoAccountType
    virtual_tenant_id: uuid.UUID
    status: DemoSessionStatus
    client_address: str
    created_at: datetime
    expires_at: datetime
    extensions_used: int
    ended_at: datetime | None
    cleaned_at: datetime | None
    clone_ms: Decimal

    def status_at(self, now: datetime) -> DemoSessionStatus:
        """ENDED, EXPIRED once `expires_at` has passed, ACTIVE otherwise."""
        if self.status is DemoSessionStatus.ACTIVE and now >= self.expires_at:
            return DemoSessionStatus.EXPIRED
        return self.status


@dataclass(frozen=True, slots=True)
class DemoStatsRecord:
    """Sessions by status and account type, and the median clone time."""

    active: int
    expired: int
    ended: int
    by_account_type: dict[DemoAccountType, int]
    clone_ms_median: Decimal | None
