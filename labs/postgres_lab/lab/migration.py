"""Task 4: schema changes on a live table. Which ones rewrite 200,000 rows, and which are instant?"""

from __future__ import annotations

import psycopg


def relfilenode(conn: psycopg.Connection, table: str) -> int:
    """The file that holds the table. If a change gives the table a new file, it rewrote every row."""
    row = conn.execute("SELECT pg_relation_filenode(%s::regclass)", (table,)).fetchone()
    assert row is not None
    return int(row[0])


def add_column_with_default(conn: psycopg.Connection) -> None:
    """Since PostgreSQL 11 a constant default is stored in the catalogue: no rewrite, only a brief lock."""
    conn.execute("SET lock_timeout = '2s'")  # never queue behind a long transaction holding up all traffic
    conn.execute("ALTER TABLE orders ADD COLUMN currency text NOT NULL DEFAULT 'EUR'")


def widen_total(conn: psycopg.Connection) -> None:
    """Changing integer to bigint rewrites the table under an ACCESS EXCLUSIVE lock: reads and writes wait."""
    conn.execute("ALTER TABLE orders ALTER COLUMN total_cents TYPE bigint")


def index_without_blocking_writes(url: str) -> None:
    """CREATE INDEX CONCURRENTLY lets writes continue, but cannot run inside a transaction block."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status)")
