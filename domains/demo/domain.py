"""The demo domain as the gateway sees it."""

from __future__ import annotations

from domains.demo import jobs
from domains.demo.models import DemoBase
from domains.demo.mutations import DemoMutation
from domains.demo.queries import DemoQuery
from domains.kernel.domain import Domain

DOMAIN = Domain(
    name="demo",
    metadata=DemoBase.metadata,
    query=DemoQuery,
    mutation=DemoMutation,
    jobs={"cleanup": jobs.cleanup},
)
