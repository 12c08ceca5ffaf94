"""Getting ready to run: the database (embedded or given), its migrations, the signing secret."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import structlog
from sqlalchemy.ext.asyncio import AsyncEngine

from db import row_security
from db.embedded import start_embedded_postgres
from db.engine import create_engine
from db.migrate import upgrade_to_head
from db.provisioning import ensure_database
from domains.demo.templates import seed_templates
from domains.registry import DOMAINS, metadata
from gateway.settings import Settings

log = structlog.get_logger()

EMBEDDED_DATABASE = "bakery"
SECRET_FILE = "jwt-secret"  # noqa: S105 - a file name, not a secret


def ensure_secret_file(data_dir: Path) -> Path:
    """The signing secret of embedded mode: generated once, kept in the data directory (0600)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / SECRET_FILE
    if not path.exists():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_urlsafe(48))
        log.info("gateway.secret.created", path=str(path))
    return path


def with_secret(settings: Settings) -> Settings:
    """`settings` with a signing secret: the configured one, or embedded mode's own file."""
    if settings.jwt_secret is not None or settings.jwt_secret_file is not None:
        return settings
    return settings.model_copy(update={"jwt_secret_file": ensure_secret_file(settings.data_dir)})


async def prepare(settings: Settings) -> Settings:
    """Settings ready to serve: embedded PostgreSQL started and its database made, if needed."""
    settings = with_secret(settings)
    if not settings.embedded:
        return settings
    server_url = start_embedded_postgres(settings.data_dir)
    url = await ensure_database(server_url, EMBEDDED_DATABASE)
    return settings.model_copy(update={"database_url": url.render_as_string(hide_password=False)})


async def migrate(engine: AsyncEngine) -> None:
    """Upgrade to head, then write each domain's idempotent seed data."""
    await upgrade_to_head(engine, metadata())
    for domain in DOMAINS:
        if domain.seed is not None:
            async with engine.begin() as connection:
                await domain.seed(connection)
            log.info("db.seeded", domain=domain.name)
    await seed_demo(engine)
    log.info("db.migrated")


async def seed_demo(engine: AsyncEngine) -> None:
    """Write the demo template bakeries that are not there yet (one transaction)."""
    async with engine.begin() as connection:
        await seed_templates(connection, metadata())


async def migrate_database(settings: Settings) -> None:
    """Migrate the database `settings` point at."""
    if settings.database_url is None:
        raise RuntimeError("no database URL; call prepare() first")
    engine = create_engine(settings.database_url)
    try:
        await migrate(engine)
    finally:
        await engine.dispose()


async def clean_up_demo_sessions(settings: Settings) -> int:
    """Delete the copies of every expired or ended demo session, a batch per transaction."""
    from domains.demo import service
    from gateway.resources import Resources

    resources = Resources.open(settings)
    cleaned = 0
    try:
        while True:
            with row_security.scoped(row_security.PLATFORM):  # the platform cleans up
                async with resources.database.transaction() as connection:
                    batch = await service.clean_up(
                        connection,
                        policy=resources.demo,
                        lifecycle_policy=resources.lifecycle,
                        queue=resources.jobs,
                    )
            cleaned += batch
            if batch < resources.demo.cleanup_batch_size:
                return cleaned
    finally:
        await resources.close()
