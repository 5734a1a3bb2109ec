"""Deterministic tests: a fake clock and a seeded RNG, so every wait and state change is exact."""
# ruff: noqa: S311  (seeded random numbers make the tests repeatable; nothing here is security related)

from __future__ import annotations

import random
import threading

import httpx
import pytest
from fastapi.testclient import TestClient

from labs.resilience_lab.resilience.breaker import CircuitBreaker, CircuitOpenError, State
from labs.resilience_lab.resilience.bulkhead import Bulkhead, BulkheadFull
from labs.resilience_lab.resilience.client import InventoryClient, build_http
from labs.resilience_lab.resilience.clock import FakeClock
from labs.resilience_lab.resilience.flaky import Script, create_flaky_app, flaky_transport
from labs.resilience_lab.resilience.retry import RetriesExhausted, RetryableError, RetryPolicy, call_with_retries


def make_client(outcomes: list[str], *, via_app: bool = False, threshold: int = 3, policy: RetryPolicy | None = None):
    script, clock = Script(outcomes), FakeClock()
    if via_app:
        http: httpx.Client = TestClient(create_flaky_app(script))
    else:
        http = build_http("http://inventory.test", transport=flaky_transport(script))
    breaker = CircuitBreaker(clock, failure_threshold=threshold, reset_timeout_s=30, ignore=(httpx.HTTPStatusError,))
    client = InventoryClient(http, clock, breaker, policy or RetryPolicy(), random.Random(7))
    return client, script, clock, breaker


# ---- retries ---------------------------------------------------------------------------------


def test_transient_failures_are_retried_until_success():
    client, script, clock, _ = make_client(["timeout", "503", "ok"])
    assert client.stock("lamp") == {"sku": "lamp", "in_stock": 7}
    assert script.calls == 3
    assert len(clock.sleeps) == 2


# --8<-- [start:bounded]
def test_retries_are_bounded_by_max_attempts():
    client, script, clock, _ = make_client(["503"], policy=RetryPolicy(max_attempts=4))
    assert client.stock("lamp") is None  # degraded answer, not an exception
    assert script.calls == 4
    assert len(clock.sleeps) == 3


def test_backoff_is_full_jitter_under_a_growing_capped_ceiling():
    policy = RetryPolicy(max_attempts=8, base_s=0.1, cap_s=1.0, budget_s=100)
    clock, rng = FakeClock(), random.Random(1)

    def always_fails() -> None:
        raise RetryableError("503")

    with pytest.raises(RetriesExhausted):
        call_with_retries(always_fails, policy, clock, rng)
    ceilings = [min(1.0, 0.1 * 2**n) for n in range(7)]
    assert all(0 <= wait <= ceiling for wait, ceiling in zip(clock.sleeps, ceilings, strict=True))
    assert len(set(clock.sleeps)) == 7  # jittered: no two waits alike


# --8<-- [end:bounded]


def test_many_clients_spread_their_retries():
    policy = RetryPolicy(base_s=1.0, cap_s=8.0)
    first_waits = [policy.delay(3, random.Random(seed)) for seed in range(100)]
    assert max(first_waits) - min(first_waits) > 5  # no thundering herd at the same instant


def test_retry_budget_stops_early():
    policy = RetryPolicy(max_attempts=10, base_s=1.0, cap_s=10.0, budget_s=3.0)
    clock = FakeClock()

    def always_fails() -> None:
        raise RetryableError("503")

    with pytest.raises(RetriesExhausted, match="budget"):
        call_with_retries(always_fails, policy, clock, random.Random(3))
    assert clock.now() <= 3.0


def test_retry_after_header_is_honoured():
    client, _, clock, _ = make_client(["429", "ok"], via_app=True)
    assert client.stock("lamp")["in_stock"] == 7
    assert clock.sleeps[0] >= 2.0


def test_client_errors_are_not_retried_and_do_not_trip_the_breaker():
    client, script, _, breaker = make_client(["400"], threshold=1)
    with pytest.raises(httpx.HTTPStatusError):
        client.stock("lamp")
    assert script.calls == 1
    assert breaker.state is State.CLOSED


def test_http_client_has_timeouts():
    timeout = build_http("http://x.test").timeout
    assert (timeout.connect, timeout.read) == (0.5, 2.0)


def test_connection_resets_are_retried():
    client, script, _, _ = make_client(["reset", "ok"])
    assert client.stock("lamp") is not None
    assert script.calls == 2


# ---- circuit breaker -------------------------------------------------------------------------


# --8<-- [start:breaker]
def test_breaker_opens_fails_fast_half_opens_and_closes():
    client, script, clock, breaker = make_client(["503"] * 12 + ["ok"], threshold=3)
    for _ in range(3):  # three user-level calls, each with 4 attempts, all failing
        assert client.stock("lamp") is None
    assert breaker.state is State.OPEN
    assert script.calls == 12

    assert client.stock("lamp") is None  # open: answered at once, dependency not called
    assert script.calls == 12

    clock.advance(30)  # cool-down over
    assert client.stock("lamp") == {"sku": "lamp", "in_stock": 7}  # the trial call succeeds
    assert breaker.transitions == [State.OPEN, State.HALF_OPEN, State.CLOSED]


# --8<-- [end:breaker]


def test_failed_trial_reopens_the_breaker_for_another_cool_down():
    clock = FakeClock()
    breaker = CircuitBreaker(clock, failure_threshold=2, reset_timeout_s=10)

    def boom() -> None:
        raise ConnectionError("down")

    for _ in range(2):
        with pytest.raises(ConnectionError):
            breaker.call(boom)
    clock.advance(10)
    with pytest.raises(ConnectionError):
        breaker.call(boom)  # half-open trial fails
    assert breaker.state is State.OPEN
    clock.advance(5)
    with pytest.raises(CircuitOpenError):
        breaker.call(lambda: "not called")
    assert breaker.transitions == [State.OPEN, State.HALF_OPEN, State.OPEN]


def test_success_resets_the_failure_count():
    breaker = CircuitBreaker(FakeClock(), failure_threshold=2)

    def boom() -> None:
        raise ConnectionError

    with pytest.raises(ConnectionError):
        breaker.call(boom)
    breaker.call(lambda: "ok")
    with pytest.raises(ConnectionError):
        breaker.call(boom)
    assert breaker.state is State.CLOSED


# ---- bulkhead --------------------------------------------------------------------------------


def test_bulkhead_sheds_calls_beyond_its_limit():
    bulkhead, release, entered = Bulkhead(2), threading.Event(), threading.Barrier(3)

    def slow() -> str:
        entered.wait()
        release.wait(5)
        return "done"

    threads = [threading.Thread(target=bulkhead.call, args=(slow,)) for _ in range(2)]
    for t in threads:
        t.start()
    entered.wait()  # both slots are now busy
    with pytest.raises(BulkheadFull):
        bulkhead.call(lambda: "third")
    release.set()
    for t in threads:
        t.join()
    assert bulkhead.call(lambda: "after") == "after"
