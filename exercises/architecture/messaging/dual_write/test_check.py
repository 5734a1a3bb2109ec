"""Acceptance check: whichever statement of place_order the process dies at, the database holds either the
order and its event, or neither; without a crash the relay publishes the event once."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from exercises import load_module


class Killed(BaseException):
    """The process died (an out-of-memory kill): no except clause and no cleanup runs after it."""


class DyingConnection:
    """Forwards to a real connection until statement number `dies_at`, where the process 'dies'. After that
    nothing reaches the database: not even the rollback or commit a `with` block would run."""

    def __init__(self, real: sqlite3.Connection, dies_at: int) -> None:
        self.real, self.dies_at, self.statements, self.dead = real, dies_at, 0, False

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        if self.dead:
            raise Killed("the process is gone")
        self.statements += 1
        if self.statements == self.dies_at:
            self.dead = True
            raise Killed(f"killed while running: {sql.split()[0]} ...")
        return self.real.execute(sql, params)

    def __enter__(self) -> DyingConnection:
        return self

    def __exit__(self, *exc: object) -> bool:
        if self.dead:
            return False  # a dead process commits and rolls back nothing
        return bool(self.real.__exit__(*exc))  # type: ignore[arg-type]


def committed(path: Path) -> tuple[int, int]:
    """(orders, events) as another process would see them."""
    observer = sqlite3.connect(path)
    try:
        orders = observer.execute("SELECT count(*) FROM orders").fetchone()[0]
        events = observer.execute("SELECT count(*) FROM outbox").fetchone()[0]
        return orders, events
    finally:
        observer.close()


def statements_in_place_order(answer: Path, tmp_path: Path) -> int:
    module = load_module(answer)
    conn = module.connect(str(tmp_path / "count.db"))
    counter = DyingConnection(conn, dies_at=0)
    module.place_order(counter, "ada", 4200)
    conn.close()
    return counter.statements


def test_a_crash_at_any_statement_leaves_both_rows_or_neither(answer: Path, tmp_path: Path) -> None:
    module = load_module(answer)
    for dies_at in range(1, statements_in_place_order(answer, tmp_path) + 1):
        path = tmp_path / f"crash-{dies_at}.db"
        real = module.connect(str(path))
        with pytest.raises(Killed):
            module.place_order(DyingConnection(real, dies_at), "ada", 4200)
        orders, events = committed(path)
        real.close()
        assert orders == events, (
            f"killed at statement {dies_at} of place_order: {orders} order(s) and {events} event(s) were "
            "committed. An order without its event is never shipped (and an event without its order is worse): "
            "write both in one transaction"
        )


@pytest.mark.starter_passes
def test_without_a_crash_the_relay_publishes_the_event_once(answer: Path, tmp_path: Path) -> None:
    module = load_module(answer)
    conn = module.connect(str(tmp_path / "ok.db"))
    order_id = module.place_order(conn, "ada", 4200)
    published: list[tuple[str, dict[str, Any]]] = []
    assert module.relay_once(conn, lambda topic, event: published.append((topic, event))) == 1
    assert module.relay_once(conn, lambda topic, event: published.append((topic, event))) == 0
    assert [(topic, event["order_id"]) for topic, event in published] == [("order.placed", order_id)]
    assert committed(tmp_path / "ok.db") == (1, 1)
    conn.close()
