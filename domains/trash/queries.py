"""Query fields of the trash."""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry

from domains.kernel.context import RequestContext
from domains.kernel.ids import parse_id
from domains.kernel.pagination import Connection, paginate
from domains.kernel.permissions import IsService, requires
from domains.tenants.permissions import TenantRole
from domains.tenants.roles import MemberRole
from domains.trash import service
from domains.trash.policy import TrashPolicy
from domains.trash.types import (
    DatabaseHealth,
    DeletedItem,
    TableHealthReport,
    UnindexedForeignKeyReport,
)

Info = strawberry.Info[RequestContext, None]


@strawberry.type
class TrashQuery:
    @strawberry.field(
        description=(
            "The bakery's trash, newest first: what was deleted, by whom, when and why, of one "
            "entity or all. Restore with `restoreItems` or `restoreBatch`. OWNER or ADMIN."
        ),
        extensions=requires(TenantRole(MemberRole.ADMIN)),
    )
    async def deleted_items(
        self,
        info: Info,
        tenant_id: strawberry.ID,
        entity: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[DeletedItem]:
        policy = info.context.dependency(TrashPolicy)
        statement, order = service.trash_query(
            policy, parse_id(tenant_id, argument="tenantId"), entity
        )
        return await paginate(
            info.context.uow,
            statement,
            order_by=order,
            first=first,
            after=after,
            node=lambda row: DeletedItem.from_record(service.deleted_record(row)),
        )

    @strawberry.field(
        description=(
            "Per table: live and dead tuples, size, soft-deleted rows past retention, whether "
            "`tenant_id` is indexed; and foreign keys without an index. Services only."
        ),
        extensions=requires(IsService()),
    )
    async def database_health(self, info: Info) -> DatabaseHealth:
        policy = info.context.dependency(TrashPolicy)
        async with info.context.uow.connection() as connection:
            tables, keys = await service.database_health(
                connection, policy, schemas=policy.schemas, now=datetime.now(UTC)
            )
        return DatabaseHealth(
            tables=[TableHealthReport.from_record(table) for table in tables],
            unindexed_foreign_keys=[UnindexedForeignKeyReport.from_record(key) for key in keys],
            tables_without_tenant_index=[
                f"{table.schema}.{table.table}"
                for table in tables
                if table.has_tenant_index is False
            ],
        )
