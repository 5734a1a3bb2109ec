"""One contract, two implementations: the fake order store must behave like the real one, or tests that use it lie."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from examples.testing.test_doubles.checkout import DuplicateOrder, Order, OrderRepository
from examples.testing.test_doubles.doubles import InMemoryOrders
from examples.testing.test_doubles.sqlite_orders import SqliteOrders

PLACED = dt.datetime(2026, 3, 2, 17, 30, tzinfo=dt.UTC)


# --8<-- [start:contract]
@pytest.fixture(params=["fake", "sqlite"])
def orders(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[OrderRepository]:
    """Every test below runs twice: once against the fake, once against the real store."""
    if request.param == "fake":
        yield InMemoryOrders()
        return
    conn = sqlite3.connect(tmp_path / "orders.db")
    yield SqliteOrders(conn)
    conn.close()


def test_a_stored_order_comes_back_equal(orders: OrderRepository) -> None:
    order = Order("o-1", "c1", 3250, "ch_123", PLACED)
    orders.add(order)
    assert orders.get("o-1") == order


def test_an_unknown_id_is_none(orders: OrderRepository) -> None:
    assert orders.get("o-404") is None


def test_a_second_order_with_the_same_id_is_refused(orders: OrderRepository) -> None:
    orders.add(Order("o-1", "c1", 3250, "ch_123", PLACED))
    with pytest.raises(DuplicateOrder):
        orders.add(Order("o-1", "c2", 999, "ch_456", PLACED))
    assert orders.get("o-1") == Order("o-1", "c1", 3250, "ch_123", PLACED)  # the first one is kept


# --8<-- [end:contract]
