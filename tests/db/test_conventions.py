"""The data rules of ARCHITECTURE.md, checked on every domain's table metadata."""

from __future__ import annotations

import pytest
from sqlalchemy import Table

from db.base import cross_domain_references, table_scope
from domains.registry import DOMAINS, metadata

TABLES = [table for meta in metadata() for table in meta.sorted_tables]
KNOWN_TABLES = {table.fullname for table in TABLES}


def _id(table: Table) -> str:
    return table.fullname


def test_each_domain_owns_the_schema_named_after_it() -> None:
    for domain in DOMAINS:
        assert all(table.schema == domain.name for table in domain.metadata.tables.values())


@pytest.mark.parametrize("table", TABLES, ids=_id)
def test_tenant_scoped_tables_are_keyed_by_tenant_then_id(table: Table) -> None:
    if table_scope(table) != "tenant":
        return
    assert [column.name for column in table.primary_key.columns] == ["tenant_id", "id"]
    assert not table.c.tenant_id.nullable


@pytest.mark.parametrize("table", TABLES, ids=_id)
def test_tables_without_tenant_id_say_what_they_are(table: Table) -> None:
    if "tenant_id" not in table.c:
        assert table_scope(table) in {"global", "tenant_root"}


@pytest.mark.parametrize("table", TABLES, ids=_id)
def test_every_foreign_key_is_indexed(table: Table) -> None:
    leading_columns = [list(table.primary_key.columns)] + [
        list(index.expressions) for index in table.indexes
    ]
    for constraint in table.foreign_key_constraints:
        columns = list(constraint.columns)
        assert any(
            [getattr(c, "name", None) for c in candidate[: len(columns)]]
            == [c.name for c in columns]
            for candidate in leading_columns
        ), f"{table.fullname}: foreign key on {[c.name for c in columns]} has no index"


@pytest.mark.parametrize("table", TABLES, ids=_id)
def test_cross_domain_references_point_at_known_tables_of_other_schemas(table: Table) -> None:
    for column, target in cross_domain_references(table).items():
        assert target in KNOWN_TABLES, f"{table.fullname}.{column} -> unknown {target}"
        assert target.split(".")[0] != table.schema, "same-schema references are foreign keys"
        assert any(column in [c.name for c in index.columns] for index in table.indexes)


@pytest.mark.parametrize("table", TABLES, ids=_id)
def test_foreign_keys_stay_inside_their_schema(table: Table) -> None:
    for constraint in table.foreign_key_constraints:
        assert constraint.referred_table.schema == table.schema
