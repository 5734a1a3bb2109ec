"""Acceptance check: the SQLite repository and the in-memory fake give the same answer on the same data (only
pending orders, at least `days` old, oldest first), and SQLite gets it with one query that returns only matches."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from exercises import load_module

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
CUTOFF = NOW - timedelta(days=3)


class CountingCursor:
    def __init__(self, owner: CountingConnection, cursor: sqlite3.Cursor) -> None:
        self.owner, self.cursor = owner, cursor

    def __iter__(self) -> Iterator[Any]:
        for row in self.cursor:
            self.owner.rows += 1
            yield row

    def fetchone(self) -> Any:
        row = self.cursor.fetchone()
        self.owner.rows += row is not None
        return row

    def fetchall(self) -> list[Any]:
        rows = self.cursor.fetchall()
        self.owner.rows += len(rows)
        return rows

    def __getattr__(self, name: str) -> Any:
        return getattr(self.cursor, name)


class CountingConnection:
    """Wraps a connection to count the statements sent and the rows the repository reads back."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.statements: list[str] = []
        self.rows = 0

    def execute(self, sql: str, params: Any = ()) -> CountingCursor:
        self.statements.append(sql)
        return CountingCursor(self, self.conn.execute(sql, params))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.conn, name)


def orders(module: ModuleType) -> list[Any]:
    order = module.Order
    return [
        order("a", "ada", 1000, datetime(2026, 12, 1, 8, 0, tzinfo=UTC)),
        order("b", "bob", 2000, CUTOFF),  # exactly three days old: "at least 3 days" includes it
        order("c", "cy", 3000, CUTOFF + timedelta(seconds=1)),  # one second too young
        order("d", "di", 4000, datetime(2026, 11, 2, tzinfo=UTC), status="paid"),
        order("e", "ed", 5000, datetime(2026, 11, 3, tzinfo=UTC), status="declined"),
        order("f", "fay", 6000, datetime(2026, 11, 4, tzinfo=UTC), status="cancelled"),
        order("g", "gus", 7000, datetime(2026, 12, 1, 8, 0, tzinfo=UTC)),  # same time as "a": ties go by id
        order("h", "hal", 8000, datetime(2026, 11, 20, 17, 30, tzinfo=UTC)),
    ]


EXPECTED = ["h", "a", "g", "b"]


def sqlite_repository(module: ModuleType) -> tuple[Any, CountingConnection]:
    conn = sqlite3.connect(":memory:")
    conn.executescript(module.SCHEMA)
    counting = CountingConnection(conn)
    repository = module.SqliteOrderRepository(counting)
    for order in orders(module):
        repository.add(order)
    counting.statements.clear()
    counting.rows = 0
    return repository, counting


def memory_repository(module: ModuleType) -> Any:
    repository = module.InMemoryOrderRepository()
    for order in orders(module):
        repository.add(order)
    return repository


def ids(found: list[Any]) -> list[str]:
    return [order.id for order in found]


def test_the_real_repository_and_the_fake_give_the_same_answer(answer: Path) -> None:
    module = load_module(answer)
    real = ids(sqlite_repository(module)[0].unpaid_older_than(3, NOW))
    fake = ids(memory_repository(module).unpaid_older_than(3, NOW))
    assert real == fake, (
        f"on the same data SQLite returns {real} and the fake {fake}: the job's unit tests run on the fake, so "
        "production behaves in a way no test saw"
    )


def test_declined_and_cancelled_orders_get_no_reminder(answer: Path) -> None:
    module = load_module(answer)
    found = ids(sqlite_repository(module)[0].unpaid_older_than(3, NOW))
    wrong = sorted(set(found) & {"d", "e", "f"})
    assert not wrong, f"SQLite selected {wrong}: only orders still 'pending' are waiting for payment"


def test_an_order_exactly_days_old_is_included(answer: Path) -> None:
    module = load_module(answer)
    assert ids(sqlite_repository(module)[0].unpaid_older_than(3, NOW)) == EXPECTED, (
        "placed at least 3 days before now, oldest first, ties by id"
    )


def test_sqlite_sends_one_query_and_reads_only_the_matches(answer: Path) -> None:
    module = load_module(answer)
    repository, conn = sqlite_repository(module)
    found = repository.unpaid_older_than(3, NOW)
    assert len(conn.statements) == 1, (
        f"unpaid_older_than sent {len(conn.statements)} statements for {len(found)} orders: one query per order "
        "(N+1) is what makes the job take 40 minutes on 180,000 orders"
    )
    assert conn.rows == len(found), (
        f"the query returned {conn.rows} rows to keep {len(found)}: filter in the WHERE clause, not in Python"
    )


@pytest.mark.starter_passes
def test_the_fake_keeps_its_meaning(answer: Path) -> None:
    module = load_module(answer)
    assert ids(memory_repository(module).unpaid_older_than(3, NOW)) == EXPECTED
    assert ids(memory_repository(module).unpaid_older_than(30, NOW)) == []
