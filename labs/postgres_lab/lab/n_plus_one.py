"""Task 2: a report that runs one query per order, and the single query that replaces it."""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

import psycopg

_COUNTS: WeakKeyDictionary[psycopg.Connection[Any], int] = WeakKeyDictionary()


class CountingCursor(psycopg.Cursor[Any]):
    """Counts statements per connection, the way an APM tool or Django's assertNumQueries would."""

    def execute(self, query: Any, params: Any = None, **kwargs: Any) -> CountingCursor:
        _COUNTS[self.connection] = _COUNTS.get(self.connection, 0) + 1
        super().execute(query, params, **kwargs)
        return self


def connect_counting(url: str) -> psycopg.Connection:
    return psycopg.connect(url, cursor_factory=CountingCursor)


def statements_run(conn: psycopg.Connection) -> int:
    return _COUNTS.get(conn, 0)


def latest_orders(conn: psycopg.Connection, limit: int) -> list[tuple[int, int]]:
    rows = conn.execute("SELECT id, customer_id FROM orders ORDER BY created_at DESC LIMIT %s", (limit,)).fetchall()
    return [(int(order_id), int(customer_id)) for order_id, customer_id in rows]


def report_n_plus_one(conn: psycopg.Connection, limit: int = 50) -> list[tuple[int, str]]:
    """The slow version: the loop looks innocent, but every iteration is a network round trip."""
    report = []
    for order_id, customer_id in latest_orders(conn, limit):
        row = conn.execute("SELECT name FROM customers WHERE id = %s", (customer_id,)).fetchone()
        assert row is not None
        report.append((order_id, str(row[0])))
    return report


def report_joined(conn: psycopg.Connection, limit: int = 50) -> list[tuple[int, str]]:
    """The fix: let the database join, one statement whatever `limit` is."""
    rows = conn.execute(
        """
        SELECT o.id, c.name
        FROM orders AS o JOIN customers AS c ON c.id = o.customer_id
        ORDER BY o.created_at DESC
        LIMIT %s
        """,
        (limit,),
    ).fetchall()
    return [(int(order_id), str(name)) for order_id, name in rows]


def report_batched(conn: psycopg.Connection, limit: int = 50) -> list[tuple[int, str]]:
    """The other fix, for when the second lookup lives in another service or module: one batched query."""
    orders = latest_orders(conn, limit)
    ids = sorted({customer_id for _, customer_id in orders})
    names = dict(conn.execute("SELECT id, name FROM customers WHERE id = ANY(%s)", (ids,)).fetchall())
    return [(order_id, str(names[customer_id])) for order_id, customer_id in orders]
