"""Calling the PL/pgSQL function and procedure in routines.sql from Python."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import psycopg

ROUTINES = Path(__file__).with_name("routines.sql")


def setup(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(ROUTINES.read_text())
        conn.execute("INSERT INTO products VALUES (1, 'kettle', 3), (2, 'teapot', 0)")


# --8<-- [start:calls]
def place_order(conn: psycopg.Connection, product: int, quantity: int) -> int:
    row = conn.execute("SELECT place_order(%s, %s)", (product, quantity)).fetchone()
    assert row is not None
    return int(row[0])


def archive_orders(url: str, before: datetime, batch: int) -> None:
    # autocommit: CALL must not run inside a transaction block, or the COMMIT in the procedure fails.
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CALL archive_orders(%s, %s)", (before, batch))


# --8<-- [end:calls]
