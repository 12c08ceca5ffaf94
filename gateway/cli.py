"""The `gateway` command: serve, worker, migrate, token, verify-certificate, export-schema, ..."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import uuid
from collections.abc import Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
import uvicorn
from sqlalchemy.exc import DBAPIError

from gateway.logging import configure_logging
from gateway.settings import Settings

if TYPE_CHECKING:
    from domains.kernel.errors import OperationRefused
    from domains.lifecycle.records import DeletionJobRecord
    from gateway.resources import Resources

cli = typer.Typer(
    help="The bakery GraphQL gateway.", no_args_is_help=True, pretty_exceptions_enable=False
)


def _settings() -> Settings:
    try:
        settings = Settings()
    except ValueError as error:
        typer.echo(f"Invalid settings: {error}", err=True)
        raise typer.Exit(2) from None
    configure_logging(settings.log_level, settings.effective_log_format)
    return settings


T = TypeVar("T")
FOLLOW_INTERVAL_SECONDS = 1.0
FOLLOWED_STATUSES = frozenset({"PENDING", "RUNNING"})
"""Statuses a followed job leaves by itself (SCHEDULED waits for its retention: days)."""


def _with_database(work: Coroutine[Any, Any, T]) -> T:
    """Run `work`; a database that cannot be reached is one clear line and exit code 1."""
    try:
        return asyncio.run(work)
    except (OSError, DBAPIError) as error:
        reason = error.orig if isinstance(error, DBAPIError) else error
        typer.echo(f"Cannot use the database: {type(reason).__name__}: {reason}", err=True)
        raise typer.Exit(1) from None


@cli.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    workers: Annotated[int | None, typer.Option(help="Worker processes.")] = None,
    migrate: Annotated[
        bool | None,
        typer.Option(help="Apply migrations first (default: yes in development)."),
    ] = None,
) -> None:
    """Serve GraphQL on http://HOST:PORT/graphql (embedded PostgreSQL unless DATABASE_URL)."""
    from gateway.runtime import migrate_database, prepare

    settings = _settings()
    prepared = _with_database(prepare(settings))
    if migrate if migrate is not None else settings.development:
        _with_database(migrate_database(prepared))
    # Workers are separate processes: they read the prepared settings from the environment.
    assert prepared.database_url is not None
    os.environ["GATEWAY_DATABASE_URL"] = prepared.database_url
    if prepared.jwt_secret_file is not None:
        os.environ["GATEWAY_JWT_SECRET_FILE"] = str(prepared.jwt_secret_file.resolve())
    process_count = workers or settings.workers
    if process_count > 1:
        # Each worker writes its metrics here; /metrics adds them up (gateway.metrics).
        metrics_dir = settings.data_dir / "metrics"
        shutil.rmtree(metrics_dir, ignore_errors=True)
        metrics_dir.mkdir(parents=True)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir.resolve())
    bind_host = host or settings.host
    bind_port = port or settings.port
    typer.echo(f"GraphQL at http://{bind_host}:{bind_port}/graphql", err=True)
    uvicorn.run(
        "gateway.app:app_from_environment",
        factory=True,
        host=bind_host,
        port=bind_port,
        workers=process_count,
        # SIGTERM: stop accepting, let in-flight requests finish, at most this long.
        timeout_graceful_shutdown=settings.shutdown_timeout_seconds,
        # Longer than clients' and load balancers' idle timeouts (typically 5 to 60 s): the
        # client closes an idle connection first, instead of the server closing one just as a
        # client sends on it, which the client sees as a dropped request.
        timeout_keep_alive=75,
        log_config=None,
        access_log=False,
        proxy_headers=True,
    )


@cli.command()
def worker(
    concurrency: Annotated[
        int | None,
        typer.Option(
            help="Jobs run at once, at least 2 (default: GATEWAY_WORKER_CONCURRENCY).", min=2
        ),
    ] = None,
) -> None:
    """Run background jobs until SIGTERM or Ctrl-C (next to or instead of serve's own worker)."""
    from gateway.jobs.worker import run_worker_process
    from gateway.runtime import prepare

    settings = _with_database(prepare(_settings()))
    _with_database(run_worker_process(settings, concurrency or settings.worker_concurrency))


@cli.command()
def migrate() -> None:
    """Apply every migration (Alembic upgrade to head), then idempotent seed data."""
    from gateway.runtime import migrate_database, prepare

    settings = _with_database(prepare(_settings()))
    _with_database(migrate_database(settings))


