"""What the external domain hands out: plain records, never table rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from domains.external.models import DataKind


@dataclass(frozen=True, slots=True)
class ExternalDataRecord:
    """A cached day of external data for a location."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    kind: DataKind
    location: str
    date: date
    provider: str
    payload: Any
    fetched_at: datetime


@dataclass(frozen=True, slots=True)
class ApiKeyUsageRecord:
    """Calls made to one provider on one day."""

    provider: str
    day: date
    calls: int


@dataclass(frozen=True, slots=True)
class ProviderCall:
    """A call the platform made to a provider, as it reports it (the service checks it)."""

    provider: str
    endpoint: str
    status_code: int
    duration_ms: int
