"""Each kind of test double in use, and what unittest.mock does and does not check for you."""

from __future__ import annotations

import datetime as dt
import sys
from unittest.mock import Mock, NonCallableMagicMock, create_autospec

import pytest

from examples.testing.test_doubles.checkout import Cart, CheckoutService, PaymentError, PaymentGateway
from examples.testing.test_doubles.doubles import FixedClock, InMemoryOrders, RecordingMailer, Unused

MORNING = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
HAPPY_HOUR = dt.datetime(2026, 3, 2, 17, 30, tzinfo=dt.UTC)
BERLIN_WINTER = dt.timezone(dt.timedelta(hours=1), "CET")

Setup = tuple[CheckoutService, NonCallableMagicMock, InMemoryOrders, RecordingMailer]


def make_service(clock_time: dt.datetime = MORNING) -> Setup:
    gateway = create_autospec(PaymentGateway, instance=True)  # a mock that only allows the real signature
    gateway.charge.return_value = "ch_123"
    orders, mailer = InMemoryOrders(), RecordingMailer()
    return CheckoutService(gateway, orders, FixedClock(clock_time), mailer), gateway, orders, mailer


def cart() -> Cart:
    return Cart("c1", "ada@example.com", [("book", 2, 1500), ("pen", 1, 250)])


# --8<-- [start:stub]
def test_happy_hour_discount_uses_the_stubbed_clock() -> None:
    service, *_ = make_service(HAPPY_HOUR)
    assert service.total_cents(cart()) == 2925  # 3250 minus 10 %


def test_no_discount_in_the_morning() -> None:
    service, *_ = make_service(MORNING)
    assert service.total_cents(cart()) == 3250


def test_happy_hour_is_in_utc_whatever_zone_the_clock_reports() -> None:
    berlin_evening, *_ = make_service(dt.datetime(2026, 3, 2, 18, 30, tzinfo=BERLIN_WINTER))  # 17:30 UTC
    berlin_afternoon, *_ = make_service(dt.datetime(2026, 3, 2, 17, 30, tzinfo=BERLIN_WINTER))  # 16:30 UTC
    assert berlin_evening.total_cents(cart()) == 2925
    assert berlin_afternoon.total_cents(cart()) == 3250


# --8<-- [end:stub]


def test_the_discount_is_rounded_down_to_whole_cents() -> None:
    service, *_ = make_service(HAPPY_HOUR)
    assert service.total_cents(Cart("c1", "a@example.com", [("mug", 3, 1085)])) == 3255 - 325  # not 3255 - 326


# --8<-- [start:mock]
def test_gateway_is_charged_once_with_the_order_id_as_idempotency_key() -> None:
    service, gateway, _, _ = make_service()
    service.place_order(cart(), "o-1")
    gateway.charge.assert_called_once_with("c1", 3250, idempotency_key="o-1")


def test_autospec_rejects_calls_the_real_interface_does_not_have() -> None:
    _, gateway, _, _ = make_service()
    with pytest.raises(TypeError):
        gateway.charge("c1", 100)  # missing idempotency_key: a plain Mock would have accepted this
    with pytest.raises(AttributeError):
        gateway.chrage("c1", 100, idempotency_key="o-1")  # misspelled method: a plain Mock would invent it


# --8<-- [end:mock]


def test_a_plain_mock_accepts_what_the_real_interface_would_refuse() -> None:
    gateway = Mock()
    gateway.charge("c1", 100)  # a missing argument goes unnoticed
    gateway.chrage("c1", 100, idempotency_key="o-1")  # so does a method that does not exist
    gateway.chrage.assert_called_once()  # and the test can even assert on the misspelling


def test_a_plain_mock_refuses_misspelled_assertions_only() -> None:
    for name in ("assert_called_once_wiht", "assret_called_once", "asert_called", "aseert_called", "assrt_called"):
        with pytest.raises(AttributeError):
            getattr(Mock(), name)
    # From Python 3.12, the assertion names without their assert_ prefix are refused too; before, they silently
    # returned a child mock, so `mock.called_once_with(...)` asserted nothing.
    if sys.version_info >= (3, 12):
        with pytest.raises(AttributeError):
            _ = Mock().called_once_with
    else:
        assert isinstance(Mock().called_once_with, Mock)


def test_autospec_matches_a_call_however_its_arguments_were_spelled() -> None:
    service, gateway, _, _ = make_service()
    service.place_order(cart(), "o-1")  # calls charge("c1", 3250, idempotency_key="o-1")
    gateway.charge.assert_called_once_with(customer_id="c1", amount_cents=3250, idempotency_key="o-1")
    gateway.charge.assert_called_once_with("c1", 3250, "o-1")  # bound to the signature, all three are one call
    plain = Mock()
    plain.charge("c1", 3250, idempotency_key="o-1")
    with pytest.raises(AssertionError):
        plain.charge.assert_called_once_with("c1", 3250, "o-1")  # a plain Mock compares the spelling


class Connection:
    def __init__(self) -> None:
        self.timeout = 5.0  # an instance attribute: it does not exist on the class


def test_autospec_knows_only_what_the_class_defines() -> None:
    connection = create_autospec(Connection, instance=True)
    with pytest.raises(AttributeError):
        _ = connection.timeout


def test_an_unconfigured_method_returns_a_truthy_mock() -> None:
    orders = Mock()
    assert orders.get("o-1")  # so `if orders.get(order_id):` would take the "already exists" branch
    assert InMemoryOrders().get("o-1") is None  # the fake answers as the real store does


# --8<-- [start:fake_spy]
def test_order_is_stored_and_confirmation_sent() -> None:
    service, _, orders, mailer = make_service()
    order = service.place_order(cart(), "o-1")
    assert orders.get("o-1") == order  # state check against the fake
    assert mailer.sent == [("ada@example.com", "Order o-1 confirmed", "Total: 32.50 EUR")]  # spy


def test_failed_payment_stores_nothing_and_sends_nothing() -> None:
    service, gateway, orders, mailer = make_service()
    gateway.charge.side_effect = PaymentError("card declined")
    with pytest.raises(PaymentError):
        service.place_order(cart(), "o-1")
    assert orders.get("o-1") is None
    assert mailer.sent == []


# --8<-- [end:fake_spy]


# --8<-- [start:dummy]
def test_empty_cart_is_rejected_before_any_charge() -> None:
    gateway = create_autospec(PaymentGateway, instance=True)
    service = CheckoutService(gateway, Unused(), FixedClock(MORNING), Unused())  # store and mailer: dummies
    with pytest.raises(ValueError, match="empty"):
        service.place_order(Cart("c1", "a@example.com"), "o-1")
    gateway.charge.assert_not_called()


# --8<-- [end:dummy]


def test_a_dummy_fails_loudly_when_used() -> None:
    with pytest.raises(AssertionError, match="dummy"):
        Unused().send("a@example.com", "subject", "body")
