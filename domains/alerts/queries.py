"""Fields the alerts domain adds to `Tenant`."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable

import strawberry

from domains.alerts import service
from domains.alerts.kinds import AlertStatus
from domains.alerts.loaders import AlertRuleByIdLoader, HistoryByAlertLoader
from domains.alerts.repository import rule_record
from domains.alerts.types import Alert, AlertRule
from domains.kernel.context import RequestContext
from domains.kernel.loaders import Loaders
from domains.kernel.pagination import Connection, paginate, read_page
from domains.kernel.selection import node_selection, selects
from domains.tenants.types import Tenant

Info = strawberry.Info[RequestContext, None]


async def _load_for_page(loaders: Loaders, alerts: list[Alert], selected: set[str]) -> None:
    """Load what the page's nodes ask for in one batch each, so they resolve without waiting."""
    loads: list[Awaitable[object]] = []
    if "rule" in selected:
        rules = [(a.record.tenant_id, a.record.rule_id) for a in alerts]
        loads.append(loaders.get(AlertRuleByIdLoader).load_now(rules))
    if "history" in selected:
        keys = [(a.record.tenant_id, a.record.id) for a in alerts]
        loads.append(loaders.get(HistoryByAlertLoader).load_now(keys))
    await asyncio.gather(*loads)


@strawberry.type
class AlertsTenantFields:
    @strawberry.field(description="Alerts, oldest first; filter by status.")
    async def alerts(
        self,
        info: Info,
        root: strawberry.Parent[Tenant],
        first: int | None = None,
        after: str | None = None,
        status: AlertStatus | None = None,
    ) -> Connection[Alert]:
        page = await read_page(
            info.context.uow,
            service.ALERT_PAGES,
            service.alert_filters(uuid.UUID(root.id), status=status),
            first=first,
            after=after,
            count=selects(info, "totalCount"),
            node=Alert.from_record,
        )
        alerts = [edge.node for edge in page.edges]
        if alerts:
            await _load_for_page(info.context.loaders, alerts, node_selection(info))
        return page

    @strawberry.field(description="Alert rules, oldest first.")
    async def alert_rules(
        self,
        info: Info,
        root: strawberry.Parent[Tenant],
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[AlertRule]:
        return await paginate(
            info.context.uow,
            service.rules_query(uuid.UUID(root.id)),
            order_by=service.RULE_ORDER,
            first=first,
            after=after,
            node=lambda row: AlertRule.from_record(rule_record(row)),
        )
