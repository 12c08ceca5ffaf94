"""Reads compiled once: TenantKeyRead and KeyRead batches, PreparedSelect with named values."""

from __future__ import annotations

import enum
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from decimal import Decimal

import pytest
from sqlalchemy import Column, MetaData, Numeric, Table, Text, Uuid, bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from db.base import text_enum
from db.engine import create_engine
from db.prepared import KeyRead, PreparedSelect, TenantKeyRead


class Crust(enum.StrEnum):
    SOFT = "SOFT"
    CRISP = "CRISP"


metadata = MetaData(schema="prepared_read_test")
loaves = Table(
    "loaves",
    metadata,
    Column("tenant_id", Uuid, nullable=False),
    Column("id", Uuid, nullable=False),
    Column("name", Text, nullable=False),
    Column("crust", text_enum(Crust, name="crust"), nullable=False),
    Column("weight", Numeric(8, 3), nullable=False),
)


@dataclass(frozen=True, slots=True)
class Loaf:
    id: uuid.UUID
    name: str
    crust: Crust
    weight: Decimal


LOAVES_BY_ID = TenantKeyRead(
    select(loaves.c.id, loaves.c.name, loaves.c.crust, loaves.c.weight).order_by(loaves.c.name),
    tenant=loaves.c.tenant_id,
    key=loaves.c.id,
    record=Loaf,
)
CRISP_BY_ID = TenantKeyRead(
    select(loaves.c.id, loaves.c.name, loaves.c.crust, loaves.c.weight).where(
        loaves.c.crust == Crust.CRISP
    ),
    tenant=loaves.c.tenant_id,
    key=loaves.c.id,
    record=Loaf,
)
LOAVES_ANY_TENANT = KeyRead(
    select(loaves.c.id, loaves.c.name, loaves.c.crust, loaves.c.weight).order_by(loaves.c.name),
    key=loaves.c.id,
    record=Loaf,
)
TENANT_OF_LOAF = TenantKeyRead(
    select(loaves.c.tenant_id, loaves.c.id, loaves.c.name),
    tenant=loaves.c.tenant_id,
    key=loaves.c.id,
    make=lambda tenant_id, loaf_id, name: (tenant_id, loaf_id, name.upper()),
)
HEAVIER_OF_CRUST = PreparedSelect(
    select(func.count(), func.sum(loaves.c.weight)).where(
        loaves.c.crust == bindparam("crust"), loaves.c.weight > bindparam("at_least")
    ),
    make=lambda count, weight: (count, weight),
)
ONE, TWO = uuid.uuid4(), uuid.uuid4()
BARRA = Loaf(uuid.uuid4(), "barra", Crust.CRISP, Decimal("0.250"))
CHAPATA = Loaf(uuid.uuid4(), "chapata", Crust.CRISP, Decimal("0.300"))
MOLDE = Loaf(uuid.uuid4(), "molde", Crust.SOFT, Decimal("0.700"))


@pytest.fixture
async def connection(database_url: str) -> AsyncIterator[AsyncConnection]:
    """A connection whose transaction holds the test table and is rolled back at the end."""
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            await connection.exec_driver_sql("CREATE SCHEMA prepared_read_test")
            await connection.run_sync(metadata.create_all)
            rows = [(ONE, BARRA), (ONE, MOLDE), (TWO, CHAPATA)]
            await connection.execute(
                loaves.insert(),
                [{"tenant_id": tenant, **vars_of(loaf)} for tenant, loaf in rows],
            )
            yield connection
            await connection.rollback()
    finally:
        await engine.dispose()


def vars_of(loaf: Loaf) -> dict[str, object]:
    return {"id": loaf.id, "name": loaf.name, "crust": loaf.crust, "weight": loaf.weight}


async def test_fetch_reads_records_with_their_types_in_the_statement_order(
    connection: AsyncConnection,
) -> None:
    found = await LOAVES_BY_ID.fetch(connection, [(ONE, MOLDE.id), (ONE, BARRA.id)])

    assert found == [BARRA, MOLDE]
    assert all(type(loaf.crust) is Crust for loaf in found)


async def test_fetch_keeps_each_key_with_its_own_tenant(connection: AsyncConnection) -> None:
    found = await LOAVES_BY_ID.fetch(
        connection, [(ONE, BARRA.id), (TWO, CHAPATA.id), (TWO, MOLDE.id), (ONE, CHAPATA.id)]
    )

    assert sorted(found, key=lambda loaf: loaf.name) == [BARRA, CHAPATA]


async def test_fetch_applies_the_values_written_in_the_statement(
    connection: AsyncConnection,
) -> None:
    found = await CRISP_BY_ID.fetch(connection, [(ONE, BARRA.id), (ONE, MOLDE.id)])

    assert found == [BARRA]
    assert await CRISP_BY_ID.fetch(connection, []) == []


def test_a_read_refuses_columns_that_are_not_the_records_fields() -> None:
    with pytest.raises(TypeError, match="Loaf has fields"):
        TenantKeyRead(
            select(loaves.c.name, loaves.c.id),
            tenant=loaves.c.tenant_id,
            key=loaves.c.id,
            record=Loaf,
        )


def test_a_read_refuses_a_literal_list_whose_text_changes_with_its_length() -> None:
    with pytest.raises(TypeError, match="expanding IN"):
        TenantKeyRead(
            select(loaves.c.id, loaves.c.name, loaves.c.crust, loaves.c.weight).where(
                loaves.c.name.in_(["barra", "molde"])
            ),
            tenant=loaves.c.tenant_id,
            key=loaves.c.id,
            record=Loaf,
        )


async def test_a_key_read_ignores_tenants(connection: AsyncConnection) -> None:
    found = await LOAVES_ANY_TENANT.fetch(connection, [MOLDE.id, CHAPATA.id, uuid.uuid4()])

    assert found == [CHAPATA, MOLDE]
    assert await LOAVES_ANY_TENANT.fetch(connection, []) == []


async def test_a_read_makes_what_it_is_told_from_each_row(connection: AsyncConnection) -> None:
    found = await TENANT_OF_LOAF.fetch(connection, [(ONE, BARRA.id), (TWO, CHAPATA.id)])

    assert sorted(found, key=lambda row: row[2]) == [
        (ONE, BARRA.id, "BARRA"),
        (TWO, CHAPATA.id, "CHAPATA"),
    ]


async def test_a_prepared_select_converts_its_named_values(connection: AsyncConnection) -> None:
    assert HEAVIER_OF_CRUST.parameters == {"crust", "at_least"}

    crisp = await HEAVIER_OF_CRUST.all(
        connection, {"crust": Crust.CRISP, "at_least": Decimal("0.26")}
    )
    soft = await HEAVIER_OF_CRUST.all(connection, {"crust": Crust.SOFT, "at_least": Decimal(1)})

    assert crisp == [(1, Decimal("0.300"))]
    assert soft == [(0, None)]
