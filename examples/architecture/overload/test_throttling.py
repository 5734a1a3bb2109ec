"""Throttling delays work to a pace, or drops it locally when the backend keeps refusing."""
# ruff: noqa: S311  (seeded random numbers make the tests repeatable; nothing here is security related)

from __future__ import annotations

import asyncio
import random

import pytest

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


class AlwaysDrop(random.Random):
    """A random source that always draws 0.0: any request with a drop probability above 0 is dropped."""

    def random(self) -> float:
        return 0.0


# --8<-- [start:adaptive]
def test_when_the_backend_refuses_everything_the_client_stops_sending():
    clock = VirtualClock()
    throttle = AdaptiveThrottle(k=2, clock=lambda: clock.now, rng=random.Random(7))
    sent = 0
    for _ in range(1_000):  # 100 seconds at 10 attempts a second; the backend answers every one with 503
        clock.now += 0.1
        sent += throttle.allow()
    assert throttle.drop_probability() > 0.99  # 1,000 attempts and no accepts: 1000 / 1001
    assert 1 <= sent < 20  # the backend saw a handful of probes out of 1,000 attempts


def test_a_request_dropped_locally_still_counts_as_a_request():
    clock = VirtualClock()
    throttle = AdaptiveThrottle(k=2, clock=lambda: clock.now, rng=AlwaysDrop())
    throttle.allow()  # the first attempt goes out (nothing is known yet) and the backend refuses it
    before = throttle.drop_probability()  # 1 request, 0 accepts: 1 / 2
    assert not throttle.allow()  # dropped here, before the network
    assert throttle.drop_probability() > before  # 2 requests, 0 accepts: 2 / 3


def test_the_client_settles_at_about_k_times_what_the_backend_accepts():
    clock = VirtualClock()
    throttle = AdaptiveThrottle(k=2, window=120, clock=lambda: clock.now, rng=random.Random(11))
    sent_per_second: list[int] = []
    for _second in range(600):  # demand of 100 attempts a second; the backend accepts only 10 a second
        sent = accepted = 0
        for _ in range(100):
            clock.now += 0.01
            if throttle.allow():
                sent += 1
                if accepted < 10:
                    accepted += 1
                    throttle.record_accept()
        sent_per_second.append(sent)
    settled = sum(sent_per_second[-120:]) / 120
    assert 17 <= settled <= 23  # about k * accepts = 20 a second reach the backend, not the demand of 100


# --8<-- [end:adaptive]


def test_a_healthy_backend_sees_every_request():
    clock = VirtualClock()
    throttle = AdaptiveThrottle(clock=lambda: clock.now, rng=random.Random(1))
    for _ in range(100):
        clock.now += 0.1
        assert throttle.allow()
        throttle.record_accept()
    assert throttle.drop_probability() == 0


def test_k_sets_how_many_rejections_are_tolerated_per_accept():
    clock = VirtualClock()
    tolerant = AdaptiveThrottle(k=2, clock=lambda: clock.now)
    strict = AdaptiveThrottle(k=1.1, clock=lambda: clock.now)
    for throttle in (tolerant, strict):
        for n in range(100):  # 100 requests, half of them accepted
            throttle.allow()
            if n % 2 == 0:
                throttle.record_accept()
    assert tolerant.drop_probability() == 0  # 100 - 2 * 50 = 0: one rejection per accept is tolerated
    assert strict.drop_probability() == pytest.approx((100 - 1.1 * 50) / 101)


def test_outcomes_older_than_the_window_are_forgotten():
    clock = VirtualClock()
    throttle = AdaptiveThrottle(k=2, window=120, clock=lambda: clock.now)
    for _ in range(50):
        throttle.allow()  # refused by the backend
    assert throttle.drop_probability() > 0.9
    clock.now += 121
    assert throttle.drop_probability() == 0  # two minutes later the outage is history


def test_after_a_total_outage_the_client_reopens_slowly():
    clock = VirtualClock()
    throttle = AdaptiveThrottle(k=2, window=120, clock=lambda: clock.now, rng=random.Random(5))

    def minute(backend_up: bool) -> int:
        sent = 0
        for _ in range(600):  # 10 attempts a second
            clock.now += 0.1
            if throttle.allow():
                sent += 1
                if backend_up:
                    throttle.record_accept()
        return sent

    for _ in range(10):
        minute(backend_up=True)
    for _ in range(3):
        minute(backend_up=False)  # a three-minute total outage
    after = [minute(backend_up=True) for _ in range(4)]
    assert after[0] < 30  # the backend is healthy again, yet under 5% of the demand reaches it
    assert throttle.drop_probability() > 0.5  # four minutes later, still dropping most requests
