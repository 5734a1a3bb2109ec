"""A checkout service with its collaborators behind small interfaces, so tests can swap them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol


class PaymentError(Exception):
    pass


# --8<-- [start:ports]
class PaymentGateway(Protocol):
    def charge(self, customer_id: str, amount_cents: int, idempotency_key: str) -> str: ...


class OrderRepository(Protocol):
    def add(self, order: Order) -> None: ...
    def get(self, order_id: str) -> Order | None: ...


class Clock(Protocol):
    def now(self) -> dt.datetime: ...


class Mailer(Protocol):
    def send(self, to: str, subject: str, body: str) -> None: ...


# --8<-- [end:ports]


@dataclass
class Order:
    id: str
    customer_id: str
    total_cents: int
    charge_id: str
    placed_at: dt.datetime


@dataclass
class Cart:
    customer_id: str
    email: str
    lines: list[tuple[str, int, int]] = field(default_factory=list)  # (sku, quantity, unit price in cents)


# --8<-- [start:service]
class CheckoutService:
    def __init__(self, gateway: PaymentGateway, orders: OrderRepository, clock: Clock, mailer: Mailer) -> None:
        self.gateway, self.orders, self.clock, self.mailer = gateway, orders, clock, mailer

    def total_cents(self, cart: Cart) -> int:
        subtotal = sum(quantity * price for _, quantity, price in cart.lines)
        # Happy hour: 10 % off between 17:00 and 18:00 UTC. Time is an input, so it comes from the clock.
        if self.clock.now().hour == 17:
            subtotal -= subtotal // 10
        return subtotal

    def place_order(self, cart: Cart, order_id: str) -> Order:
        if not cart.lines:
            raise ValueError("cart is empty")
        total = self.total_cents(cart)
        charge_id = self.gateway.charge(cart.customer_id, total, idempotency_key=order_id)
        order = Order(order_id, cart.customer_id, total, charge_id, self.clock.now())
        self.orders.add(order)
        self.mailer.send(cart.email, f"Order {order_id} confirmed", f"Total: {total / 100:.2f} EUR")
        return order


# --8<-- [end:service]
