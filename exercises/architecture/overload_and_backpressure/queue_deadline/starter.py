"""Exercise: the export queue that keeps working for callers who have left.

Symptom: in Monday's import rush, users saw "timed out" after 3 seconds, yet the export workers stayed 100% busy
for minutes after the rush, and the job log shows jobs starting 20 seconds and more after they were submitted.
Nobody was waiting for those results any more.

Diagnose it with the check (`make exercise ID=architecture/overload_and_backpressure/queue_deadline`), then size
the queue from how long callers wait, and make the workers skip (and count) jobs whose caller has given up.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

DRAIN_RATE = 40.0  # jobs per second the worker pool starts, when it has work
CALLER_TIMEOUT = 3.0  # seconds a caller waits for its job to start before it gives up
QUEUE_CAPACITY = 10_000  # plenty of room, so that no job is ever lost


@dataclass(frozen=True)
class Job:
    id: int
    enqueued_at: float  # seconds, on the same clock as `now` below


class JobQueue:
    def __init__(self, capacity: int = QUEUE_CAPACITY) -> None:
        self.capacity = capacity
        self.jobs: deque[Job] = deque()
        self.expired = 0  # jobs dropped because their caller had already given up

    def offer(self, job: Job) -> bool:
        """Called by the HTTP handler. False means: answer 503 with Retry-After now, do not wait."""
        if len(self.jobs) >= self.capacity:
            return False
        self.jobs.append(job)
        return True

    def take(self, now: float) -> Job | None:
        """Called by a worker when it is free: the next job worth starting, or None when there is none."""
        return self.jobs.popleft() if self.jobs else None
