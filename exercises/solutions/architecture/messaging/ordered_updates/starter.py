"""Reference solution: the upsert applies an event only when its version is newer than the stored one.

The condition sits in the statement itself (ON CONFLICT ... DO UPDATE ... WHERE), so there is no window between
reading the stored version and writing a new one, whichever process applies which event first; and it lives in
the database, so it survives restarts. An older event is still recorded as processed: it has been handled, by
being superseded.
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
                "ON CONFLICT (order_id) DO UPDATE SET status = excluded.status, version = excluded.version "
                "WHERE excluded.version > order_status.version",  # an older event never overwrites a newer one
                (event["order_id"], event["status"], event["version"]),
            )
        return True

    def status(self, order_id: str) -> tuple[str, int] | None:
        return self.db.execute("SELECT status, version FROM order_status WHERE order_id = ?", (order_id,)).fetchone()
