"""The lesson's DynamoDB claims, checked on the in-memory model (no DynamoDB involved)."""

from __future__ import annotations

import pytest

from examples.databases.nosql_modelling.dynamo import (
    ConditionalCheckFailed,
    GlobalIndex,
    Table,
    Throttled,
    TransactionCanceled,
    ValidationError,
    item_bytes,
)


# --8<-- [start:single_table]
def shop() -> Table:
    """One table for customers and their orders: the item collection of a customer holds both."""
    table = Table(partition_key="pk", sort_key="sk")
    table.indexes["by_status"] = GlobalIndex(partition_key="status", sort_key="placed_at")
    table.put({"pk": "CUSTOMER#42", "sk": "PROFILE", "name": "Ada"})
    for n, (placed_at, status) in enumerate(
        [("2026-03-01", "shipped"), ("2026-03-04", "open"), ("2026-03-09", "open")]
    ):
        table.put({"pk": "CUSTOMER#42", "sk": f"ORDER#{placed_at}#{n}", "placed_at": placed_at, "status": status})
    return table


def test_one_query_reads_a_customer_with_their_orders():
    table = shop()
    everything = table.query("CUSTOMER#42")
    assert [item["sk"] for item in everything] == [  # sorted by sort key, profile included
        "ORDER#2026-03-01#0",
        "ORDER#2026-03-04#1",
        "ORDER#2026-03-09#2",
        "PROFILE",
    ]
    latest = table.query("CUSTOMER#42", sk_begins_with="ORDER#", descending=True, limit=2)
    assert [item["placed_at"] for item in latest] == ["2026-03-09", "2026-03-04"]


def test_a_global_index_serves_another_access_pattern_but_lags_behind():
    table = shop()
    index = table.indexes["by_status"]
    assert index.query("open") == []  # right after the writes: not propagated yet
    index.propagate()
    assert [item["placed_at"] for item in index.query("open")] == ["2026-03-04", "2026-03-09"]
    assert all(item.get("status") for item in index.items.values())  # the profile has no status: not indexed


# --8<-- [end:single_table]


def test_a_query_reads_one_item_collection_and_a_scan_reads_the_table():
    table = shop()
    for n in range(1_000, 2_000):
        table.put({"pk": f"CUSTOMER#{n}", "sk": "PROFILE"})
    table.items_read = 0
    table.query("CUSTOMER#42", sk_begins_with="ORDER#")
    assert table.items_read == 3
    table.items_read = 0
    table.scan(lambda item: item["pk"] == "CUSTOMER#42")
    assert table.items_read == 1_004  # the filter runs after the read: every item is paid for


def test_items_are_limited_to_400_kb():
    table = Table(partition_key="pk")
    big = {"pk": "a", "blob": "x" * 410_000}
    assert item_bytes(big) > 400 * 1024
    with pytest.raises(ValidationError, match="400 KB"):
        table.put(big)


def test_a_conditional_put_refuses_to_overwrite():
    table = Table(partition_key="pk")
    table.put({"pk": "username#ada"}, if_not_exists=True)
    with pytest.raises(ConditionalCheckFailed):
        table.put({"pk": "username#ada", "owner": "someone else"}, if_not_exists=True)


def test_a_transaction_is_all_or_nothing_and_holds_at_most_100_actions():
    table = Table(partition_key="pk")
    table.put({"pk": "seat#12"})
    with pytest.raises(TransactionCanceled):
        table.transact_put([{"pk": "seat#11"}, {"pk": "seat#12"}])
    assert table.get("seat#11") is None
    with pytest.raises(ValidationError, match="100"):
        table.transact_put([{"pk": f"seat#{n}"} for n in range(101, 203)])


# --8<-- [start:hot_partition]
def test_one_partition_key_value_throttles_at_1000_writes_a_second():
    table = Table(partition_key="day", sort_key="event_id")
    for n in range(1_000):
        table.put({"day": "2026-11-27", "event_id": n})  # 1 KB or less: one write unit each
    with pytest.raises(Throttled):
        table.put({"day": "2026-11-27", "event_id": 1_000})
    table.put({"day": "2026-11-28", "event_id": 0})  # another key value has its own budget
    table.second += 1
    table.put({"day": "2026-11-27", "event_id": 1_000})  # and the next second, this one again


# --8<-- [end:hot_partition]
