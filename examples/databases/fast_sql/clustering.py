"""PostgreSQL's CLUSTER: a one-time reordering of a heap table by an index, not a clustered index."""

from __future__ import annotations

import psycopg


def create_readings(conn: psycopg.Connection, rows: int) -> None:
    """Readings inserted in a shuffled order, so the heap's physical order is not the id order."""
    conn.execute(
        """
        DROP TABLE IF EXISTS readings;
        CREATE TABLE readings (id integer PRIMARY KEY, value double precision NOT NULL);
        """
    )
    conn.execute(
        "INSERT INTO readings (id, value) SELECT g, random() FROM generate_series(1, %s) g ORDER BY random()",
        (rows,),
    )


def ids_in_physical_order(conn: psycopg.Connection) -> list[int]:
    """The ids as they lie in the heap: ctid is (page, slot), the row's physical address."""
    return [row[0] for row in conn.execute("SELECT id FROM readings ORDER BY ctid")]


# --8<-- [start:cluster]
def cluster_by_primary_key(conn: psycopg.Connection) -> None:
    # Rewrites the whole table in index order under an ACCESS EXCLUSIVE lock: reads and writes wait.
    conn.execute("CLUSTER readings USING readings_pkey")
    conn.execute("ANALYZE readings")


def correlation(conn: psycopg.Connection) -> float:
    """How closely the heap order follows the id order, from -1 to 1; the planner costs index range scans
    with it."""
    row = conn.execute("SELECT correlation FROM pg_stats WHERE tablename = 'readings' AND attname = 'id'").fetchone()
    assert row is not None, "run ANALYZE first"
    return float(row[0])


# --8<-- [end:cluster]
