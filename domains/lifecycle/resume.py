"""Where each purge running in this process stopped, so that its next batch starts there."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from domains.kernel.deleter import Resume


@dataclass(frozen=True, slots=True)
class _Stop:
    items_deleted: int
    resume: Resume


class ResumePoints:
    """The last key each purge step's latest batch deleted, by job and step, in this process.

    Only a shortcut: the checkpoint that counts is the job's steps in the database. A point is
    used only while the step is exactly as that batch left it (same step, same rows deleted);
    when it is not (the batch's transaction did not commit, another worker carried on), the
    table is searched from its first key again, which finds the same rows, only slower.
    """

    def __init__(self, max_entries: int = 1_000) -> None:
        self.max_entries = max_entries
        self._stops: dict[tuple[uuid.UUID, int], _Stop] = {}

    def get(self, job_id: uuid.UUID, *, position: int, items_deleted: int) -> Resume | None:
        """Where the step stopped, if its latest batch left it at `items_deleted` rows deleted."""
        stop = self._stops.get((job_id, position))
        if stop is None or stop.items_deleted != items_deleted:
            return None
        return stop.resume

    def put(
        self, job_id: uuid.UUID, *, position: int, items_deleted: int, resume: Resume | None
    ) -> None:
        """Remember where a batch stopped (the oldest entry makes room when full); None forgets."""
        self._stops.pop((job_id, position), None)
        if resume is None:
            return
        if len(self._stops) >= self.max_entries:
            self._stops.pop(next(iter(self._stops)))
        self._stops[job_id, position] = _Stop(items_deleted, resume)
