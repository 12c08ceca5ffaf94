"""The audit domain as the gateway sees it."""

from __future__ import annotations

from domains.audit.models import AuditBase
from domains.audit.queries import AuditQuery
from domains.kernel.domain import Domain

DOMAIN = Domain(name="audit", metadata=AuditBase.metadata, query=AuditQuery)
