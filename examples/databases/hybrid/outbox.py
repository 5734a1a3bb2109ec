"""SQL for the transaction, a document read model for flexible reads, kept in step by an outbox.

The order and its event are written in one SQLite transaction. A relay reads the outbox in order and
applies each event to a document store (a dict standing in for MongoDB or Firestore). This is the
transactional-outbox pattern; log-based change data capture (Debezium reading PostgreSQL's WAL) gives the
same guarantees without the extra table, at the price of running the CDC tooling.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any


def create_shop() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.executescript(
        """
        CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT NOT NULL, total_cents INTEGER NOT NULL,
                             status TEXT NOT NULL);
        CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, topic TEXT NOT NULL, payload TEXT NOT NULL);
        """
    )
    return conn


# --8<-- [start:write]
def place_order(conn: sqlite3.Connection, customer: str, total_cents: int, fail_after_insert: bool = False) -> int:
    """The business row and the event commit together or not at all: no dual write to two systems."""
    conn.execute("BEGIN")
    try:
        cur = conn.execute(
            "INSERT INTO orders (customer, total_cents, status) VALUES (?, ?, 'placed')", (customer, total_cents)
        )
        order_id = int(cur.lastrowid or 0)
        if fail_after_insert:
            raise RuntimeError("crash between the two writes")
        event = {"type": "order_placed", "order_id": order_id, "customer": customer, "total_cents": total_cents}
        conn.execute("INSERT INTO outbox (topic, payload) VALUES ('orders', ?)", (json.dumps(event),))
    except Exception:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return order_id


# --8<-- [end:write]


# --8<-- [start:relay]
@dataclass
class CustomerSummaries:
    """The read model: one document per customer, shaped for the account page."""

    docs: dict[str, dict[str, Any]] = field(default_factory=dict)
    applied_seq: int = 0  # the position stored with the read model makes redelivery harmless

    def apply(self, seq: int, event: dict[str, Any]) -> None:
        if seq <= self.applied_seq:
            return  # already applied: at-least-once delivery becomes effectively-once
        doc = self.docs.setdefault(event["customer"], {"orders": 0, "spent_cents": 0, "recent": []})
        doc["orders"] += 1
        doc["spent_cents"] += event["total_cents"]
        doc["recent"] = [event["order_id"], *doc["recent"]][:5]
        self.applied_seq = seq


def relay(conn: sqlite3.Connection, model: CustomerSummaries, from_seq: int = 0, batch: int = 100) -> int:
    """Deliver outbox rows after `from_seq` in order; returns the last sequence number delivered."""
    last = from_seq
    for seq, payload in conn.execute(
        "SELECT seq, payload FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?", (from_seq, batch)
    ):
        model.apply(seq, json.loads(payload))
        last = seq
    return last


# --8<-- [end:relay]
