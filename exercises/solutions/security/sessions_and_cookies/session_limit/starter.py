"""A reference solution: creating a session for a user first ends that user's oldest sessions beyond the limit."""

from collections.abc import Callable

from fastapi import FastAPI

from examples.security.sessions.app import create_app as create_lesson_app
from examples.security.sessions.store import SessionStore

MAX_SESSIONS_PER_USER = 3


class LimitedSessionStore(SessionStore):
    max_per_user = MAX_SESSIONS_PER_USER

    def create(self, user: str | None) -> str:
        if user is not None:
            self._end_oldest_beyond(user, keep=self.max_per_user - 1)
        return super().create(user)

    def _end_oldest_beyond(self, user: str, keep: int) -> None:
        # get() drops expired sessions, so only live ones are counted against the limit.
        live = [(sid, s) for sid, s in list(self._sessions.items()) if s.user == user and self.get(sid) is not None]
        live.sort(key=lambda item: item[1].created)
        for sid, _ in live[: max(0, len(live) - keep)]:
            self.destroy(sid)


def create_app(clock: Callable[[], float]) -> FastAPI:
    return create_lesson_app(LimitedSessionStore(clock))
