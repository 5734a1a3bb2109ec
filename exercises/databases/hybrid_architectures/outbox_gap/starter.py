"""Exercise: the order that never reached the warehouse.

Symptom: the outbox relay feeds the fulfillment service. Every week or so an order is paid and never
shipped: its event is in the outbox, but the relay never delivered it. It only happens at busy times, and the
missing event always has a smaller seq than events that were delivered.

Diagnose it with the check (`make exercise ID=databases/hybrid_architectures/outbox_gap`): it commits two
orders out of order around a relay run, rolls one back, and runs two relays at once. Then rewrite
`relay_once` so every committed event is delivered, none from a rolled-back order, and no event twice, even
with two relays running at the same time.

The tables (created by the check, on PostgreSQL): outbox(seq bigint identity, payload jsonb, published_at
timestamptz NULL) and relay_state(last_seq bigint), which holds one row. `conn` is not in autocommit mode:
commit what you change. `deliver` sends one event to the fulfillment service.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import psycopg


def relay_once(conn: psycopg.Connection, deliver: Callable[[dict[str, Any]], None]) -> int:
    """Deliver the events that are ready; return how many were delivered."""
    (last,) = conn.execute("SELECT last_seq FROM relay_state").fetchone()
    rows = conn.execute("SELECT seq, payload FROM outbox WHERE seq > %s ORDER BY seq", (last,)).fetchall()
    for seq, payload in rows:
        deliver(payload)
        last = seq
    conn.execute("UPDATE relay_state SET last_seq = %s", (last,))
    conn.commit()
    return len(rows)
