"""Exercise: daily revenue that comes up short on busy days.

Symptom: since the order importer runs as four workers, the `daily_revenue` table is a few orders short on
busy days, always less than the sum of the day's orders, never more. Some nights a worker also crashes with
"duplicate key value violates unique constraint daily_revenue_pkey" on the first orders of a new day.

Diagnose it with the check (`make exercise ID=databases/sql_fundamentals/daily_revenue`): it runs two workers
that add to the same day at the same time, as on a busy night. Then rewrite `add_order` so that concurrent
calls never lose an order or fail on the key, without making workers on different days wait for each other.

The table: daily_revenue(day date PRIMARY KEY, cents bigint NOT NULL). The check needs PostgreSQL.
"""

from __future__ import annotations

from datetime import date

import psycopg


def add_order(conn: psycopg.Connection, day: date, cents: int) -> int:
    """Add one order's total to its day, inside the caller's transaction (the caller commits).

    Returns the day's total after this order.
    """
    row = conn.execute("SELECT cents FROM daily_revenue WHERE day = %s", (day,)).fetchone()
    if row is None:
        conn.execute("INSERT INTO daily_revenue (day, cents) VALUES (%s, %s)", (day, cents))
        return cents
    total = row[0] + cents
    conn.execute("UPDATE daily_revenue SET cents = %s WHERE day = %s", (total, day))
    return total
