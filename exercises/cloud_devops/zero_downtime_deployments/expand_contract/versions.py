"""The three releases of the users service that the migration plan must keep working, one query each way.

v1 is in production now. v2 and v3 are built and waiting; the plan decides when each rolls out. During a
rollout the previous and the new release serve traffic side by side, against the same database.
"""

from __future__ import annotations

import psycopg

VERSIONS = ("v1", "v2", "v3")


def create_user(conn: psycopg.Connection, version: str, name: str) -> int:
    """What a sign-up does in each release."""
    queries = {
        "v1": ("INSERT INTO users (fullname) VALUES (%s) RETURNING id", (name,)),
        # v2 writes both columns, so rows it creates need no backfill.
        "v2": ("INSERT INTO users (fullname, display_name) VALUES (%s, %s) RETURNING id", (name, name)),
        "v3": ("INSERT INTO users (display_name) VALUES (%s) RETURNING id", (name,)),
    }
    sql, params = queries[version]
    row = conn.execute(sql, params).fetchone()
    assert row is not None
    return int(row[0])


def display_names(conn: psycopg.Connection, version: str, ids: list[int]) -> dict[int, str | None]:
    """What a profile page shows in each release."""
    column = {
        "v1": "fullname",
        "v2": "coalesce(display_name, fullname)",  # new column first, old one for rows not backfilled yet
        "v3": "display_name",
    }[version]
    rows = conn.execute(f"SELECT id, {column} FROM users WHERE id = ANY(%s)", (ids,)).fetchall()  # noqa: S608 - column names from the table above
    return {int(row[0]): row[1] for row in rows}
