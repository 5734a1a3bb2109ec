"""A reference solution: lock every row the rule reads before checking it. The second request waits for
the first one's row locks; when they are released, READ COMMITTED re-checks `on_call` on the committed rows,
so the second request counts one doctor and stays on call."""

from __future__ import annotations

from collections.abc import Callable

import psycopg


def go_off_call(url: str, name: str, between: Callable[[psycopg.Connection], None] = lambda conn: None) -> bool:
    with psycopg.connect(url) as conn:
        # FOR UPDATE cannot go with count(*): lock the rows, count them here. ORDER BY name makes every
        # request take the locks in the same order, so two requests cannot deadlock.
        on_call = conn.execute("SELECT name FROM doctors WHERE on_call ORDER BY name FOR UPDATE").fetchall()
        between(conn)
        if len(on_call) < 2:
            return False
        conn.execute("UPDATE doctors SET on_call = false WHERE name = %s", (name,))
        return True
