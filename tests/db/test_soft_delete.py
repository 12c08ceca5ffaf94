"""Trashable declarations: checked once, when declared."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import Column, DateTime, MetaData, Table, Text, Uuid

from db.soft_delete import MAX_CASCADE_DEPTH, Cascade, Trashable

metadata = MetaData(schema="declarations")


@dataclass
class Model:
    __table__: Table


def soft_deletable(name: str) -> Model:
    return Model(
        Table(
            name,
            metadata,
            Column("tenant_id", Uuid),
            Column("id", Uuid),
            Column("name", Text),
            Column("parent_id", Uuid),
            Column("deleted_at", DateTime(timezone=True)),
            Column("deletion_batch_id", Uuid),
        )
    )


def test_a_table_without_the_soft_delete_columns_is_refused() -> None:
    plain = Model(Table("plain", metadata, Column("tenant_id", Uuid), Column("id", Uuid)))

    with pytest.raises(TypeError, match="cannot be soft-deleted"):
        Trashable("plain", plain)


def test_cascades_deeper_than_the_limit_are_refused() -> None:
    level = Trashable("level0", soft_deletable("level0"))
    for depth in range(1, MAX_CASCADE_DEPTH):
        level = Trashable(
            f"level{depth}",
            soft_deletable(f"level{depth}"),
            cascades=(Cascade(level, "parent_id"),),
        )
    assert level.depth() == MAX_CASCADE_DEPTH
    assert [t.entity for t in level.tree()] == [
        f"level{depth}" for depth in reversed(range(MAX_CASCADE_DEPTH))
    ]

    with pytest.raises(ValueError, match="deeper than"):
        Trashable("too_deep", soft_deletable("too_deep"), cascades=(Cascade(level, "parent_id"),))


def test_a_cascade_back_to_its_own_table_is_refused() -> None:
    loop = soft_deletable("loop")
    child = Trashable("loop_child", loop)

    with pytest.raises(ValueError, match="loop back"):
        Trashable("loop", loop, cascades=(Cascade(child, "parent_id"),))
