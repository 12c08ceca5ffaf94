"""The training domain as the gateway sees it."""

from __future__ import annotations

from domains.kernel.domain import Domain
from domains.training import service
from domains.training.models import TrainingBase
from domains.training.mutations import TrainingMutation
from domains.training.queries import TrainingTenantFields

DOMAIN = Domain(
    name="training",
    metadata=TrainingBase.metadata,
    mutation=TrainingMutation,
    tenant_fields=TrainingTenantFields,
    jobs={"fit": service.fit_job},
)
