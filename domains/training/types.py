"""GraphQL types of the training domain."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

import strawberry

from domains.inventory.types import Product, load_product
from domains.kernel.context import RequestContext
from domains.kernel.payloads import UserError
from domains.training.fitting import WeekdayMeans
from domains.training.loaders import TrainedModelByIdLoader
from domains.training.models import TrainingJobStatus
from domains.training.records import TrainedModelRecord, TrainingJobRecord

Info = strawberry.Info[RequestContext, None]

strawberry.enum(
    TrainingJobStatus,
    description="QUEUED until a worker takes the job, then COMPLETED or FAILED.",
)


@strawberry.type(description="How well a model predicted the two weeks it was not fitted on.")
class ModelMetrics:
    product_id: strawberry.ID = strawberry.field(description="The product the model is of.")
    mae: Decimal = strawberry.field(description="Mean absolute error, in the product's unit.")
    rmse: Decimal = strawberry.field(description="Root mean squared error, in its unit.")


@strawberry.type(description="A request to fit models of products' daily sales.")
class TrainingJob:
    id: strawberry.ID = strawberry.field(description="The job's id.")
    status: TrainingJobStatus = strawberry.field(description="Where it stands.")
    product_ids: list[strawberry.ID] | None = strawberry.field(
        description="The products asked for; null means every product sold in the 8 weeks "
        "before the job."
    )
    started_at: datetime | None = strawberry.field(description="When a worker started it.")
    finished_at: datetime | None = strawberry.field(description="When it completed or failed.")
    error: str | None = strawberry.field(description="Why it failed (null otherwise).")
    created_at: datetime = strawberry.field(description="When it was requested.")
    metrics: list[ModelMetrics] = strawberry.field(
        description="Hold-out metrics of each model it fitted (empty until COMPLETED)."
    )

    @classmethod
    def from_record(cls, record: TrainingJobRecord) -> TrainingJob:
        """The GraphQL view of a training job."""
        return cls(
            id=strawberry.ID(str(record.id)),
            status=record.status,
            product_ids=None
            if record.product_ids is None
            else [strawberry.ID(str(i)) for i in record.product_ids],
            started_at=record.started_at,
            finished_at=record.finished_at,
            error=record.error,
            created_at=record.created_at,
            metrics=[
                ModelMetrics(
                    product_id=strawberry.ID(product),
                    mae=Decimal(values["mae"]),
                    rmse=Decimal(values["rmse"]),
                )
                for product, values in sorted((record.metrics or {}).items())
            ],
        )


@strawberry.type(
    description="One version of a product's model: the mean quantity sold on each weekday and "
    "the spread around it."
)
class TrainedModel:
    id: strawberry.ID = strawberry.field(description="The model's id.")
    product_id: strawberry.ID = strawberry.field(description="The product it predicts.")
    training_job_id: strawberry.ID = strawberry.field(description="The job that fitted it.")
    version: int = strawberry.field(description="1 for the product's first model, then 2, ...")
    algorithm: str = strawberry.field(description="How it predicts, e.g. `weekday_mean`.")
    active: bool = strawberry.field(
        description="Whether forecasts use it; one active model per product, the latest."
    )
    weekday_means: list[Decimal] = strawberry.field(
        description="Mean quantity sold on each weekday, Monday first (days without sales "
        "count as 0)."
    )
    residual_std: Decimal = strawberry.field(
        description="Standard deviation of actual minus weekday mean over the history."
    )
    mae: Decimal = strawberry.field(description="Mean absolute error on the last two weeks.")
    rmse: Decimal = strawberry.field(description="Root mean squared error on the last two weeks.")
    created_at: datetime = strawberry.field(description="When it was fitted.")
    record: strawberry.Private[TrainedModelRecord]

    @strawberry.field(description="The product (null once deleted).")
    async def product(self, info: Info) -> Product | None:
        return await load_product(info, self.record.tenant_id, self.record.product_id)

    @classmethod
    def from_record(cls, record: TrainedModelRecord) -> TrainedModel:
        """The GraphQL view of a model."""
        parameters = WeekdayMeans.from_json(record.parameters)
        return cls(
            id=strawberry.ID(str(record.id)),
            product_id=strawberry.ID(str(record.product_id)),
            training_job_id=strawberry.ID(str(record.training_job_id)),
            version=record.version,
            algorithm=record.algorithm,
            active=record.active,
            weekday_means=list(parameters.means),
            residual_std=parameters.residual_std,
            mae=Decimal(record.metrics["mae"]),
            rmse=Decimal(record.metrics["rmse"]),
            created_at=record.created_at,
            record=record,
        )


async def load_model(
    info: Info, tenant_id: uuid.UUID, model_id: uuid.UUID | None
) -> TrainedModel | None:
    """The model with this id, through the request's loader; None if none."""
    if model_id is None:
        return None
    found = await info.context.loaders.get(TrainedModelByIdLoader).load((tenant_id, model_id))
    return TrainedModel.from_record(found) if found else None


@strawberry.type(description="Result of starting a training job.")
class TrainingJobPayload:
    job: TrainingJob | None = strawberry.field(default=None, description="The queued job.")
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )
