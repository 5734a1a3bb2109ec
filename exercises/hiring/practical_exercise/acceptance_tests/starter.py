"""Exercise (for the hiring team): the take-home whose tests could not tell candidates apart.

Symptom: in the last hiring round every one of nine submissions passed our acceptance tests, so all nine scored
4 on "correctness". In the follow-up calls we found that three returned the same order twice when an order arrived
between two page requests, one accepted `limit=100000`, and one showed customers each other's orders. Two of
those candidates had already been sent offers on the strength of their scores.

Diagnose it with the check (`make exercise ID=hiring/practical_exercise/acceptance_tests`): it runs your tests
against correct submissions and against the flawed ones we saw. Then write acceptance tests that fail every
flawed submission and pass every correct one. Test behavior that the brief promises, never how a candidate built
it: submissions may encode their cursors however they like.

The brief candidates receive (`TAKE_HOME`) and the shape of a submission (`Shop`) are below; each acceptance test
is a function that takes `make_shop`, which returns a new, empty submission, and raises AssertionError on failure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

TAKE_HOME = """
Implement `list_orders(customer, limit=20, cursor=None)` for the orders service.
- Return only that customer's orders, newest first (by placed_at; orders placed at the same moment by id,
  descending).
- `limit` is 1 to 100 (default 20); anything else raises ValueError.
- Return a page of orders and a `next_cursor` (None on the last page). Passing the cursor back returns the next
  page. Walking all pages returns every order exactly once, even when new orders are placed while the client is
  paging (those appear on a fresh first page, not in the middle of the walk).
- A cursor that was not produced by the service raises ValueError.
"""


@dataclass(frozen=True)
class Order:
    id: str
    customer: str
    placed_at: datetime
    total_cents: int


class Page(Protocol):
    orders: list[Order]
    next_cursor: str | None


class Shop(Protocol):
    def add(self, order: Order) -> None: ...
    def list_orders(self, customer: str, limit: int = 20, cursor: str | None = None) -> Page: ...


MakeShop = Callable[[], Shop]
START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def orders_for(customer: str, count: int, start: datetime = START) -> list[Order]:
    return [Order(f"{customer}-{n:03}", customer, start + timedelta(minutes=n), 1000 + n) for n in range(count)]


def first_page_holds_limit_orders(make_shop: MakeShop) -> None:
    shop = make_shop()
    for order in orders_for("ada", 30):
        shop.add(order)
    page = shop.list_orders("ada", limit=10)
    assert len(page.orders) == 10


def first_page_starts_with_the_newest_order(make_shop: MakeShop) -> None:
    shop = make_shop()
    for order in orders_for("ada", 5):
        shop.add(order)
    assert shop.list_orders("ada").orders[0].id == "ada-004"


ACCEPTANCE_TESTS: list[Callable[[MakeShop], None]] = [
    first_page_holds_limit_orders,
    first_page_starts_with_the_newest_order,
]
