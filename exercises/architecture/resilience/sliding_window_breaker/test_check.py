"""Acceptance check: the breaker opens on a failure rate (at least 50% of the calls in the last 10 s, with at
least 10 calls), not on a run of consecutive failures, and forgets failures once they leave the window."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from exercises import load_module
from labs.resilience_lab.resilience.clock import FakeClock


class Dependency:
    """Plays a pattern of outcomes ("F" fails, "S" succeeds) and counts the calls that reached it."""

    def __init__(self, pattern: str) -> None:
        self.pattern, self.calls = pattern, 0

    def __call__(self) -> str:
        outcome = self.pattern[self.calls % len(self.pattern)]
        self.calls += 1
        if outcome == "F":
            raise ConnectionError("inventory failed")
        return "ok"


def play(
    module: ModuleType, breaker: object, clock: FakeClock, dependency: Dependency, calls: int, every: float
) -> int:
    """Make `calls` calls, `every` seconds apart; return how many the breaker refused."""
    refused = 0
    for _ in range(calls):
        try:
            breaker.call(dependency)  # type: ignore[attr-defined]
        except module.CircuitOpenError:
            refused += 1
        except ConnectionError:
            pass
        clock.advance(every)
    return refused


@pytest.mark.parametrize(
    "pattern",
    ["FFSFSFFSFS", "FSFSFSFSFS", "FFSSFFSSFF"],
    ids=["60% failing", "50% failing", "60% in pairs"],
)
def test_a_high_failure_rate_opens_the_breaker_even_without_a_long_run(answer: Path, pattern: str) -> None:
    module, clock = load_module(answer), FakeClock()
    breaker, inventory = module.CircuitBreaker(clock), Dependency(pattern)
    play(module, breaker, clock, inventory, calls=20, every=0.5)  # 10 seconds of traffic
    assert inventory.calls <= 10, (
        f"{pattern.count('F') * 10}% of calls failed, never more than two in a row, and {inventory.calls} of 20 "
        "calls still reached inventory: a run of consecutive failures never builds up when successes are mixed "
        "in. Open when at least 50% of the last 10 s of calls failed (with at least 10 calls)"
    )


@pytest.mark.starter_passes
@pytest.mark.parametrize(
    ("pattern", "calls"),
    [("FFSFFS", 6), ("FFFFSSSSSSSSSS", 60), ("FFSSSSSSSSSSSSSSSSSS", 60)],
    ids=["4 of 6: too few calls", "4 in a row, under 50% failing", "10% failing"],
)
def test_a_low_rate_or_too_few_calls_leave_it_closed(answer: Path, pattern: str, calls: int) -> None:
    module, clock = load_module(answer), FakeClock()
    breaker, inventory = module.CircuitBreaker(clock), Dependency(pattern)
    refused = play(module, breaker, clock, inventory, calls=calls, every=0.5)
    assert refused == 0, (
        f"pattern {pattern}: the breaker refused {refused} calls; below 50% failing (or under 10 calls in the "
        "window) the dependency is healthy enough to keep calling"
    )


@pytest.mark.starter_passes
def test_failures_older_than_the_window_are_forgotten(answer: Path) -> None:
    module, clock = load_module(answer), FakeClock()
    breaker = module.CircuitBreaker(clock)
    play(module, breaker, clock, Dependency("FSFSFSFSS"), calls=9, every=0.1)  # 4 of 9 failed, at 0.0 to 0.8 s
    clock.advance(11)  # all of that is now more than 10 s old
    refused = play(module, breaker, clock, Dependency("F"), calls=1, every=0.5)
    refused += play(module, breaker, clock, Dependency("S"), calls=8, every=0.5)
    assert refused == 0, (
        "the breaker opened on 1 failure out of 9 recent calls: it still counted failures from more than 10 s "
        "ago (a window of the last N calls is not a window of the last 10 seconds)"
    )


def open_it(module: ModuleType, clock: FakeClock, reset_timeout_s: float) -> object:
    breaker = module.CircuitBreaker(clock, reset_timeout_s=reset_timeout_s)
    play(module, breaker, clock, Dependency("F"), calls=10, every=0.5)  # over by 5 s
    assert breaker.state is module.State.OPEN, "ten failures in ten calls must open the breaker"  # type: ignore[attr-defined]
    return breaker


@pytest.mark.starter_passes
def test_open_fails_fast_and_a_failed_trial_opens_it_again(answer: Path) -> None:
    module, clock = load_module(answer), FakeClock()
    breaker = open_it(module, clock, reset_timeout_s=30)
    inventory = Dependency("F")
    assert play(module, breaker, clock, inventory, calls=3, every=1) == 3, "open: fail fast"
    assert inventory.calls == 0, "open: the dependency must not be called"
    clock.advance(30)
    play(module, breaker, clock, inventory, calls=1, every=0)
    assert inventory.calls == 1, "after the cool-down one trial call goes through"
    assert breaker.state is module.State.OPEN, "a failed trial opens the breaker for another cool-down"  # type: ignore[attr-defined]


@pytest.mark.starter_passes
def test_a_successful_trial_closes_it_with_a_clean_slate(answer: Path) -> None:
    module, clock = load_module(answer), FakeClock()
    breaker = open_it(module, clock, reset_timeout_s=5)
    clock.advance(5)  # the failures that opened it are less than 10 s old
    play(module, breaker, clock, Dependency("S"), calls=1, every=0)
    assert breaker.state is module.State.CLOSED, "a successful trial closes the breaker"  # type: ignore[attr-defined]
    refused = play(module, breaker, clock, Dependency("FSSSSSSSSS"), calls=10, every=0.1)
    assert refused == 0, (
        "one failure right after closing opened the breaker again: the failures that opened it were still in "
        "the window. Start a fresh window when the breaker closes"
    )
