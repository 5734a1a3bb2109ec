"""Exercise: the payments dashboard that stayed green through an outage.

Symptom: during Friday's provider incident customers waited three seconds and more at "Pay", and 2% of checkouts
failed, yet the payments dashboard showed a p99 of 180 ms and an error rate of zero the whole time.

Diagnose it with the check (`make exercise ID=architecture/design_patterns/timing_decorator`): what does one
entry in `TimingGateway.measurements` stand for, and what happens to the measurement when `charge` raises?
Then make every charge a customer makes produce exactly one measurement, retries included, with its outcome:
"ok", "declined" (PaymentFailed) or "error" (anything else), and let the exception reach the caller unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from examples.architecture.design_patterns.payments import Charge, PaymentGateway, RetryingGateway


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
        result = self.inner.charge(amount_cents, currency, reference)
        self.measurements.append(Measurement(self.clock() - started, "ok"))
        return result


def build_gateway(provider: PaymentGateway, clock: Callable[[], float]) -> tuple[PaymentGateway, TimingGateway]:
    """The composition root's payment stack: the gateway checkout calls, and the timing decorator to read."""
    timing = TimingGateway(provider, clock)
    return RetryingGateway(timing, attempts=3), timing
