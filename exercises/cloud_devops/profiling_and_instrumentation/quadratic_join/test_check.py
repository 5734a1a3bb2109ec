"""Acceptance check: the export's work grows in proportion to orders plus customers, not their product, which
the check measures by counting how often ids are compared or hashed; the lines are exactly what they were."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from exercises import load_module


class CountingId:
    """A customer id that counts every comparison and every hash made with it, across all instances."""

    comparisons = 0

    def __init__(self, value: int) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        CountingId.comparisons += 1
        return isinstance(other, CountingId) and other.value == self.value

    def __hash__(self) -> int:
        CountingId.comparisons += 1  # hashing every customer for every order is a scan too
        return hash(self.value)


def data(module: Any, orders: int, customers: int, seed: int) -> tuple[list[Any], list[Any]]:
    rng = random.Random(seed)  # noqa: S311 - test data; a fixed seed gives the same data every run
    people = [module.Customer(CountingId(n), f"Customer {n}", rng.choice(["DE", "FR", "US"])) for n in range(customers)]
    rng.shuffle(people)
    ids = [CountingId(rng.randrange(customers + customers // 10)) for _ in range(orders)]  # some ids unknown
    return [module.Order(n, customer_id, rng.randrange(100, 90_000)) for n, customer_id in enumerate(ids)], people


def comparisons(answer: Path, orders: int, customers: int) -> int:
    module = load_module(answer)
    order_list, customer_list = data(module, orders, customers, seed=3)
    CountingId.comparisons = 0
    module.invoice_lines(order_list, customer_list)
    return CountingId.comparisons


def expected_lines(orders: list[Any], customers: list[Any]) -> list[str]:
    first: dict[int, Any] = {}
    for customer in customers:
        first.setdefault(customer.id.value, customer)
    lines = []
    for order in orders:
        c = first.get(order.customer_id.value)
        lines.append(
            f"{order.id};{c.name};{c.country};{order.total_cents}"
            if c
            else f"{order.id};UNKNOWN CUSTOMER;;{order.total_cents}"
        )
    return lines


def test_the_work_grows_with_orders_plus_customers(answer: Path) -> None:
    counted = comparisons(answer, 1_000, 1_000)
    assert counted <= 3 * (1_000 + 1_000), (
        f"{counted:,} id comparisons and hashes for 1,000 orders and 1,000 customers: every order scans the customers"
    )


def test_four_times_the_data_is_about_four_times_the_work(answer: Path) -> None:
    small, large = comparisons(answer, 250, 250), comparisons(answer, 1_000, 1_000)
    assert large <= 5 * max(small, 1), f"{small:,} comparisons for 250 of each, {large:,} for 1,000: quadratic"


@pytest.mark.starter_passes
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_lines_are_unchanged(answer: Path, seed: int) -> None:
    module = load_module(answer)
    orders, customers = data(module, 300, 200, seed)
    customers.append(module.Customer(customers[0].id, "A duplicate", "XX"))  # the first customer with an id wins
    assert module.invoice_lines(orders, customers) == expected_lines(orders, customers)
