"""The lifecycle domain as the gateway sees it."""

from __future__ import annotations

from domains.kernel.domain import Domain
from domains.lifecycle import jobs
from domains.lifecycle.models import LifecycleBase
from domains.lifecycle.mutations import LifecycleMutation
from domains.lifecycle.queries import LifecycleQuery

DOMAIN = Domain(
    name="lifecycle",
    metadata=LifecycleBase.metadata,
    query=LifecycleQuery,
    mutation=LifecycleMutation,
    jobs={"purge": jobs.purge, "purge_due": jobs.purge_due},
)
