"""What the gateway process holds while it runs: the database, the job queue, security tools."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property

from db.base import table_scope
from db.database import Database
from db.engine import PoolSettings
from domains import registry
from domains.demo.cloner import TenantCloner
from domains.demo.policy import DemoPolicy, SessionCache
from domains.kernel.jobs import JobQueue
from domains.lifecycle.certificate import CertificateSigner
from domains.lifecycle.plan import DeletionPlan
from domains.lifecycle.policy import LifecyclePolicy
from domains.trash.policy import TrashPolicy
from domains.users.passwords import PasswordHasher
from domains.users.service import AccountPolicy
from domains.users.tokens import TokenCodec
from gateway.admission import Admission
from gateway.jobs.queue import PgQueuerJobQueue
from gateway.settings import Settings


def token_codec(settings: Settings) -> TokenCodec:
    """The JWT codec configured by `settings`."""
    return TokenCodec(
        secret=settings.signing_secret,
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        user_ttl=timedelta(seconds=settings.access_token_ttl_seconds),
        service_ttl=timedelta(seconds=settings.service_token_ttl_seconds),
    )


def pool_settings(settings: Settings) -> PoolSettings:
    """Pool sizing from `settings`."""
    return PoolSettings(
        size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        timeout_seconds=settings.db_pool_timeout_seconds,
        statement_timeout_ms=settings.db_statement_timeout_ms,
    )


def lifecycle_policy(settings: Settings) -> LifecyclePolicy:
    """How tenants are deleted, from `settings`, over every domain of the registry."""
    return LifecyclePolicy(
        plan=DeletionPlan(registry.DOMAINS),
        signer=CertificateSigner(settings.signing_secret),
        retention=timedelta(days=settings.deletion_retention_days),
        immediate_threshold=settings.deletion_immediate_threshold,
        batch_size=settings.deletion_batch_size,
        parallel_domains=settings.deletion_parallel_domains,
    )


def trash_policy(settings: Settings) -> TrashPolicy:
    """The soft-deletable tables of every domain and how long their deleted rows are kept."""
    by_entity = {
        entity: timedelta(days=days)
        for entity, days in settings.trash_retention_days_by_entity.items()
    }
    policy = TrashPolicy.of(
        (item for domain in registry.DOMAINS for item in domain.trash),
        schemas=tuple(domain.name for domain in registry.DOMAINS),
        global_tables=frozenset(
            table.fullname
            for domain in registry.DOMAINS
            for table in domain.metadata.tables.values()
            if table_scope(table) == "global"
        ),
        require_reason=settings.soft_delete_require_reason,
        retention=timedelta(days=settings.trash_retention_days),
        retention_by_entity=by_entity,
        purge_batch_size=settings.trash_purge_batch_size,
    )
    unknown = set(by_entity) - set(policy.entities)
    if unknown:
        raise ValueError(
            f"GATEWAY_TRASH_RETENTION_DAYS_BY_ENTITY names {sorted(unknown)}; "
            f"entities are {policy.entities}"
        )
    return policy


def demo_policy(settings: Settings) -> DemoPolicy:
    """How demo sessions run, with a cloner over every domain of the registry."""
    return DemoPolicy(
        cloner=TenantCloner(registry.DOMAINS),
        session_ttl=timedelta(minutes=settings.demo_session_minutes),
        max_extensions=settings.demo_max_extensions,
        max_sessions_per_client=settings.demo_max_sessions_per_client,
        cleanup_batch_size=settings.demo_cleanup_batch_size,
        cache=SessionCache(settings.demo_session_cache_seconds),
    )


def job_dependencies(settings: Settings) -> dict[type, object]:
    """What job handlers may ask for (`job_dependency`), in any process that runs jobs."""
    return {
        JobQueue: PgQueuerJobQueue.for_domains(registry.DOMAINS),
        LifecyclePolicy: lifecycle_policy(settings),
        TrashPolicy: trash_policy(settings),
        DemoPolicy: demo_policy(settings),
    }


def job_schedules(settings: Settings) -> dict[str, str]:
    """Periodic jobs by name, with their cron expression."""
    return {
        "lifecycle.purge_due": settings.deletion_purge_schedule,
        "trash.purge": settings.trash_purge_schedule,
        "demo.cleanup": settings.demo_cleanup_schedule,
    }


@dataclass(frozen=True)
class Resources:
    """Process-wide objects, opened at start-up and closed at shutdown."""

    settings: Settings
    database: Database
    tokens: TokenCodec
    passwords: PasswordHasher
    account_policy: AccountPolicy
    jobs: JobQueue
    lifecycle: LifecyclePolicy
    trash: TrashPolicy
    demo: DemoPolicy
    admission: Admission

    @classmethod
    def open(cls, settings: Settings) -> Resources:
        """Open the pool (lazily: no connection is made until first use) and build the tools."""
        if settings.database_url is None:
            raise RuntimeError("no database URL; call gateway.runtime.prepare() first")
        return cls(
            settings=settings,
            database=Database.connect(
                settings.database_url, pool_settings(settings), role=settings.database_role
            ),
            tokens=token_codec(settings),
            passwords=PasswordHasher(
                time_cost=settings.argon2_time_cost,
                memory_cost_kib=settings.argon2_memory_cost_kib,
                parallelism=settings.argon2_parallelism,
            ),
            account_policy=AccountPolicy(password_min_length=settings.password_min_length),
            jobs=PgQueuerJobQueue.for_domains(registry.DOMAINS),
            lifecycle=lifecycle_policy(settings),
            trash=trash_policy(settings),
            demo=demo_policy(settings),
            admission=Admission(
                limit=settings.max_concurrent_operations,
                timeout_seconds=settings.operation_queue_timeout_seconds,
            ),
        )

    @cached_property
    def dependencies(self) -> dict[type, object]:
        """What resolvers may ask the request context for, by class."""
        return {
            TokenCodec: self.tokens,
            PasswordHasher: self.passwords,
            AccountPolicy: self.account_policy,
            JobQueue: self.jobs,
            LifecyclePolicy: self.lifecycle,
            TrashPolicy: self.trash,
            DemoPolicy: self.demo,
        }

    async def close(self) -> None:
        """Close the pool."""
        await self.database.dispose()
