"""Per-request DataLoaders of the alerts domain, keyed by tenant so no key crosses tenants."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence

from sqlalchemy.ext.asyncio import AsyncConnection

from domains.alerts import service
from domains.alerts.records import AlertHistoryRecord, AlertRuleRecord
from domains.kernel.loaders import Loader

TenantKey = tuple[uuid.UUID, uuid.UUID]


class AlertRuleByIdLoader(Loader[TenantKey, AlertRuleRecord | None]):
    """Rules by (tenant id, id)."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[TenantKey]
    ) -> Mapping[TenantKey, AlertRuleRecord | None]:
        return {
            (rule.tenant_id, rule.id): rule for rule in await service.get_rules(connection, keys)
        }


class HistoryByAlertLoader(Loader[TenantKey, list[AlertHistoryRecord]]):
    """The status changes of each (tenant id, alert id), oldest first."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[TenantKey]
    ) -> Mapping[TenantKey, list[AlertHistoryRecord]]:
        grouped: dict[TenantKey, list[AlertHistoryRecord]] = defaultdict(list)
        for change in await service.history_of(connection, keys):
            grouped[(change.tenant_id, change.alert_id)].append(change)
        return grouped

    def missing(self) -> list[AlertHistoryRecord]:
        return []
