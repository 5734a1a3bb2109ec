"""Exercise: shipped orders that went back to "paid".

Symptom: customers see orders as "paid" that shipped days ago. Each order's events carry its whole status and
a version that grows by one per change. The projection below stores the status per order and ignores
duplicates by event id. The broken orders all had a `payment.captured` event that failed once and was
retried by the broker after `order.shipped` had already been applied.

Diagnose it with the check (`make exercise ID=architecture/messaging/ordered_updates`). Then make the projection
apply an event only if its version is newer than the one it already holds for that order, in the database
(the projection runs in several processes and restarts), in one atomic statement.
"""

from __future__ import annotations

import sqlite3
from typing import Any


class OrderStatusProjection:
    def __init__(self, path: str = ":memory:") -> None:
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.executescript(
            "CREATE TABLE IF NOT EXISTS processed (event_id TEXT PRIMARY KEY);"
            "CREATE TABLE IF NOT EXISTS order_status ("
            "  order_id TEXT PRIMARY KEY, status TEXT NOT NULL, version INTEGER NOT NULL);"
        )

    def handle(self, event: dict[str, Any]) -> bool:
        """Apply an event; return False for a duplicate."""
        with self.db:
            self.db.execute("BEGIN")
            try:
                self.db.execute("INSERT INTO processed VALUES (?)", (event["event_id"],))
            except sqlite3.IntegrityError:
                return False
            self.db.execute(
                "INSERT INTO order_status VALUES (?, ?, ?) "
                "ON CONFLICT (order_id) DO UPDATE SET status = excluded.status, version = excluded.version",
                (event["order_id"], event["status"], event["version"]),
            )
        return True

    def status(self, order_id: str) -> tuple[str, int] | None:
        return self.db.execute("SELECT status, version FROM order_status WHERE order_id = ?", (order_id,)).fetchone()
