"""Acceptance check: the learner's checkout tests pin checkout.py's promises and nothing else.

Three kinds of run: checkout.py as shipped (the suite must pass), refactors that keep every promise (it must still
pass: a test that fails here is tied to a detail), and planted bugs that each break one promise (it must fail).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from exercises.testing.suite_runner import Variant, breaking, run_suite, surviving
from exercises.testing.unit_tests_and_test_doubles.brittle_mocks.checkout import (
    Cart,
    CheckoutService,
    Order,
    PaymentError,
)


def euros(total: int) -> str:
    whole, cents = divmod(total, 100)
    return f"{whole}.{cents:02d} EUR"


def confirm(service: CheckoutService, cart: Cart, order_id: str, total: int) -> None:
    service.mailer.send(cart.email, f"Order {order_id} confirmed", f"Total: {euros(total)}")


# Refactors: every promise kept.


def reworded_email(self: CheckoutService, cart: Cart, order_id: str) -> Order:
    if not cart.lines:
        raise ValueError("cart is empty")
    total = cart.total_cents()
    charge_id = self.gateway.charge(cart.customer_id, total, idempotency_key=order_id)
    order = Order(order_id, cart.customer_id, total, charge_id)
    self.orders.add(order)
    self.mailer.send(cart.email, f"Thanks! Your order {order_id} is on its way", f"We charged {euros(total)}.")
    return order


def keyword_arguments(self: CheckoutService, cart: Cart, order_id: str) -> Order:
    if not cart.lines:
        raise ValueError("cart is empty")
    total = cart.total_cents()
    charge_id = self.gateway.charge(customer_id=cart.customer_id, amount_cents=total, idempotency_key=order_id)
    order = Order(order_id, cart.customer_id, total, charge_id)
    self.orders.add(order)
    confirm(self, cart, order_id, total)
    return order


def positional_arguments(self: CheckoutService, cart: Cart, order_id: str) -> Order:
    if not cart.lines:
        raise ValueError("cart is empty")
    total = cart.total_cents()
    charge_id = self.gateway.charge(cart.customer_id, total, order_id)
    order = Order(order_id, cart.customer_id, total, charge_id)
    self.orders.add(order)
    confirm(self, cart, order_id, total)
    return order


def duplicate_guard(self: CheckoutService, cart: Cart, order_id: str) -> Order:
    if not cart.lines:
        raise ValueError("cart is empty")
    if self.orders.get(order_id) is not None:
        raise ValueError(f"order {order_id} already placed")
    total = cart.total_cents()
    charge_id = self.gateway.charge(cart.customer_id, total, idempotency_key=order_id)
    order = Order(order_id, cart.customer_id, total, charge_id)
    self.orders.add(order)
    confirm(self, cart, order_id, total)
    return order


def placing_orders_with(name: str, place_order: Callable[[CheckoutService, Cart, str], Order]) -> Variant:
    return Variant.replacing(name, CheckoutService, "place_order", place_order)


REFACTORS = [
    placing_orders_with("the confirmation email is reworded", reworded_email),
    placing_orders_with("the gateway is called with keyword arguments", keyword_arguments),
    placing_orders_with("the gateway is called with positional arguments", positional_arguments),
    placing_orders_with("a duplicate-order guard calls orders.get(order_id) before charging", duplicate_guard),
]


# Bugs: each breaks one promise.


def confirmed_before_charging(self: CheckoutService, cart: Cart, order_id: str) -> Order:
    if not cart.lines:
        raise ValueError("cart is empty")
    total = cart.total_cents()
    confirm(self, cart, order_id, total)
    charge_id = self.gateway.charge(cart.customer_id, total, idempotency_key=order_id)
    order = Order(order_id, cart.customer_id, total, charge_id)
    self.orders.add(order)
    return order


def declined_order_stored(self: CheckoutService, cart: Cart, order_id: str) -> Order:
    if not cart.lines:
        raise ValueError("cart is empty")
    total = cart.total_cents()
    try:
        charge_id = self.gateway.charge(cart.customer_id, total, idempotency_key=order_id)
    except PaymentError:
        self.orders.add(Order(order_id, cart.customer_id, total, ""))
        raise
    order = Order(order_id, cart.customer_id, total, charge_id)
    self.orders.add(order)
    confirm(self, cart, order_id, total)
    return order


def fresh_idempotency_key(self: CheckoutService, cart: Cart, order_id: str) -> Order:
    if not cart.lines:
        raise ValueError("cart is empty")
    total = cart.total_cents()
    charge_id = self.gateway.charge(cart.customer_id, total, idempotency_key=uuid.uuid4().hex)
    order = Order(order_id, cart.customer_id, total, charge_id)
    self.orders.add(order)
    confirm(self, cart, order_id, total)
    return order


def charge_per_line(self: CheckoutService, cart: Cart, order_id: str) -> Order:
    if not cart.lines:
        raise ValueError("cart is empty")
    charge_id = ""
    for _, quantity, price in cart.lines:
        charge_id = self.gateway.charge(cart.customer_id, quantity * price, idempotency_key=order_id)
    total = cart.total_cents()
    order = Order(order_id, cart.customer_id, total, charge_id)
    self.orders.add(order)
    confirm(self, cart, order_id, total)
    return order


def charged_in_euros(self: CheckoutService, cart: Cart, order_id: str) -> Order:
    if not cart.lines:
        raise ValueError("cart is empty")
    total = cart.total_cents()
    charge_id = self.gateway.charge(cart.customer_id, total // 100, idempotency_key=order_id)
    order = Order(order_id, cart.customer_id, total, charge_id)
    self.orders.add(order)
    confirm(self, cart, order_id, total)
    return order


def order_id_as_charge_id(self: CheckoutService, cart: Cart, order_id: str) -> Order:
    if not cart.lines:
        raise ValueError("cart is empty")
    total = cart.total_cents()
    self.gateway.charge(cart.customer_id, total, idempotency_key=order_id)
    order = Order(order_id, cart.customer_id, total, order_id)
    self.orders.add(order)
    confirm(self, cart, order_id, total)
    return order


def order_not_stored(self: CheckoutService, cart: Cart, order_id: str) -> Order:
    if not cart.lines:
        raise ValueError("cart is empty")
    total = cart.total_cents()
    charge_id = self.gateway.charge(cart.customer_id, total, idempotency_key=order_id)
    confirm(self, cart, order_id, total)
    return Order(order_id, cart.customer_id, total, charge_id)


def mailed_to_customer_id(self: CheckoutService, cart: Cart, order_id: str) -> Order:
    if not cart.lines:
        raise ValueError("cart is empty")
    total = cart.total_cents()
    charge_id = self.gateway.charge(cart.customer_id, total, idempotency_key=order_id)
    order = Order(order_id, cart.customer_id, total, charge_id)
    self.orders.add(order)
    self.mailer.send(cart.customer_id, f"Order {order_id} confirmed", f"Total: {euros(total)}")
    return order


def subject_without_order_id(self: CheckoutService, cart: Cart, order_id: str) -> Order:
    if not cart.lines:
        raise ValueError("cart is empty")
    total = cart.total_cents()
    charge_id = self.gateway.charge(cart.customer_id, total, idempotency_key=order_id)
    order = Order(order_id, cart.customer_id, total, charge_id)
    self.orders.add(order)
    self.mailer.send(cart.email, "Your order is confirmed", f"Order {order_id}, total: {euros(total)}")
    return order


def confirmed_twice(self: CheckoutService, cart: Cart, order_id: str) -> Order:
    if not cart.lines:
        raise ValueError("cart is empty")
    total = cart.total_cents()
    charge_id = self.gateway.charge(cart.customer_id, total, idempotency_key=order_id)
    order = Order(order_id, cart.customer_id, total, charge_id)
    self.orders.add(order)
    for _ in range(2):
        confirm(self, cart, order_id, total)
    return order


def empty_cart_charged(self: CheckoutService, cart: Cart, order_id: str) -> Order:
    total = cart.total_cents()
    charge_id = self.gateway.charge(cart.customer_id, total, idempotency_key=order_id)
    order = Order(order_id, cart.customer_id, total, charge_id)
    self.orders.add(order)
    confirm(self, cart, order_id, total)
    return order


BUGS = [
    placing_orders_with("a declined card still gets a confirmation (sent before charging)", confirmed_before_charging),
    placing_orders_with("a declined order is stored anyway", declined_order_stored),
    placing_orders_with("each request sends a fresh idempotency key, so a retry charges twice", fresh_idempotency_key),
    placing_orders_with("each line is charged separately", charge_per_line),
    placing_orders_with("the amount is charged in euros instead of cents", charged_in_euros),
    placing_orders_with("the order stores its own id where the charge id belongs", order_id_as_charge_id),
    placing_orders_with("the order is never stored", order_not_stored),
    placing_orders_with("the confirmation goes to the customer id instead of the email address", mailed_to_customer_id),
    placing_orders_with("the confirmation's subject does not name the order", subject_without_order_id),
    placing_orders_with("the confirmation is sent twice", confirmed_twice),
    placing_orders_with("an empty cart is charged zero instead of rejected", empty_cart_charged),
]


@pytest.mark.starter_passes
def test_the_suite_passes_on_checkout_as_shipped(answer: Path, pytester: pytest.Pytester) -> None:
    run = run_suite(pytester, answer)
    assert run.green, f"the tests must pass on checkout.py as it is; failing: {run.failed or 'no test ran'}"


def test_the_suite_survives_refactors_that_keep_every_promise(answer: Path, pytester: pytest.Pytester) -> None:
    broken = breaking(pytester, answer, REFACTORS)
    assert not broken, (
        "these changes keep every promise in checkout.py, yet your tests fail; they check a detail instead of a "
        "promise: " + "; ".join(broken)
    )


def test_the_suite_catches_every_broken_promise(answer: Path, pytester: pytest.Pytester) -> None:
    missed = surviving(pytester, answer, BUGS)
    assert not missed, (
        f"{len(missed)} of {len(BUGS)} planted bugs pass your tests unnoticed; add an assertion that fails for each: "
        + "; ".join(missed)
    )
