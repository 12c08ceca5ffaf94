"""The deletion of a tenant across every domain: deleters in registry order, counted together."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Uuid, bindparam, union_all
from sqlalchemy.ext.asyncio import AsyncConnection

from db.base import table_scope
from domains.kernel.deleter import EntityCounts, TenantDataDeleter
from domains.kernel.domain import Domain
from domains.lifecycle import repository


@dataclass(frozen=True, slots=True)
class DomainDeletion:
    """One domain's place in the plan: its name and its deleter."""

    domain: str
    deleter: TenantDataDeleter


class DeletionPlan:
    """Every domain's deleter, in the registry's deletion order (children first).

    Built once from the registry by the gateway and handed to resolvers and jobs, so this
    domain never imports the registry that lists it.
    """

    def __init__(self, domains: Sequence[Domain]) -> None:
        self.steps: tuple[DomainDeletion, ...] = tuple(
            DomainDeletion(domain.name, domain.deleter) for domain in domains
        )
        self.schemas = frozenset(domain.name for domain in domains)
        # The tenant row goes last: a deletion cut short leaves the tenant (hidden) to retry.
        self.last: str | None = next(
            (
                step.domain
                for step in self.steps
                if any(table_scope(table) == "tenant_root" for table in step.deleter.tables)
            ),
            None,
        )
        # Tables that hold a tenant id on purpose and outlive it: jobs, audit, outbox.
        tenant = bindparam("tenant_id", type_=Uuid)
        # Built once: one prepared statement counts every table of any tenant.
        self._counts = union_all(
            *(
                statement
                for step in self.steps
                for statement in step.deleter.count_statements(tenant)
            )
        )
        self.retained = frozenset(
            table.fullname
            for domain in domains
            for table in domain.metadata.tables.values()
            if table_scope(table) == "global"
        )

    @property
    def domains(self) -> list[str]:
        """The domains, in deletion order."""
        return [step.domain for step in self.steps]

    def deleter(self, domain: str) -> TenantDataDeleter:
        """The deleter of one domain."""
        for step in self.steps:
            if step.domain == domain:
                return step.deleter
        raise LookupError(f"no domain {domain!r} in the deletion plan")

    async def preview(
        self, connection: AsyncConnection, tenant_id: uuid.UUID
    ) -> dict[str, EntityCounts]:
        """Rows of the tenant per domain and entity, every domain listed, in one statement."""
        counts: dict[str, EntityCounts] = {step.domain: {} for step in self.steps}
        for domain, entity, rows in await repository.count_rows(
            connection, self._counts, tenant_id
        ):
            counts[domain][entity] = rows
        return counts

    async def rows_left(self, connection: AsyncConnection, tenant_id: uuid.UUID) -> dict[str, int]:
        """Rows still holding the tenant's id, per table the *catalog* lists (not the models).

        Every table of every domain schema with a `tenant_id` column (and the tenant row) is
        counted, except the global tables that keep the tenant's id on purpose.
        """
        tables = [
            found
            for found in await repository.tenant_tables(connection, self.schemas)
            if f"{found[0]}.{found[1]}" not in self.retained
        ]
        return await repository.rows_left(connection, tables, tenant_id)
