"""Acceptance check, on a virtual clock: during a three-minute outage the throttle drops most requests but never
more than MAX_DROP, and within four minutes of the recovery it drops nothing."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from exercises import load_module

RATE = 10  # attempts a second


@dataclass
class Clock:
    now: float = 0.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Traffic:
    clock: Clock = field(default_factory=Clock)
    sent: list[tuple[float, bool]] = field(default_factory=list)  # (when, backend up) for each request sent
    highest_drop: float = 0.0

    def run(self, throttle: object, seconds: int, backend_up: bool) -> None:
        for _ in range(seconds * RATE):
            self.clock.now = round(self.clock.now + 1 / RATE, 6)
            self.highest_drop = max(self.highest_drop, throttle.drop_probability())
            if throttle.allow():
                self.sent.append((self.clock.now, backend_up))
                if backend_up:
                    throttle.record_accept()

    def sent_between(self, start: float, end: float) -> int:
        return sum(start < when <= end for when, _ in self.sent)


def outage(answer: Path, seed: int) -> tuple[object, Traffic]:
    module = load_module(answer)
    traffic = Traffic()
    throttle = module.AdaptiveThrottle(k=2.0, clock=traffic.clock, rng=random.Random(seed))  # noqa: S311
    traffic.run(throttle, seconds=600, backend_up=True)
    traffic.run(throttle, seconds=180, backend_up=False)  # every request refused for three minutes
    return throttle, traffic


def test_the_client_never_drops_more_than_max_drop(answer: Path) -> None:
    module = load_module(answer)
    _, traffic = outage(answer, seed=1)
    assert traffic.highest_drop <= module.MAX_DROP + 1e-9, (
        f"the drop probability reached {traffic.highest_drop:.1%}: at that point the client sends about one request "
        "per window, too few to notice a recovery; cap it at MAX_DROP"
    )
    last_minute = traffic.sent_between(720, 780)
    assert last_minute >= 0.15 * 60 * RATE, "in a total outage, about a fifth of the requests should still go out"


def test_within_four_minutes_of_the_recovery_nothing_is_dropped(answer: Path) -> None:
    for seed in range(5):
        throttle, traffic = outage(answer, seed)
        recovered_at = traffic.clock.now
        traffic.run(throttle, seconds=240, backend_up=True)
        assert throttle.drop_probability() == 0, (
            f"four minutes after the backend recovered the client still drops {throttle.drop_probability():.0%} "
            f"of requests (seed {seed})"
        )
        traffic.run(throttle, seconds=10, backend_up=True)
        assert traffic.sent_between(recovered_at + 240, recovered_at + 250) == 10 * RATE


@pytest.mark.starter_passes
def test_during_the_outage_most_requests_are_still_dropped(answer: Path) -> None:
    _, traffic = outage(answer, seed=2)
    assert traffic.sent_between(720, 780) <= 0.3 * 60 * RATE, "a cap is no excuse to send everything"


@pytest.mark.starter_passes
def test_a_request_dropped_locally_still_counts(answer: Path) -> None:
    module = load_module(answer)
    clock = Clock()
    throttle = module.AdaptiveThrottle(k=2.0, clock=clock, rng=random.Random(3))  # noqa: S311
    throttle.allow()
    throttle.allow()  # two attempts, sent or not, and no accepts: 2 / 3
    before = throttle.drop_probability()
    throttle.allow()  # a third attempt: 3 / 4, whether this one went out or not
    assert throttle.drop_probability() > before, "attempts count whether they were sent or dropped"


@pytest.mark.starter_passes
def test_a_healthy_backend_sees_every_request(answer: Path) -> None:
    module = load_module(answer)
    traffic = Traffic()
    throttle = module.AdaptiveThrottle(clock=traffic.clock, rng=random.Random(1))  # noqa: S311
    traffic.run(throttle, seconds=300, backend_up=True)
    assert len(traffic.sent) == 300 * RATE
