"""Exercise: 212 live sessions on one account.

Symptom: a customer's password turned up in a credential-stuffing list. By the time support locked the account it
had 212 live sessions, most from data-center addresses, and each kept working until it idled out. The documented
policy (ASVS 7.1.2 asks you to write one down) is at most three sessions per user, and a new login ends the
user's oldest session, the one created first. Nothing enforces it.

Diagnose it with the check (`make exercise ID=security/sessions_and_cookies/session_limit`).

Fix: enforce the limit in the session store, per user, so that creating a fourth session for a user destroys that
user's oldest one. Other users and anonymous sessions are not affected; ended and expired sessions do not count.
"""

from collections.abc import Callable

from fastapi import FastAPI

from examples.security.sessions.app import create_app as create_lesson_app
from examples.security.sessions.store import SessionStore

MAX_SESSIONS_PER_USER = 3


class LimitedSessionStore(SessionStore):
    """The lesson's store, with the documented per-user limit."""

    max_per_user = MAX_SESSIONS_PER_USER


def create_app(clock: Callable[[], float]) -> FastAPI:
    return create_lesson_app(LimitedSessionStore(clock))