def _uuid(value: str, name: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not an id", param_hint=name) from None


def _refused(error: OperationRefused) -> typer.Exit:
    for problem in error.problems:
        typer.echo(f"Refused ({problem.code}): {problem.message}", err=True)
    return typer.Exit(1)


def _job_line(job: DeletionJobRecord) -> str:
    progress = f"{job.total_items_deleted:,}/{job.items_planned:,} rows"
    return (
        f"{job.id}  tenant {job.tenant_id}  {job.mode.value:<9}  {job.status.value:<9}  "
        f"{progress}  {job.created_at:%Y-%m-%d %H:%M}  by {job.initiated_by}"
        + (f"  error: {job.error}" if job.error else "")
    )


async def _follow(resources: Resources, job_id: uuid.UUID) -> DeletionJobRecord:
    """Poll the job once a second with a live progress bar until it stops moving on its own."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from gateway import operator

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, transient=False) as progress:
        task = progress.add_task("waiting", total=None)
        while True:
            job = await operator.job(resources, job_id)
            if job is None:
                raise typer.BadParameter(f"no deletion job {job_id}", param_hint="JOB")
            progress.update(
                task,
                description=job.status.value,
                completed=job.total_items_deleted,
                total=job.items_planned or None,
            )
            if job.status.value not in FOLLOWED_STATUSES:
                return job
            await asyncio.sleep(FOLLOW_INTERVAL_SECONDS)


@cli.command()
def jobs(
    tenant: Annotated[str | None, typer.Option(help="Only this tenant's deletion jobs.")] = None,
    follow: Annotated[
        str | None, typer.Option(help="Follow this job with a live progress bar until it ends.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="Jobs to list.")] = 50,
) -> None:
    """List deletion jobs (oldest first), or follow one with `--follow ID`."""
    from gateway import operator
    from gateway.runtime import prepare

    settings = _with_database(prepare(_settings()))

    async def run() -> None:
        async with operator.opened(settings) as resources:
            if follow is not None:
                job = await _follow(resources, _uuid(follow, "--follow"))
                typer.echo(_job_line(job))
                return
            tenant_id = _uuid(tenant, "--tenant") if tenant is not None else None
            for job in await operator.recent_jobs(resources, tenant_id=tenant_id, limit=limit):
                typer.echo(_job_line(job))

    _with_database(run())


@cli.command("delete-tenant")
def delete_tenant(
    tenant_id: Annotated[str, typer.Argument(help="The tenant to delete.")],
    reason: Annotated[str, typer.Option(help="Why (kept in the job and the audit log).")],
    immediate: Annotated[
        bool, typer.Option(help="Purge now (default: hide now, purge after the retention).")
    ] = False,
    follow: Annotated[bool, typer.Option(help="Follow the purge with a progress bar.")] = False,
) -> None:
    """Delete a tenant as `deleteTenant` does; prints the job's id on the last line."""
    from domains.kernel.errors import OperationRefused as Refused
    from gateway import operator
    from gateway.runtime import prepare

    tenant = _uuid(tenant_id, "TENANT_ID")
    settings = _with_database(prepare(_settings()))

    async def run() -> DeletionJobRecord:
        async with operator.opened(settings) as resources:
            job = await operator.delete_tenant(
                resources, tenant_id=tenant, reason=reason, immediate=immediate
            )
            if follow and job.status.value in FOLLOWED_STATUSES:
                job = await _follow(resources, job.id)
            return job

    try:
        job = _with_database(run())
    except Refused as error:
        raise _refused(error) from None
    typer.echo(_job_line(job), err=True)
    typer.echo(str(job.id))
    if job.status.value == "FAILED":
        raise typer.Exit(1)


@cli.command("restore-tenant")
def restore_tenant(
    tenant_id: Annotated[str, typer.Argument(help="The tenant to bring back.")],
) -> None:
    """Bring back a tenant deleted with SCHEDULED, before its purge (as `restoreTenant`)."""
    from domains.kernel.errors import OperationRefused as Refused
    from gateway import operator
    from gateway.runtime import prepare

    tenant = _uuid(tenant_id, "TENANT_ID")
    settings = _with_database(prepare(_settings()))

    async def run() -> str:
        async with operator.opened(settings) as resources:
            restored = await operator.restore_tenant(resources, tenant_id=tenant)
            return restored.name

    try:
        name = _with_database(run())
    except Refused as error:
        raise _refused(error) from None
    typer.echo(f"Restored {name} ({tenant}).")


@cli.command()
def purge(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only count what is due.")] = False,
) -> None:
    """Run the retention purges now: the trash past its retention, tenants past `purgeAfter`."""
    from gateway import operator
    from gateway.runtime import prepare

    settings = _with_database(prepare(_settings()))

    async def run() -> operator.PurgeReport:
        async with operator.opened(settings) as resources:
            return await operator.purge(resources, dry_run=dry_run)

    report = _with_database(run())
    verb = "Would purge" if dry_run else "Purged"
    for entity, count in sorted(report.trash.items()):
        typer.echo(f"{verb} {count:,} soft-deleted {entity} row(s).")
    if not report.trash:
        typer.echo("Nothing in the trash is past its retention.")
    tenants = "due for purge" if dry_run else "queued for purge"
    typer.echo(f"{report.tenants} tenant deletion(s) {tenants}.")


@cli.command("seed-demo")
def seed_demo() -> None:
    """Write the demo template bakeries if they are missing (also done by `migrate`)."""
    from db.engine import create_engine
    from gateway.runtime import prepare
    from gateway.runtime import seed_demo as seed

    settings = _with_database(prepare(_settings()))
    assert settings.database_url is not None
    engine = create_engine(settings.database_url)

    async def run() -> None:
        try:
            await seed(engine)
        finally:
            await engine.dispose()

    _with_database(run())
    typer.echo("Demo bakeries ready.")


@cli.command("demo-cleanup")
def demo_cleanup() -> None:
    """Delete now the copies of every expired or ended demo session (what the periodic job does)."""
    from gateway.runtime import clean_up_demo_sessions, prepare

    settings = _with_database(prepare(_settings()))
    cleaned = _with_database(clean_up_demo_sessions(settings))
    typer.echo(f"Cleaned up {cleaned} demo session(s).")


@cli.command()
def token(
    service: Annotated[str, typer.Option(help="Name of the service the token is for.")],
    ttl: Annotated[int | None, typer.Option(help="Lifetime in seconds.", min=60)] = None,
) -> None:
    """Print a service JWT (on the last line)."""
    from datetime import timedelta

    from gateway.resources import token_codec
    from gateway.runtime import with_secret

    settings = with_secret(_settings())
    try:
        issued = token_codec(settings).issue_service_token(
            service, timedelta(seconds=ttl) if ttl else None
        )
    except ValueError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    typer.echo(issued)


@cli.command("verify-certificate")
def verify_certificate(
    file: Annotated[
        Path, typer.Argument(help="A saved certificate (`DeletionJob.certificate.json`).")
    ],
) -> None:
    """Check a deletion certificate's signature with this server's secret (exit 1 if not valid)."""
    import orjson

    from domains.lifecycle.certificate import CertificateSigner
    from gateway.runtime import with_secret

    settings = with_secret(_settings())
    try:
        certificate = orjson.loads(file.read_bytes())
    except (OSError, orjson.JSONDecodeError) as error:
        typer.echo(f"Cannot read a certificate from {file}: {error}", err=True)
        raise typer.Exit(2) from None
    if not isinstance(certificate, dict) or not CertificateSigner(settings.signing_secret).verify(
        certificate
    ):
        typer.echo(f"{file}: NOT a valid certificate of this server.", err=True)
        raise typer.Exit(1)
    document = certificate["document"]
    typer.echo(
        f"{file}: valid. Tenant {document.get('tenantId')}, job {document.get('jobId')}: "
        f"{document.get('itemsDeleted')} rows deleted, none left, completed "
        f"{document.get('completedAt')}."
    )


@cli.command("export-schema")
def export_schema(
    output: Annotated[Path, typer.Option(help="Where to write the SDL.")] = Path("schema.graphql"),
    check: Annotated[
        bool, typer.Option("--check", help="Fail if the file differs from the code.")
    ] = False,
) -> None:
    """Write the GraphQL schema (SDL) to schema.graphql, or check that it is current."""
    from schema.build import build_schema

    sdl = build_schema().as_str() + "\n"
    if check:
        current = output.read_text() if output.exists() else ""
        if current != sdl:
            typer.echo(f"{output} is out of date: run `gateway export-schema`.", err=True)
            raise typer.Exit(1)
        typer.echo(f"{output} is up to date.")
        return
    output.write_text(sdl)
    typer.echo(f"wrote {output}")


@cli.command()
def makemigration(message: Annotated[str, typer.Argument(help="What the migration does.")]) -> None:
    """Write a new migration from the difference between the models and the database."""
    from db.engine import create_engine
    from db.migrate import autogenerate
    from domains.registry import metadata
    from gateway.runtime import migrate_database, prepare

    settings = _with_database(prepare(_settings()))
    _with_database(migrate_database(settings))
    assert settings.database_url is not None
    engine = create_engine(settings.database_url)

    async def run() -> None:
        try:
            await autogenerate(engine, metadata(), message)
        finally:
            await engine.dispose()

    _with_database(run())


def main() -> None:
    """Entry point of the `gateway` console script."""
    cli(prog_name="gateway")
    sys.exit(0)
