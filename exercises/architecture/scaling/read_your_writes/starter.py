"""Exercise: edits that vanish during a bulk import.

Symptom: after a user saves their profile, their reads go to the primary for 5 seconds ("read your writes"),
then back to the replicas. That worked until the nightly import: replica lag reached 40 seconds, and support
got tickets about profile changes that "disappeared" and came back a minute later. The same window also
sends every read of a user who just wrote to the primary, even when a replica already has the change.

Diagnose it with the check (`make exercise ID=architecture/scaling/read_your_writes`). Then route on what the
replicas have actually applied instead of on time: remember, per session, the position of its last write (the
commit's LSN), and read from a replica only if it has replayed at least that far; otherwise use the primary.
"""

from __future__ import annotations

from collections.abc import Callable

READ_YOUR_WRITES_S = 5.0  # how long after a write a session reads from the primary


class ReplicaRouter:
    def __init__(
        self, primary: str, replicas: list[str], replayed: Callable[[str], int], clock: Callable[[], float]
    ) -> None:
        """`replayed(name)` is how far a replica has applied the primary's log (like pg_last_wal_replay_lsn)."""
        self.primary, self.replicas, self.replayed, self.clock = primary, replicas, replayed, clock
        self._last_write: dict[str, float] = {}  # session -> when it last wrote
        self._turn = 0

    def for_write(self) -> str:
        return self.primary

    def wrote(self, session: str, position: int) -> None:
        """Called after a commit with the commit's position (like pg_current_wal_lsn after COMMIT)."""
        self._last_write[session] = self.clock()

    def for_read(self, session: str) -> str:
        last = self._last_write.get(session)
        if last is not None and self.clock() - last < READ_YOUR_WRITES_S:
            return self.primary
        self._turn = (self._turn + 1) % len(self.replicas)
        return self.replicas[self._turn]
