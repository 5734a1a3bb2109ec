"""Task 1: a slow query, the index that fixes it, and EXPLAIN ANALYZE to prove it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import psycopg

RECENT_ORDERS = """
SELECT id, created_at, total_cents
FROM orders
WHERE customer_id = %s
ORDER BY created_at DESC
LIMIT 10
"""

# The fix: equality column first, then the sort column, so the index returns rows already in order.
FIX = "CREATE INDEX orders_customer_created_idx ON orders (customer_id, created_at DESC)"


@dataclass(frozen=True)
class PlanSummary:
    node_types: list[str]
    indexes: set[str]
    estimated_cost: float
    execution_ms: float
    shared_blocks: int  # pages read from cache or disk: a steadier measure than milliseconds


def _nodes(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("Plans", []):
        yield from _nodes(child)


def explain_analyze(conn: psycopg.Connection, sql: str, params: tuple[Any, ...] = ()) -> PlanSummary:
    row = conn.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql, params).fetchone()
    assert row is not None
    document = row[0][0]
    root = document["Plan"]
    nodes = list(_nodes(root))
    return PlanSummary(
        node_types=[n["Node Type"] for n in nodes],
        indexes={n["Index Name"] for n in nodes if "Index Name" in n},
        estimated_cost=root["Total Cost"],
        execution_ms=document["Execution Time"],
        shared_blocks=root.get("Shared Hit Blocks", 0) + root.get("Shared Read Blocks", 0),
    )


def add_index(conn: psycopg.Connection) -> None:
    conn.execute(FIX)
    conn.execute("ANALYZE orders")
