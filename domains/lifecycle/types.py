"""GraphQL types of the lifecycle domain."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import orjson
import strawberry
from strawberry.scalars import JSON

from domains.kernel.context import RequestContext
from domains.kernel.deleter import EntityCounts
from domains.kernel.payloads import UserError
from domains.lifecycle.kinds import DeletionJobStatus, DeletionMode, DeletionStepStatus
from domains.lifecycle.loaders import StepsByDeletionJobLoader
from domains.lifecycle.records import DeletionJobRecord, DeletionStepRecord
from domains.tenants.types import Tenant

strawberry.enum(
    DeletionMode,
    description=(
        "SCHEDULED hides the bakery now, restorable until `purgeAfter`, then purged; "
        "IMMEDIATE purges it now."
    ),
)
strawberry.enum(
    DeletionJobStatus,
    description=(
        "PENDING (waiting for a worker), SCHEDULED (hidden, purged after the retention period), "
        "RUNNING, COMPLETED, FAILED, or CANCELLED (the bakery was restored)."
    ),
)
strawberry.enum(DeletionStepStatus, description="Where one domain's part of a deletion stands.")

Info = strawberry.Info[RequestContext, None]


@strawberry.type(description="Rows of one kind (a table) of a domain.")
class EntityCount:
    entity: str = strawberry.field(description="The entity (table), e.g. `ingredients`.")
    count: int = strawberry.field(description="How many rows.")


def entity_counts(counts: EntityCounts) -> list[EntityCount]:
    """Counts per entity as GraphQL objects, in deletion order."""
    return [EntityCount(entity=entity, count=count) for entity, count in counts.items()]


@strawberry.type(description="What a deletion touches in one domain.")
class DomainCount:
    domain: str = strawberry.field(description="The domain (its Postgres schema).")
    entities: list[EntityCount] = strawberry.field(description="Rows per entity, zeros included.")
    total: int = strawberry.field(description="Rows in this domain.")


@strawberry.type(description="What deleting a bakery would remove, per domain and entity.")
class DeletionPreview:
    tenant_id: strawberry.ID = strawberry.field(description="The bakery.")
    domains: list[DomainCount] = strawberry.field(
        description="Every domain, in deletion order, zeros included."
    )
    total_items: int = strawberry.field(description="Rows in every domain together.")

    @classmethod
    def from_counts(cls, tenant_id: uuid.UUID, counts: dict[str, EntityCounts]) -> DeletionPreview:
        """The preview of a bakery from its counts per domain."""
        domains = [
            DomainCount(
                domain=domain, entities=entity_counts(entities), total=sum(entities.values())
            )
            for domain, entities in counts.items()
        ]
        return cls(
            tenant_id=strawberry.ID(str(tenant_id)),
            domains=domains,
            total_items=sum(domain.total for domain in domains),
        )


@strawberry.type(description="One domain's part of a deletion job.")
class DeletionStep:
    domain: str = strawberry.field(description="The domain.")
    status: DeletionStepStatus = strawberry.field(description="Where it stands.")
    entities: list[EntityCount] = strawberry.field(description="Rows deleted per entity so far.")
    items_deleted: int = strawberry.field(description="Rows deleted so far.")
    started_at: datetime | None = strawberry.field(description="When it began.")
    completed_at: datetime | None = strawberry.field(description="When it finished.")
    duration_ms: int = strawberry.field(description="Time spent deleting, in milliseconds.")
    error: str | None = strawberry.field(description="Why it failed.")

    @classmethod
    def from_record(cls, record: DeletionStepRecord) -> DeletionStep:
        """The GraphQL view of a step."""
        return cls(
            domain=record.domain,
            status=record.status,
            entities=entity_counts(record.counts),
            items_deleted=record.items_deleted,
            started_at=record.started_at,
            completed_at=record.completed_at,
            duration_ms=record.duration_ms,
            error=record.error,
        )


@strawberry.type(
    description=(
        "Signed proof of a completed deletion: what was deleted and that the catalog shows no "
        "row of the bakery left. Save `json` to a file and check it with "
        "`gateway verify-certificate FILE`."
    )
)
class DeletionCertificate:
    document: JSON = strawberry.field(description="What is certified (tenant, job, counts, time).")
    algorithm: str = strawberry.field(description="How it is signed: `HMAC-SHA256`.")
    signature: str = strawberry.field(description="Signature of the document (hex).")
    signed: strawberry.Private[dict[str, Any]]

    @strawberry.field(description="The whole signed certificate as JSON text, to save as a file.")
    def json(self) -> str:
        return orjson.dumps(self.signed, option=orjson.OPT_SORT_KEYS).decode()

    @classmethod
    def from_signed(cls, signed: dict[str, Any]) -> DeletionCertificate:
        """The GraphQL view of a stored certificate."""
        return cls(
            document=JSON(signed["document"]),
            algorithm=signed["algorithm"],
            signature=signed["signature"],
            signed=signed,
        )


@strawberry.type(description="The deletion of one bakery: who asked, why, progress, certificate.")
class DeletionJob:
    id: strawberry.ID = strawberry.field(description="The job's id.")
    tenant_id: strawberry.ID = strawberry.field(description="The bakery being deleted.")
    mode: DeletionMode = strawberry.field(description="SCHEDULED or IMMEDIATE.")
    status: DeletionJobStatus = strawberry.field(description="Where the job stands.")
    reason: str | None = strawberry.field(description="Why, as the caller gave it.")
    initiated_by: str = strawberry.field(description="`user:<id>` or `service:<name>`.")
    created_at: datetime = strawberry.field(description="When the deletion was asked for.")
    started_at: datetime | None = strawberry.field(description="When the purge began.")
    completed_at: datetime | None = strawberry.field(description="When it ended.")
    purge_after: datetime | None = strawberry.field(
        description="SCHEDULED: when the bakery is purged; restorable until then."
    )
    items_planned: int = strawberry.field(description="Rows to delete, by the preview.")
    total_items_deleted: int = strawberry.field(description="Rows deleted so far (progress).")
    error: str | None = strawberry.field(description="Why it failed: the domain and the error.")
    certificate: DeletionCertificate | None = strawberry.field(
        description="Signed proof, once COMPLETED."
    )

    @strawberry.field(description="One step per domain, in deletion order.")
    async def steps(self, info: Info) -> list[DeletionStep]:
        records = await info.context.loaders.get(StepsByDeletionJobLoader).load(uuid.UUID(self.id))
        return [DeletionStep.from_record(record) for record in records]

    @classmethod
    def from_record(cls, record: DeletionJobRecord) -> DeletionJob:
        """The GraphQL view of a deletion job."""
        return cls(
            id=strawberry.ID(str(record.id)),
            tenant_id=strawberry.ID(str(record.tenant_id)),
            mode=record.mode,
            status=record.status,
            reason=record.reason,
            initiated_by=record.initiated_by,
            created_at=record.created_at,
            started_at=record.started_at,
            completed_at=record.completed_at,
            purge_after=record.purge_after,
            items_planned=record.items_planned,
            total_items_deleted=record.total_items_deleted,
            error=record.error,
            certificate=(
                DeletionCertificate.from_signed(record.certificate) if record.certificate else None
            ),
        )


@strawberry.type(description="Result of `deleteTenant`: the deletion job.")
class DeletionJobPayload:
    job: DeletionJob | None = strawberry.field(
        default=None, description="The job started, or the one already under way."
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )


@strawberry.type(description="Result of `deleteUser`.")
class DeleteUserPayload:
    user_id: strawberry.ID | None = strawberry.field(
        default=None, description="The erased account."
    )
    transferred_tenants: list[Tenant] = strawberry.field(
        default_factory=list, description="Bakeries the person owned, now owned by an ADMIN."
    )
    deletion_jobs: list[DeletionJob] = strawberry.field(
        default_factory=list,
        description="Deletions started for bakeries the person owned with no other ADMIN.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )
