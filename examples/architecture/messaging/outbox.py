"""The transactional outbox and an idempotent consumer, on SQLite.

An order and the event announcing it are written in one transaction. A relay publishes pending
events later (and may publish one twice if it crashes after sending). The consumer records the ids
it has handled, so a duplicate delivery changes nothing.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable
from typing import Any

SCHEMA = """
CREATE TABLE orders (id TEXT PRIMARY KEY, customer TEXT NOT NULL, total_cents INTEGER NOT NULL);
CREATE TABLE outbox (
    id TEXT PRIMARY KEY, topic TEXT NOT NULL, payload TEXT NOT NULL, published_at TEXT
);
"""


def connect() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.executescript(SCHEMA)
    return conn


# --8<-- [start:write]
def place_order(conn: sqlite3.Connection, customer: str, total_cents: int) -> str:
    """Insert the order and its event atomically: both rows commit, or neither does."""
    order_id = str(uuid.uuid4())
    event = {"event_id": str(uuid.uuid4()), "order_id": order_id, "total_cents": total_cents}
    with conn:  # one transaction
        conn.execute("BEGIN")
        conn.execute("INSERT INTO orders VALUES (?, ?, ?)", (order_id, customer, total_cents))
        conn.execute(
            "INSERT INTO outbox (id, topic, payload) VALUES (?, ?, ?)",
            (event["event_id"], "order.placed", json.dumps(event)),
        )
    return order_id


# --8<-- [end:write]


# --8<-- [start:relay]
def relay_once(conn: sqlite3.Connection, publish: Callable[[str, dict[str, Any]], None]) -> int:
    """Publish unpublished events in order, then mark them. A crash between the two means a re-send."""
    rows = conn.execute("SELECT id, topic, payload FROM outbox WHERE published_at IS NULL ORDER BY rowid").fetchall()
    for event_id, topic, payload in rows:
        publish(topic, json.loads(payload))  # may raise: the row stays pending and is retried next time
        conn.execute("UPDATE outbox SET published_at = datetime('now') WHERE id = ?", (event_id,))
    return len(rows)


# --8<-- [end:relay]


# --8<-- [start:consumer]
class LoyaltyPointsConsumer:
    """Adds points for each order. Safe under at-least-once delivery because it dedupes by event id."""

    def __init__(self, path: str = ":memory:") -> None:
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.executescript(
            "CREATE TABLE IF NOT EXISTS processed (event_id TEXT PRIMARY KEY);"
            "CREATE TABLE IF NOT EXISTS points (order_id TEXT PRIMARY KEY, points INTEGER NOT NULL);"
        )

    def handle(self, event: dict[str, Any]) -> bool:
        """Return True if the event changed state, False if it was a duplicate."""
        with self.db:
            self.db.execute("BEGIN")
            try:  # the dedupe record and the side effect commit together
                self.db.execute("INSERT INTO processed VALUES (?)", (event["event_id"],))
            except sqlite3.IntegrityError:
                return False
            self.db.execute("INSERT INTO points VALUES (?, ?)", (event["order_id"], event["total_cents"] // 100))
        return True

    def total_points(self) -> int:
        return self.db.execute("SELECT coalesce(sum(points), 0) FROM points").fetchone()[0]


# --8<-- [end:consumer]
