"""What a domain contributes to the gateway, listed in domains/registry.py."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import MetaData
from sqlalchemy.ext.asyncio import AsyncConnection

from db.soft_delete import Trashable
from domains.kernel.deleter import TenantDataDeleter
from domains.kernel.jobs import JobHandler

Seeder = Callable[[AsyncConnection], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Domain:
    """One domain: its Postgres schema (metadata) and the GraphQL it adds.

    `query` and `mutation` are Strawberry types merged into the root types; `tenant_fields` is a
    Strawberry type whose fields are added to `Tenant`; `seed` writes idempotent reference data
    after migrations; `jobs` are the background job handlers by kind, run by the gateway's
    worker as `<domain>.<kind>`; `deleter` is what deleting a tenant means for the domain
    (derived from the metadata unless the domain says more); `trash` lists its soft-deletable
    tables (the trash, bulk operations and the retention purge work on them).
    """

    name: str
    metadata: MetaData
    query: type | None = None
    mutation: type | None = None
    tenant_fields: type | None = None
    seed: Seeder | None = None
    jobs: Mapping[str, JobHandler] = field(default_factory=dict)
    deleter_class: type[TenantDataDeleter] = TenantDataDeleter
    trash: tuple[Trashable, ...] = ()

    @property
    def deleter(self) -> TenantDataDeleter:
        """The domain's tenant deleter, over every tenant-scoped table of its schema."""
        return self.deleter_class(self.metadata)

    def __post_init__(self) -> None:
        if self.metadata.schema != self.name:
            raise ValueError(f"domain {self.name!r} must own the Postgres schema {self.name!r}")
        for item in self.trash:
            if item.table.schema != self.name:
                raise ValueError(f"{item.entity} is not a table of the {self.name!r} schema")
        for kind in self.jobs:
            if not kind or "." in kind:
                raise ValueError(f"job kind {kind!r} of {self.name!r} must be a name without dots")
