"""What the transactions exercises' checks share: a server that refuses to hang, and a patient poll."""

from __future__ import annotations

import time
from collections.abc import Callable

from psycopg.conninfo import make_conninfo

# An answer that waits forever (a lock never released, a lock order that deadlocks in the check's choreography)
# fails with a PostgreSQL error after these, instead of hanging the check.
GUARDS = "-c lock_timeout=5s -c statement_timeout=20s"


def guarded(url: str) -> str:
    """The same database, with lock and statement timeouts on every connection an answer opens."""
    return make_conninfo(url, options=GUARDS)


def wait_for(condition: Callable[[], object], timeout: float = 10.0, step: float = 0.01) -> bool:
    """Poll `condition` until it returns something true, or give up after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False
