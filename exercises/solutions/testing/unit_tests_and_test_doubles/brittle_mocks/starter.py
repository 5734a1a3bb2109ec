"""A reference solution: one double per collaborator, each chosen for what the test needs to know.

- The gateway is an autospecced mock: the charge is an interaction that *is* the behavior, and autospec matches
  the recorded call against the real signature, so keyword and positional spellings of one call compare equal.
- The repository is a fake: the test asks it what was stored, and its `get` answers None for an unknown id, as
  the real one does (a plain Mock would answer with a truthy Mock).
- The mailer is a spy: the test reads what was sent and asserts only the promised parts (recipient, order id).
"""

from __future__ import annotations

from unittest.mock import NonCallableMagicMock, create_autospec

import pytest

from exercises.testing.unit_tests_and_test_doubles.brittle_mocks.checkout import (
    Cart,
    CheckoutService,
    Order,
    PaymentError,
    PaymentGateway,
)

CART = Cart("c1", "ada@example.com", [("book", 2, 1500), ("pen", 1, 250)])  # 3250 cents


class InMemoryOrders:
    """Fake: a working repository that keeps orders in a dict."""

    def __init__(self) -> None:
        self.orders: dict[str, Order] = {}

    def add(self, order: Order) -> None:
        if order.id in self.orders:
            raise KeyError(f"duplicate order {order.id}")
        self.orders[order.id] = order

    def get(self, order_id: str) -> Order | None:
        return self.orders.get(order_id)


class RecordingMailer:
    """Spy: records each message, sends nothing."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, str]] = []

    def send(self, to: str, subject: str, body: str) -> None:
        self.sent.append((to, subject, body))


Setup = tuple[CheckoutService, NonCallableMagicMock, InMemoryOrders, RecordingMailer]


@pytest.fixture
def checkout() -> Setup:
    gateway = create_autospec(PaymentGateway, instance=True)
    gateway.charge.return_value = "ch_123"
    orders, mailer = InMemoryOrders(), RecordingMailer()
    return CheckoutService(gateway, orders, mailer), gateway, orders, mailer


def test_the_total_is_charged_once_keyed_by_the_order_id(checkout: Setup) -> None:
    service, gateway, _, _ = checkout
    service.place_order(CART, "o-1")
    gateway.charge.assert_called_once_with("c1", 3250, idempotency_key="o-1")


def test_the_order_is_stored_with_its_total_and_charge(checkout: Setup) -> None:
    service, _, orders, _ = checkout
    placed = service.place_order(CART, "o-1")
    assert orders.get("o-1") == placed == Order("o-1", "c1", 3250, "ch_123")


def test_one_confirmation_names_the_order_and_goes_to_the_cart_email(checkout: Setup) -> None:
    service, _, _, mailer = checkout
    service.place_order(CART, "o-1")
    assert len(mailer.sent) == 1
    to, subject, _ = mailer.sent[0]
    assert to == "ada@example.com"
    assert "o-1" in subject


def test_a_declined_charge_stores_nothing_and_sends_nothing(checkout: Setup) -> None:
    service, gateway, orders, mailer = checkout
    gateway.charge.side_effect = PaymentError("card declined")
    with pytest.raises(PaymentError):
        service.place_order(CART, "o-1")
    assert orders.get("o-1") is None
    assert mailer.sent == []


def test_an_empty_cart_is_rejected_before_any_charge(checkout: Setup) -> None:
    service, gateway, orders, mailer = checkout
    with pytest.raises(ValueError, match="empty"):
        service.place_order(Cart("c1", "ada@example.com"), "o-1")
    gateway.charge.assert_not_called()
    assert orders.get("o-1") is None
    assert mailer.sent == []
