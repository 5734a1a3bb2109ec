"""A checkout service with its collaborators behind small interfaces, so tests can swap them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol


class PaymentError(Exception):
    pass


class DuplicateOrder(Exception):
    """An order with this id is already stored: every OrderRepository raises this, real or fake."""


# --8<-- [start:ports]
class PaymentGateway(Protocol):
    def charge(self, customer_id: str, amount_cents: int, idempotency_key: str) -> str: ...


class OrderRepository(Protocol):
    def add(self, order: Order) -> None: ...  # raises DuplicateOrder for an id already stored
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
        # Happy hour: 10 % off from 17:00 to 18:00 UTC. Time is an input, so it comes from the clock, and it is
        # converted to UTC first, because a clock may report local time (17:30 in Berlin is not happy hour).
        if self.clock.now().astimezone(dt.UTC).hour == 17:
            subtotal -= subtotal // 10  # the discount is rounded down to whole cents
        return subtotal

    def place_order(self, cart: Cart, order_id: str) -> Order:
        if not cart.lines:
            raise ValueError("cart is empty")
        total = self.total_cents(cart)
        charge_id = self.gateway.charge(cart.customer_id, total, idempotency_key=order_id)
        order = Order(order_id, cart.customer_id, total, charge_id, self.clock.now())
        self.orders.add(order)
        euros, cents = divmod(total, 100)  # integer cents all the way: no float rounding in money
        self.mailer.send(cart.email, f"Order {order_id} confirmed", f"Total: {euros}.{cents:02d} EUR")
        return order


# --8<-- [end:service]
