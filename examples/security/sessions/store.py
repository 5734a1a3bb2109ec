"""Server-side sessions: random ids, idle and absolute timeouts, rotation on login, per-session CSRF token."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

IDLE_TIMEOUT = 15 * 60  # seconds without a request before the session ends
ABSOLUTE_TIMEOUT = 8 * 60 * 60  # hard limit since login, however active the user is


@dataclass
class Session:
    user: str | None
    created: float
    last_seen: float
    csrf_token: str = field(default_factory=lambda: secrets.token_urlsafe(32))


# --8<-- [start:store]
class SessionStore:
    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._sessions: dict[str, Session] = {}
        self.clock = clock

    def create(self, user: str | None) -> str:
        session_id = secrets.token_urlsafe(32)  # 256 bits from the OS CSPRNG; ASVS asks for at least 128
        now = self.clock()
        self._sessions[session_id] = Session(user, created=now, last_seen=now)
        return session_id

    def get(self, session_id: str | None) -> Session | None:
        session = self._sessions.get(session_id or "")
        if session is None:
            return None
        now = self.clock()
        if now - session.last_seen > IDLE_TIMEOUT or now - session.created > ABSOLUTE_TIMEOUT:
            self.destroy(session_id)
            return None
        session.last_seen = now
        return session

    def rotate(self, old_id: str | None, user: str) -> str:
        """On login: throw away whatever id the browser had (fixation) and issue a new one."""
        self.destroy(old_id)
        return self.create(user)

    def destroy(self, session_id: str | None) -> None:
        self._sessions.pop(session_id or "", None)

    def destroy_all_for(self, user: str) -> None:
        """Log out everywhere, e.g. after a password change."""
        for sid in [sid for sid, s in self._sessions.items() if s.user == user]:
            del self._sessions[sid]


# --8<-- [end:store]
