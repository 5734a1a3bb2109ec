"""The schema and a small connection pool: one job each, so the handlers and the worker share them."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg.rows import dict_row

# One migration, applied at start-up; IF NOT EXISTS keeps a restart harmless.
SCHEMA = """
CREATE TABLE IF NOT EXISTS orders (
    id uuid PRIMARY KEY,
    customer text NOT NULL,
    items jsonb NOT NULL,
    amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
    refunded_cents bigint NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0),
    status text NOT NULL DEFAULT 'pending',
    payment_id text,
    idempotency_key text,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (customer, idempotency_key)
);
-- The outbox: a payment job written in the same transaction as its order.
CREATE TABLE IF NOT EXISTS payment_jobs (
    order_id uuid PRIMARY KEY REFERENCES orders (id),
    attempts integer NOT NULL DEFAULT 0,
    available_at timestamptz NOT NULL DEFAULT now(),
    done boolean NOT NULL DEFAULT false
);
CREATE INDEX IF NOT EXISTS payment_jobs_due ON payment_jobs (available_at) WHERE NOT done;
-- Event ids already applied: the primary key is what makes the consumer idempotent.
CREATE TABLE IF NOT EXISTS processed_events (
    id text PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);
"""


class Pool:
    """A fixed set of connections handed out one at a time (enough for a reference; no extra package)."""

    def __init__(self, url: str, size: int) -> None:
        self._idle: queue.Queue[psycopg.Connection] = queue.Queue()
        for _ in range(size):
            self._idle.put(psycopg.connect(url, autocommit=True, row_factory=dict_row))

    @contextmanager
    def transaction(self) -> Iterator[psycopg.Connection]:
        """A connection inside one transaction: committed on success, rolled back on any exception."""
        conn = self._idle.get()
        try:
            if conn.closed:
                conn = psycopg.connect(conn.info.dsn, autocommit=True, row_factory=dict_row)
            with conn.transaction():
                yield conn
        finally:
            self._idle.put(conn)

    def close(self) -> None:
        while not self._idle.empty():
            self._idle.get().close()


def migrate(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        # Two instances starting at once must not race on CREATE TABLE.
        conn.execute("SELECT pg_advisory_lock(3401)")
        conn.execute(SCHEMA)
        conn.execute("SELECT pg_advisory_unlock(3401)")
