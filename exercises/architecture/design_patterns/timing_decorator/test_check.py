"""Acceptance check: one measurement per charge the customer makes, lasting as long as the customer waited,
retries included, with its outcome also when the charge fails; exceptions reach the caller unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from examples.architecture.design_patterns.payments import Charge, PaymentFailed, TransientPaymentError
from exercises import load_module


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Provider:
    """Each attempt takes one second on the fake clock; the scripted errors come first, then a success."""

    def __init__(self, clock: Clock, *errors: Exception) -> None:
        self.clock = clock
        self.errors = list(errors)
        self.attempts = 0

    def charge(self, amount_cents: int, currency: str, reference: str) -> Charge:
        self.attempts += 1
        self.clock.now += 1.0
        if self.errors:
            raise self.errors.pop(0)
        return Charge(reference, f"p{self.attempts}", amount_cents)


def measured(answer: Path, *errors: Exception) -> tuple[Any, Any, Provider]:
    module = load_module(answer)
    clock = Clock()
    provider = Provider(clock, *errors)
    gateway, timing = module.build_gateway(provider, clock)
    return gateway, timing, provider


def summary(timing: Any) -> list[tuple[float, str]]:
    return [(m.seconds, m.outcome) for m in timing.measurements]


def test_a_charge_that_needed_retries_is_one_slow_measurement(answer: Path) -> None:
    gateway, timing, provider = measured(answer, TransientPaymentError("timeout"), TransientPaymentError("timeout"))
    gateway.charge(700, "EUR", "order-1")
    assert provider.attempts == 3
    assert summary(timing) == [(3.0, "ok")], (
        f"the customer waited 3 s for one charge, and the dashboard recorded {summary(timing)}: measure outside "
        "the retry, so one measurement is one charge as the customer saw it"
    )


def test_a_declined_charge_is_measured_as_declined(answer: Path) -> None:
    gateway, timing, _ = measured(answer, PaymentFailed("insufficient funds"))
    with pytest.raises(PaymentFailed):
        gateway.charge(700, "EUR", "order-2")
    assert summary(timing) == [(1.0, "declined")], (
        f"a declined charge recorded {summary(timing)}: a measurement taken after the call is skipped when the call "
        "raises, so failures vanish from the error rate"
    )


def test_a_charge_that_fails_after_every_retry_is_one_error(answer: Path) -> None:
    errors = [TransientPaymentError("timeout") for _ in range(3)]
    gateway, timing, _ = measured(answer, *errors)
    with pytest.raises(TransientPaymentError) as raised:
        gateway.charge(700, "EUR", "order-3")
    assert raised.value is errors[-1], "the caller must get the provider's last error, unchanged"
    assert summary(timing) == [(3.0, "error")], f"an outage charge recorded {summary(timing)}"


@pytest.mark.starter_passes
def test_a_fast_success_is_one_measurement(answer: Path) -> None:
    gateway, timing, _ = measured(answer)
    charge = gateway.charge(700, "EUR", "order-4")
    assert charge.reference == "order-4" and charge.amount_cents == 700
    assert summary(timing) == [(1.0, "ok")]
