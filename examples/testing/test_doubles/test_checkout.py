"""Each kind of test double in use, and the trap of over-specified mocks."""

import datetime as dt
from unittest.mock import create_autospec

import pytest

from examples.testing.test_doubles.checkout import Cart, CheckoutService, PaymentError, PaymentGateway
from examples.testing.test_doubles.doubles import FixedClock, InMemoryOrders, RecordingMailer

MORNING = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
HAPPY_HOUR = dt.datetime(2026, 3, 2, 17, 30, tzinfo=dt.UTC)


def make_service(clock_time: dt.datetime = MORNING):
    gateway = create_autospec(PaymentGateway, instance=True)  # a mock that only allows the real signature
    gateway.charge.return_value = "ch_123"
    orders, mailer = InMemoryOrders(), RecordingMailer()
    return CheckoutService(gateway, orders, FixedClock(clock_time), mailer), gateway, orders, mailer


def cart() -> Cart:
    return Cart("c1", "ada@example.com", [("book", 2, 1500), ("pen", 1, 250)])


# --8<-- [start:stub]
def test_happy_hour_discount_uses_the_stubbed_clock():
    service, *_ = make_service(HAPPY_HOUR)
    assert service.total_cents(cart()) == 2925  # 3250 minus 10 %


def test_no_discount_in_the_morning():
    service, *_ = make_service(MORNING)
    assert service.total_cents(cart()) == 3250


# --8<-- [end:stub]


# --8<-- [start:mock]
def test_gateway_is_charged_once_with_the_order_id_as_idempotency_key():
    service, gateway, _, _ = make_service()
    service.place_order(cart(), "o-1")
    gateway.charge.assert_called_once_with("c1", 3250, idempotency_key="o-1")


def test_autospec_rejects_calls_the_real_interface_does_not_have():
    _, gateway, _, _ = make_service()
    with pytest.raises(TypeError):
        gateway.charge("c1", 100)  # missing idempotency_key: a plain Mock would have accepted this


# --8<-- [end:mock]


# --8<-- [start:fake_spy]
def test_order_is_stored_and_confirmation_sent():
    service, _, orders, mailer = make_service()
    order = service.place_order(cart(), "o-1")
    assert orders.get("o-1") == order  # state check against the fake
    assert mailer.sent == [("ada@example.com", "Order o-1 confirmed", "Total: 32.50 EUR")]  # spy


def test_failed_payment_stores_nothing_and_sends_nothing():
    service, gateway, orders, mailer = make_service()
    gateway.charge.side_effect = PaymentError("card declined")
    with pytest.raises(PaymentError):
        service.place_order(cart(), "o-1")
    assert orders.get("o-1") is None
    assert mailer.sent == []


# --8<-- [end:fake_spy]


def test_empty_cart_is_rejected_before_any_charge():
    service, gateway, _, _ = make_service()
    with pytest.raises(ValueError, match="empty"):
        service.place_order(Cart("c1", "a@example.com"), "o-1")
    gateway.charge.assert_not_called()


def test_fake_enforces_the_same_rule_as_the_real_store():
    orders = InMemoryOrders()
    service, _, _, _ = make_service()
    service.orders = orders
    service.place_order(cart(), "o-1")
    with pytest.raises(KeyError):
        service.place_order(cart(), "o-1")
