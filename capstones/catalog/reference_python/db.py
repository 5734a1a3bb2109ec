"""The schema and a small connection pool (no extra package): one job each."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg.rows import dict_row

# One migration, applied at start-up; IF NOT EXISTS keeps a restart harmless.
SCHEMA = """
CREATE TABLE IF NOT EXISTS products (
    id bigserial PRIMARY KEY,
    sku text NOT NULL UNIQUE,
    name text NOT NULL,
    description text NOT NULL DEFAULT '',
    price_cents integer NOT NULL CHECK (price_cents >= 0),
    -- Bumped by every update: the entity tag is derived from it, so it survives restarts.
    version integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', name), 'A') || setweight(to_tsvector('english', description), 'B')
    ) STORED
);
CREATE INDEX IF NOT EXISTS products_search ON products USING gin (search);
CREATE TABLE IF NOT EXISTS product_tags (
    product_id bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    tag text NOT NULL,
    PRIMARY KEY (product_id, tag)
);
CREATE INDEX IF NOT EXISTS product_tags_tag ON product_tags (tag, product_id);
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
        conn.execute("SELECT pg_advisory_lock(3402)")
        conn.execute(SCHEMA)
        conn.execute("SELECT pg_advisory_unlock(3402)")
