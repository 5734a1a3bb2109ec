"""Acceptance check, on a virtual clock: the same burst is admitted when requests are fast and partly shed when
they are slow, well before the concurrency limit is reached, and sheddable work is still refused first."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from exercises import load_module


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def burst(module: ModuleType, duration: float, arrivals: int = 20, gap: float = 0.1) -> list[bool]:
    """Critical requests every `gap` seconds, each running `duration` seconds: which ones were admitted."""
    clock = Clock()
    shedder = module.LoadShedder(limit=10, clock=clock)
    finishing: list[tuple[float, int]] = []  # (when, ticket)
    admitted: list[bool] = []
    for n in range(arrivals):
        clock.now = round(n * gap, 6)
        for when, ticket in [item for item in finishing if item[0] <= clock.now]:
            shedder.finish(ticket)
            finishing.remove((when, ticket))
        ticket = shedder.admit(module.Priority.CRITICAL)
        admitted.append(ticket is not None)
        if ticket is not None:
            finishing.append((clock.now + duration, ticket))
    return admitted


@pytest.mark.starter_passes
def test_fast_requests_are_all_admitted(answer: Path) -> None:
    assert all(burst(load_module(answer), duration=0.05))


def test_slow_requests_are_shed_before_the_concurrency_limit_fills(answer: Path) -> None:
    admitted = burst(load_module(answer), duration=2.0)
    # Arrivals at 0.0, 0.1, ... 0.5 s: the oldest has run at most 0.5 s, so all six get in. At 0.6 s the
    # oldest has run 0.6 s, over the 0.5 s a critical request may wait behind, with only 6 of 10 in flight.
    assert admitted[:6] == [True] * 6
    assert not any(admitted[6:20]), (
        f"admitted {admitted.count(True)} of 20 requests that each take 2 s: refuse new critical work once the "
        "oldest request in flight has run longer than MAX_AGE[CRITICAL], even below the concurrency limit"
    )


def test_sheddable_work_is_refused_first(answer: Path) -> None:
    module = load_module(answer)
    clock = Clock()
    shedder = module.LoadShedder(limit=10, clock=clock)
    assert shedder.admit(module.Priority.CRITICAL) is not None
    clock.now = 0.3  # the oldest request has run 0.3 s: past the sheddable threshold, within the critical one
    assert shedder.admit(module.Priority.SHEDDABLE) is None, "sheddable work is refused after 0.25 s"
    assert shedder.admit(module.Priority.CRITICAL) is not None, "critical work may still wait up to 0.5 s"
    assert shedder.shed[module.Priority.SHEDDABLE] == 1


@pytest.mark.starter_passes
def test_admission_resumes_when_the_slow_request_finishes(answer: Path) -> None:
    module = load_module(answer)
    clock = Clock()
    shedder = module.LoadShedder(limit=10, clock=clock)
    ticket = shedder.admit(module.Priority.CRITICAL)
    clock.now = 1.0
    shedder.finish(ticket)
    assert shedder.admit(module.Priority.CRITICAL) is not None
    assert shedder.admit(module.Priority.SHEDDABLE) is not None


@pytest.mark.starter_passes
def test_the_concurrency_limit_still_holds(answer: Path) -> None:
    module = load_module(answer)
    shedder = module.LoadShedder(limit=4, clock=Clock())  # time stands still: only the limit can refuse
    assert [shedder.admit(module.Priority.SHEDDABLE) is not None for _ in range(3)] == [True, True, False]
    assert [shedder.admit(module.Priority.CRITICAL) is not None for _ in range(3)] == [True, True, False]
