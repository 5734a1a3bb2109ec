"""Exercise: nobody on call at 3 a.m.

Symptom: the rota rule is that at least one doctor stays on call. The app checks it before letting a doctor
sign off, yet last night Ana and Ben both signed off within a second of each other and the night was
uncovered. The database runs at READ COMMITTED, and the platform team will not move this service to
SERIALIZABLE (its retry logic is not ready).

Diagnose it with the check (`make exercise ID=databases/transactions/doctors_lock`): it lets both requests
read before either writes, as on that night. Then fix `go_off_call` with a lock, still at READ COMMITTED, so
that the second request waits for the first and decides on what the first committed.
"""

from __future__ import annotations

from collections.abc import Callable

import psycopg


def go_off_call(url: str, name: str, between: Callable[[psycopg.Connection], None] = lambda conn: None) -> bool:
    """Take `name` off call if another doctor stays on call. Returns whether they went off call.

    `between` is the check's hook: it runs on your connection after the rule is checked and before the write.
    """
    with psycopg.connect(url) as conn:  # commits when the block ends
        on_call = conn.execute("SELECT count(*) FROM doctors WHERE on_call").fetchone()[0]
        between(conn)
        if on_call < 2:
            return False
        conn.execute("UPDATE doctors SET on_call = false WHERE name = %s", (name,))
        return True
