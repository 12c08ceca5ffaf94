"""Declarative conventions shared by every domain: naming, tenant keys, soft delete, timestamps.

Each domain owns one Postgres schema and declares its own base:

    class InventoryBase(DeclarativeBase):
        metadata = domain_metadata("inventory")
        type_annotation_map = TYPE_ANNOTATION_MAP
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import (
    DateTime,
    Enum,
    ForeignKeyConstraint,
    Index,
    MetaData,
    Numeric,
    Table,
    Text,
    Uuid,
    func,
    text,
)
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

TYPE_ANNOTATION_MAP: dict[Any, Any] = {datetime: DateTime(timezone=True)}
"""`type_annotation_map` of every domain base: a `Mapped[datetime]` is always timestamptz."""

QUANTITY = Numeric(14, 3)
"""Quantities of stock, recipes and orders: up to 99,999,999,999.999 of a unit."""

MONEY = Numeric(12, 2)
"""Prices and totals in the tenant's currency."""

UNIT_COST = Numeric(14, 4)
"""Cost of one unit of stock, with the precision averages need."""

TableScope = Literal["tenant", "tenant_root", "global"]

# Table.info keys read by generic code (deleter, cloner, exporter, completeness guard).
SCOPE_KEY = "scope"
REFERENCES_KEY = "references"

GLOBAL_TABLE: dict[str, Any] = {"info": {SCOPE_KEY: "global"}}
"""`__table_args__` of a table that belongs to no tenant (users, jobs, audit)."""

TENANT_ROOT_TABLE: dict[str, Any] = {"info": {SCOPE_KEY: "tenant_root"}}
"""`__table_args__` of the one table whose `id` is the tenant id (tenants.tenants)."""


def domain_metadata(schema: str) -> MetaData:
    """The MetaData of one domain: its Postgres schema and the naming convention."""
    return MetaData(schema=schema, naming_convention=NAMING_CONVENTION)


def table_scope(table: Table) -> TableScope:
    """Whether a table is tenant-scoped (the default), the tenant root, or global."""
    scope: TableScope = table.info.get(SCOPE_KEY, "tenant")
    return scope


def cross_domain_references(table: Table) -> dict[str, str]:
    """Columns of `table` that reference another domain's table: column name -> "schema.table"."""
    return {
        column.name: column.info[REFERENCES_KEY]
        for column in table.columns
        if REFERENCES_KEY in column.info
    }


def reference(target: str, *, nullable: bool = False, index: bool = True) -> Mapped[Any]:
    """A uuid column pointing at another domain's entity ("schema.table"), declared, not enforced.

    There are no foreign keys across schemas (each domain owns its schema); the declaration lets
    generic code find every reference. Indexed, because deletions look rows up by it.
    """
    schema, _, table = target.partition(".")
    if not schema or not table:
        raise ValueError(f"reference target must be 'schema.table', got {target!r}")
    return mapped_column(Uuid, nullable=nullable, index=index, info={REFERENCES_KEY: target})


def text_enum(enum_class: type[enum.Enum], name: str) -> Enum:
    """An enum stored as text with a CHECK constraint: cheap to extend in a migration."""
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(member.value) for member in enum_class),
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


def trash_index() -> Index:
    """The trash of a soft-deletable table: its deleted rows by tenant and time.

    Partial, so live rows (nearly all of them) cost it nothing; the trash list and the
    retention purge read it.
    """
    return Index(None, "tenant_id", "deleted_at", postgresql_where=text("deleted_at IS NOT NULL"))


def tenant_foreign_key(columns: list[str], target_table: str) -> tuple[ForeignKeyConstraint, Index]:
    """A composite foreign key `(tenant_id, *columns) -> target (tenant_id, id)`, with its index.

    `target_table` is "table" inside the same schema; the composite key means a row can never
    point at another tenant's row.
    """
    local = ["tenant_id", *columns]
    constraint = ForeignKeyConstraint(local, [f"{target_table}.tenant_id", f"{target_table}.id"])
    return constraint, Index(None, *local)


class TenantKeyed:
    """Primary key `(tenant_id, id)` of a tenant-scoped table; its lead column indexes tenant_id."""

    tenant_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, sort_order=-20)
    id: Mapped[uuid.UUID] = mapped_column(
        Uuid, primary_key=True, default=uuid.uuid4, sort_order=-10
    )


class Timestamped:
    """When a row was created and last changed."""

    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), sort_order=100
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True),
        server_default=func.now(),
        onupdate=func.now(),
        sort_order=101,
    )


class SoftDeletable:
    """Who deleted a row, when, why, and in which batch (a restore brings back one batch)."""

    deleted_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True, sort_order=110
    )
    deleted_by: Mapped[str | None] = mapped_column(Text, nullable=True, sort_order=111)
    deletion_reason: Mapped[str | None] = mapped_column(Text, nullable=True, sort_order=112)

    @declared_attr
    def deletion_batch_id(cls) -> Mapped[uuid.UUID | None]:
        return mapped_column(Uuid, nullable=True, index=True, sort_order=113)
