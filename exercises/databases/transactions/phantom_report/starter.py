"""Exercise: the on-call page that contradicts itself.

Symptom: the hospital's on-call page shows "2 doctors on call" above a list of three names. It happens only
when someone is added to the rota while the page is being built, and a reload always looks right.

Diagnose it with the check (`make exercise ID=databases/transactions/phantom_report`): it adds a doctor to the
rota between the report's two queries. Then make both queries see the same data, without stopping the rota
from changing while a report runs.
"""

from __future__ import annotations

from collections.abc import Callable

import psycopg


def on_call_report(url: str, between: Callable[[], None] = lambda: None) -> tuple[int, list[str]]:
    """How many doctors are on call, and who they are: two queries in one transaction.

    `between` is the check's hook: it runs between the two queries.
    """
    with psycopg.connect(url) as conn:
        count = conn.execute("SELECT count(*) FROM doctors WHERE on_call").fetchone()[0]
        between()
        names = [name for (name,) in conn.execute("SELECT name FROM doctors WHERE on_call ORDER BY name")]
    return count, names
