"""Exercise: the password rotation that took checkout down.

Symptom: the runbook rotates the database password in two steps: (1) write the new password to the secrets
manager, which hands every instance DATABASE_URL (new) and DATABASE_URL_PREVIOUS (old); (2) run ALTER ROLE on the
database. Between the two steps, instances that restarted tried only the new password, which the database did not
know yet, and checkout was down for six minutes. The incident review also found both passwords in the log
aggregator: the connection error is logged with the full URL.

Diagnose it with the check (`make exercise ID=security/secrets_management/rotation_fallback`).

Fix: fall back to the previous URL only when the database refuses the current credential (CredentialRefused), not
when it cannot be reached; if both are refused, raise CredentialRefused. Log which credential worked ("current"
or "previous") and never a password, not even inside a traceback.
"""

import logging
from collections.abc import Callable

log = logging.getLogger("shop.db")


class CredentialRefused(Exception):
    """What the database adapter raises when the server rejects the user name or password (SQLSTATE 28P01)."""


Connect = Callable[[str], object]


def connect_with_rotation(current_url: str, previous_url: str | None, connect: Connect) -> object:
    try:
        return connect(current_url)
    except Exception:
        log.exception("could not connect to %s", current_url)
        raise
