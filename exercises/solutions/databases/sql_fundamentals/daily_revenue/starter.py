"""Reference solution: one INSERT ... ON CONFLICT DO UPDATE per order.

The starter read the total, added in Python and wrote the result back. Two workers on the same day both read
the old total, and the second write replaced the first one's (a lost update). On a new day, both saw no row
and both inserted; the second insert waited for the first, then failed on the primary key.

In the upsert, the database does the read and the write as one step. If the day's row exists (or another
transaction is inserting it), the statement waits for that transaction, then adds to the row as it is after
that commit: `daily_revenue.cents` is the stored total, `excluded.cents` the value this INSERT proposed. Only
writers of the same day wait for each other, because the lock is on that day's row.
"""

from __future__ import annotations

from datetime import date

import psycopg

ADD = """
INSERT INTO daily_revenue (day, cents) VALUES (%s, %s)
ON CONFLICT (day) DO UPDATE SET cents = daily_revenue.cents + excluded.cents
RETURNING cents
"""


def add_order(conn: psycopg.Connection, day: date, cents: int) -> int:
    """Add one order's total to its day, inside the caller's transaction (the caller commits).

    Returns the day's total after this order.
    """
    row = conn.execute(ADD, (day, cents)).fetchone()
    assert row is not None  # RETURNING always gives the row it inserted or updated
    return row[0]
