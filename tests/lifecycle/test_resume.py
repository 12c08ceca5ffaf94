"""A purge's next batch starts where the last one stopped, only while the step shows that batch."""

from __future__ import annotations

import uuid

from domains.kernel.deleter import Resume
from domains.lifecycle.resume import ResumePoints

JOB = uuid.uuid4()
STOPPED = Resume("stock_lots", uuid.uuid4())


def test_get_after_put_returns_where_the_batch_stopped() -> None:
    points = ResumePoints()
    points.put(JOB, position=3, items_deleted=10, resume=STOPPED)

    assert points.get(JOB, position=3, items_deleted=10) == STOPPED


def test_get_when_the_batch_did_not_commit_returns_nothing() -> None:
    points = ResumePoints()
    points.put(JOB, position=3, items_deleted=10, resume=STOPPED)

    # The step still shows what it held before that batch: its transaction was undone.
    assert points.get(JOB, position=3, items_deleted=6) is None
    assert points.get(JOB, position=4, items_deleted=10) is None


def test_put_without_a_stop_forgets_the_job() -> None:
    points = ResumePoints()
    points.put(JOB, position=3, items_deleted=10, resume=STOPPED)

    points.put(JOB, position=3, items_deleted=12, resume=None)

    assert points.get(JOB, position=3, items_deleted=12) is None


def test_put_keeps_each_step_of_a_job_apart() -> None:
    points = ResumePoints()
    other = Resume("orders", uuid.uuid4())
    points.put(JOB, position=3, items_deleted=10, resume=STOPPED)

    points.put(JOB, position=7, items_deleted=4, resume=other)

    assert points.get(JOB, position=3, items_deleted=10) == STOPPED
    assert points.get(JOB, position=7, items_deleted=4) == other


def test_put_when_full_forgets_the_oldest_job() -> None:
    points = ResumePoints(max_entries=2)
    jobs = [uuid.uuid4() for _ in range(3)]
    for job in jobs:
        points.put(job, position=0, items_deleted=1, resume=STOPPED)

    assert [points.get(job, position=0, items_deleted=1) for job in jobs] == [
        None,
        STOPPED,
        STOPPED,
    ]
