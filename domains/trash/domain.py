"""The trash as the gateway sees it."""

from __future__ import annotations

from domains.kernel.domain import Domain
from domains.trash import jobs
from domains.trash.models import TrashBase
from domains.trash.mutations import TrashMutation
from domains.trash.queries import TrashQuery

DOMAIN = Domain(
    name="trash",
    metadata=TrashBase.metadata,
    query=TrashQuery,
    mutation=TrashMutation,
    jobs={"purge": jobs.purge},
)
