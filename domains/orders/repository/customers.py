"""SQL of customers. Reads see live rows only."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from db.errors import UniqueTaken, write_unique
from db.pagination import AnySelect
from db.prepared import TenantKeyRead
from db.records import record_reader
from db.soft_delete import SoftDeletion, Trashable, restore, soft_delete
from domains.orders.models import Customer
from domains.orders.records import CustomerRecord

CUSTOMER = (
    Customer.id,
    Customer.tenant_id,
    Customer.name,
    Customer.email,
    Customer.phone,
    Customer.tax_id,
    Customer.notes,
    Customer.created_at,
    Customer.updated_at,
)
CUSTOMER_ORDER: tuple[Any, ...] = (func.lower(Customer.name), Customer.id)
LIVE_NAME_INDEX = "uq_customers_live_name"
NameTaken = UniqueTaken  # a live customer already has the name
TAKEN = {LIVE_NAME_INDEX}
CUSTOMERS = Trashable("customer", Customer, unique_indexes=frozenset(TAKEN))


customer_record = record_reader(CustomerRecord, CUSTOMER)
_CUSTOMERS_BY_ID = TenantKeyRead(
    select(*CUSTOMER).where(Customer.deleted_at.is_(None)),
    tenant=Customer.tenant_id,
    key=Customer.id,
    record=CustomerRecord,
)


async def insert_customer(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, values: Mapping[str, Any]
) -> CustomerRecord:
    """Insert a customer; NameTaken when a live one has its name."""
    statement = (
        insert(Customer).values(tenant_id=tenant_id, id=uuid.uuid4(), **values).returning(*CUSTOMER)
    )
    return customer_record((await write_unique(connection, statement, indexes=TAKEN)).one())


async def update_customer(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    customer_id: uuid.UUID,
    values: Mapping[str, Any],
) -> CustomerRecord | None:
    """Change a live customer; None when there is none; NameTaken on a taken name."""
    statement = (
        update(Customer)
        .where(
            Customer.tenant_id == tenant_id,
            Customer.id == customer_id,
            Customer.deleted_at.is_(None),
        )
        .values(**values)
        .returning(*CUSTOMER)
    )
    row = (await write_unique(connection, statement, indexes=TAKEN)).first()
    return customer_record(row) if row is not None else None


async def soft_delete_customers(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    ids: Sequence[uuid.UUID],
    deleted_by: str,
    reason: str | None,
) -> SoftDeletion:
    """Hide live customers as one batch."""
    return await soft_delete(
        connection, CUSTOMERS, tenant_id=tenant_id, ids=ids, deleted_by=deleted_by, reason=reason
    )


async def restore_customer(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, customer_id: uuid.UUID
) -> bool:
    """Bring a deleted customer back; False if it was not deleted; NameTaken on a clash."""
    restored = await restore(connection, CUSTOMERS, tenant_id=tenant_id, ids=[customer_id])
    return bool(restored.ids)


async def get_customers(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> list[CustomerRecord]:
    """Live customers by (tenant id, id)."""
    return await _CUSTOMERS_BY_ID.fetch(connection, keys)


def customers_query(tenant_id: uuid.UUID, *, search: str | None) -> AnySelect:
    """Live customers of a tenant, optionally by a fragment of their name or email."""
    statement: AnySelect = select(*CUSTOMER).where(
        Customer.tenant_id == tenant_id, Customer.deleted_at.is_(None)
    )
    if search:
        statement = statement.where(
            or_(
                Customer.name.icontains(search, autoescape=True),
                Customer.email.icontains(search, autoescape=True),
            )
        )
    return statement
