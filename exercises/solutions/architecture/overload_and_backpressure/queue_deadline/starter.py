"""A reference solution: a queue no longer than callers can wait, and a worker that skips abandoned jobs."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

DRAIN_RATE = 40.0  # jobs per second the worker pool starts, when it has work
CALLER_TIMEOUT = 3.0  # seconds a caller waits for its job to start before it gives up
# The last job in a full queue starts capacity / DRAIN_RATE seconds after it arrived. Any job beyond
# DRAIN_RATE * CALLER_TIMEOUT would start after its caller left, so refusing it at once is kinder and cheaper.
QUEUE_CAPACITY = int(DRAIN_RATE * CALLER_TIMEOUT)  # 120


@dataclass(frozen=True)
class Job:
    id: int
    enqueued_at: float


class JobQueue:
    def __init__(self, capacity: int = QUEUE_CAPACITY) -> None:
        self.capacity = capacity
        self.jobs: deque[Job] = deque()
        self.expired = 0

    def offer(self, job: Job) -> bool:
        if len(self.jobs) >= self.capacity:
            return False
        self.jobs.append(job)
        return True

    def take(self, now: float) -> Job | None:
        # The queue bound is a worst case at DRAIN_RATE; when the workers run slower than that, jobs can still
        # outwait their callers, so check each one before spending a worker on it.
        while self.jobs:
            job = self.jobs.popleft()
            if now - job.enqueued_at <= CALLER_TIMEOUT:
                return job
            self.expired += 1  # counted, so a dashboard shows the waste instead of hiding it
        return None
