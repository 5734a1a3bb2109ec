"""The shop's pricing rules: the code under test in this exercise. It is correct; leave it as it is.

The rules, which your tests should pin down:

1. The subtotal is the sum of quantity times unit price over the cart's lines, in cents.
2. Happy hour runs from 17:00 up to, not including, 18:00 UTC, whatever time zone the clock reports in.
   During it the subtotal gets 10 % off, and the discount is rounded down to whole cents.
3. A coupon is a fixed amount in cents, taken off after the happy-hour discount.
4. The total is never below zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol


class Clock(Protocol):
    def now(self) -> dt.datetime: ...  # always timezone-aware


@dataclass(frozen=True)
class Cart:
    lines: tuple[tuple[str, int, int], ...]  # (sku, quantity, unit price in cents)
    coupon_cents: int = 0


class Pricing:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock

    def total_cents(self, cart: Cart) -> int:
        subtotal = sum(quantity * price for _, quantity, price in cart.lines)
        if self.is_happy_hour():
            subtotal -= subtotal // 10
        return max(subtotal - cart.coupon_cents, 0)

    def is_happy_hour(self) -> bool:
        # Convert first: 17:30 in Berlin is 16:30 UTC, and the promotion is defined in UTC.
        return self.clock.now().astimezone(dt.UTC).hour == 17
