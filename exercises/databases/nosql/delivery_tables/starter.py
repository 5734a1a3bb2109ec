"""Exercise: the delivery app's Cassandra tables, modeled like SQL.

Symptom: the food-delivery app moved its orders to Cassandra with one table keyed by order id, as in the old
PostgreSQL schema. In the load test, the restaurant dashboard ("today's orders, newest first") and the
customer's history ("my last orders") both needed ALLOW FILTERING, and their latency grew with every node
added to the cluster.

Diagnose it with the check (`make exercise ID=databases/nosql/delivery_tables`): it records every select the
three queries send, and whether each names a whole partition key. Then redesign query-first: one table per
access pattern, written on every order, each query served from one partition, and no partition that grows
without bound (a busy restaurant takes about 60 orders a day, every day).

`WideColumnTable` is the lesson's model of a Cassandra table (examples/databases/nosql_modelling).
An order is a dict: order_id, restaurant_id, customer_id, day ('2026-03-14'), placed_at (an int that grows
with time), total_cents.
"""

from __future__ import annotations

from typing import Any

from examples.databases.nosql_modelling.wide_column import WideColumnTable

Order = dict[str, Any]
Tables = dict[str, WideColumnTable]


def make_tables() -> Tables:
    return {"orders": WideColumnTable(partition_key=("order_id",), clustering=())}


def record_order(tables: Tables, order: Order) -> None:
    tables["orders"].insert(order)


def order_by_id(tables: Tables, order_id: str) -> Order | None:
    found = tables["orders"].select(order_id=order_id)
    return found[0] if found else None


def restaurant_orders(tables: Tables, restaurant_id: str, day: str) -> list[Order]:
    """The restaurant's orders on that day, newest first."""
    found = tables["orders"].select(allow_filtering=True, restaurant_id=restaurant_id, day=day)
    return sorted(found, key=lambda order: order["placed_at"], reverse=True)


def customer_history(tables: Tables, customer_id: str, limit: int) -> list[Order]:
    """The customer's `limit` most recent orders, newest first."""
    found = tables["orders"].select(allow_filtering=True, customer_id=customer_id)
    return sorted(found, key=lambda order: order["placed_at"], reverse=True)[:limit]
