"""Alembic, driven from code: one migration history for every domain schema."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, MetaData, text
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
VERSION_TABLE_SCHEMA = "public"


def alembic_config(metadata: Sequence[MetaData] = ()) -> Config:
    """An Alembic config for the migrations folder; `metadata` feeds autogenerate."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["target_metadata"] = list(metadata)
    return config


def head_revisions() -> frozenset[str]:
    """The head revision(s) of the migration history shipped with this code."""
    return frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())


async def upgrade_to_head(engine: AsyncEngine, metadata: Sequence[MetaData] = ()) -> None:
    """Apply every pending migration, in one transaction."""

    def run(connection: Connection) -> None:
        config = alembic_config(metadata)
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")

    async with engine.begin() as connection:
        # Two gateways starting together must not both migrate.
        await connection.execute(text("SELECT pg_advisory_xact_lock(hashtext('bakery.migrate'))"))
        await connection.run_sync(run)


async def autogenerate(engine: AsyncEngine, metadata: Sequence[MetaData], message: str) -> None:
    """Write a new revision from the difference between the models and the database."""

    def run(connection: Connection) -> None:
        config = alembic_config(metadata)
        config.attributes["connection"] = connection
        command.revision(config, message=message, autogenerate=True)

    async with engine.begin() as connection:
        await connection.run_sync(run)


async def current_revisions(connection: AsyncConnection) -> frozenset[str]:
    """The revision(s) the database is at (an autocommit connection); empty before migrating."""
    try:
        result = await connection.execute(
            text(f"SELECT version_num FROM {VERSION_TABLE_SCHEMA}.alembic_version")  # noqa: S608
        )
    except ProgrammingError:
        return frozenset()
    return frozenset(result.scalars())
