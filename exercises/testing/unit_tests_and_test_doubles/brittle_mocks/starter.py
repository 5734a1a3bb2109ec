"""Exercise: a copy change turned the checkout suite red, and the suite still missed a real bug.

Symptom: marketing reworded the confirmation email and every checkout test failed; a week later a colleague made
the gateway call use keyword arguments and added a duplicate-order guard (`orders.get` before charging), and
the tests failed again, though nothing a customer could see had changed. Meanwhile a declined card that still
got a "your order is confirmed" email went through this suite green.

Diagnose: run the check (`make exercise ID=testing/unit_tests_and_test_doubles/brittle_mocks`). It runs these
tests against checkout.py as shipped, against refactors that keep every promise checkout.py lists, and
against planted bugs that break one. Fix: rewrite the tests so they pin the promises and nothing else: choose a
fitting double for each collaborator. You can run just this file with `pytest <path of this file>`.
"""

from __future__ import annotations

from unittest.mock import Mock, call

import pytest

from exercises.testing.unit_tests_and_test_doubles.brittle_mocks.checkout import (
    Cart,
    CheckoutService,
    Order,
    PaymentError,
)

CART = Cart("c1", "ada@example.com", [("book", 2, 1500), ("pen", 1, 250)])  # 3250 cents


def make() -> tuple[CheckoutService, Mock, Mock, Mock]:
    gateway, orders, mailer = Mock(), Mock(), Mock()
    gateway.charge.return_value = "ch_123"
    return CheckoutService(gateway, orders, mailer), gateway, orders, mailer


def test_place_order() -> None:
    service, gateway, orders, mailer = make()
    service.place_order(CART, "o-1")
    gateway.charge.assert_called_once_with("c1", 3250, idempotency_key="o-1")
    assert orders.mock_calls == [call.add(Order("o-1", "c1", 3250, "ch_123"))]
    mailer.send.assert_called_once_with("ada@example.com", "Order o-1 confirmed", "Total: 32.50 EUR")


def test_declined_card_raises() -> None:
    service, gateway, _, _ = make()
    gateway.charge.side_effect = PaymentError("card declined")
    with pytest.raises(PaymentError):
        service.place_order(CART, "o-1")


def test_empty_cart_is_rejected() -> None:
    service, gateway, _, _ = make()
    with pytest.raises(ValueError):
        service.place_order(Cart("c1", "ada@example.com"), "o-1")
    gateway.charge.assert_not_called()
