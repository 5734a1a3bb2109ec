"""Helpers for playing several PostgreSQL sessions against each other in a fixed order.

A statement that waits for a lock would stop the whole script, so it runs in a background thread on its own
connection, and `wait_until_blocked` asks the server (not a timer) when it is really waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

import psycopg
from psycopg.abc import Query

IsolationLevel = psycopg.IsolationLevel
T = TypeVar("T")


def connect(url: str, isolation: IsolationLevel | None = None, *, autocommit: bool = False) -> psycopg.Connection:
    conn = psycopg.connect(url, autocommit=autocommit)
    if isolation is not None:
        conn.isolation_level = isolation
    return conn


def one(conn: psycopg.Connection, sql: Query, params: tuple[object, ...] = ()) -> Any:
    row = conn.execute(sql, params).fetchone()
    assert row is not None
    return row[0]


def in_background(work: Callable[[], T]) -> Future[T]:
    """Run `work` in a thread of its own; its result (or exception) comes back through the future."""
    executor = ThreadPoolExecutor(max_workers=1)
    try:
        return executor.submit(work)
    finally:
        executor.shutdown(wait=False)


def wait_until_blocked(url: str, pid: int, timeout: float = 10.0) -> list[int]:
    """Wait until backend `pid` waits for a lock, and return the backends it waits for (pg_blocking_pids)."""
    deadline = time.monotonic() + timeout
    with psycopg.connect(url, autocommit=True) as watcher:
        while True:
            blockers: list[int] = one(watcher, "SELECT pg_blocking_pids(%s)", (pid,))
            if blockers:
                return blockers
            if time.monotonic() > deadline:
                raise TimeoutError(f"backend {pid} did not wait for a lock within {timeout} s")
            time.sleep(0.01)


def lock_waiters(url: str) -> dict[int, list[int]]:
    """Every session of this database that is waiting for a lock, with the sessions it waits for."""
    with psycopg.connect(url, autocommit=True) as watcher:
        rows = watcher.execute(
            """
            SELECT pid, pg_blocking_pids(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'
            """
        ).fetchall()
    return {pid: blockers for pid, blockers in rows}
