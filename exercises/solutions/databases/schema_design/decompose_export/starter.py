"""Reference solution: one table per determinant, each keyed by it, and a view that joins them back.

customers(customer_id -> customer_email, with the email UNIQUE: the reverse rule), products(product_id ->
product_name), orders(order_id -> customer_id, placed_at) and order_lines((order_id, product_id) ->
unit_price_cents, quantity). The price stays on the order line: it is what that customer paid. The join back
is lossless because every join follows a key.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

SCHEMA = """
CREATE TABLE customers (
    customer_id INTEGER PRIMARY KEY,
    customer_email TEXT NOT NULL UNIQUE
);
CREATE TABLE products (
    product_id INTEGER PRIMARY KEY,
    product_name TEXT NOT NULL
);
CREATE TABLE orders (
    order_id INTEGER PRIMARY KEY,
    placed_at TEXT NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customers (customer_id)
);
CREATE TABLE order_lines (
    order_id INTEGER NOT NULL REFERENCES orders (order_id),
    product_id INTEGER NOT NULL REFERENCES products (product_id),
    unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, product_id)
);
CREATE VIEW order_report AS
SELECT l.order_id, o.placed_at, o.customer_id, c.customer_email,
       l.product_id, p.product_name, l.unit_price_cents, l.quantity
FROM order_lines AS l
JOIN orders AS o ON o.order_id = l.order_id
JOIN customers AS c ON c.customer_id = o.customer_id
JOIN products AS p ON p.product_id = l.product_id;
"""


def load(conn: sqlite3.Connection, rows: Iterable[dict[str, object]]) -> None:
    """Store the export's rows: each fact once, parents before the rows that reference them."""
    for row in rows:
        conn.execute("INSERT OR IGNORE INTO customers VALUES (:customer_id, :customer_email)", row)
        conn.execute("INSERT OR IGNORE INTO products VALUES (:product_id, :product_name)", row)
        conn.execute("INSERT OR IGNORE INTO orders VALUES (:order_id, :placed_at, :customer_id)", row)
        conn.execute("INSERT INTO order_lines VALUES (:order_id, :product_id, :unit_price_cents, :quantity)", row)
