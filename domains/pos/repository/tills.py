"""SQL of the till configuration, devices and sessions."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as upsert
from sqlalchemy.ext.asyncio import AsyncConnection

from db.errors import UniqueTaken, write_unique
from db.keys import tenant_keys
from db.pagination import AnySelect
from db.records import record_reader
from domains.pos.models import PosConfiguration, PosDevice, PosDeviceKind, PosSession
from domains.pos.models import PosSessionStatus as Status
from domains.pos.records import PosConfigurationRecord, PosDeviceRecord, PosSessionRecord

CONFIGURATION = (
    PosConfiguration.currency,
    PosConfiguration.tax_rate,
    PosConfiguration.receipt_footer,
)
DEVICE = (
    PosDevice.id,
    PosDevice.tenant_id,
    PosDevice.name,
    PosDevice.kind,
    PosDevice.active,
    PosDevice.created_at,
)
SESSION = (
    PosSession.id,
    PosSession.tenant_id,
    PosSession.device_id,
    PosSession.status,
    PosSession.opened_by,
    PosSession.closed_by,
    PosSession.opened_at,
    PosSession.closed_at,
    PosSession.opening_cash,
    PosSession.closing_cash,
    PosSession.expected_cash,
    PosSession.cash_difference,
)
DEVICE_ORDER: tuple[Any, ...] = (func.lower(PosDevice.name), PosDevice.id)
SESSION_ORDER: tuple[Any, ...] = (PosSession.opened_at, PosSession.id)
DEVICE_NAME_INDEX = "uq_pos_devices_name"
OPEN_SESSION_INDEX = "uq_pos_sessions_open_device"
Taken = UniqueTaken  # a device name or a device's open session is taken


configuration_record = record_reader(PosConfigurationRecord, CONFIGURATION)
device_record = record_reader(PosDeviceRecord, DEVICE)
session_record = record_reader(PosSessionRecord, SESSION)


async def get_configuration(
    connection: AsyncConnection, *, tenant_id: uuid.UUID
) -> PosConfigurationRecord | None:
    """The tenant's till configuration, if it has one."""
    statement = select(*CONFIGURATION).where(PosConfiguration.tenant_id == tenant_id)
    row = (await connection.execute(statement)).first()
    return configuration_record(row) if row is not None else None


async def put_configuration(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, values: PosConfigurationRecord
) -> PosConfigurationRecord:
    """Create or replace the tenant's till configuration."""
    given = {
        "currency": values.currency,
        "tax_rate": values.tax_rate,
        "receipt_footer": values.receipt_footer,
    }
    statement = (
        upsert(PosConfiguration)
        .values(tenant_id=tenant_id, id=uuid.uuid4(), **given)
        .on_conflict_do_update(
            index_elements=[PosConfiguration.tenant_id], set_={**given, "updated_at": func.now()}
        )
        .returning(*CONFIGURATION)
    )
    return configuration_record((await connection.execute(statement)).one())


async def insert_device(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    name: str,
    kind: PosDeviceKind,
) -> PosDeviceRecord:
    """Insert an active device; Taken when the tenant has a device of that name."""
    statement = (
        insert(PosDevice)
        .values(tenant_id=tenant_id, id=uuid.uuid4(), name=name, kind=kind)
        .returning(*DEVICE)
    )
    result = await write_unique(connection, statement, indexes={DEVICE_NAME_INDEX})
    return device_record(result.one())


async def set_device_active(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, device_id: uuid.UUID, active: bool
) -> PosDeviceRecord | None:
    """Switch a device on or off; None when the tenant has no such device."""
    statement = (
        update(PosDevice)
        .where(PosDevice.tenant_id == tenant_id, PosDevice.id == device_id)
        .values(active=active)
        .returning(*DEVICE)
    )
    row = (await connection.execute(statement)).first()
    return device_record(row) if row is not None else None


async def get_devices(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> list[PosDeviceRecord]:
    """Devices by (tenant id, id)."""
    statement = select(*DEVICE).where(tenant_keys(PosDevice.tenant_id, PosDevice.id, keys))
    return [device_record(row) for row in await connection.execute(statement)]


def devices_query(tenant_id: uuid.UUID) -> AnySelect:
    """Devices of a tenant."""
    return select(*DEVICE).where(PosDevice.tenant_id == tenant_id)


async def insert_session(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    device_id: uuid.UUID,
    opened_by: str,
    opening_cash: Decimal,
) -> PosSessionRecord:
    """Insert an OPEN session; Taken when the device already has one."""
    statement = (
        insert(PosSession)
        .values(
            tenant_id=tenant_id,
            id=uuid.uuid4(),
            device_id=device_id,
            status=Status.OPEN,
            opened_by=opened_by,
            opening_cash=opening_cash,
        )
        .returning(*SESSION)
    )
    result = await write_unique(connection, statement, indexes={OPEN_SESSION_INDEX})
    return session_record(result.one())


async def lock_session(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, session_id: uuid.UUID, shared: bool
) -> PosSessionRecord | None:
    """The session, locked until the transaction ends: shared by sales (they run side by side),
    exclusive for closing (which waits for them, and which they wait for)."""
    statement = select(*SESSION).where(
        PosSession.tenant_id == tenant_id, PosSession.id == session_id
    )
    statement = statement.with_for_update(read=shared)
    row = (await connection.execute(statement)).first()
    return session_record(row) if row is not None else None


async def close_session(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    session_id: uuid.UUID,
    closed_by: str,
    closing_cash: Decimal,
    expected_cash: Decimal,
) -> PosSessionRecord:
    """Mark a session CLOSED with its cash count."""
    statement = (
        update(PosSession)
        .where(PosSession.tenant_id == tenant_id, PosSession.id == session_id)
        .values(
            status=Status.CLOSED,
            closed_by=closed_by,
            closed_at=func.now(),
            closing_cash=closing_cash,
            expected_cash=expected_cash,
            cash_difference=closing_cash - expected_cash,
        )
        .returning(*SESSION)
    )
    return session_record((await connection.execute(statement)).one())


def sessions_query(tenant_id: uuid.UUID, *, status: Status | None) -> AnySelect:
    """Sessions of a tenant, optionally of one status."""
    statement: AnySelect = select(*SESSION).where(PosSession.tenant_id == tenant_id)
    if status is not None:
        statement = statement.where(PosSession.status == status)
    return statement
