"""Task 3: two buyers, one ticket. An oversell at READ COMMITTED, a refusal at SERIALIZABLE."""

from __future__ import annotations

import psycopg
from psycopg import IsolationLevel


def check_stock(conn: psycopg.Connection, product_id: int) -> int:
    row = conn.execute("SELECT stock FROM products WHERE id = %s", (product_id,)).fetchone()
    assert row is not None
    return int(row[0])


def sell(conn: psycopg.Connection, product_id: int, seen_stock: int) -> bool:
    """Act on the stock this transaction read earlier: check-then-act split across two statements."""
    if seen_stock <= 0:
        return False
    conn.execute("UPDATE products SET stock = %s WHERE id = %s", (seen_stock - 1, product_id))
    conn.execute("INSERT INTO sales (product_id) VALUES (%s)", (product_id,))
    return True


def two_buyers(url: str, isolation: IsolationLevel) -> int:
    """Both buyers check the stock before either buys; A commits first, then B. Returns tickets sold."""
    with psycopg.connect(url) as a, psycopg.connect(url) as b:
        a.isolation_level = b.isolation_level = isolation
        seen_by_a, seen_by_b = check_stock(a, 1), check_stock(b, 1)
        assert seen_by_a == seen_by_b == 1
        sell(a, 1, seen_by_a)
        a.commit()
        sell(b, 1, seen_by_b)  # at SERIALIZABLE (and REPEATABLE READ) this raises SerializationFailure
        b.commit()
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT count(*) FROM sales").fetchone()
        assert row is not None
        return int(row[0])


def buy_atomically(conn: psycopg.Connection, product_id: int) -> bool:
    """The fix that works at any isolation level: make the check part of the write."""
    cur = conn.execute("UPDATE products SET stock = stock - 1 WHERE id = %s AND stock > 0", (product_id,))
    if cur.rowcount == 1:
        conn.execute("INSERT INTO sales (product_id) VALUES (%s)", (product_id,))
        return True
    return False
