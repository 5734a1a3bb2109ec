"""Checkout: the code under test in this exercise. It is correct; leave it as it is.

What place_order promises, which your tests should pin down:

1. An empty cart raises ValueError, and nothing is charged.
2. The cart's total is charged to the customer exactly once, with the order id as the idempotency key (a retried
   request then cannot charge twice).
3. The order is stored with its total and the charge id the gateway returned.
4. One confirmation goes to the cart's email address, and its subject names the order id.
5. When the charge fails, the error propagates, no order is stored and no confirmation is sent.

The wording of the email, the order of keyword and positional arguments, and which repository methods are called
along the way are not promises: they may change in any release.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


class PaymentError(Exception):
    pass


@dataclass(frozen=True)
class Order:
    id: str
    customer_id: str
    total_cents: int
    charge_id: str


@dataclass
class Cart:
    customer_id: str
    email: str
    lines: list[tuple[str, int, int]] = field(default_factory=list)  # (sku, quantity, unit price in cents)

    def total_cents(self) -> int:
        return sum(quantity * price for _, quantity, price in self.lines)


class PaymentGateway(Protocol):
    def charge(self, customer_id: str, amount_cents: int, idempotency_key: str) -> str: ...


class OrderRepository(Protocol):
    def add(self, order: Order) -> None: ...
    def get(self, order_id: str) -> Order | None: ...


class Mailer(Protocol):
    def send(self, to: str, subject: str, body: str) -> None: ...


class CheckoutService:
    def __init__(self, gateway: PaymentGateway, orders: OrderRepository, mailer: Mailer) -> None:
        self.gateway, self.orders, self.mailer = gateway, orders, mailer

    def place_order(self, cart: Cart, order_id: str) -> Order:
        if not cart.lines:
            raise ValueError("cart is empty")
        total = cart.total_cents()
        charge_id = self.gateway.charge(cart.customer_id, total, idempotency_key=order_id)
        order = Order(order_id, cart.customer_id, total, charge_id)
        self.orders.add(order)
        euros, cents = divmod(total, 100)
        self.mailer.send(cart.email, f"Order {order_id} confirmed", f"Total: {euros}.{cents:02d} EUR")
        return order
