"""Dependency injection: the same service runs on fakes in a unit test and on real parts from the root."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from examples.architecture.design_patterns.checkout import CheckoutService, Settings, build_checkout
from examples.architecture.design_patterns.payments import Charge, PaymentFailed, TransientPaymentError, flat_rate
from examples.architecture.design_patterns.storage import InMemoryOrderRepository, Order, SqliteUnitOfWork, outbox


class FakeUnitOfWork:
    """Keeps committed state apart from working state, like a transaction."""

    def __init__(self) -> None:
        self.committed = InMemoryOrderRepository()
        self.events: list[tuple[str, str]] = []

    @contextmanager
    def __call__(self):
        self.orders = InMemoryOrderRepository()
        self.orders.rows = dict(self.committed.rows)
        self.pending: list[tuple[str, str]] = []
        yield self

    def publish(self, topic: str, payload: str) -> None:
        self.pending.append((topic, payload))

    def commit(self) -> None:
        self.committed.rows = dict(self.orders.rows)
        self.events += self.pending
        self.pending = []


class RecordingGateway:
    def __init__(self, decline: bool = False, uow: FakeUnitOfWork | None = None) -> None:
        self.decline = decline
        self.uow = uow
        self.charged: list[tuple[int, str]] = []
        self.committed_when_charged: list[Order | None] = []

    def charge(self, amount_cents: int, currency: str, reference: str) -> Charge:
        if self.uow is not None:  # what a reconciliation job would find if the process died right now
            self.committed_when_charged.append(self.uow.committed.get(reference))
        if self.decline:
            raise PaymentFailed(reference)
        self.charged.append((amount_cents, reference))
        return Charge(reference, "fake", amount_cents)


class ProviderDown:
    def charge(self, amount_cents: int, currency: str, reference: str) -> Charge:
        raise TransientPaymentError("provider timed out")


# --8<-- [start:fakes]
def test_checkout_with_injected_fakes():
    uow, gateway = FakeUnitOfWork(), RecordingGateway()
    service = CheckoutService(unit_of_work=uow, payments=gateway, shipping=flat_rate)

    paid = service.place("o-1", "ada", subtotal_cents=2000, weight_grams=300)

    assert paid.status == "paid" and paid.total_cents == 2499
    assert gateway.charged == [(2499, "o-1")]
    assert uow.committed.get("o-1") == paid
    assert uow.events == [("order.paid", "o-1")]


def test_a_declined_payment_is_recorded_and_publishes_nothing():
    uow = FakeUnitOfWork()
    service = CheckoutService(unit_of_work=uow, payments=RecordingGateway(decline=True), shipping=flat_rate)
    with pytest.raises(PaymentFailed):
        service.place("o-2", "ada", subtotal_cents=2000, weight_grams=300)
    assert uow.committed.get("o-2").status == "declined"
    assert uow.events == []


# --8<-- [end:fakes]


def test_the_order_is_committed_as_pending_before_the_provider_is_called():
    uow = FakeUnitOfWork()
    gateway = RecordingGateway(uow=uow)
    CheckoutService(unit_of_work=uow, payments=gateway, shipping=flat_rate).place("o-4", "ada", 2000, 300)
    assert gateway.committed_when_charged == [Order("o-4", "ada", 2499, "pending")]


def test_an_unanswered_charge_leaves_a_pending_order_to_reconcile_and_no_event():
    uow = FakeUnitOfWork()
    service = CheckoutService(unit_of_work=uow, payments=ProviderDown(), shipping=flat_rate)
    with pytest.raises(TransientPaymentError):
        service.place("o-5", "ada", subtotal_cents=2000, weight_grams=300)
    assert uow.committed.get("o-5") == Order("o-5", "ada", 2499, "pending")
    assert uow.events == []


@pytest.mark.parametrize("provider", ["cards", "bank"])
def test_the_composition_root_wires_real_parts_from_settings(tmp_path, provider):
    path = str(tmp_path / "shop.db")
    service = build_checkout(Settings(path, payment_provider=provider, shipping_rule="free-over-50"))
    paid = service.place("o-3", "bob", subtotal_cents=6000, weight_grams=1000)
    assert paid == Order("o-3", "bob", 6000, "paid")
    with SqliteUnitOfWork(path) as uow:
        assert uow.orders.get("o-3") == paid
    assert list(outbox(path)) == [("order.paid", "o-3")]
