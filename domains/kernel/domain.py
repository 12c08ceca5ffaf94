"""What a domain contributes to the gateway, listed in domains/registry.py."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy import MetaData
from sqlalchemy.ext.asyncio import AsyncConnection

Seeder = Callable[[AsyncConnection], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Domain:
    """One domain: its Postgres schema (metadata) and the GraphQL it adds.

    `query` and `mutation` are Strawberry types merged into the root types; `tenant_fields` is a
    Strawberry type whose fields are added to `Tenant`; `seed` writes idempotent reference data
    after migrations.
    """

    name: str
    metadata: MetaData
    query: type | None = None
    mutation: type | None = None
    tenant_fields: type | None = None
    seed: Seeder | None = None

    def __post_init__(self) -> None:
        if self.metadata.schema != self.name:
            raise ValueError(f"domain {self.name!r} must own the Postgres schema {self.name!r}")
