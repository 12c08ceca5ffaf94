"""The forecasting domain as the gateway sees it."""

from __future__ import annotations

from domains.forecasting import service
from domains.forecasting.models import ForecastingBase
from domains.forecasting.mutations import ForecastingMutation
from domains.forecasting.queries import ForecastingTenantFields
from domains.kernel.domain import Domain

DOMAIN = Domain(
    name="forecasting",
    metadata=ForecastingBase.metadata,
    mutation=ForecastingMutation,
    tenant_fields=ForecastingTenantFields,
    jobs={"compute": service.compute_forecast},
)
