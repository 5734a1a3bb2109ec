"""A reference solution: acceptance tests for each promise of the brief, none for how a submission is built."""

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


def walk(shop: Shop, customer: str, limit: int, between_pages: Callable[[], None] | None = None) -> list[str]:
    """Every order id a client sees by following next_cursor to the end."""
    seen, cursor = [], None
    while True:
        page = shop.list_orders(customer, limit=limit, cursor=cursor)
        seen += [order.id for order in page.orders]
        if page.next_cursor is None:
            return seen
        assert len(seen) <= 1000, "next_cursor never reached the end"
        if between_pages:
            between_pages()
            between_pages = None  # once is enough to show the problem
        cursor = page.next_cursor


def every_order_appears_once_across_pages(make_shop: MakeShop) -> None:
    shop = make_shop()
    orders = orders_for("ada", 30)
    for order in orders:
        shop.add(order)
    expected = [order.id for order in reversed(orders)]
    assert walk(shop, "ada", limit=7) == expected, "walking all pages must return every order once, newest first"


def orders_placed_while_paging_neither_repeat_nor_hide_others(make_shop: MakeShop) -> None:
    shop = make_shop()
    orders = orders_for("ada", 10)
    for order in orders:
        shop.add(order)

    def three_new_orders() -> None:
        for order in orders_for("ada", 3, start=START + timedelta(days=1)):
            shop.add(Order("new-" + order.id, "ada", order.placed_at, order.total_cents))

    assert walk(shop, "ada", limit=4, between_pages=three_new_orders) == [order.id for order in reversed(orders)], (
        "orders placed during the walk must not shift the pages (offset pagination repeats orders)"
    )


def orders_placed_at_the_same_moment_are_not_lost_between_pages(make_shop: MakeShop) -> None:
    shop = make_shop()
    same_moment = [Order(f"ada-{n}", "ada", START, 500) for n in range(6)]
    for order in same_moment:
        shop.add(order)
    assert walk(shop, "ada", limit=4) == [f"ada-{n}" for n in range(5, -1, -1)], (
        "ties on placed_at are broken by id, so a page boundary inside a tie loses nothing"
    )


def a_customer_sees_only_their_own_orders(make_shop: MakeShop) -> None:
    shop = make_shop()
    for order in orders_for("ada", 5) + orders_for("bob", 5):
        shop.add(order)
    customers = {order.customer for order in shop.list_orders("ada", limit=100).orders}
    assert customers == {"ada"}, f"ada's list shows orders of {sorted(customers)}"


def limit_outside_1_to_100_is_refused(make_shop: MakeShop) -> None:
    shop = make_shop()
    for order in orders_for("ada", 3):
        shop.add(order)
    for limit in (0, -1, 101, 100_000):
        try:
            shop.list_orders("ada", limit=limit)
        except ValueError:
            continue
        raise AssertionError(f"limit={limit} was accepted; the brief allows 1 to 100")
    assert len(shop.list_orders("ada", limit=100).orders) == 3 and len(shop.list_orders("ada", limit=1).orders) == 1


def a_made_up_cursor_is_refused(make_shop: MakeShop) -> None:
    shop = make_shop()
    for order in orders_for("ada", 3):
        shop.add(order)
    try:
        shop.list_orders("ada", cursor="not-a-cursor")
    except ValueError:
        return
    raise AssertionError("a cursor the service never issued was accepted")


ACCEPTANCE_TESTS: list[Callable[[MakeShop], None]] = [
    first_page_holds_limit_orders,
    first_page_starts_with_the_newest_order,
    every_order_appears_once_across_pages,
    orders_placed_while_paging_neither_repeat_nor_hide_others,
    orders_placed_at_the_same_moment_are_not_lost_between_pages,
    a_customer_sees_only_their_own_orders,
    limit_outside_1_to_100_is_refused,
    a_made_up_cursor_is_refused,
]
