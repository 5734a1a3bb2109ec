"""The SQLite repository and the in-memory fake pass the same contract; the unit of work is all or nothing."""

from __future__ import annotations

import sqlite3

import pytest

from examples.architecture.design_patterns.storage import (
    SCHEMA,
    DuplicateOrder,
    InMemoryOrderRepository,
    Order,
    OrderNotFound,
    SqliteOrderRepository,
    SqliteUnitOfWork,
    outbox,
)


# --8<-- [start:contract]
@pytest.fixture(params=["sqlite", "memory"])
def repository(request):
    if request.param == "memory":
        return InMemoryOrderRepository()
    conn = sqlite3.connect(":memory:")
    conn.executescript(SCHEMA)
    return SqliteOrderRepository(conn)


def test_repository_contract(repository):
    repository.add(Order("o-2", "ada", 500))
    repository.add(Order("o-1", "ada", 700))
    repository.add(Order("o-3", "bob", 100))
    assert repository.get("o-1") == Order("o-1", "ada", 700)
    assert repository.get("missing") is None
    assert [o.id for o in repository.for_customer("ada")] == ["o-1", "o-2"]
    repository.update(Order("o-1", "ada", 700, status="paid"))
    assert repository.get("o-1").status == "paid"
    with pytest.raises(DuplicateOrder):
        repository.add(Order("o-1", "ada", 1))
    with pytest.raises(OrderNotFound):
        repository.update(Order("o-9", "ada", 1))
    assert repository.get("o-9") is None


# --8<-- [end:contract]


# --8<-- [start:unit_of_work]
def test_nothing_is_saved_without_commit(tmp_path):
    path = str(tmp_path / "shop.db")
    with SqliteUnitOfWork(path) as uow:
        uow.orders.add(Order("o-1", "ada", 700))
        uow.publish("order.placed", "o-1")
    with SqliteUnitOfWork(path) as uow:
        assert uow.orders.get("o-1") is None
    assert list(outbox(path)) == []


def test_an_error_after_some_writes_rolls_all_of_them_back(tmp_path):
    path = str(tmp_path / "shop.db")
    with pytest.raises(RuntimeError), SqliteUnitOfWork(path) as uow:
        uow.orders.add(Order("o-1", "ada", 700))
        uow.publish("order.placed", "o-1")
        raise RuntimeError("payment service exploded")
    with SqliteUnitOfWork(path) as uow:
        assert uow.orders.get("o-1") is None
    assert list(outbox(path)) == []


def test_commit_saves_the_order_and_its_event_together(tmp_path):
    path = str(tmp_path / "shop.db")
    with SqliteUnitOfWork(path) as uow:
        uow.orders.add(Order("o-1", "ada", 700))
        uow.publish("order.placed", "o-1")
        uow.commit()
    with SqliteUnitOfWork(path) as uow:
        assert uow.orders.get("o-1") == Order("o-1", "ada", 700)
    assert list(outbox(path)) == [("order.placed", "o-1")]


# --8<-- [end:unit_of_work]


def test_other_constraint_failures_are_not_reported_as_duplicates():
    conn = sqlite3.connect(":memory:")
    conn.executescript(SCHEMA)
    with pytest.raises(sqlite3.IntegrityError, match="NOT NULL"):
        SqliteOrderRepository(conn).add(Order("o-1", None, 700))  # type: ignore[arg-type]
