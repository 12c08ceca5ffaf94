"""Copying a template bakery into a new tenant, derived from table metadata like the deleter.

One `INSERT ... SELECT` per tenant-scoped table of every domain, parents before children, run in
the caller's transaction. Ids are remapped in SQL, deterministically: a copied id is
`md5(salt || old id)` read as a uuid, the salt being the new tenant's id. Every column that
holds an id of a tenant-scoped row goes through the same function, so composite foreign keys
inside a schema and declared references across schemas (`db.base.reference`) land on the copy
without anyone listing them. References to global tables (users) are kept; `tenant_id` becomes
the new tenant. Dates and times move by the days between the template's seeding and today, so
"yesterday's sales" stay yesterday's.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Column, Date, DateTime, Table, TextClause, text
from sqlalchemy.ext.asyncio import AsyncConnection

from db.base import cross_domain_references, table_scope
from domains.kernel.domain import Domain


@dataclass(frozen=True, slots=True)
class CloneStatement:
    """The copy of one table: its name and the statement (parameters :template, :tenant, :shift)."""

    table: str
    sql: str

    @property
    def clause(self) -> TextClause:
        return text(self.sql)


NEW_TENANT = "CAST(CAST(:tenant AS text) AS uuid)"
"""The new tenant's id (the parameter is text everywhere: one type per parameter)."""


def remapped(expression: str) -> str:
    """SQL of the copy's id for the template's id `expression` (NULL stays NULL)."""
    return f"md5(CAST(:tenant AS text) || CAST({expression} AS text))::uuid"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class TenantCloner:
    """Copies every tenant-scoped table of every domain from a template into a new tenant."""

    def __init__(self, domains: Sequence[Domain]) -> None:
        tables = {
            table.fullname: table for domain in domains for table in domain.metadata.tables.values()
        }
        self.tenants_table = next(
            table for table in tables.values() if table_scope(table) == "tenant_root"
        )
        self.tenant_scoped = frozenset(
            name for name, table in tables.items() if table_scope(table) != "global"
        )
        # The registry lists children first; within a schema, sorted_tables puts parents first.
        ordered = [
            table
            for domain in reversed(domains)
            for table in domain.metadata.sorted_tables
            if table_scope(table) != "global"
        ]
        self.statements: tuple[CloneStatement, ...] = tuple(
            CloneStatement(table.fullname, self._statement(table, tables)) for table in ordered
        )
        self._clauses = tuple(statement.clause for statement in self.statements)

    @property
    def tables(self) -> list[str]:
        """Every table the cloner copies, parents first."""
        return [statement.table for statement in self.statements]

    def _statement(self, table: Table, tables: dict[str, Table]) -> str:
        scope = table_scope(table)
        id_columns = {"id"} if "id" in table.c else set()
        for constraint in table.foreign_key_constraints:
            referred = constraint.referred_table
            if table_scope(referred) == "tenant_root":
                continue  # tenant_id, handled below
            id_columns.update(
                column.name for column in constraint.columns if column.name != "tenant_id"
            )
        for name, target in cross_domain_references(table).items():
            if target not in tables:
                raise ValueError(f"{table.fullname}.{name} references unknown {target}")
            scope_of_target = table_scope(tables[target])
            if scope_of_target == "tenant":
                id_columns.add(name)
            elif scope_of_target == "tenant_root":
                id_columns.add(f"tenant:{name}")
        names: list[str] = []
        values: list[str] = []
        for column in table.columns:
            names.append(_quoted(column.name))
            values.append(self._value(table, column, scope, id_columns))
        source_tenant = "id" if scope == "tenant_root" else "tenant_id"
        target = f"{_quoted(table.schema or '')}.{_quoted(table.name)}"
        return (
            f"INSERT INTO {target} ({', '.join(names)}) "  # noqa: S608 - names from metadata
            f"SELECT {', '.join(values)} FROM {target} "
            f"WHERE {_quoted(source_tenant)} = :template"
        )

    @staticmethod
    def _value(table: Table, column: Column[object], scope: str, id_columns: set[str]) -> str:
        quoted = _quoted(column.name)
        if scope == "tenant_root":
            if column.name == "id":
                return NEW_TENANT
            if column.name == "is_demo":
                return "true"
            if column.name == "is_demo_template":
                return "false"
        if column.name == "tenant_id" or f"tenant:{column.name}" in id_columns:
            return NEW_TENANT
        if column.name in id_columns:
            return remapped(quoted)
        if isinstance(column.type, DateTime):
            return f"{quoted} + make_interval(days => CAST(:shift AS integer))"
        if isinstance(column.type, Date):
            return f"{quoted} + CAST(:shift AS integer)"
        return quoted

    async def clone(
        self,
        connection: AsyncConnection,
        *,
        template_id: uuid.UUID,
        tenant_id: uuid.UUID,
        template_day: date,
        today: date,
    ) -> int:
        """Copy the template into the new `tenant_id` in the caller's transaction; rows copied."""
        parameters = {
            "template": template_id,
            "tenant": str(tenant_id),
            "shift": (today - template_day).days,
        }
        copied = 0
        for clause in self._clauses:
            result = await connection.execute(clause, parameters)
            copied += result.rowcount
        return copied
