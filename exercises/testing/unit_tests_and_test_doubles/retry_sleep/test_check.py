"""Acceptance check: the retry's waits are inputs a test controls, and giving up does not wait.

Everything here runs with a recording sleep and a stubbed random source: no test sleeps for real, and every
delay is known in advance.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from types import ModuleType

import pytest

from exercises import load_module


class ScriptedGateway:
    """A stub that plays back scripted outcomes, and a spy that records each call."""

    def __init__(self, *outcomes: str | Exception) -> None:
        self.outcomes = list(outcomes)
        self.calls: list[tuple[str, int, str]] = []

    def charge(self, customer_id: str, amount_cents: int, idempotency_key: str) -> str:
        self.calls.append((customer_id, amount_cents, idempotency_key))
        outcome = self.outcomes.pop(0) if len(self.outcomes) > 1 else self.outcomes[0]
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


class Waits:
    """A recording sleep and a stubbed uniform(low, high) that picks a fixed fraction of the range."""

    def __init__(self, fraction: float) -> None:
        self.fraction = fraction
        self.ranges: list[tuple[float, float]] = []
        self.slept: list[float] = []

    def uniform(self, low: float, high: float) -> float:
        self.ranges.append((low, high))
        return low + (high - low) * self.fraction

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)


def charge(module: ModuleType, gateway: ScriptedGateway, waits: Waits, attempts: int) -> str:
    parameters = inspect.signature(module.charge_with_retry).parameters
    if "sleep" not in parameters or "uniform" not in parameters:
        pytest.fail("charge_with_retry must take `sleep` and `uniform` keyword arguments, so a test can pass stubs")
    return module.charge_with_retry(
        gateway, "c1", 3250, "o-1", attempts=attempts, sleep=waits.sleep, uniform=waits.uniform
    )


def test_a_transient_failure_is_retried_after_a_jittered_wait(answer: Path) -> None:
    module = load_module(answer)
    unavailable = module.PaymentUnavailable("503")
    gateway, waits = ScriptedGateway(unavailable, unavailable, "ch_1"), Waits(fraction=0.25)
    assert charge(module, gateway, waits, attempts=4) == "ch_1"
    assert waits.ranges == [(0, 0.5), (0, 1.0)], "full jitter: uniform(0, min(cap, base * 2**attempt)) per retry"
    assert waits.slept == [0.125, 0.25], "sleep for exactly what uniform returned (the injected one)"
    assert gateway.calls == [("c1", 3250, "o-1")] * 3, "every attempt carries the same idempotency key"


def test_giving_up_does_not_wait_after_the_last_attempt(answer: Path) -> None:
    module = load_module(answer)
    gateway, waits = ScriptedGateway(module.PaymentUnavailable("503")), Waits(fraction=1.0)
    with pytest.raises(module.PaymentUnavailable):
        charge(module, gateway, waits, attempts=4)
    assert len(gateway.calls) == 4
    assert waits.slept == [0.5, 1.0, 2.0], "wait between attempts only: after the last one, give up at once"


def test_no_wait_is_longer_than_the_cap(answer: Path) -> None:
    module = load_module(answer)
    gateway, waits = ScriptedGateway(module.PaymentUnavailable("503")), Waits(fraction=1.0)
    with pytest.raises(module.PaymentUnavailable):
        charge(module, gateway, waits, attempts=7)
    assert waits.slept == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]


@pytest.mark.starter_passes
def test_a_declined_card_is_not_retried(answer: Path) -> None:
    module = load_module(answer)
    gateway = ScriptedGateway(module.PaymentDeclined("insufficient funds"))
    with pytest.raises(module.PaymentDeclined):
        module.charge_with_retry(gateway, "c1", 3250, "o-1")  # declines at once: nothing would sleep
    assert len(gateway.calls) == 1
