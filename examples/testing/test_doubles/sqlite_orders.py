"""The real order store, over SQLite: the implementation the fake InMemoryOrders stands in for."""

from __future__ import annotations

import datetime as dt
import sqlite3

from examples.testing.test_doubles.checkout import DuplicateOrder, Order

SCHEMA = """
CREATE TABLE IF NOT EXISTS orders (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    total_cents INTEGER NOT NULL,
    charge_id TEXT NOT NULL,
    placed_at TEXT NOT NULL
);
"""


class SqliteOrders:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.conn.executescript(SCHEMA)

    def add(self, order: Order) -> None:
        try:
            with self.conn:  # one transaction per order
                self.conn.execute(
                    "INSERT INTO orders VALUES (?, ?, ?, ?, ?)",
                    (order.id, order.customer_id, order.total_cents, order.charge_id, order.placed_at.isoformat()),
                )
        except sqlite3.IntegrityError as error:  # the primary key: callers see the store's own error
            raise DuplicateOrder(order.id) from error

    def get(self, order_id: str) -> Order | None:
        row = self.conn.execute(
            "SELECT id, customer_id, total_cents, charge_id, placed_at FROM orders WHERE id = ?", (order_id,)
        ).fetchone()
        if row is None:
            return None
        return Order(row[0], row[1], row[2], row[3], dt.datetime.fromisoformat(row[4]))
