"""Tills: configuration, devices and sessions. Functions take a connection, never commit.

A session is opened on a device with the cash in the drawer, takes sales while OPEN
(`selling.record_sale`), and is closed with the cash counted: expected cash is the opening cash
plus the cash sales, the difference is what was counted minus that.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncConnection

from db.pagination import AnySelect
from domains.kernel.errors import OperationRefused
from domains.kernel.inputs import InputCheck
from domains.pos.models import PosDeviceKind, PosSessionStatus
from domains.pos.records import (
    DEFAULT_CONFIGURATION,
    PosConfigurationRecord,
    PosDeviceRecord,
    PosSessionRecord,
)
from domains.pos.repository import tills, transactions
from domains.sales.records import MONEY_PLACES, within_places

log = structlog.get_logger()

MAX_FOOTER_LENGTH = 500
TenantKey = tuple[uuid.UUID, uuid.UUID]


def money(check: InputCheck, value: Decimal, *, field: str) -> Decimal:
    """An amount of money: zero or more, at most two decimal places."""
    check.decimal(value, field=field, not_negative=True)
    if value.is_finite() and not within_places(value, MONEY_PLACES):
        check.refuse(field, "Give at most 2 decimal places.")
    return value


def not_found(kind: str, field: str) -> OperationRefused:
    """NOT_FOUND for an id of this tenant's `kind`."""
    return OperationRefused.because("NOT_FOUND", f"No such {kind} in this bakery.", field)


def session_closed(field: str = "sessionId") -> OperationRefused:
    """SESSION_CLOSED: the session takes no more sales and is counted already."""
    return OperationRefused.because(
        "SESSION_CLOSED", "This till session is closed; open a new one.", field
    )


async def get_configuration(
    connection: AsyncConnection, *, tenant_id: uuid.UUID
) -> PosConfigurationRecord:
    """The tenant's till configuration, or the defaults while it has none."""
    found = await tills.get_configuration(connection, tenant_id=tenant_id)
    return found if found is not None else DEFAULT_CONFIGURATION


async def configure(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    currency: str,
    tax_rate: Decimal,
    receipt_footer: str,
) -> PosConfigurationRecord:
    """Set the tenant's till configuration (created on first use)."""
    check = InputCheck()
    code = currency.strip().upper()
    if len(code) != 3 or not code.isascii() or not code.isalpha():
        check.refuse("currency", "Give a three-letter ISO 4217 code, e.g. EUR.")
    check.decimal(tax_rate, field="taxRate", not_negative=True)
    if tax_rate.is_finite() and (tax_rate >= 1 or not within_places(tax_rate, 4)):
        check.refuse("taxRate", "Give a fraction below 1 with at most 4 decimals: 0.10 is 10 %.")
    footer = check.long_text(receipt_footer, field="receiptFooter", max_length=MAX_FOOTER_LENGTH)
    check.done()
    configuration = await tills.put_configuration(
        connection,
        tenant_id=tenant_id,
        values=PosConfigurationRecord(currency=code, tax_rate=tax_rate, receipt_footer=footer),
    )
    log.info("pos.configuration.set", tenant_id=str(tenant_id))
    return configuration


async def create_device(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, name: str, kind: PosDeviceKind
) -> PosDeviceRecord:
    """A new active till; its name is unique in the bakery."""
    check = InputCheck()
    cleaned = check.text(name, field="name")
    check.done()
    try:
        device = await tills.insert_device(connection, tenant_id=tenant_id, name=cleaned, kind=kind)
    except tills.Taken:
        raise OperationRefused.because(
            "NAME_TAKEN", "Another till of this bakery already has this name.", "name"
        ) from None
    log.info("pos.device.created", tenant_id=str(tenant_id), id=str(device.id))
    return device


async def set_device_active(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, device_id: uuid.UUID, active: bool
) -> PosDeviceRecord:
    """Switch a till on or off; an inactive till opens no new session (open ones go on)."""
    device = await tills.set_device_active(
        connection, tenant_id=tenant_id, device_id=device_id, active=active
    )
    if device is None:
        raise not_found("till", "id")
    return device


async def open_session(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    device_id: uuid.UUID,
    opening_cash: Decimal,
    actor: str,
) -> PosSessionRecord:
    """An OPEN session on an active device that has no other OPEN session."""
    check = InputCheck()
    money(check, opening_cash, field="openingCash")
    check.done()
    found = await tills.get_devices(connection, [(tenant_id, device_id)])
    if not found:
        raise not_found("till", "deviceId")
    if not found[0].active:
        raise OperationRefused.because(
            "DEVICE_INACTIVE", "This till is switched off; activate it first.", "deviceId"
        )
    try:
        session = await tills.insert_session(
            connection,
            tenant_id=tenant_id,
            device_id=device_id,
            opened_by=actor,
            opening_cash=opening_cash,
        )
    except tills.Taken:
        raise OperationRefused.because(
            "SESSION_ALREADY_OPEN", "This till already has an open session.", "deviceId"
        ) from None
    log.info("pos.session.opened", tenant_id=str(tenant_id), id=str(session.id))
    return session


async def close_session(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    session_id: uuid.UUID,
    closing_cash: Decimal,
    actor: str,
) -> PosSessionRecord:
    """OPEN -> CLOSED with the cash counted: expected = opening + cash sales, and the difference.

    The session is locked first, so a sale running now finishes before the count (and is in
    it), and a sale arriving later finds the session CLOSED.
    """
    check = InputCheck()
    money(check, closing_cash, field="closingCash")
    check.done()
    session = await tills.lock_session(
        connection, tenant_id=tenant_id, session_id=session_id, shared=False
    )
    if session is None:
        raise not_found("till session", "sessionId")
    if session.status is not PosSessionStatus.OPEN:
        raise session_closed()
    cash = await transactions.cash_taken(connection, tenant_id=tenant_id, session_id=session_id)
    closed = await tills.close_session(
        connection,
        tenant_id=tenant_id,
        session_id=session_id,
        closed_by=actor,
        closing_cash=closing_cash,
        expected_cash=session.opening_cash + cash,
    )
    log.info(
        "pos.session.closed",
        tenant_id=str(tenant_id),
        id=str(session_id),
        difference=str(closed.cash_difference),
    )
    return closed


async def get_devices(
    connection: AsyncConnection, keys: Sequence[TenantKey]
) -> list[PosDeviceRecord]:
    """Devices by (tenant id, id)."""
    return await tills.get_devices(connection, keys)


def devices_query(tenant_id: uuid.UUID) -> AnySelect:
    """The statement listing a tenant's tills (for paging)."""
    return tills.devices_query(tenant_id)


def sessions_query(tenant_id: uuid.UUID, *, status: PosSessionStatus | None = None) -> AnySelect:
    """The statement listing a tenant's till sessions (for paging)."""
    return tills.sessions_query(tenant_id, status=status)


DEVICE_ORDER: tuple[Any, ...] = tills.DEVICE_ORDER
SESSION_ORDER: tuple[Any, ...] = tills.SESSION_ORDER
