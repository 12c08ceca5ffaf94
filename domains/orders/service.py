"""Customers: who the bakery sells to by order. Functions take a connection, never commit."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Sequence
from typing import Any

import structlog
from email_validator import EmailNotValidError, validate_email
from sqlalchemy.ext.asyncio import AsyncConnection

from db.pagination import AnySelect
from db.soft_delete import SoftDeletion
from domains.kernel.errors import OperationRefused
from domains.kernel.inputs import InputCheck
from domains.orders.records import CustomerRecord
from domains.orders.repository import customers
from domains.orders.repository.customers import NameTaken

log = structlog.get_logger()

MAX_TAX_ID_LENGTH = 40
MAX_PHONE_LENGTH = 40
MAX_NOTES_LENGTH = 2_000
MAX_REASON_LENGTH = 500
TenantKey = tuple[uuid.UUID, uuid.UUID]


class Unchanged(enum.Enum):
    """Marks an optional detail an update leaves as it is (None clears it)."""

    UNCHANGED = "UNCHANGED"


UNCHANGED = Unchanged.UNCHANGED


def _name_taken() -> OperationRefused:
    return OperationRefused.because(
        "NAME_TAKEN", "Another customer of this bakery already has this name.", "name"
    )


def _not_found(kind: str = "customer", field: str = "id") -> OperationRefused:
    return OperationRefused.because("NOT_FOUND", f"No such {kind} in this bakery.", field)


def _email(check: InputCheck, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError as error:
        check.refuse("email", f"This email address is not valid: {error}")
        return value


def _details(
    check: InputCheck,
    *,
    email: str | Unchanged | None,
    phone: str | Unchanged | None,
    tax_id: str | Unchanged | None,
    notes: str | Unchanged | None,
) -> dict[str, Any]:
    """The optional details given, cleaned; blank means none (empty notes)."""
    values: dict[str, Any] = {}
    if email is not UNCHANGED:
        values["email"] = _email(check, email)
    if phone is not UNCHANGED:
        values["phone"] = check.optional_text(phone, field="phone", max_length=MAX_PHONE_LENGTH)
    if tax_id is not UNCHANGED:
        values["tax_id"] = check.optional_text(tax_id, field="taxId", max_length=MAX_TAX_ID_LENGTH)
    if notes is not UNCHANGED:
        values["notes"] = check.long_text(notes or "", field="notes", max_length=MAX_NOTES_LENGTH)
    return values


async def create_customer(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    name: str,
    email: str | None = None,
    phone: str | None = None,
    tax_id: str | None = None,
    notes: str = "",
) -> CustomerRecord:
    """A new customer; its name is unique among the tenant's live customers."""
    check = InputCheck()
    values = {
        "name": check.text(name, field="name"),
        **_details(check, email=email, phone=phone, tax_id=tax_id, notes=notes),
    }
    check.done()
    try:
        customer = await customers.insert_customer(connection, tenant_id=tenant_id, values=values)
    except NameTaken:
        raise _name_taken() from None
    log.info("orders.customer.created", tenant_id=str(tenant_id), id=str(customer.id))
    return customer


async def update_customer(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    customer_id: uuid.UUID,
    name: str | None = None,
    email: str | Unchanged | None = UNCHANGED,
    phone: str | Unchanged | None = UNCHANGED,
    tax_id: str | Unchanged | None = UNCHANGED,
    notes: str | Unchanged | None = UNCHANGED,
) -> CustomerRecord:
    """Change what is given; an optional detail given as None (or blank) is cleared."""
    check = InputCheck()
    values = _details(check, email=email, phone=phone, tax_id=tax_id, notes=notes)
    if name is not None:
        values["name"] = check.text(name, field="name")
    check.done()
    if not values:
        raise OperationRefused.because("NOTHING_TO_CHANGE", "Give at least one field to change.")
    try:
        updated = await customers.update_customer(
            connection, tenant_id=tenant_id, customer_id=customer_id, values=values
        )
    except NameTaken:
        raise _name_taken() from None
    if updated is None:
        raise _not_found()
    return updated


async def delete_customer(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    customer_id: uuid.UUID,
    deleted_by: str,
    reason: str | None,
    reason_required: bool = False,
) -> SoftDeletion:
    """Soft-delete a live customer (restorable); its orders stay as they are."""
    check = InputCheck()
    cleaned = check.reason(reason, required=reason_required)
    check.done()
    deletion = await customers.soft_delete_customers(
        connection, tenant_id=tenant_id, ids=[customer_id], deleted_by=deleted_by, reason=cleaned
    )
    if not deletion.ids:
        raise _not_found()
    log.info("orders.customer.deleted", tenant_id=str(tenant_id), id=str(customer_id))
    return deletion


async def restore_customer(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, customer_id: uuid.UUID
) -> CustomerRecord:
    """Bring back a deleted customer, unless a live one took its name meanwhile."""
    try:
        restored = await customers.restore_customer(
            connection, tenant_id=tenant_id, customer_id=customer_id
        )
    except NameTaken:
        raise _name_taken() from None
    if not restored:
        raise _not_found("deleted customer")
    [customer] = await customers.get_customers(connection, [(tenant_id, customer_id)])
    log.info("orders.customer.restored", tenant_id=str(tenant_id), id=str(customer_id))
    return customer


async def get_customers(
    connection: AsyncConnection, keys: Sequence[TenantKey]
) -> list[CustomerRecord]:
    """Live customers by (tenant id, id)."""
    return await customers.get_customers(connection, keys)


async def require_customer(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, customer_id: uuid.UUID, field: str
) -> CustomerRecord:
    """The tenant's live customer with this id, or NOT_FOUND naming the field."""
    found = await customers.get_customers(connection, [(tenant_id, customer_id)])
    if not found:
        raise _not_found(field=field)
    return found[0]


def customers_query(tenant_id: uuid.UUID, *, search: str | None = None) -> AnySelect:
    """The statement listing live customers (for paging)."""
    return customers.customers_query(tenant_id, search=search)


CUSTOMER_ORDER = customers.CUSTOMER_ORDER
