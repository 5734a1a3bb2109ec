"""Exercise: the integer that is about to overflow.

Symptom: orders.total_cents is an `integer`, and the largest B2B orders are approaching 21,474,836.47, the
most it can hold. The planned fix below is one statement. In staging, on a copy of the 400 GB table, it ran
for 50 minutes, and during that time nothing could read orders: the shop was down.

Diagnose it with the check (`make exercise ID=databases/schema_design/widen_column`): it runs your steps one
by one on 20,000 orders, lets the live application (which inserts and reads `total_cents`) work after every
step, and watches whether any step rewrites the table. Then replace the plan with steps that never rewrite
the table, never update more than 5,000 rows in one transaction, and keep the application working, so that
at the end `total_cents` is a NOT NULL bigint holding every order's total.

Each step is SQL (run as one autocommit call, so it may hold several statements, or BEGIN ... COMMIT) or a
function that receives an autocommit psycopg connection. The check needs PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable

import psycopg

Step = str | Callable[[psycopg.Connection], None]

STEPS: list[Step] = [
    "ALTER TABLE orders ALTER COLUMN total_cents TYPE bigint",
]
