"""A reference solution: one query that filters and sorts in the database, with the fake's exact meaning."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

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
            (order.id, order.customer, order.total_cents, order.status, order.placed_at.astimezone(UTC).isoformat()),
        )

    def get(self, order_id: str) -> Order | None:
        row = self.conn.execute(
            "SELECT id, customer, total_cents, placed_at, status FROM orders WHERE id = ?", (order_id,)
        ).fetchone()
        return order_from(row) if row else None

    def unpaid_older_than(self, days: int, now: datetime) -> list[Order]:
        # Same meaning as the fake: status exactly 'pending' (an allow-list, so a new status is not swept in),
        # placed at or before the cutoff. The database filters and sorts; only matching rows come back.
        cutoff = (now - timedelta(days=days)).astimezone(UTC).isoformat()
        rows = self.conn.execute(
            "SELECT id, customer, total_cents, placed_at, status FROM orders"
            " WHERE status = 'pending' AND placed_at <= ? ORDER BY placed_at, id",
            (cutoff,),
        )
        return [order_from(row) for row in rows]


def order_from(row: tuple[str, str, int, str, str]) -> Order:
    return Order(row[0], row[1], row[2], datetime.fromisoformat(row[3]), row[4])


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
