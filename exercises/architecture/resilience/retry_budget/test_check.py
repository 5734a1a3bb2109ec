"""Acceptance check: while most requests fail, retries add at most 10% (plus a small bank) to the requests that
reach inventory and a refused retry makes nobody wait; while failures are rare, each one is still retried."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from exercises import load_module
from labs.resilience_lab.resilience.breaker import CircuitBreaker
from labs.resilience_lab.resilience.clock import FakeClock
from labs.resilience_lab.resilience.retry import RetryPolicy

BANK = 10  # retries the budget may hold for a burst
CALLS = 400


@dataclass
class Inventory:
    """Fails each request with probability `failing` (503), and counts requests per SKU: the first is a first
    attempt, the rest are retries."""

    rng: random.Random
    failing: float = 0.0
    every_nth_fails: int = 0
    requests: Counter[str] = field(default_factory=Counter)
    total: int = 0

    def handle(self, request: httpx.Request) -> httpx.Response:
        sku = request.url.path.rsplit("/", 1)[-1]
        self.requests[sku] += 1
        self.total += 1
        fails = self.rng.random() < self.failing or (self.every_nth_fails and self.total % self.every_nth_fails == 0)
        if fails:
            return httpx.Response(503)
        return httpx.Response(200, json={"sku": sku, "in_stock": 7})

    def retries(self) -> int:
        return sum(self.requests.values()) - len(self.requests)


def setup(answer: Path, seed: int) -> tuple[object, Inventory, FakeClock]:
    module, clock = load_module(answer), FakeClock()
    inventory = Inventory(random.Random(seed))  # noqa: S311 (a seeded, repeatable failure pattern)
    http = httpx.Client(base_url="http://inventory.test", transport=httpx.MockTransport(inventory.handle))
    breaker = CircuitBreaker(clock, failure_threshold=1_000_000)  # keep the breaker out of this exercise
    client = module.InventoryClient(http, clock, breaker, RetryPolicy(max_attempts=4), random.Random(seed))  # noqa: S311
    return client, inventory, clock


def run(client: object, clock: FakeClock, first: int, calls: int) -> list[object]:
    answers = []
    for n in range(first, first + calls):
        answers.append(client.stock(f"sku-{n}"))  # type: ignore[attr-defined]
        clock.advance(0.01)
    return answers


@pytest.mark.parametrize("seed", range(2))
def test_retries_add_at_most_a_tenth_while_most_requests_fail(answer: Path, seed: int) -> None:
    client, inventory, clock = setup(answer, seed)
    inventory.failing = 0.7
    answers = run(client, clock, first=0, calls=CALLS)
    first_attempts, retries = len(inventory.requests), inventory.retries()
    assert first_attempts == CALLS
    assert retries <= 0.1 * first_attempts + BANK, (
        f"{first_attempts} calls sent {retries} retries on top, so inventory saw "
        f"{(first_attempts + retries) / first_attempts:.1f}x its traffic while it was failing 70% of requests. "
        "A per-call limit of attempts does not bound this: add a budget shared by all calls"
    )
    assert all(answer is None or answer["in_stock"] == 7 for answer in answers), "degrade to None, do not raise"


@pytest.mark.parametrize("seed", range(2))
def test_a_retry_the_budget_refuses_costs_no_waiting(answer: Path, seed: int) -> None:
    client, inventory, clock = setup(answer, seed)
    inventory.failing = 0.7
    run(client, clock, first=0, calls=CALLS)
    assert len(clock.sleeps) <= inventory.retries(), (
        f"the client slept {len(clock.sleeps)} times but retried only {inventory.retries()} times: ask the budget "
        "before waiting, so a retry that will not happen does not add its backoff to the user's wait"
    )
    assert inventory.retries() <= 0.1 * CALLS + BANK, (
        f"{inventory.retries()} retries for {CALLS} calls: retries must stay within the 10% budget"
    )


@pytest.mark.parametrize("seed", range(2))
def test_after_the_overload_rare_failures_are_retried_again(answer: Path, seed: int) -> None:
    client, inventory, clock = setup(answer, seed)
    inventory.failing = 0.7
    run(client, clock, first=0, calls=CALLS)
    assert inventory.retries() <= 0.1 * CALLS + BANK, "while most requests fail, retries must stay within budget"
    inventory.failing, inventory.every_nth_fails = 0.0, 50  # recovered: one request in 50 fails, and only once
    run(client, clock, first=CALLS, calls=150)  # time for the budget to refill
    answers = run(client, clock, first=CALLS + 150, calls=300)
    failed = sum(answer is None for answer in answers)
    assert failed == 0, (
        f"{failed} of 300 calls failed after inventory recovered, although each failure was a single 503 that a "
        "retry would fix: successful requests must refill the budget"
    )


@pytest.mark.starter_passes
def test_while_healthy_every_transient_failure_is_retried(answer: Path) -> None:
    client, inventory, clock = setup(answer, seed=0)
    inventory.every_nth_fails = 50
    answers = run(client, clock, first=0, calls=300)
    assert all(answer is not None for answer in answers), (
        "a healthy inventory failed one request in 50, once each: every one of those calls should succeed on a retry"
    )
    assert inventory.retries() == inventory.total // 50
