"""Repository and unit of work over SQLite, with an in-memory repository that passes the same contract."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Protocol


@dataclass(frozen=True)
class Order:
    id: str
    customer: str
    total_cents: int
    status: str = "pending"


# --8<-- [start:repository]
class DuplicateOrder(Exception):
    """An order with this id is already stored."""


class OrderNotFound(Exception):
    """There is no stored order with this id to update."""


class OrderRepository(Protocol):
    """A collection-like interface to stored orders: the domain code never sees SQL, nor a driver's errors."""

    def add(self, order: Order) -> None: ...
    def get(self, order_id: str) -> Order | None: ...
    def for_customer(self, customer: str) -> list[Order]: ...
    def update(self, order: Order) -> None: ...


class SqliteOrderRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def add(self, order: Order) -> None:
        try:
            self.conn.execute(
                "INSERT INTO orders (id, customer, total_cents, status) VALUES (?, ?, ?, ?)",
                (order.id, order.customer, order.total_cents, order.status),
            )
        except sqlite3.IntegrityError as error:
            # Translate only the duplicate key; any other constraint failure is a bug and keeps its own type.
            if error.sqlite_errorname == "SQLITE_CONSTRAINT_PRIMARYKEY":
                raise DuplicateOrder(order.id) from error
            raise

    def get(self, order_id: str) -> Order | None:
        row = self.conn.execute(
            "SELECT id, customer, total_cents, status FROM orders WHERE id = ?", (order_id,)
        ).fetchone()
        return Order(*row) if row else None

    def for_customer(self, customer: str) -> list[Order]:
        rows = self.conn.execute(
            "SELECT id, customer, total_cents, status FROM orders WHERE customer = ? ORDER BY id", (customer,)
        )
        return [Order(*row) for row in rows]

    def update(self, order: Order) -> None:
        cursor = self.conn.execute(
            "UPDATE orders SET status = ?, total_cents = ? WHERE id = ?", (order.status, order.total_cents, order.id)
        )
        if cursor.rowcount == 0:
            raise OrderNotFound(order.id)


class InMemoryOrderRepository:
    """A fake for fast tests of the domain code; it must behave like the real one (see the contract test)."""

    def __init__(self) -> None:
        self.rows: dict[str, Order] = {}

    def add(self, order: Order) -> None:
        if order.id in self.rows:
            raise DuplicateOrder(order.id)
        self.rows[order.id] = order

    def get(self, order_id: str) -> Order | None:
        return self.rows.get(order_id)

    def for_customer(self, customer: str) -> list[Order]:
        return sorted((o for o in self.rows.values() if o.customer == customer), key=lambda o: o.id)

    def update(self, order: Order) -> None:
        # A plain dict assignment would insert a missing order, which the SQL UPDATE never does.
        if order.id not in self.rows:
            raise OrderNotFound(order.id)
        self.rows[order.id] = replace(order)


# --8<-- [end:repository]


SCHEMA = """
CREATE TABLE IF NOT EXISTS orders (
    id TEXT PRIMARY KEY, customer TEXT NOT NULL, total_cents INTEGER NOT NULL, status TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY, topic TEXT NOT NULL, payload TEXT NOT NULL);
"""


# --8<-- [start:unit_of_work]
class SqliteUnitOfWork:
    """One transaction around everything a use case changes; nothing is saved unless commit() is called."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __enter__(self) -> SqliteUnitOfWork:
        self.conn = sqlite3.connect(self.path, isolation_level=None)  # we issue BEGIN ourselves
        self.conn.executescript(SCHEMA)
        self.conn.execute("BEGIN")
        self.orders = SqliteOrderRepository(self.conn)
        return self

    def publish(self, topic: str, payload: str) -> None:
        # An outbox row commits or rolls back together with the orders it describes.
        self.conn.execute("INSERT INTO outbox (topic, payload) VALUES (?, ?)", (topic, payload))

    def commit(self) -> None:
        self.conn.execute("COMMIT")
        self.conn.execute("BEGIN")

    def __exit__(self, *exc: object) -> None:
        self.conn.execute("ROLLBACK")  # whatever was not committed is discarded, error or not
        self.conn.close()


# --8<-- [end:unit_of_work]


def outbox(path: str) -> Iterator[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        yield from conn.execute("SELECT topic, payload FROM outbox ORDER BY id")
