"""record_reader checks columns once; tenant_keys batches keys per tenant."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from sqlalchemy import Column, MetaData, Table, Text, Uuid, select
from sqlalchemy.dialects.postgresql import dialect as postgresql_dialect

from db.keys import tenant_keys
from db.records import record_reader

DIALECT = postgresql_dialect()  # type: ignore[no-untyped-call] # untyped in SQLAlchemy
things = Table(
    "things",
    MetaData(),
    Column("tenant_id", Uuid),
    Column("id", Uuid),
    Column("name", Text),
)


@dataclass(frozen=True, slots=True)
class Thing:
    id: uuid.UUID
    name: str


def test_record_reader_reads_by_position_and_ignores_extra_columns() -> None:
    read = record_reader(Thing, [things.c.id, things.c.name])
    key = uuid.uuid4()
    assert read((key, "pan", "page key")) == Thing(key, "pan")


def test_record_reader_refuses_columns_that_are_not_the_fields() -> None:
    with pytest.raises(TypeError, match="Thing has fields"):
        record_reader(Thing, [things.c.name, things.c.id])


def test_tenant_keys_is_one_array_per_tenant() -> None:
    one, two = uuid.uuid4(), uuid.uuid4()
    keys = [(one, uuid.uuid4()), (one, uuid.uuid4()), (two, uuid.uuid4())]
    sql = str(
        select(things.c.id)
        .where(tenant_keys(things.c.tenant_id, things.c.id, keys))
        .compile(dialect=DIALECT)
    )
    assert sql.count("= ANY (") == 2
    assert " OR " in sql
    nothing = select(things.c.id).where(tenant_keys(things.c.tenant_id, things.c.id, []))
    assert "false" in str(nothing.compile(dialect=DIALECT))
