"""GraphQL types of the production domain."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry

from domains.inventory.types import Product, load_product
from domains.kernel.context import RequestContext
from domains.kernel.payloads import UserError
from domains.production.loaders import QualityChecksByBatchLoader
from domains.production.models import BatchStatus
from domains.production.records import BatchRecord, QualityCheckRecord
from domains.recipes.loaders import RecipeByIdLoader
from domains.recipes.types import Recipe
from domains.users.loaders import UserByIdLoader
from domains.users.types import User

Info = strawberry.Info[RequestContext, None]

strawberry.enum(
    BatchStatus,
    description="Where a batch stands: PLANNED -> IN_PROGRESS -> COMPLETED, or CANCELLED.",
)


@strawberry.type(description="A check of a batch's quality.")
class QualityCheck:
    id: strawberry.ID = strawberry.field(description="The check's id.")
    check_type: str = strawberry.field(description="What was checked: crust, crumb, weight, ...")
    passed: bool = strawberry.field(description="Whether the batch passed.")
    score: Decimal | None = strawberry.field(description="A score from 0 to 10, if given.")
    notes: str = strawberry.field(description="Remarks, as typed.")
    created_at: datetime = strawberry.field(description="When it was recorded.")
    record: strawberry.Private[QualityCheckRecord]

    @strawberry.field(description="Who checked (null for a service or a deleted account).")
    async def checked_by(self, info: Info) -> User | None:
        if self.record.checked_by is None:
            return None
        found = await info.context.loaders.get(UserByIdLoader).load(self.record.checked_by)
        return User.from_record(found) if found else None

    @classmethod
    def from_record(cls, record: QualityCheckRecord) -> QualityCheck:
        """The GraphQL view of a quality check."""
        return cls(
            id=strawberry.ID(str(record.id)),
            check_type=record.check_type,
            passed=record.passed,
            score=record.score,
            notes=record.notes,
            created_at=record.created_at,
            record=record,
        )


@strawberry.type(description="One batch of a recipe: planned, made, and what it yielded.")
class ProductionBatch:
    id: strawberry.ID = strawberry.field(description="The batch's id.")
    status: BatchStatus = strawberry.field(description="Where the batch stands.")
    planned_quantity: Decimal = strawberry.field(
        description="What is to be made, in the recipe's yield unit."
    )
    actual_quantity: Decimal | None = strawberry.field(
        description="What was made, in the recipe's yield unit (once completed)."
    )
    planned_for: date = strawberry.field(description="The day it is planned for.")
    notes: str = strawberry.field(description="Remarks, as typed.")
    started_at: datetime | None = strawberry.field(description="When it was started.")
    completed_at: datetime | None = strawberry.field(description="When it was completed.")
    cancelled_at: datetime | None = strawberry.field(description="When it was cancelled.")
    created_at: datetime = strawberry.field(description="When it was planned.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    record: strawberry.Private[BatchRecord]

    @strawberry.field(description="The recipe it follows (null once deleted).")
    async def recipe(self, info: Info) -> Recipe | None:
        found = await info.context.loaders.get(RecipeByIdLoader).load(
            (self.record.tenant_id, self.record.recipe_id)
        )
        return Recipe.from_optional(found, info.context.loaders)

    @strawberry.field(description="The product it makes (null once deleted).")
    async def product(self, info: Info) -> Product | None:
        return await load_product(info, self.record.tenant_id, self.record.product_id)

    @strawberry.field(description="Its quality checks, oldest first.")
    async def quality_checks(self, info: Info) -> list[QualityCheck]:
        checks = await info.context.loaders.get(QualityChecksByBatchLoader).load(
            (self.record.tenant_id, self.record.id)
        )
        return [QualityCheck.from_record(check) for check in checks]

    @strawberry.field(description="Who started it (null until started, or when a service did).")
    async def operator(self, info: Info) -> User | None:
        if self.record.operator_id is None:
            return None
        found = await info.context.loaders.get(UserByIdLoader).load(self.record.operator_id)
        return User.from_record(found) if found else None

    @classmethod
    def from_record(cls, record: BatchRecord) -> ProductionBatch:
        """The GraphQL view of a batch."""
        return cls(
            id=strawberry.ID(str(record.id)),
            status=record.status,
            planned_quantity=record.planned_quantity,
            actual_quantity=record.actual_quantity,
            planned_for=record.planned_for,
            notes=record.notes,
            started_at=record.started_at,
            completed_at=record.completed_at,
            cancelled_at=record.cancelled_at,
            created_at=record.created_at,
            updated_at=record.updated_at,
            record=record,
        )


@strawberry.input(description="A batch to plan.")
class PlanProductionBatchInput:
    recipe_id: strawberry.ID = strawberry.field(description="The live recipe to follow.")
    planned_quantity: Decimal = strawberry.field(
        description="What to make, in the recipe's yield unit; more than zero."
    )
    planned_for: date = strawberry.field(description="The day to make it.")
    notes: str = strawberry.field(default="", description="Remarks (up to 2,000 characters).")


@strawberry.input(description="A quality check of a batch in progress or completed.")
class QualityCheckInput:
    check_type: str = strawberry.field(description="What is checked (1 to 60 characters).")
    passed: bool = strawberry.field(description="Whether the batch passed.")
    score: Decimal | None = strawberry.field(default=None, description="From 0 to 10.")
    notes: str = strawberry.field(default="", description="Remarks (up to 2,000 characters).")


@strawberry.type(description="Result of a mutation on a production batch.")
class ProductionBatchPayload:
    batch: ProductionBatch | None = strawberry.field(default=None, description="The batch.")
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )


@strawberry.type(description="Result of recording a quality check.")
class QualityCheckPayload:
    quality_check: QualityCheck | None = strawberry.field(
        default=None, description="The check recorded."
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )
