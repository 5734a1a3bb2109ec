"""A reference solution: one measurement per charge, outside the retry, recorded whatever the outcome."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from examples.architecture.design_patterns.payments import Charge, PaymentFailed, PaymentGateway, RetryingGateway


@dataclass(frozen=True)
class Measurement:
    seconds: float
    outcome: str  # "ok", "declined" or "error"


@dataclass
class TimingGateway:
    """A decorator: same interface as the gateway it wraps, plus a measurement per call."""

    inner: PaymentGateway
    clock: Callable[[], float]  # a monotonic clock: time.monotonic in production, a fake one in tests
    measurements: list[Measurement] = field(default_factory=list)

    def charge(self, amount_cents: int, currency: str, reference: str) -> Charge:
        started = self.clock()
        outcome = "error"
        try:
            result = self.inner.charge(amount_cents, currency, reference)
            outcome = "ok"
            return result
        except PaymentFailed:
            outcome = "declined"
            raise
        finally:
            # finally runs on success and on any exception, so failed charges are measured too.
            self.measurements.append(Measurement(self.clock() - started, outcome))


def build_gateway(provider: PaymentGateway, clock: Callable[[], float]) -> tuple[PaymentGateway, TimingGateway]:
    """The composition root's payment stack: the gateway checkout calls, and the timing decorator to read."""
    # Timing outside the retry measures what the customer waits for: every attempt and every backoff.
    timing = TimingGateway(RetryingGateway(provider, attempts=3), clock)
    return timing, timing
