"""SQL fundamentals on a tiny shop in SQLite: filtering, joins, grouping, NULLs, CTEs and window functions.

The tests run every query on SQLite and again on PostgreSQL, where each gives the same rows, except the two
that show a trap: PostgreSQL refuses LOOSE_GROUP_BY, and both refuse BIGGEST_ORDER_PER_CUSTOMER_WRONG.
"""

from __future__ import annotations

import sqlite3

# --8<-- [start:schema]
SHOP = """
CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    referred_by INTEGER REFERENCES customers(id)  -- NULL: nobody referred them
);
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    placed_on TEXT NOT NULL,          -- ISO 8601 date
    total_cents INTEGER NOT NULL
);
INSERT INTO customers VALUES
    (1, 'Ada', 'GB', NULL), (2, 'Grace', 'US', 1), (3, 'Linus', 'FI', 1), (4, 'Margaret', 'US', NULL);
INSERT INTO orders VALUES
    (10, 1, '2026-01-05', 2500), (11, 1, '2026-02-11', 9900), (12, 2, '2026-02-12', 4000),
    (13, 2, '2026-03-01', 1500), (14, 3, '2026-03-02', 12000);
"""
# --8<-- [end:schema]


def create_shop() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.executescript(SHOP)
    return conn


# --8<-- [start:select]
BIG_ORDERS = """
SELECT id, customer_id, total_cents
FROM orders
WHERE total_cents >= ? AND placed_on >= ?
ORDER BY total_cents DESC
"""
# --8<-- [end:select]

# --8<-- [start:joins]
ORDERS_WITH_NAMES = """
SELECT c.name, o.id AS order_id, o.total_cents
FROM orders AS o
JOIN customers AS c ON c.id = o.customer_id
ORDER BY o.id
"""

# LEFT JOIN keeps customers with no orders; their order columns come back NULL.
CUSTOMERS_AND_ORDER_COUNTS = """
SELECT c.name, count(o.id) AS orders
FROM customers AS c
LEFT JOIN orders AS o ON o.customer_id = c.id
GROUP BY c.id, c.name
ORDER BY c.id
"""
# --8<-- [end:joins]

# --8<-- [start:left_join_trap]
# A condition on the right-hand table belongs in ON. In WHERE it throws away the NULL rows that
# LEFT JOIN added, silently turning the query into an inner join.
MARCH_ORDERS_PER_CUSTOMER_WRONG = """
SELECT c.name, count(o.id) FROM customers AS c
LEFT JOIN orders AS o ON o.customer_id = c.id
WHERE o.placed_on >= '2026-03-01'
GROUP BY c.id, c.name ORDER BY c.id
"""
MARCH_ORDERS_PER_CUSTOMER = """
SELECT c.name, count(o.id) FROM customers AS c
LEFT JOIN orders AS o ON o.customer_id = c.id AND o.placed_on >= '2026-03-01'
GROUP BY c.id, c.name ORDER BY c.id
"""
# --8<-- [end:left_join_trap]

# --8<-- [start:group]
REVENUE_BY_COUNTRY = """
SELECT c.country, count(*) AS orders, sum(o.total_cents) AS revenue_cents
FROM orders AS o JOIN customers AS c ON c.id = o.customer_id
GROUP BY c.country
HAVING sum(o.total_cents) > ?
ORDER BY revenue_cents DESC
"""
# --8<-- [end:group]

# --8<-- [start:group_rules]
# c.name is neither grouped nor aggregated. SQLite (and MariaDB's default mode) answer with a name from some
# row of the group; PostgreSQL and MySQL 8.4 refuse the query.
LOOSE_GROUP_BY = "SELECT c.country, c.name, count(*) FROM customers AS c GROUP BY c.country"

# Grouping by the primary key is enough: every other column of that row depends on it, and PostgreSQL,
# MySQL and SQLite all accept the query.
GROUPED_BY_KEY = """
SELECT c.id, c.name, count(o.id) AS orders
FROM customers AS c LEFT JOIN orders AS o ON o.customer_id = c.id
GROUP BY c.id
ORDER BY c.id
"""
# --8<-- [end:group_rules]

# --8<-- [start:nulls]
# NULL means "unknown", so `referred_by = NULL` is never true. Use IS NULL.
NOT_REFERRED = "SELECT name FROM customers WHERE referred_by IS NULL ORDER BY id"

# NOT IN with a subquery that returns a NULL matches nothing: `x NOT IN (1, NULL)` is unknown, not true.
NEVER_REFERRED_ANYONE_WRONG = """
SELECT name FROM customers WHERE id NOT IN (SELECT referred_by FROM customers) ORDER BY id
"""
NEVER_REFERRED_ANYONE = """
SELECT name FROM customers AS c
WHERE NOT EXISTS (SELECT 1 FROM customers AS r WHERE r.referred_by = c.id)
ORDER BY id
"""
# --8<-- [end:nulls]

# --8<-- [start:window]
# A CTE names an intermediate result; a window function computes over related rows without collapsing them.
RUNNING_TOTALS = """
WITH customer_orders AS (
    SELECT c.name, o.placed_on, o.total_cents
    FROM orders AS o JOIN customers AS c ON c.id = o.customer_id
)
SELECT name, placed_on, total_cents,
       sum(total_cents) OVER (PARTITION BY name ORDER BY placed_on) AS running_total,
       rank() OVER (ORDER BY total_cents DESC) AS size_rank
FROM customer_orders
ORDER BY name, placed_on
"""
# --8<-- [end:window]

# --8<-- [start:window_filter]
# Window functions run after WHERE, so WHERE cannot test one. Compute it in a CTE, then filter outside.
BIGGEST_ORDER_PER_CUSTOMER_WRONG = """
SELECT customer_id, id, total_cents FROM orders
WHERE rank() OVER (PARTITION BY customer_id ORDER BY total_cents DESC) = 1
"""
BIGGEST_ORDER_PER_CUSTOMER = """
WITH ranked AS (
    SELECT customer_id, id, total_cents,
           rank() OVER (PARTITION BY customer_id ORDER BY total_cents DESC) AS place
    FROM orders
)
SELECT customer_id, id, total_cents FROM ranked WHERE place = 1 ORDER BY customer_id
"""
# --8<-- [end:window_filter]


# --8<-- [start:writes]
def apply_discount(conn: sqlite3.Connection, customer_id: int, percent: int) -> list[tuple[int, int]]:
    """UPDATE ... RETURNING reports the changed rows in the same statement (SQLite 3.35+, PostgreSQL)."""
    with conn:
        rows = conn.execute(
            "UPDATE orders SET total_cents = total_cents * (100 - ?) / 100 WHERE customer_id = ? "
            "RETURNING id, total_cents",
            (percent, customer_id),
        ).fetchall()
    return sorted(rows)


# --8<-- [end:writes]


# --8<-- [start:upsert]
PAGE_VIEWS = "CREATE TABLE page_views (path TEXT PRIMARY KEY, views INTEGER NOT NULL)"


def record_view(conn: sqlite3.Connection, path: str) -> int:
    """Count one view of `path` in a single statement, and return the new count.

    `excluded` is the row the INSERT proposed; the bare table name is the row already stored.
    """
    with conn:
        (views,) = conn.execute(
            "INSERT INTO page_views (path, views) VALUES (?, 1) "
            "ON CONFLICT (path) DO UPDATE SET views = page_views.views + excluded.views "
            "RETURNING views",
            (path,),
        ).fetchone()
    return views


# --8<-- [end:upsert]
