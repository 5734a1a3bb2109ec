"""Reference solution: one table per query, the order written to each.

The restaurant table is partitioned by (restaurant_id, day): a query for one day names the whole key, and a
partition holds one day's orders, so it stops growing at midnight. The customer table is partitioned by
customer_id (a customer orders a few times a week at most, so it stays small) and clustered by placed_at
descending, so the newest orders come first without a sort. The order table answers lookups by id.
In Cassandra, the three inserts go in one logged batch so that they eventually all apply.
"""

from __future__ import annotations

from typing import Any

from examples.databases.nosql_modelling.wide_column import WideColumnTable

Order = dict[str, Any]
Tables = dict[str, WideColumnTable]


def make_tables() -> Tables:
    return {
        "orders_by_id": WideColumnTable(partition_key=("order_id",), clustering=()),
        "orders_by_restaurant_day": WideColumnTable(
            partition_key=("restaurant_id", "day"), clustering=("placed_at",), descending=True
        ),
        "orders_by_customer": WideColumnTable(
            partition_key=("customer_id",), clustering=("placed_at",), descending=True
        ),
    }


def record_order(tables: Tables, order: Order) -> None:
    for table in tables.values():
        table.insert(order)


def order_by_id(tables: Tables, order_id: str) -> Order | None:
    found = tables["orders_by_id"].select(order_id=order_id)
    return found[0] if found else None


def restaurant_orders(tables: Tables, restaurant_id: str, day: str) -> list[Order]:
    """The restaurant's orders on that day, newest first."""
    return tables["orders_by_restaurant_day"].select(restaurant_id=restaurant_id, day=day)


def customer_history(tables: Tables, customer_id: str, limit: int) -> list[Order]:
    """The customer's `limit` most recent orders, newest first."""
    return tables["orders_by_customer"].select(customer_id=customer_id, limit=limit)
