"""Query fields of the audit domain."""

from __future__ import annotations

import strawberry

from domains.audit import service
from domains.audit.types import AuditEvent, OutboxEvent
from domains.kernel.context import RequestContext
from domains.kernel.ids import parse_id
from domains.kernel.pagination import Connection, paginate
from domains.kernel.permissions import IsService, requires
from domains.tenants.permissions import TenantRole
from domains.tenants.roles import MemberRole

Info = strawberry.Info[RequestContext, None]


@strawberry.type
class AuditQuery:
    @strawberry.field(
        description=(
            "The audit log of a bakery, oldest first: deletions, restores, transfers, member "
            "removals, user deletions. OWNER or ADMIN (also once the bakery is deleted) or a "
            "service."
        ),
        extensions=requires(TenantRole(MemberRole.ADMIN, include_deleted=True)),
    )
    async def audit_events(
        self,
        info: Info,
        tenant_id: strawberry.ID,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[AuditEvent]:
        return await paginate(
            info.context.uow,
            service.audit_query(parse_id(tenant_id, argument="tenantId")),
            order_by=service.AUDIT_ORDER,
            first=first,
            after=after,
            node=lambda row: AuditEvent.from_record(service.audit_record(row)),
        )

    @strawberry.field(
        description="Events for other systems, in the order written; services only.",
        extensions=requires(IsService()),
    )
    async def outbox_events(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[OutboxEvent]:
        return await paginate(
            info.context.uow,
            service.outbox_query(),
            order_by=service.OUTBOX_ORDER,
            first=first,
            after=after,
            node=lambda row: OutboxEvent.from_record(service.outbox_record(row)),
        )
