"""Acceptance check: with a deadline, no attempt may be given more time than is left, no wait may end past the
deadline, and the call returns its degraded answer by then; with time to spare it still retries."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from exercises import load_module
from labs.resilience_lab.resilience.breaker import CircuitBreaker
from labs.resilience_lab.resilience.clock import FakeClock
from labs.resilience_lab.resilience.retry import RetryPolicy

EPSILON = 1e-9


@dataclass
class Inventory:
    """A fake inventory service on a fake clock. "hang" uses up the attempt's whole read timeout, then times out."""

    clock: FakeClock
    outcomes: list[str]
    attempts: list[tuple[float, float]] = field(default_factory=list)  # (started at, read timeout given)

    def handle(self, request: httpx.Request) -> httpx.Response:
        timeout = request.extensions.get("timeout", {})
        read = timeout.get("read")
        self.attempts.append((self.clock.now(), read if read is not None else float("inf")))
        outcome = self.outcomes[min(len(self.attempts) - 1, len(self.outcomes) - 1)]
        if outcome == "hang":
            if read is None:
                raise AssertionError("an attempt was made with no read timeout at all: it would hang forever")
            self.clock.advance(read)
            raise httpx.ReadTimeout("no response within the read timeout", request=request)
        if outcome == "ok":
            return httpx.Response(200, json={"sku": "lamp", "in_stock": 7})
        return httpx.Response(int(outcome))


def client_for(answer: Path, outcomes: list[str], policy: RetryPolicy, seed: int = 7) -> tuple[object, Inventory]:
    module, clock = load_module(answer), FakeClock(start=100.0)
    inventory = Inventory(clock, outcomes)
    http = httpx.Client(base_url="http://inventory.test", transport=httpx.MockTransport(inventory.handle))
    breaker = CircuitBreaker(clock, failure_threshold=1_000)  # keep the breaker out of this exercise
    return module.InventoryClient(http, clock, breaker, policy, random.Random(seed)), inventory  # noqa: S311


def test_a_hung_dependency_does_not_outlive_the_deadline(answer: Path) -> None:
    client, inventory = client_for(answer, ["hang"], RetryPolicy())
    deadline = inventory.clock.now() + 1.0
    assert client.stock("lamp", deadline=deadline) is None  # type: ignore[attr-defined]
    late = inventory.clock.now() - deadline
    assert late <= EPSILON, (
        f"stock() returned {late:.1f} s after its deadline: the first attempt alone was given a "
        f"{inventory.attempts[0][1]:.1f} s read timeout with 1 s left. Cut each attempt's timeouts to the time left"
    )


@pytest.mark.parametrize("seed", range(5))
def test_every_attempt_gets_only_the_time_that_is_left(answer: Path, seed: int) -> None:
    policy = RetryPolicy(max_attempts=6, base_s=0.05, cap_s=0.2)
    client, inventory = client_for(answer, ["hang", "hang", "503", "hang"], policy, seed)
    deadline = inventory.clock.now() + 3.0
    client.stock("lamp", deadline=deadline)  # type: ignore[attr-defined]
    assert inventory.attempts, "with 3 s left, at least one attempt should be made"
    for started, read in inventory.attempts:
        assert started < deadline, f"an attempt started {started - deadline:.2f} s after the deadline"
        assert started + read <= deadline + EPSILON, (
            f"an attempt started with {deadline - started:.2f} s left was allowed to wait {read:.2f} s for a response"
        )
    assert inventory.clock.now() <= deadline + EPSILON


@pytest.mark.parametrize("seed", range(8))
def test_no_wait_between_attempts_ends_past_the_deadline(answer: Path, seed: int) -> None:
    # Inventory answers 503 at once; the waits between attempts are what can overrun the deadline.
    policy = RetryPolicy(max_attempts=5, base_s=1.0, cap_s=4.0)
    client, inventory = client_for(answer, ["503"], policy, seed)
    deadline = inventory.clock.now() + 1.0
    assert client.stock("lamp", deadline=deadline) is None  # type: ignore[attr-defined]
    overrun = inventory.clock.now() - deadline
    assert overrun <= EPSILON, (
        f"stock() came back {overrun:.2f} s after the deadline: it slept through it before giving up. "
        "Do not start a wait that would end past the deadline"
    )


@pytest.mark.starter_passes
def test_with_time_to_spare_it_still_retries(answer: Path) -> None:
    client, inventory = client_for(answer, ["503", "hang", "ok"], RetryPolicy())
    deadline = inventory.clock.now() + 10.0
    assert client.stock("lamp", deadline=deadline) == {"sku": "lamp", "in_stock": 7}, (  # type: ignore[attr-defined]
        "with 10 s left, a 503 and a timeout are worth retrying"
    )
    assert len(inventory.attempts) == 3


@pytest.mark.starter_passes
def test_without_a_deadline_the_usual_timeouts_apply(answer: Path) -> None:
    client, inventory = client_for(answer, ["hang", "ok"], RetryPolicy())
    assert client.stock("lamp") == {"sku": "lamp", "in_stock": 7}  # type: ignore[attr-defined]
    assert inventory.attempts[0][1] == pytest.approx(2.0), "the usual 2 s read timeout when no deadline is given"


@pytest.mark.starter_passes
def test_a_deadline_already_passed_makes_no_call(answer: Path) -> None:
    client, inventory = client_for(answer, ["ok"], RetryPolicy())
    assert client.stock("lamp", deadline=inventory.clock.now()) is None  # type: ignore[attr-defined]
    assert inventory.attempts == [], "no time left: answer at once, without calling inventory"
