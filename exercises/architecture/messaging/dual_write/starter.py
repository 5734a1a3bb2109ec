"""Exercise: paid orders that were never shipped.

Symptom: about 3 orders in 1,000 are paid but never shipped. Shipping reacts to `order.placed` events, and
for those orders there is none: not in the broker, not in the outbox table. The orders themselves are fine.
The deploy log shows worker restarts (out-of-memory kills) at about the times those orders were placed.

Diagnose it with the check (`make exercise ID=architecture/messaging/dual_write`): it kills the process at
every statement `place_order` runs and looks at what was committed. Then make the order and its event commit
together or not at all.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY, customer TEXT NOT NULL, total_cents INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS outbox (id TEXT PRIMARY KEY, topic TEXT NOT NULL, payload TEXT NOT NULL, published_at TEXT);
"""


def connect(path: str = ":memory:") -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.executescript(SCHEMA)
    return conn


def place_order(conn: sqlite3.Connection, customer: str, total_cents: int) -> str:
    order_id = str(uuid.uuid4())
    event = {"event_id": str(uuid.uuid4()), "order_id": order_id, "total_cents": total_cents}
    with conn:  # keep the orders transaction as short as possible: the order first...
        conn.execute("BEGIN")
        conn.execute("INSERT INTO orders VALUES (?, ?, ?)", (order_id, customer, total_cents))
    with conn:  # ...then its event, for the relay to publish
        conn.execute("BEGIN")
        conn.execute(
            "INSERT INTO outbox (id, topic, payload) VALUES (?, ?, ?)",
            (event["event_id"], "order.placed", json.dumps(event)),
        )
    return order_id


def relay_once(conn: sqlite3.Connection, publish: Callable[[str, dict[str, Any]], None]) -> int:
    rows = conn.execute("SELECT id, topic, payload FROM outbox WHERE published_at IS NULL ORDER BY rowid").fetchall()
    for event_id, topic, payload in rows:
        publish(topic, json.loads(payload))
        conn.execute("UPDATE outbox SET published_at = datetime('now') WHERE id = ?", (event_id,))
    return len(rows)
