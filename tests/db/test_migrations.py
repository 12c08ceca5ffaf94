"""Migrations: one history for all schemas, matching the models, reversible."""

from __future__ import annotations

import secrets
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url

from db.engine import create_engine
from db.migrate import alembic_config, head_revisions, upgrade_to_head
from db.provisioning import drop_database, ensure_database
from domains.registry import metadata


def _differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(
        connection,
        opts={
            "include_schemas": True,
            "include_name": lambda name, type_, _: (
                type_ != "schema" or name in {m.schema for m in metadata()}
            ),
            "compare_type": True,
        },
    )
    # Alembic compares a list of MetaData as one (as autogenerate does); its stub says one only.
    all_metadata: Any = metadata()
    return list(compare_metadata(context, all_metadata))


async def test_migrations_match_the_models(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            differences = await connection.run_sync(_differences)
    finally:
        await engine.dispose()
    assert differences == []


async def test_migration_history_has_one_head() -> None:
    assert len(head_revisions()) == 1


async def test_migrations_downgrade_to_base_and_upgrade_again(database_url: str) -> None:
    server = make_url(database_url).set(database="postgres")
    name = f"bakery_migrations_{secrets.token_hex(4)}"
    url = await ensure_database(server, name)
    engine = create_engine(url)
    try:
        await upgrade_to_head(engine, metadata())

        def downgrade(connection: Connection) -> None:
            from alembic import command

            config = alembic_config(metadata())
            config.attributes["connection"] = connection
            command.downgrade(config, "base")

        async with engine.begin() as connection:
            await connection.run_sync(downgrade)
            left = await connection.scalar(
                text(
                    "SELECT count(*) FROM information_schema.tables "
                    "WHERE table_schema = ANY(:schemas)"
                ),
                {"schemas": [m.schema for m in metadata()]},
            )
        assert left == 0
        await upgrade_to_head(engine, metadata())
    finally:
        await engine.dispose()
        await drop_database(server, name)
