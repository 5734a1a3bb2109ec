"""A reference solution: run the report at REPEATABLE READ, so its snapshot is taken at the first query and
both queries see the same rows. It only reads, so it is also marked READ ONLY, and it takes no lock: the
rota keeps changing while reports run (PostgreSQL's REPEATABLE READ has no phantoms, though the SQL standard
would allow them at that level)."""

from __future__ import annotations

from collections.abc import Callable

import psycopg


def on_call_report(url: str, between: Callable[[], None] = lambda: None) -> tuple[int, list[str]]:
    with psycopg.connect(url) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        count = conn.execute("SELECT count(*) FROM doctors WHERE on_call").fetchone()[0]
        between()
        names = [name for (name,) in conn.execute("SELECT name FROM doctors WHERE on_call ORDER BY name")]
    return count, names
