"""Exercise: the reminder job that was fine in every test.

Symptom: the nightly "your order is waiting for payment" job now takes 40 minutes, and on Monday it emailed
customers whose payment had been declined, telling them to pay. Every unit test of the job passes: they run on
`InMemoryOrderRepository`.

Diagnose it with the check (`make exercise ID=architecture/design_patterns/unpaid_query`): run the same data
through both repositories and compare, then count the statements the SQLite one sends. Then make
`unpaid_older_than` mean the same in both: orders still "pending" (not paid, declined or cancelled) placed at
least `days` days before `now`, oldest first (ties by id), and make the SQLite version one query that lets the
database do the filtering.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

SCHEMA = """
CREATE TABLE IF NOT EXISTS orders (
    id TEXT PRIMARY KEY, customer TEXT NOT NULL, total_cents INTEGER NOT NULL, status TEXT NOT NULL,
    placed_at TEXT NOT NULL  -- ISO 8601 in UTC, so text order is time order
);
"""


@dataclass(frozen=True)
class Order:
    id: str
    customer: str
    total_cents: int
    placed_at: datetime  # timezone-aware, UTC
    status: str = "pending"


class SqliteOrderRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def add(self, order: Order) -> None:
        self.conn.execute(
            "INSERT INTO orders (id, customer, total_cents, status, placed_at) VALUES (?, ?, ?, ?, ?)",
            (order.id, order.customer, order.total_cents, order.status, order.placed_at.isoformat()),
        )

    def get(self, order_id: str) -> Order | None:
        row = self.conn.execute(
            "SELECT id, customer, total_cents, placed_at, status FROM orders WHERE id = ?", (order_id,)
        ).fetchone()
        if row is None:
            return None
        return Order(row[0], row[1], row[2], datetime.fromisoformat(row[3]), row[4])

    def unpaid_older_than(self, days: int, now: datetime) -> list[Order]:
        ids = [row[0] for row in self.conn.execute("SELECT id FROM orders WHERE status != 'paid'")]
        orders = [order for order in (self.get(order_id) for order_id in ids) if order is not None]
        cutoff = now - timedelta(days=days)
        return sorted((o for o in orders if o.placed_at < cutoff), key=lambda o: (o.placed_at, o.id))


class InMemoryOrderRepository:
    def __init__(self) -> None:
        self.rows: dict[str, Order] = {}

    def add(self, order: Order) -> None:
        if order.id in self.rows:
            raise KeyError(order.id)
        self.rows[order.id] = order

    def get(self, order_id: str) -> Order | None:
        return self.rows.get(order_id)

    def unpaid_older_than(self, days: int, now: datetime) -> list[Order]:
        cutoff = now - timedelta(days=days)
        found = [o for o in self.rows.values() if o.status == "pending" and o.placed_at <= cutoff]
        return sorted(found, key=lambda o: (o.placed_at, o.id))
