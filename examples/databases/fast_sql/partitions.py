"""Declarative range partitioning in PostgreSQL: one table per month behind a parent table.

Runs against a real PostgreSQL server; the tests get a throwaway database from the `postgres_url` fixture.
"""

from __future__ import annotations

from datetime import date

import psycopg
from psycopg import sql


# --8<-- [start:partitions]
def create_events(conn: psycopg.Connection, months: list[date]) -> None:
    """An events table split by month. Each partition is an ordinary table with its own indexes."""
    conn.execute(
        """
        CREATE TABLE events (
            id bigint GENERATED ALWAYS AS IDENTITY,
            happened_at timestamptz NOT NULL,
            kind text NOT NULL,
            PRIMARY KEY (id, happened_at)      -- a unique key must include the partition key
        ) PARTITION BY RANGE (happened_at)
        """
    )
    conn.execute("CREATE INDEX events_kind_idx ON events (kind, happened_at)")  # created on every partition
    for first in months:
        after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        conn.execute(
            sql.SQL("CREATE TABLE {} PARTITION OF events FOR VALUES FROM ({}) TO ({})").format(
                sql.Identifier(f"events_{first:%Y_%m}"), sql.Literal(first), sql.Literal(after)
            )
        )


def drop_month(conn: psycopg.Connection, first: date) -> None:
    """Retention: detaching and dropping a partition removes a month at once, without a huge DELETE."""
    name = sql.Identifier(f"events_{first:%Y_%m}")
    conn.execute(sql.SQL("ALTER TABLE events DETACH PARTITION {}").format(name))
    conn.execute(sql.SQL("DROP TABLE {}").format(name))


# --8<-- [end:partitions]
