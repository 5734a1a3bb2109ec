"""Reference solution: route each read on the session's last write position, not on a time window.

A replica is safe for a session when it has replayed at least the position of the session's last write; any
such replica will do, and if none is, the primary serves the read. However long the lag, the user sees their
own writes, and as soon as a replica catches up their reads leave the primary. Only the highest position
matters, so a late report of an older write cannot lower it.
"""

from __future__ import annotations

from collections.abc import Callable


class ReplicaRouter:
    def __init__(
        self, primary: str, replicas: list[str], replayed: Callable[[str], int], clock: Callable[[], float]
    ) -> None:
        self.primary, self.replicas, self.replayed, self.clock = primary, replicas, replayed, clock
        self._needs: dict[str, int] = {}  # session -> the position its reads must include
        self._turn = 0

    def for_write(self) -> str:
        return self.primary

    def wrote(self, session: str, position: int) -> None:
        self._needs[session] = max(position, self._needs.get(session, 0))

    def for_read(self, session: str) -> str:
        needed = self._needs.get(session, 0)
        for _ in range(len(self.replicas)):  # round robin over the replicas that are far enough along
            self._turn = (self._turn + 1) % len(self.replicas)
            candidate = self.replicas[self._turn]
            if self.replayed(candidate) >= needed:
                return candidate
        return self.primary
