"""SQL of suppliers. Reads see live rows only."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from db.errors import UniqueTaken, write_unique
from db.keys import tenant_keys
from db.pagination import AnySelect
from db.records import record_reader
from db.soft_delete import Cascade, SoftDeletion, Trashable, restore, soft_delete
from domains.suppliers.models import PurchaseOrder, PurchaseOrderStatus, Supplier
from domains.suppliers.records import SupplierRecord
from domains.suppliers.repository.purchase_orders import PURCHASE_ORDERS

SUPPLIER = (
    Supplier.id,
    Supplier.tenant_id,
    Supplier.name,
    Supplier.tax_id,
    Supplier.contact_name,
    Supplier.email,
    Supplier.phone,
    Supplier.lead_time_days,
    Supplier.created_at,
    Supplier.updated_at,
)
SUPPLIER_ORDER: tuple[Any, ...] = (func.lower(Supplier.name), Supplier.id)
LIVE_NAME_INDEX = "uq_suppliers_live_name"
NameTaken = UniqueTaken  # a live supplier already has the name
TAKEN = {LIVE_NAME_INDEX}
SUPPLIERS = Trashable(
    "supplier",
    Supplier,
    unique_indexes=frozenset(TAKEN),
    # Drafts were never sent: they mean nothing without their supplier. Sent, received and
    # cancelled orders are records of what happened and stay.
    cascades=(
        Cascade(
            PURCHASE_ORDERS,
            "supplier_id",
            only=PurchaseOrder.status == PurchaseOrderStatus.DRAFT,
        ),
    ),
)


supplier_record = record_reader(SupplierRecord, SUPPLIER)


async def insert_supplier(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, values: Mapping[str, Any]
) -> SupplierRecord:
    """Insert a supplier; NameTaken when a live one has its name."""
    statement = (
        insert(Supplier).values(tenant_id=tenant_id, id=uuid.uuid4(), **values).returning(*SUPPLIER)
    )
    return supplier_record((await write_unique(connection, statement, indexes=TAKEN)).one())


async def update_supplier(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    supplier_id: uuid.UUID,
    values: Mapping[str, Any],
) -> SupplierRecord | None:
    """Change a live supplier; None when there is none; NameTaken on a taken name."""
    statement = (
        update(Supplier)
        .where(
            Supplier.tenant_id == tenant_id,
            Supplier.id == supplier_id,
            Supplier.deleted_at.is_(None),
        )
        .values(**values)
        .returning(*SUPPLIER)
    )
    row = (await write_unique(connection, statement, indexes=TAKEN)).first()
    return supplier_record(row) if row is not None else None


async def soft_delete_suppliers(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    ids: Sequence[uuid.UUID],
    deleted_by: str,
    reason: str | None,
) -> SoftDeletion:
    """Hide live suppliers as one batch."""
    return await soft_delete(
        connection, SUPPLIERS, tenant_id=tenant_id, ids=ids, deleted_by=deleted_by, reason=reason
    )


async def restore_supplier(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, supplier_id: uuid.UUID
) -> bool:
    """Bring a deleted supplier back; False if it was not deleted; NameTaken on a clash."""
    restored = await restore(connection, SUPPLIERS, tenant_id=tenant_id, ids=[supplier_id])
    return bool(restored.ids)


async def get_suppliers(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> list[SupplierRecord]:
    """Live suppliers by (tenant id, id)."""
    statement = select(*SUPPLIER).where(
        tenant_keys(Supplier.tenant_id, Supplier.id, keys), Supplier.deleted_at.is_(None)
    )
    return [supplier_record(row) for row in await connection.execute(statement)]


def suppliers_query(tenant_id: uuid.UUID, *, search: str | None) -> AnySelect:
    """Live suppliers of a tenant, optionally by name fragment."""
    statement: AnySelect = select(*SUPPLIER).where(
        Supplier.tenant_id == tenant_id, Supplier.deleted_at.is_(None)
    )
    if search:
        statement = statement.where(Supplier.name.icontains(search, autoescape=True))
    return statement
