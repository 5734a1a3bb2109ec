"""Exercise: the pricing suite is green, and pricing bugs keep shipping past it.

Symptom: in one quarter three pricing bugs reached production while this suite stayed green: a 50 EUR coupon on
a 30 EUR cart produced a total of -20 EUR, happy hour ran until midnight, and coupons were taken off before the
happy-hour discount instead of after it. Each was fixed in pricing.py; no test was added.

Diagnose: run the check (`make exercise ID=testing/unit_tests_and_test_doubles/pricing_mutants`). It plants one
bug at a time in pricing.py (a mutant) and runs these tests against it; every mutant the suite lets through is a
gap. Fix: add tests here until every mutant is caught, keeping the suite green on the real code. pricing.py
lists the rules. You can run just this file with `pytest <path of this file>`.
"""

from __future__ import annotations

import datetime as dt

from exercises.testing.unit_tests_and_test_doubles.pricing_mutants.pricing import Cart, Pricing

MORNING = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
HAPPY_HOUR = dt.datetime(2026, 3, 2, 17, 30, tzinfo=dt.UTC)
BOOKS_AND_PEN = (("book", 2, 1500), ("pen", 1, 250))  # 3250 cents


class FixedClock:
    """A stub: the test decides what time it is."""

    def __init__(self, at: dt.datetime) -> None:
        self.at = at

    def now(self) -> dt.datetime:
        return self.at


def total(cart: Cart, at: dt.datetime) -> int:
    return Pricing(FixedClock(at)).total_cents(cart)


def test_full_price_in_the_morning() -> None:
    assert total(Cart(BOOKS_AND_PEN), MORNING) == 3250


def test_happy_hour_takes_ten_percent_off() -> None:
    assert total(Cart(BOOKS_AND_PEN), HAPPY_HOUR) == 2925


def test_a_coupon_is_taken_off() -> None:
    assert total(Cart(BOOKS_AND_PEN, coupon_cents=500), MORNING) == 2750
