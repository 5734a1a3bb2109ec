"""Exercise: the customer who placed 3 orders and shows 4.

Symptom: the account page reads a summary per customer (orders placed, money spent) from its own read-model
database, which a relay fills from the shop's outbox. After each deploy, a few customers show one order too
many. A deploy stops the relay process wherever it happens to be.

Diagnose it with the check (`make exercise ID=databases/hybrid_architectures/durable_position`): it stops the
relay after every possible statement in turn (a process that dies loses its open transaction), restarts it,
and compares every summary with the outbox. Then fix `relay` so that a restart after any stop counts each order
exactly once.

Both databases are SQLite. `source` holds outbox(seq INTEGER PRIMARY KEY, payload TEXT) with JSON payloads
{"customer": ..., "total_cents": ...}. `model` holds summaries(customer TEXT PRIMARY KEY, orders INTEGER,
spent_cents INTEGER) and relay_position(last_seq INTEGER), which holds one row. Use model.execute, commit and
`with model:`.
"""

from __future__ import annotations

import json
import sqlite3


def relay(source: sqlite3.Connection, model: sqlite3.Connection) -> None:
    """Apply every outbox event after the stored position to the summaries."""
    (last,) = model.execute("SELECT last_seq FROM relay_position").fetchone()
    events = source.execute("SELECT seq, payload FROM outbox WHERE seq > ? ORDER BY seq", (last,)).fetchall()
    for seq, payload in events:
        event = json.loads(payload)
        model.execute(
            "INSERT INTO summaries VALUES (?, 1, ?) ON CONFLICT (customer) DO UPDATE SET "
            "orders = orders + 1, spent_cents = spent_cents + excluded.spent_cents",
            (event["customer"], event["total_cents"]),
        )
        model.commit()
        model.execute("UPDATE relay_position SET last_seq = ?", (seq,))
        model.commit()
