"""Alembic environment: run by db.migrate with a live connection and the domains' metadata."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from db.migrate import VERSION_TABLE_SCHEMA

config = context.config
connection: Connection | None = config.attributes.get("connection")
if connection is None:
    raise SystemExit("run migrations through the CLI: `gateway migrate` or `gateway makemigration`")

target_metadata = config.attributes.get("target_metadata") or None
schemas = {m.schema for m in target_metadata or () if m.schema}


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Autogenerate compares the domain schemas only."""
    if type_ == "schema":
        return name in schemas
    return True


context.configure(
    connection=connection,
    target_metadata=target_metadata,
    include_schemas=True,
    include_name=include_name,
    version_table_schema=VERSION_TABLE_SCHEMA,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
