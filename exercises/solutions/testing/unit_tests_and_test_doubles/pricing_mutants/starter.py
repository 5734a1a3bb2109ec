"""A reference solution: one test per rule, with inputs chosen so that each plausible bug changes the answer.

The choices that matter: a subtotal that is not a multiple of ten (so the rounding direction shows), both edges
of happy hour, a clock in another time zone, a coupon combined with happy hour (so the order shows), and a coupon
larger than the cart.
"""

from __future__ import annotations

import datetime as dt

import pytest

from exercises.testing.unit_tests_and_test_doubles.pricing_mutants.pricing import Cart, Pricing

BERLIN_WINTER = dt.timezone(dt.timedelta(hours=1))  # a fixed offset: the test needs no tz database
BOOKS_AND_PEN = (("book", 2, 1500), ("pen", 1, 250))  # 3250 cents
ODD_CART = (("mug", 3, 1085),)  # 3255 cents: 10 % of it is 325.5


class FixedClock:
    """A stub: the test decides what time it is."""

    def __init__(self, at: dt.datetime) -> None:
        self.at = at

    def now(self) -> dt.datetime:
        return self.at


def utc(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, 2, hour, minute, tzinfo=dt.UTC)


def total(cart: Cart, at: dt.datetime) -> int:
    return Pricing(FixedClock(at)).total_cents(cart)


def test_the_subtotal_multiplies_quantity_by_unit_price() -> None:
    assert total(Cart(BOOKS_AND_PEN), utc(9)) == 2 * 1500 + 250


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (utc(16, 59), 3250),  # one minute early
        (utc(17, 0), 2925),  # first minute of happy hour
        (utc(17, 59), 2925),  # last minute
        (utc(18, 0), 3250),  # over
        (utc(23, 0), 3250),  # long over
    ],
)
def test_happy_hour_is_17_to_18_utc(at: dt.datetime, expected: int) -> None:
    assert total(Cart(BOOKS_AND_PEN), at) == expected


@pytest.mark.parametrize(
    ("local_hour", "expected"),
    [
        (18, 2925),  # 18:30 in Berlin is 17:30 UTC: happy hour
        (17, 3250),  # 17:30 in Berlin is 16:30 UTC: not yet
    ],
)
def test_happy_hour_follows_utc_whatever_zone_the_clock_reports(local_hour: int, expected: int) -> None:
    at = dt.datetime(2026, 3, 2, local_hour, 30, tzinfo=BERLIN_WINTER)
    assert total(Cart(BOOKS_AND_PEN), at) == expected


def test_the_discount_is_rounded_down_to_whole_cents() -> None:
    assert total(Cart(ODD_CART), utc(17, 30)) == 3255 - 325  # the discount is 325, not 326


@pytest.mark.parametrize(
    ("coupon", "at", "expected"),
    [
        (0, utc(9), 3250),
        (500, utc(9), 2750),
        (1000, utc(17, 30), 3250 - 325 - 1000),  # discount first, then the coupon (1925, not 2025)
        (3250, utc(9), 0),  # exactly the cart
        (5000, utc(9), 0),  # more than the cart: never below zero
        (5000, utc(17, 30), 0),
    ],
)
def test_the_coupon_comes_off_after_the_discount_and_never_below_zero(
    coupon: int, at: dt.datetime, expected: int
) -> None:
    assert total(Cart(BOOKS_AND_PEN, coupon_cents=coupon), at) == expected
