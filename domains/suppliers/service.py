"""Suppliers: who the bakery buys from. Functions take a connection, never commit."""

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
from domains.suppliers.records import SupplierRecord
from domains.suppliers.repository import suppliers
from domains.suppliers.repository.suppliers import NameTaken

log = structlog.get_logger()

MAX_LEAD_TIME_DAYS = 365
MAX_TAX_ID_LENGTH = 40
MAX_PHONE_LENGTH = 40
MAX_REASON_LENGTH = 500
TenantKey = tuple[uuid.UUID, uuid.UUID]


class Unchanged(enum.Enum):
    """Marks an optional detail an update leaves as it is (None clears it)."""

    UNCHANGED = "UNCHANGED"


UNCHANGED = Unchanged.UNCHANGED


def _name_taken() -> OperationRefused:
    return OperationRefused.because(
        "NAME_TAKEN", "Another supplier of this bakery already has this name.", "name"
    )


def _not_found(kind: str = "supplier", field: str = "id") -> OperationRefused:
    return OperationRefused.because("NOT_FOUND", f"No such {kind} in this bakery.", field)


def _email(check: InputCheck, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError as error:
        check.refuse("email", f"This email address is not valid: {error}")
        return value


def _lead_time(check: InputCheck, value: int) -> int:
    if not 0 <= value <= MAX_LEAD_TIME_DAYS:
        check.refuse("leadTimeDays", f"Give 0 to {MAX_LEAD_TIME_DAYS} days.")
    return value


def _details(
    check: InputCheck,
    *,
    tax_id: str | Unchanged | None,
    contact_name: str | Unchanged | None,
    email: str | Unchanged | None,
    phone: str | Unchanged | None,
) -> dict[str, Any]:
    """The optional details given, cleaned; blank means none."""
    values: dict[str, Any] = {}
    if tax_id is not UNCHANGED:
        values["tax_id"] = check.optional_text(tax_id, field="taxId", max_length=MAX_TAX_ID_LENGTH)
    if contact_name is not UNCHANGED:
        values["contact_name"] = check.optional_text(contact_name, field="contactName")
    if email is not UNCHANGED:
        values["email"] = _email(check, email)
    if phone is not UNCHANGED:
        values["phone"] = check.optional_text(phone, field="phone", max_length=MAX_PHONE_LENGTH)
    return values


async def create_supplier(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    name: str,
    tax_id: str | None = None,
    contact_name: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    lead_time_days: int = 1,
) -> SupplierRecord:
    """A new supplier; its name is unique among the tenant's live suppliers."""
    check = InputCheck()
    values = {
        "name": check.text(name, field="name"),
        "lead_time_days": _lead_time(check, lead_time_days),
        **_details(check, tax_id=tax_id, contact_name=contact_name, email=email, phone=phone),
    }
    check.done()
    try:
        supplier = await suppliers.insert_supplier(connection, tenant_id=tenant_id, values=values)
    except NameTaken:
        raise _name_taken() from None
    log.info("suppliers.supplier.created", tenant_id=str(tenant_id), id=str(supplier.id))
    return supplier


async def update_supplier(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    supplier_id: uuid.UUID,
    name: str | None = None,
    lead_time_days: int | None = None,
    tax_id: str | Unchanged | None = UNCHANGED,
    contact_name: str | Unchanged | None = UNCHANGED,
    email: str | Unchanged | None = UNCHANGED,
    phone: str | Unchanged | None = UNCHANGED,
) -> SupplierRecord:
    """Change what is given; an optional detail given as None (or blank) is cleared."""
    check = InputCheck()
    values = _details(check, tax_id=tax_id, contact_name=contact_name, email=email, phone=phone)
    if name is not None:
        values["name"] = check.text(name, field="name")
    if lead_time_days is not None:
        values["lead_time_days"] = _lead_time(check, lead_time_days)
    check.done()
    if not values:
        raise OperationRefused.because("NOTHING_TO_CHANGE", "Give at least one field to change.")
    try:
        updated = await suppliers.update_supplier(
            connection, tenant_id=tenant_id, supplier_id=supplier_id, values=values
        )
    except NameTaken:
        raise _name_taken() from None
    if updated is None:
        raise _not_found()
    return updated


async def delete_supplier(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    supplier_id: uuid.UUID,
    deleted_by: str,
    reason: str | None,
    reason_required: bool = False,
) -> SoftDeletion:
    """Soft-delete a live supplier (restorable); its purchase orders stay."""
    check = InputCheck()
    cleaned = check.reason(reason, required=reason_required)
    check.done()
    deletion = await suppliers.soft_delete_suppliers(
        connection, tenant_id=tenant_id, ids=[supplier_id], deleted_by=deleted_by, reason=cleaned
    )
    if not deletion.ids:
        raise _not_found()
    log.info("suppliers.supplier.deleted", tenant_id=str(tenant_id), id=str(supplier_id))
    return deletion


async def restore_supplier(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, supplier_id: uuid.UUID
) -> SupplierRecord:
    """Bring back a deleted supplier, unless a live one took its name meanwhile."""
    try:
        restored = await suppliers.restore_supplier(
            connection, tenant_id=tenant_id, supplier_id=supplier_id
        )
    except NameTaken:
        raise _name_taken() from None
    if not restored:
        raise _not_found("deleted supplier")
    [supplier] = await suppliers.get_suppliers(connection, [(tenant_id, supplier_id)])
    log.info("suppliers.supplier.restored", tenant_id=str(tenant_id), id=str(supplier_id))
    return supplier


async def get_suppliers(
    connection: AsyncConnection, keys: Sequence[TenantKey]
) -> list[SupplierRecord]:
    """Live suppliers by (tenant id, id)."""
    return await suppliers.get_suppliers(connection, keys)


async def require_supplier(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, supplier_id: uuid.UUID, field: str
) -> SupplierRecord:
    """The tenant's live supplier with this id, or NOT_FOUND naming the field."""
    found = await suppliers.get_suppliers(connection, [(tenant_id, supplier_id)])
    if not found:
        raise _not_found(field=field)
    return found[0]


def suppliers_query(tenant_id: uuid.UUID, *, search: str | None = None) -> AnySelect:
    """The statement listing live suppliers (for paging)."""
    return suppliers.suppliers_query(tenant_id, search=search)


SUPPLIER_ORDER = suppliers.SUPPLIER_ORDER
