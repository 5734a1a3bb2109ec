"""Dependency injection: the service receives its collaborators; one composition root builds the real ones."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from examples.architecture.design_patterns.payments import (
    SHIPPING,
    CardsApiAdapter,
    CardsApiClient,
    LegacyBankAdapter,
    LegacyBankGateway,
    LoggingGateway,
    PaymentFailed,
    PaymentGateway,
    RetryingGateway,
    ShippingStrategy,
)
from examples.architecture.design_patterns.storage import Order, OrderRepository, SqliteUnitOfWork


class UnitOfWork(Protocol):
    orders: OrderRepository

    def publish(self, topic: str, payload: str) -> None: ...
    def commit(self) -> None: ...


# --8<-- [start:service]
@dataclass
class CheckoutService:
    """Knows the steps of a checkout; does not know SQLite, the bank, or which shipping rule is in force."""

    unit_of_work: Callable[[], AbstractContextManager[UnitOfWork]]
    payments: PaymentGateway
    shipping: ShippingStrategy

    def place(self, order_id: str, customer: str, subtotal_cents: int, weight_grams: int) -> Order:
        total = subtotal_cents + self.shipping(weight_grams, subtotal_cents)
        with self.unit_of_work() as uow:
            uow.orders.add(Order(order_id, customer, total))
            uow.commit()
        # The provider is called between two short transactions, never inside one: a slow provider then holds
        # no database connection or lock, and if the process dies after the charge, the pending order is the
        # record that reconciliation matches against the provider's charges (order_id is the idempotency key).
        try:
            self.payments.charge(total, "EUR", reference=order_id)
        except PaymentFailed:
            self._record(Order(order_id, customer, total, status="declined"))
            raise
        paid = Order(order_id, customer, total, status="paid")
        self._record(paid, event="order.paid")
        return paid

    def _record(self, order: Order, event: str | None = None) -> None:
        with self.unit_of_work() as uow:
            uow.orders.update(order)
            if event:
                uow.publish(event, order.id)  # in the same transaction as the status it announces
            uow.commit()


# --8<-- [end:service]


# --8<-- [start:composition_root]
@dataclass(frozen=True)
class Settings:
    database_path: str
    payment_provider: str  # "cards" or "bank"
    shipping_rule: str  # a key of SHIPPING


def build_checkout(settings: Settings) -> CheckoutService:
    """The composition root: the one place that knows concrete classes and how they fit together."""
    adapters: dict[str, Callable[[], PaymentGateway]] = {
        "cards": lambda: CardsApiAdapter(CardsApiClient()),
        "bank": lambda: LegacyBankAdapter(LegacyBankGateway()),
    }
    gateway = LoggingGateway(RetryingGateway(adapters[settings.payment_provider]()))
    return CheckoutService(
        unit_of_work=lambda: SqliteUnitOfWork(settings.database_path),
        payments=gateway,
        shipping=SHIPPING[settings.shipping_rule],
    )


# --8<-- [end:composition_root]
