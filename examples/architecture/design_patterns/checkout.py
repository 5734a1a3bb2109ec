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
            order = Order(order_id, customer, total)
            uow.orders.add(order)
            try:
                self.payments.charge(total, "EUR", reference=order_id)
            except PaymentFailed:
                uow.orders.update(Order(order_id, customer, total, status="declined"))
                uow.commit()
                raise
            paid = Order(order_id, customer, total, status="paid")
            uow.orders.update(paid)
            uow.publish("order.paid", order_id)
            uow.commit()
            return paid


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
