"""Acceptance check: no job starts after its caller gave up, abandoned jobs are counted, and the queue holds no
more than callers can wait for, while a burst that can be served in time is still served."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import pytest

from exercises import load_module


@dataclass
class Run:
    offered: int = 0
    refused: int = 0
    waits: list[float] = field(default_factory=list)  # how long each started job had waited


def simulate(module: ModuleType, arrivals: list[float], drain_rate: float, until: float) -> tuple[Run, object]:
    """Jobs arrive at the given times; a free worker asks for the next job every 1 / drain_rate seconds."""
    queue = module.JobQueue()
    run = Run()
    takes = [n / drain_rate for n in range(int(until * drain_rate))]
    events = sorted([(at, 0, n) for n, at in enumerate(arrivals)] + [(at, 1, 0) for at in takes])
    for at, kind, n in events:  # at equal times, the arrival comes first
        if kind == 0:
            run.offered += 1
            run.refused += not queue.offer(module.Job(n, at))
        elif (job := queue.take(at)) is not None:
            run.waits.append(at - job.enqueued_at)
    return run, queue


def steady(rate: float, seconds: float) -> list[float]:
    return [n / rate for n in range(int(rate * seconds))]


def test_no_job_starts_after_its_caller_gave_up(answer: Path) -> None:
    module = load_module(answer)
    run, _ = simulate(module, steady(rate=100, seconds=10), drain_rate=module.DRAIN_RATE, until=40)
    late = [wait for wait in run.waits if wait > module.CALLER_TIMEOUT]
    assert not late, (
        f"{len(late)} jobs started after their caller had given up (the longest had waited {max(late):.1f} s): "
        "a worker spent its time on each of them for nobody"
    )


def test_when_the_workers_slow_down_abandoned_jobs_are_skipped_and_counted(answer: Path) -> None:
    module = load_module(answer)
    # A bad deploy halves the worker pool: jobs now start at 20 a second, not the 40 the queue was sized for.
    run, queue = simulate(module, steady(rate=100, seconds=10), drain_rate=module.DRAIN_RATE / 2, until=80)
    longest = max(run.waits)
    assert longest <= module.CALLER_TIMEOUT, (
        f"with the workers at half speed a job waited {longest:.1f} s: the queue's size alone cannot protect "
        "callers, so check each job's age when a worker takes it"
    )
    assert queue.expired > 0, "count the jobs you skip, in `expired`, so the waste shows on a dashboard"
    assert len(run.waits) + queue.expired + run.refused == run.offered, (
        "every job must be started, skipped as expired or refused at the door; none may vanish"
    )


def test_a_full_queue_holds_no_more_than_callers_can_wait_for(answer: Path) -> None:
    module = load_module(answer)
    queue = module.JobQueue()
    accepted = sum(queue.offer(module.Job(n, 0.0)) for n in range(1_000))
    most = module.DRAIN_RATE * module.CALLER_TIMEOUT
    assert accepted <= most, (
        f"the queue took {accepted} jobs at once; at {module.DRAIN_RATE:.0f} a second the last would start "
        f"{accepted / module.DRAIN_RATE:.0f} s later, long after a caller who waits {module.CALLER_TIMEOUT} s. "
        "Refuse early instead (503 with Retry-After)"
    )


@pytest.mark.starter_passes
def test_a_burst_that_can_be_served_in_time_is_not_refused(answer: Path) -> None:
    module = load_module(answer)
    burst = [0.0] * int(module.DRAIN_RATE * 2)  # two seconds of work, all at once
    run, queue = simulate(module, burst, drain_rate=module.DRAIN_RATE, until=10)
    assert run.refused == 0, "a queue too small refuses work that would have started in time"
    assert len(run.waits) == len(burst) and queue.expired == 0


@pytest.mark.starter_passes
def test_under_normal_load_nothing_is_dropped(answer: Path) -> None:
    module = load_module(answer)
    run, queue = simulate(module, steady(rate=30, seconds=20), drain_rate=module.DRAIN_RATE, until=30)
    assert run.refused == 0 and queue.expired == 0
    assert len(run.waits) == run.offered
