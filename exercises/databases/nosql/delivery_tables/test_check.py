"""Acceptance check: each of the three queries is one select that names a whole partition key, returns the
right orders in the right order, and no partition holds more than a few days of a busy restaurant."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from examples.databases.nosql_modelling.wide_column import WideColumnTable
from exercises import load_module

MAX_PARTITION_ROWS = 200


def orders(seed: int) -> list[dict[str, Any]]:
    """30 days of orders: restaurant r0 is busy (60 a day), three others quiet; 80 customers."""
    rng = random.Random(seed)  # noqa: S311 - test data, not a secret
    made, clock = [], 0
    for day in range(1, 31):
        for restaurant, per_day in (("r0", 60), ("r1", 5), ("r2", 3), ("r3", 1)):
            for _ in range(per_day):
                clock += rng.randint(1, 50)
                made.append(
                    {
                        "order_id": f"o{len(made)}",
                        "restaurant_id": restaurant,
                        "customer_id": f"c{rng.randrange(80)}",
                        "day": f"2026-03-{day:02d}",
                        "placed_at": clock,
                        "total_cents": rng.randint(800, 9000),
                    }
                )
    rng.shuffle(made)  # orders arrive out of order across restaurants
    return made


class Recorder:
    """Records every select: the table's partition key, the restriction given, and ALLOW FILTERING."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple[tuple[str, ...], dict[str, Any], bool]] = []
        original = WideColumnTable.select

        def select(table: WideColumnTable, limit: int | None = None, allow_filtering: bool = False, **where: Any):
            self.calls.append((table.partition_key, dict(where), allow_filtering))
            return original(table, limit=limit, allow_filtering=allow_filtering, **where)

        monkeypatch.setattr(WideColumnTable, "select", select)

    def one_partition_read(self, query: str) -> None:
        assert len(self.calls) == 1, f"{query} sent {len(self.calls)} selects: serve it from one table"
        partition_key, where, allow_filtering = self.calls[0]
        assert not allow_filtering and all(column in where for column in partition_key), (
            f"{query} does not name the whole partition key {partition_key} (it restricts {sorted(where)}): "
            "Cassandra would ask every node"
        )
        self.calls.clear()


def loaded(answer: Path, seed: int):
    module = load_module(answer)
    tables = module.make_tables()
    data = orders(seed)
    for order in data:
        module.record_order(tables, order)
    return module, tables, data


def test_each_query_reads_one_partition(answer: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module, tables, _ = loaded(answer, seed=1)
    recorder = Recorder(monkeypatch)
    module.order_by_id(tables, "o42")
    recorder.one_partition_read("order_by_id")
    module.restaurant_orders(tables, "r0", "2026-03-14")
    recorder.one_partition_read("restaurant_orders")
    module.customer_history(tables, "c7", 10)
    recorder.one_partition_read("customer_history")


@pytest.mark.starter_passes
@pytest.mark.parametrize("seed", [1, 2])
def test_the_queries_return_the_right_orders_newest_first(answer: Path, seed: int) -> None:
    module, tables, data = loaded(answer, seed)
    newest_first = sorted(data, key=lambda order: order["placed_at"], reverse=True)
    assert module.order_by_id(tables, "o42") == next(o for o in data if o["order_id"] == "o42")
    assert module.order_by_id(tables, "nope") is None
    for restaurant, day in (("r0", "2026-03-14"), ("r3", "2026-03-02"), ("r2", "2026-04-01")):
        expected = [o for o in newest_first if o["restaurant_id"] == restaurant and o["day"] == day]
        assert [dict(o) for o in module.restaurant_orders(tables, restaurant, day)] == expected
    for customer in ("c7", "c33", "c79"):
        expected = [o for o in newest_first if o["customer_id"] == customer][:10]
        assert [dict(o) for o in module.customer_history(tables, customer, 10)] == expected


@pytest.mark.starter_passes
def test_no_partition_grows_without_bound(answer: Path) -> None:
    _, tables, _ = loaded(answer, seed=3)
    for name, table in tables.items():
        biggest = max((len(rows) for rows in table.partitions.values()), default=0)
        assert biggest <= MAX_PARTITION_ROWS, (
            f"a partition of {name} holds {biggest} rows after a month, and keeps growing: bucket its key"
        )
