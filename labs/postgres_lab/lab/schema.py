"""The lab's shop: 20,000 customers and 200,000 orders, generated inside PostgreSQL in about a second."""

from __future__ import annotations

import psycopg

SCHEMA = """
CREATE TABLE customers (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    country text NOT NULL
);
CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers(id),
    created_at timestamptz NOT NULL,
    status text NOT NULL,
    total_cents integer NOT NULL CHECK (total_cents >= 0)
);
CREATE TABLE products (id bigint PRIMARY KEY, name text NOT NULL, stock integer NOT NULL CHECK (stock >= 0));
CREATE TABLE sales (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id bigint NOT NULL REFERENCES products(id)
);
"""


def create_schema(conn: psycopg.Connection, customers: int = 20_000, orders: int = 200_000) -> None:
    conn.execute(SCHEMA)
    conn.execute(
        """
        INSERT INTO customers
        SELECT g, 'Customer ' || g, (ARRAY['DE', 'FR', 'GB', 'PL', 'ES'])[1 + g %% 5]
        FROM generate_series(1, %s) AS g
        """,
        (customers,),
    )
    # Orders arrive in time order, so customer ids are scattered across the whole table: the realistic case.
    conn.execute(
        """
        INSERT INTO orders (customer_id, created_at, status, total_cents)
        SELECT 1 + (g * 7919) %% %(customers)s,
               timestamptz '2026-01-01' + g * interval '2 minutes',
               CASE WHEN g %% 20 = 0 THEN 'refunded' ELSE 'paid' END,
               500 + (g * 31) %% 50000
        FROM generate_series(1, %(orders)s) AS g
        """,
        {"customers": customers, "orders": orders},
    )
    conn.execute("INSERT INTO products VALUES (1, 'Last concert ticket', 1)")
    conn.execute("ANALYZE")
