"""Exercise: one table, every fact many times.

Symptom: the order export was loaded as it is, one table of order lines. When Ada changed her email
address, support updated one row and the invoices now show two addresses for her; renaming a product
touched forty thousand rows and locked the table for a minute.

Diagnose it with the check (`make exercise ID=databases/schema_design/decompose_export`): it loads the
export through `load`, reads every table's columns, keys and foreign keys, and tests each table against the
business rules of the previous exercise. Then decompose: one table per fact, in BCNF, with primary keys and
foreign keys, and a view `order_report` that rebuilds the export row for row.

Keep the export's column names (the check follows them from table to table). SQLite runs the schema, with
foreign keys switched on by the check.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

SCHEMA = """
CREATE TABLE order_lines (
    order_id INTEGER NOT NULL,
    placed_at TEXT NOT NULL,
    customer_id INTEGER NOT NULL,
    customer_email TEXT NOT NULL,
    product_id INTEGER NOT NULL,
    product_name TEXT NOT NULL,
    unit_price_cents INTEGER NOT NULL,
    quantity INTEGER NOT NULL,
    PRIMARY KEY (order_id, product_id)
);
CREATE VIEW order_report AS
SELECT order_id, placed_at, customer_id, customer_email, product_id, product_name, unit_price_cents, quantity
FROM order_lines;
"""


def load(conn: sqlite3.Connection, rows: Iterable[dict[str, object]]) -> None:
    """Store the export's rows."""
    conn.executemany(
        "INSERT INTO order_lines VALUES (:order_id, :placed_at, :customer_id, :customer_email, :product_id,"
        " :product_name, :unit_price_cents, :quantity)",
        list(rows),
    )
