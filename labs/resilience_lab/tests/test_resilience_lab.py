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
from labs.resilience_lab.resilience.client import BadRequest, InventoryClient, build_http, retry_after_seconds
from labs.resilience_lab.resilience.clock import FakeClock
from labs.resilience_lab.resilience.flaky import Script, create_flaky_app, flaky_transport
from labs.resilience_lab.resilience.retry import RetriesExhausted, RetryableError, RetryPolicy, call_with_retries


def make_client(outcomes: list[str], *, via_app: bool = False, threshold: int = 3, policy: RetryPolicy | None = None):
    script, clock = Script(outcomes), FakeClock()
    if via_app:
        http: httpx.Client = TestClient(create_flaky_app(script))
    else:
        http = build_http("http://inventory.test", transport=flaky_transport(script))
    breaker = CircuitBreaker(clock, failure_threshold=threshold, reset_timeout_s=30, ignore=(BadRequest,))
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
    policy = RetryPolicy(max_attempts=8, base_s=0.1, cap_s=1.0, time_budget_s=100)
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


def test_time_budget_stops_early():
    policy = RetryPolicy(max_attempts=10, base_s=1.0, cap_s=10.0, time_budget_s=3.0)
    clock = FakeClock()

    def always_fails() -> None:
        raise RetryableError("503")

    with pytest.raises(RetriesExhausted, match="time budget"):
        call_with_retries(always_fails, policy, clock, random.Random(3))
    assert clock.now() <= 3.0


def test_retry_after_header_is_honoured():
    client, _, clock, _ = make_client(["429", "ok"], via_app=True)
    assert client.stock("lamp")["in_stock"] == 7
    assert clock.sleeps[0] >= 2.0


def test_client_errors_are_not_retried_and_do_not_trip_the_breaker():
    client, script, _, breaker = make_client(["400"], threshold=1)
    with pytest.raises(BadRequest):
        client.stock("lamp")
    assert script.calls == 1
    assert breaker.state is State.CLOSED


def test_a_500_is_not_retried_but_counts_against_the_dependency():
    client, script, _, breaker = make_client(["500"], threshold=2)
    assert client.stock("lamp") is None  # degraded, not an exception
    assert script.calls == 1  # a 500 usually repeats: not retried
    assert client.stock("lamp") is None
    assert breaker.state is State.OPEN  # two server errors in a row open the breaker
    assert client.stock("lamp") is None
    assert script.calls == 2  # open: the third call never reached the dependency


def test_a_retry_after_longer_than_the_time_budget_gives_up_without_waiting():
    client, script, clock, _ = make_client(["429", "ok"], policy=RetryPolicy(time_budget_s=1.0), via_app=True)
    assert client.stock("lamp") is None  # the server asked for 2 s; only 1 s was left
    assert (script.calls, clock.sleeps) == (1, [])


def response_with(headers: dict[str, str]) -> httpx.Response:
    return httpx.Response(503, headers=headers)


def test_retry_after_accepts_seconds_and_http_dates_and_ignores_garbage():
    assert retry_after_seconds(response_with({"Retry-After": "120"})) == 120
    dated = {"Date": "Mon, 07 Dec 2026 10:00:00 GMT", "Retry-After": "Mon, 07 Dec 2026 10:00:45 GMT"}
    assert retry_after_seconds(response_with(dated)) == 45  # measured on the server's clock
    past = {"Date": "Mon, 07 Dec 2026 10:00:00 GMT", "Retry-After": "Mon, 07 Dec 2026 09:59:00 GMT"}
    assert retry_after_seconds(response_with(past)) == 0
    for garbage in ("soon", "-5", "1.5", ""):
        assert retry_after_seconds(response_with({"Retry-After": garbage})) is None


def test_an_unparseable_retry_after_falls_back_to_backoff():
    script, clock = Script([]), FakeClock()

    def handler(request: httpx.Request) -> httpx.Response:
        script.calls += 1
        if script.calls == 1:
            return httpx.Response(503, headers={"Retry-After": "in a while"})
        return httpx.Response(200, json={"sku": "lamp", "in_stock": 7})

    http = build_http("http://inventory.test", transport=httpx.MockTransport(handler))
    client = InventoryClient(http, clock, CircuitBreaker(clock), RetryPolicy(), random.Random(7))
    assert client.stock("lamp") == {"sku": "lamp", "in_stock": 7}
    assert len(clock.sleeps) == 1 and clock.sleeps[0] <= 0.1  # the jittered backoff, not a crash


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


def test_half_open_lets_one_trial_through_at_a_time():
    clock = FakeClock()
    breaker = CircuitBreaker(clock, failure_threshold=1, reset_timeout_s=10)

    def boom() -> None:
        raise ConnectionError("down")

    with pytest.raises(ConnectionError):
        breaker.call(boom)
    clock.advance(10)
    trial_started, finish_trial = threading.Event(), threading.Event()
    reached_dependency: list[str] = []

    def trial() -> str:
        reached_dependency.append("trial")
        trial_started.set()
        finish_trial.wait(5)
        return "ok"

    probe = threading.Thread(target=breaker.call, args=(trial,))
    probe.start()
    trial_started.wait(5)
    with pytest.raises(CircuitOpenError):  # a second caller while the trial is in flight fails fast
        breaker.call(lambda: reached_dependency.append("second") or "ok")
    finish_trial.set()
    probe.join()
    assert reached_dependency == ["trial"]
    assert breaker.state is State.CLOSED


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
