"""The outbox on PostgreSQL, where transactions commit in a different order than they take sequence numbers.

A relay that remembers "the highest seq I have delivered" and asks for `seq > that` skips a row whose
transaction took a smaller number but committed later. SQLite never shows this, because it runs one writer at
a time; PostgreSQL does, with two concurrent orders.
"""

from __future__ import annotations

import json
from typing import Any

import psycopg

SCHEMA = """
CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer text NOT NULL,
                     total_cents integer NOT NULL);
CREATE TABLE outbox (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload jsonb NOT NULL,
                     published_at timestamptz);
"""


def place_order(conn: psycopg.Connection, customer: str, total_cents: int) -> None:
    """The order and its event in the caller's transaction (the caller commits)."""
    (order_id,) = conn.execute(
        "INSERT INTO orders (customer, total_cents) VALUES (%s, %s) RETURNING id", (customer, total_cents)
    ).fetchone()
    event = {"type": "order_placed", "order_id": order_id, "customer": customer, "total_cents": total_cents}
    conn.execute("INSERT INTO outbox (payload) VALUES (%s)", (json.dumps(event),))


# --8<-- [start:high_water_mark]
def relay_after(conn: psycopg.Connection, last_seq: int) -> tuple[list[dict[str, Any]], int]:
    """The naive relay: everything after the highest seq delivered so far. Wrong on PostgreSQL."""
    rows = conn.execute("SELECT seq, payload FROM outbox WHERE seq > %s ORDER BY seq", (last_seq,)).fetchall()
    return [payload for _, payload in rows], max((seq for seq, _ in rows), default=last_seq)


# --8<-- [end:high_water_mark]
