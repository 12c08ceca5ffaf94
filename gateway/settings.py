"""Settings of the gateway, read from the environment (prefix ``GATEWAY_``) and ``.env``."""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from db.row_security import DEFAULT_ROLE


class Environment(StrEnum):
    """Where the gateway runs: development serves GraphiQL and readable logs."""

    DEVELOPMENT = "development"
    PRODUCTION = "production"


class LogFormat(StrEnum):
    """How log lines are written."""

    JSON = "json"
    CONSOLE = "console"


class Settings(BaseSettings):
    """Every setting of the gateway; each is documented in the README and `.env.example`."""

    model_config = SettingsConfigDict(
        env_prefix="GATEWAY_",
        env_file=".env",
        extra="ignore",
        frozen=True,
    )

    environment: Environment = Environment.DEVELOPMENT
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1, le=64)
    shutdown_timeout_seconds: int = Field(default=30, ge=1)

    database_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("GATEWAY_DATABASE_URL", "DATABASE_URL"),
        description="PostgreSQL URL; unset means an embedded server in data_dir.",
    )
    data_dir: Path = Path(".data")
    db_pool_size: int = Field(default=10, ge=1)
    db_max_overflow: int = Field(default=10, ge=0)
    db_pool_timeout_seconds: float = Field(default=5.0, gt=0)
    db_statement_timeout_ms: int = Field(default=15_000, ge=0)
    db_connections_per_request: int = Field(default=4, ge=1)
    max_concurrent_operations: int = Field(default=16, ge=1)
    operation_queue_timeout_seconds: float = Field(default=10.0, gt=0)
    # The role the gateway acts as, under row-level security; empty: the URL's own user.
    database_role: str = DEFAULT_ROLE

    jwt_secret: SecretStr | None = None
    jwt_secret_file: Path | None = None
    jwt_issuer: str = "bakery-gateway"
    jwt_audience: str = "bakery-platform"
    access_token_ttl_seconds: int = Field(default=3600, ge=60)
    service_token_ttl_seconds: int = Field(default=3600, ge=60)

    password_min_length: int = Field(default=10, ge=8)
    argon2_time_cost: int = Field(default=3, ge=1)
    argon2_memory_cost_kib: int = Field(default=65536, ge=1024)
    argon2_parallelism: int = Field(default=4, ge=1)

    max_query_depth: int = Field(default=10, ge=1)
    max_aliases: int = Field(default=15, ge=0)
    max_tokens: int = Field(default=2000, ge=100)
    max_request_bytes: int = Field(default=1_048_576, ge=1024)
    parser_cache_size: int = Field(default=512, ge=0)
    validation_cache_size: int = Field(default=512, ge=0)
    max_query_cost: int = Field(default=100_000, ge=1)
    max_mutation_fields: int = Field(default=10, ge=1)
    persisted_queries_cache_size: int = Field(default=1000, ge=0)
    persisted_queries_allow_list: Path | None = None

    login_max_failures_per_account: int = Field(default=5, ge=1)
    login_max_failures_per_address: int = Field(default=20, ge=1)
    login_throttle_window_seconds: float = Field(default=900, gt=0)

    run_worker: bool = True
    worker_concurrency: int = Field(default=4, ge=2, le=256)
    worker_heartbeat_timeout_seconds: float = Field(default=30, gt=0)

    deletion_retention_days: int = Field(default=30, ge=0)
    deletion_immediate_threshold: int = Field(default=50_000, ge=0)
    deletion_batch_size: int = Field(default=5_000, ge=1)
    deletion_parallel_domains: int = Field(default=2, ge=1)
    deletion_purge_schedule: str = "*/15 * * * *"

    soft_delete_require_reason: bool = False
    trash_retention_days: int = Field(default=90, ge=0)
    trash_retention_days_by_entity: dict[str, int] = Field(default_factory=dict)
    trash_purge_batch_size: int = Field(default=5_000, ge=1)
    trash_purge_schedule: str = "23 * * * *"

    otlp_endpoint: str | None = None
    service_name: str = "bakery-gateway"

    demo_session_minutes: int = Field(default=30, ge=1)
    demo_max_extensions: int = Field(default=3, ge=0)
    demo_max_sessions_per_client: int = Field(default=3, ge=1)
    demo_session_cache_seconds: float = Field(default=5, ge=0)
    demo_cleanup_schedule: str = "*/5 * * * *"
    demo_cleanup_batch_size: int = Field(default=100, ge=1)

    cors_origins: list[str] = Field(default_factory=list)
    log_level: str = "INFO"
    log_format: LogFormat | None = None

    @model_validator(mode="after")
    def _secret_needed_outside_embedded_mode(self) -> Settings:
        if self.database_url and not (self.jwt_secret or self.jwt_secret_file):
            raise ValueError(
                "GATEWAY_JWT_SECRET (or GATEWAY_JWT_SECRET_FILE) is required when "
                "DATABASE_URL points at a server: every replica must sign with the same key"
            )
        return self

    @property
    def embedded(self) -> bool:
        """True when the gateway runs its own PostgreSQL in the data directory."""
        return self.database_url is None

    @property
    def development(self) -> bool:
        """True in development mode (GraphiQL, console logs)."""
        return self.environment is Environment.DEVELOPMENT

    @property
    def effective_log_format(self) -> LogFormat:
        """JSON in production, readable lines in development, unless set."""
        if self.log_format is not None:
            return self.log_format
        return LogFormat.CONSOLE if self.development else LogFormat.JSON

    @cached_property
    def signing_secret(self) -> str:
        """The JWT signing key, from the setting or from the secret file."""
        if self.jwt_secret is not None:
            return self.jwt_secret.get_secret_value()
        if self.jwt_secret_file is not None:
            return self.jwt_secret_file.read_text().strip()
        raise RuntimeError("no JWT secret configured; call gateway.runtime.prepare() first")
