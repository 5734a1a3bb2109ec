"""Reference solution: the summary change and the new position commit in one transaction, in the read model's
own database. A stop before the commit loses both, and the restart applies the event again from the old
position; a stop after the commit keeps both, and the restart starts after it. Either way each event counts
once. (Keeping the position in the source database, a file or a broker offset would need a transaction across
two systems, which is the dual-write problem again.)
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
        with model:  # one transaction per event: the change and the position together
            model.execute(
                "INSERT INTO summaries VALUES (?, 1, ?) ON CONFLICT (customer) DO UPDATE SET "
                "orders = orders + 1, spent_cents = spent_cents + excluded.spent_cents",
                (event["customer"], event["total_cents"]),
            )
            model.execute("UPDATE relay_position SET last_seq = ?", (seq,))
