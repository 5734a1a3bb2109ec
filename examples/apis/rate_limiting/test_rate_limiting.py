"""The algorithms, the 429 response and its headers, and two OWASP API Top 10 fixes."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from examples.apis.rate_limiting import algorithms as rl
from examples.apis.rate_limiting.app import create_app
from examples.apis.rate_limiting.security import create_app as create_security_app


class FakeClock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def allowed(limiter, n: int, key: str = "k") -> int:
    return sum(limiter.check(key).allowed for _ in range(n))


@pytest.mark.parametrize(
    "make",
    [
        lambda c: rl.TokenBucket(capacity=5, rate=5 / 60, clock=c),
        lambda c: rl.LeakyBucket(capacity=5, rate=5 / 60, clock=c),
        lambda c: rl.FixedWindow(limit=5, window=60, clock=c),
        lambda c: rl.SlidingWindowLog(limit=5, window=60, clock=c),
        lambda c: rl.SlidingWindowCounter(limit=5, window=60, clock=c),
    ],
)
def test_every_limiter_allows_the_limit_then_refuses_then_recovers(make) -> None:
    clock = FakeClock(960.0)  # the start of a fixed window, so all five behave alike here
    limiter = make(clock)
    assert allowed(limiter, 8) == 5
    refused = limiter.check("k")
    assert not refused.allowed and refused.retry_after >= 1
    assert allowed(limiter, 5, key="other") == 5  # limits are per key
    clock.now += refused.retry_after
    assert limiter.check("k").allowed  # Retry-After told the truth


LIMITERS = [
    lambda c: rl.TokenBucket(capacity=5, rate=5 / 60, clock=c),
    lambda c: rl.LeakyBucket(capacity=5, rate=5 / 60, clock=c),
    lambda c: rl.FixedWindow(limit=5, window=60, clock=c),
    lambda c: rl.SlidingWindowLog(limit=5, window=60, clock=c),
    lambda c: rl.SlidingWindowCounter(limit=5, window=60, clock=c),
]


@pytest.mark.parametrize("make", LIMITERS)
@pytest.mark.parametrize("start", [960.0, 990.0, 1019.0])
@pytest.mark.parametrize("earlier", [0, 2])
def test_reset_says_when_more_quota_arrives(make, start: float, earlier: int) -> None:
    """The RateLimit "t" value: one second before `reset` no extra unit is back, at `reset` one is."""
    for early in (True, False):
        clock = FakeClock(start - 50)
        limiter = make(clock)
        allowed(limiter, earlier)  # traffic in the previous window (or earlier in this one)
        clock.now = start
        allowed(limiter, 1)
        decision = limiter.check("k")
        assert decision.allowed and decision.reset >= 1
        clock.now += decision.reset - (1 if early else 0)
        after = limiter.check("k")
        if early:
            assert after.remaining < decision.remaining, f"quota came back before t={decision.reset}"
        else:
            assert after.allowed and after.remaining >= decision.remaining, f"no quota back at t={decision.reset}"


# --8<-- [start:boundary_test]
def test_fixed_window_lets_twice_the_limit_through_at_a_boundary() -> None:
    clock = FakeClock(59.0)  # one second before the minute changes
    limiter = rl.FixedWindow(limit=5, window=60, clock=clock)
    first = allowed(limiter, 5)
    clock.now = 60.5  # new window, 1.5 s later
    assert first + allowed(limiter, 5) == 10  # 10 requests in 1.5 s under a "5 per minute" rule


def test_sliding_window_counter_smooths_the_boundary() -> None:
    clock = FakeClock(59.0)
    limiter = rl.SlidingWindowCounter(limit=5, window=60, clock=clock)
    first = allowed(limiter, 5)
    clock.now = 60.5  # previous window still weighs 59.5/60 of its 5 requests
    assert first + allowed(limiter, 5) == 5


def test_token_bucket_allows_a_burst_then_the_refill_rate() -> None:
    clock = FakeClock()
    bucket = rl.TokenBucket(capacity=10, rate=1.0, clock=clock)  # bursts of 10, 1 per second sustained
    assert allowed(bucket, 15) == 10
    clock.now += 3
    assert allowed(bucket, 15) == 3


# --8<-- [end:boundary_test]


def test_sliding_log_is_exact() -> None:
    clock = FakeClock(0.0)
    log = rl.SlidingWindowLog(limit=2, window=10, clock=clock)
    assert allowed(log, 2) == 2
    clock.now = 9.9
    assert not log.check("k").allowed
    clock.now = 10.0
    assert log.check("k").allowed


def test_leaky_bucket_drains_at_a_constant_rate() -> None:
    clock = FakeClock()
    bucket = rl.LeakyBucket(capacity=3, rate=0.5, clock=clock)
    assert allowed(bucket, 5) == 3
    clock.now += 2  # one unit drained
    assert allowed(bucket, 5) == 1


# --8<-- [start:http_test]
def test_429_carries_retry_after_and_ratelimit_fields() -> None:
    clock = FakeClock()
    client = TestClient(create_app(capacity=2, per_seconds=60, clock=clock))
    ok = client.get("/v1/quotes/today", headers={"X-API-Key": "team-a"})
    assert ok.headers["ratelimit-policy"] == '"per-client";q=2;w=60'
    assert ok.headers["ratelimit"] == '"per-client";r=1;t=30'  # t: until the spent token is back, not w
    client.get("/v1/quotes/today", headers={"X-API-Key": "team-a"})
    limited = client.get("/v1/quotes/today", headers={"X-API-Key": "team-a"})
    assert limited.status_code == 429
    assert limited.headers["content-type"] == "application/problem+json"
    assert limited.headers["retry-after"] == "30"  # one token refills every 60 / 2 seconds
    assert limited.headers["ratelimit"] == '"per-client";r=0;t=30'
    assert client.get("/v1/quotes/today", headers={"X-API-Key": "team-b"}).status_code == 200


# --8<-- [end:http_test]


def test_client_is_served_again_after_retry_after() -> None:
    clock = FakeClock()
    client = TestClient(create_app(capacity=1, per_seconds=10, clock=clock))
    assert client.get("/v1/quotes/today").status_code == 200
    wait = int(client.get("/v1/quotes/today").headers["retry-after"])
    clock.now += wait
    assert client.get("/v1/quotes/today").status_code == 200


ALICE = {"Authorization": "Bearer token-alice"}


# --8<-- [start:owasp_test]
def test_bola_lets_alice_read_bobs_invoice_only_in_the_vulnerable_app() -> None:
    assert TestClient(create_security_app(secure=False)).get("/v1/invoices/2", headers=ALICE).json()["owner"] == "bob"
    secure = TestClient(create_security_app(secure=True))
    assert secure.get("/v1/invoices/2", headers=ALICE).status_code == 404
    assert secure.get("/v1/invoices/1", headers=ALICE).status_code == 200


def test_mass_assignment_and_overexposure() -> None:
    vulnerable = TestClient(create_security_app(secure=False))
    escalated = vulnerable.patch("/v1/users/me", json={"display_name": "A", "role": "admin"}, headers=ALICE).json()
    assert escalated["role"] == "admin" and "password_hash" in escalated

    secure = TestClient(create_security_app(secure=True))
    assert secure.patch("/v1/users/me", json={"display_name": "A", "role": "admin"}, headers=ALICE).status_code == 422
    changed = secure.patch("/v1/users/me", json={"display_name": "Al"}, headers=ALICE).json()
    assert changed == {"username": "alice", "display_name": "Al"}


# --8<-- [end:owasp_test]


def test_missing_or_bad_token_is_401() -> None:
    client = TestClient(create_security_app(secure=True))
    assert client.get("/v1/invoices/1", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.get("/v1/invoices/1").status_code == 401
