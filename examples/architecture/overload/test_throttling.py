"""Throttling delays work to a pace, or drops it locally when the backend keeps refusing."""
# ruff: noqa: S311  (seeded random numbers make the tests repeatable; nothing here is security related)

from __future__ import annotations

import asyncio
import random

from examples.architecture.overload.throttling import AdaptiveThrottle, PacedThrottle, VirtualClock


# --8<-- [start:paced]
def test_paced_calls_are_spread_out_and_none_is_rejected():
    clock = VirtualClock()
    throttle = PacedThrottle(rate=5, clock=clock)  # e.g. a partner API that allows 5 calls a second
    started: list[float] = []

    async def call() -> None:
        async with throttle:
            started.append(round(clock.now, 3))

    async def main() -> None:
        await asyncio.gather(*(call() for _ in range(10)))

    asyncio.run(main())
    assert started == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6, 1.8]


# --8<-- [end:paced]


# --8<-- [start:adaptive]
def test_a_healthy_backend_sees_every_request():
    throttle = AdaptiveThrottle(rng=random.Random(1))
    for _ in range(100):
        assert throttle.allow()
        throttle.record(accepted=True)
    assert throttle.drop_probability() == 0


def test_when_the_backend_refuses_everything_the_client_stops_sending_most_requests():
    throttle = AdaptiveThrottle(k=2, window=100, rng=random.Random(7))
    sent = 0
    for _ in range(1_000):
        if throttle.allow():
            sent += 1
            throttle.record(accepted=False)  # the backend answered 503
    assert throttle.drop_probability() > 0.95
    assert sent < 150  # the backend was spared about 85% or more of the requests


def test_k_sets_how_many_rejections_are_tolerated_per_accept():
    throttle = AdaptiveThrottle(k=2, window=100)
    for n in range(100):
        throttle.record(accepted=n % 2 == 0)  # half accepted: requests = 100, accepts = 50
    assert throttle.drop_probability() == 0  # 100 - 2 * 50 = 0: tolerated at k = 2
    strict = AdaptiveThrottle(k=1.1, window=100)
    strict.outcomes.extend(throttle.outcomes)
    assert round(strict.drop_probability(), 3) == round(45 / 101, 3)


# --8<-- [end:adaptive]
