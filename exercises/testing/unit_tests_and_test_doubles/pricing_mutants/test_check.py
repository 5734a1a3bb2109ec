"""Acceptance check: the learner's pricing tests pass on the real rules and catch every planted bug.

Each mutant below is one small, plausible bug in pricing.py, the kind a refactor or a hurried fix introduces.
A suite that stays green with a mutant planted would let that bug ship.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from exercises.testing.suite_runner import Variant, body_lines, lines_run, run_suite, surviving
from exercises.testing.unit_tests_and_test_doubles.pricing_mutants import pricing
from exercises.testing.unit_tests_and_test_doubles.pricing_mutants.pricing import Cart, Pricing


def subtotal_of(cart: Cart) -> int:
    return sum(quantity * price for _, quantity, price in cart.lines)


def quantity_ignored(self: Pricing, cart: Cart) -> int:
    subtotal = sum(price for _, _, price in cart.lines)
    if self.is_happy_hour():
        subtotal -= subtotal // 10
    return max(subtotal - cart.coupon_cents, 0)


def coupon_ignored(self: Pricing, cart: Cart) -> int:
    subtotal = subtotal_of(cart)
    if self.is_happy_hour():
        subtotal -= subtotal // 10
    return subtotal


def coupon_before_discount(self: Pricing, cart: Cart) -> int:
    subtotal = max(subtotal_of(cart) - cart.coupon_cents, 0)
    if self.is_happy_hour():
        subtotal -= subtotal // 10
    return subtotal


def no_floor(self: Pricing, cart: Cart) -> int:
    subtotal = subtotal_of(cart)
    if self.is_happy_hour():
        subtotal -= subtotal // 10
    return subtotal - cart.coupon_cents


def discount_rounded_up(self: Pricing, cart: Cart) -> int:
    subtotal = subtotal_of(cart)
    if self.is_happy_hour():
        subtotal = subtotal * 9 // 10
    return max(subtotal - cart.coupon_cents, 0)


def twenty_percent_off(self: Pricing, cart: Cart) -> int:
    subtotal = subtotal_of(cart)
    if self.is_happy_hour():
        subtotal -= subtotal // 5
    return max(subtotal - cart.coupon_cents, 0)


def until_midnight(self: Pricing) -> bool:
    return self.clock.now().astimezone(dt.UTC).hour >= 17


def from_four(self: Pricing) -> bool:
    return self.clock.now().astimezone(dt.UTC).hour in (16, 17)


def in_the_clocks_zone(self: Pricing) -> bool:
    return self.clock.now().hour == 17


MUTANTS = [
    Variant.replacing("the quantity of a line is ignored", Pricing, "total_cents", quantity_ignored),
    Variant.replacing("the coupon is ignored", Pricing, "total_cents", coupon_ignored),
    Variant.replacing(
        "the coupon is taken off before the happy-hour discount", Pricing, "total_cents", coupon_before_discount
    ),
    Variant.replacing("a coupon larger than the cart gives a negative total", Pricing, "total_cents", no_floor),
    Variant.replacing(
        "the happy-hour discount is rounded up instead of down", Pricing, "total_cents", discount_rounded_up
    ),
    Variant.replacing("happy hour takes 20 % off", Pricing, "total_cents", twenty_percent_off),
    Variant.replacing("happy hour runs until midnight", Pricing, "is_happy_hour", until_midnight),
    Variant.replacing("happy hour starts at 16:00", Pricing, "is_happy_hour", from_four),
    Variant.replacing(
        "happy hour is read in the clock's time zone instead of UTC", Pricing, "is_happy_hour", in_the_clocks_zone
    ),
]


@pytest.mark.starter_passes
def test_the_suite_passes_on_the_real_rules(answer: Path, pytester: pytest.Pytester) -> None:
    run = run_suite(pytester, answer)
    assert run.green, f"the tests must pass on pricing.py as it is; failing: {run.failed or 'no test ran'}"


@pytest.mark.starter_passes
def test_the_suite_runs_every_line_of_the_pricing_rules(answer: Path, pytester: pytest.Pytester) -> None:
    """Full line coverage, on the starter too: coverage says what ran, not what a test would notice."""
    missing = body_lines(Pricing.total_cents, Pricing.is_happy_hour) - lines_run(
        pytester, answer, Path(pricing.__file__)
    )
    assert not missing, f"lines of pricing.py no test runs: {sorted(missing)}"


def test_every_planted_bug_turns_the_suite_red(answer: Path, pytester: pytest.Pytester) -> None:
    missed = surviving(pytester, answer, MUTANTS)
    assert not missed, (
        f"{len(missed)} of {len(MUTANTS)} planted bugs pass your tests unnoticed; add a test that fails for each: "
        + "; ".join(missed)
    )
