"""A report builder with a hidden hot spot, and the fixed version, for the profiling examples."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Order:
    id: int
    customer: str
    total_cents: int


def sample_orders(count: int) -> list[Order]:
    # Customers repeat, as they do in real data: 1 in 3 orders comes from a customer seen before.
    return [Order(i, f"customer-{(i * 7919) % (count * 2 // 3 + 1)}", 100 + (i * 37) % 9000) for i in range(count)]


# --8<-- [start:slow]
def unique_customers(orders: list[Order]) -> list[str]:
    seen: list[str] = []
    for order in orders:
        if order.customer not in seen:  # a list scan per order: quadratic
            seen.append(order.customer)
    return seen


def format_line(order: Order) -> str:
    return f"{order.id:>8} {order.customer:<20} {order.total_cents / 100:>10.2f}"


def build_report(orders: list[Order]) -> str:
    lines = [format_line(order) for order in orders]
    customers = unique_customers(orders)
    return "\n".join([*lines, f"{len(customers)} customers"])


# --8<-- [end:slow]


# --8<-- [start:fast]
def unique_customers_fast(orders: list[Order]) -> list[str]:
    # dict keeps first-seen order and answers `in` by hashing: linear overall.
    return list(dict.fromkeys(order.customer for order in orders))


def build_report_fast(orders: list[Order]) -> str:
    lines = [format_line(order) for order in orders]
    customers = unique_customers_fast(orders)
    return "\n".join([*lines, f"{len(customers)} customers"])


# --8<-- [end:fast]
