"""Reading PostgreSQL query plans from Python: EXPLAIN (FORMAT JSON) walked as a tree.

Runs against a real PostgreSQL server; the tests get a throwaway database from the `postgres_url` fixture.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg

Plan = dict[str, Any]


# --8<-- [start:schema]
def create_orders(conn: psycopg.Connection, rows: int = 50_000) -> None:
    """An orders table big enough that the planner prefers an index when one exists."""
    conn.execute(
        """
        CREATE TABLE customers (
            id bigint PRIMARY KEY,
            email text NOT NULL
        );
        CREATE TABLE orders (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            customer_id bigint NOT NULL REFERENCES customers(id),
            status text NOT NULL CHECK (status IN ('pending', 'paid', 'shipped')),
            total_cents integer NOT NULL,
            created_at timestamptz NOT NULL,
            attrs jsonb NOT NULL DEFAULT '{}'
        );
        """
    )
    conn.execute(
        "INSERT INTO customers SELECT g, 'User' || g || '@Example.com' FROM generate_series(1, %s) AS g",
        (rows // 10,),
    )
    # 1% of orders are pending, 1 in 50 is a gift: selective predicates, the case where indexes pay off.
    conn.execute(
        """
        INSERT INTO orders (customer_id, status, total_cents, created_at, attrs)
        SELECT 1 + g %% %(customers)s,
               CASE WHEN g %% 100 = 0 THEN 'pending' WHEN g %% 3 = 0 THEN 'paid' ELSE 'shipped' END,
               100 + (g * 37) %% 20000,
               timestamptz '2026-01-01 00:00+00' + g * interval '3 minutes',
               CASE WHEN g %% 50 = 0 THEN '{"gift": true}'::jsonb ELSE '{}'::jsonb END
        FROM generate_series(1, %(rows)s) AS g
        """,
        {"rows": rows, "customers": rows // 10},
    )
    conn.execute("ANALYZE customers, orders")


# --8<-- [end:schema]


# --8<-- [start:plan]
def explain(conn: psycopg.Connection, sql: str, params: tuple[Any, ...] = (), analyze: bool = False) -> Plan:
    """Return the JSON plan of a statement. ANALYZE really runs it, so only use it on reads (or roll back).

    BUFFERS is spelled out: PostgreSQL 18 adds it to every EXPLAIN ANALYZE, earlier versions only on request.
    """
    prefix = "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " if analyze else "EXPLAIN (FORMAT JSON) "
    row = conn.execute(prefix + sql, params).fetchone()
    assert row is not None
    return row[0][0]


def nodes(plan: Plan) -> Iterator[Plan]:
    """Every node of a plan tree, parents before children."""
    node = plan.get("Plan", plan)
    yield node
    for child in node.get("Plans", []):
        yield from nodes(child)


def node_types(plan: Plan) -> list[str]:
    return [node["Node Type"] for node in nodes(plan)]


def indexes_used(plan: Plan) -> set[str]:
    return {node["Index Name"] for node in nodes(plan) if "Index Name" in node}


# --8<-- [end:plan]


def buffers_read(plan: Plan) -> int:
    """Pages the whole statement touched, from the cache or from disk (the top node counts its children's)."""
    top = plan["Plan"]
    return top["Shared Hit Blocks"] + top["Shared Read Blocks"]
