"""How deletions run, from the gateway's settings: retention, threshold, batch size, signer.

With the in-process memory of where each running purge stopped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from domains.lifecycle.certificate import CertificateSigner
from domains.lifecycle.plan import DeletionPlan
from domains.lifecycle.resume import ResumePoints


@dataclass(frozen=True)
class LifecyclePolicy:
    """What the gateway hands to resolvers and jobs (`context.dependency(LifecyclePolicy)`).

    `immediate_threshold`: a tenant with at most this many rows (by the preview) is deleted in
    one transaction; above it, a job deletes `batch_size` rows per short transaction, each
    starting where the one before stopped (`resume_points`), in up to `parallel_domains`
    domains at once (no foreign key crosses a schema).
    """

    plan: DeletionPlan
    signer: CertificateSigner
    retention: timedelta = timedelta(days=30)
    immediate_threshold: int = 50_000
    batch_size: int = 5_000
    parallel_domains: int = 2
    resume_points: ResumePoints = field(default_factory=ResumePoints)
