"""A small PostgreSQL connection pool and the migration runner applied at start."""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Iterator
from pathlib import Path

import psycopg
from psycopg.rows import dict_row

POOL_WAIT_S = 5.0


class Pool:
    """Up to `size` open connections, in autocommit mode: a transaction is always an explicit block."""

    def __init__(self, url: str, size: int = 10) -> None:
        self.url = url
        self.idle: queue.LifoQueue[psycopg.Connection] = queue.LifoQueue()
        self.slots = threading.BoundedSemaphore(size)

    @contextlib.contextmanager
    def connection(self) -> Iterator[psycopg.Connection]:
        if not self.slots.acquire(timeout=POOL_WAIT_S):
            raise TimeoutError("no database connection free")
        conn: psycopg.Connection | None = None
        try:
            try:
                conn = self.idle.get_nowait()
            except queue.Empty:
                conn = psycopg.connect(self.url, autocommit=True, row_factory=dict_row)
            yield conn
        except Exception:
            # A connection that saw an error may be mid-transaction or broken: close it rather than reuse it.
            if conn is not None:
                conn.close()
                conn = None
            raise
        finally:
            if conn is not None and not conn.closed:
                self.idle.put(conn)
            self.slots.release()

    def close(self) -> None:
        while not self.idle.empty():
            self.idle.get_nowait().close()


def migrate(url: str, directory: Path) -> list[str]:
    """Apply the .sql files not yet recorded in schema_migrations, in name order, each in its own transaction.
    An advisory lock makes two instances starting together take turns instead of racing."""
    applied_now: list[str] = []
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SELECT pg_advisory_lock(hashtext('tasks-api migrations'))")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        done = {row[0] for row in conn.execute("SELECT name FROM schema_migrations")}
        for path in sorted(directory.glob("*.sql")):
            if path.name in done:
                continue
            with conn.transaction():
                conn.execute(path.read_text(encoding="utf-8"))
                conn.execute("INSERT INTO schema_migrations (name) VALUES (%s)", (path.name,))
            applied_now.append(path.name)
        conn.execute("SELECT pg_advisory_unlock(hashtext('tasks-api migrations'))")
    return applied_now
