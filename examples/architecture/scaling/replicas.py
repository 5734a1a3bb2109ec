"""Read replicas in miniature: a primary that ships its log to replicas asynchronously, and a read router.

Positions are integers that grow with every commit, like PostgreSQL's log sequence numbers (LSNs): a replica
that has replayed up to position p has every change committed at or before p, and nothing after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Replica:
    data: dict[str, str] = field(default_factory=dict)
    replayed: int = 0  # the last position applied


@dataclass
class Cluster:
    """One primary and named replicas. Writes commit on the primary; replicas apply them when `replicate` runs,
    which is how asynchronous replication lags."""

    replica_names: list[str]
    log: list[tuple[str, str]] = field(default_factory=list)  # position n is log[n - 1]
    primary: dict[str, str] = field(default_factory=dict)
    replicas: dict[str, Replica] = field(init=False)

    def __post_init__(self) -> None:
        self.replicas = {name: Replica() for name in self.replica_names}

    def write(self, key: str, value: str) -> int:
        """Commit on the primary and return the commit's position."""
        self.primary[key] = value
        self.log.append((key, value))
        return len(self.log)

    def replicate(self, name: str, upto: int | None = None) -> None:
        """Let a replica catch up to a position (to the end of the log by default)."""
        replica, end = self.replicas[name], len(self.log) if upto is None else upto
        for key, value in self.log[replica.replayed : end]:
            replica.data[key] = value
        replica.replayed = max(replica.replayed, end)

    def read(self, node: str, key: str) -> str | None:
        return self.primary.get(key) if node == "primary" else self.replicas[node].data.get(key)

    def replayed(self, name: str) -> int:
        return self.replicas[name].replayed


# --8<-- [start:replicas]
class ReplicaRouter:
    """Send writes to the primary and reads to replicas, except reads that must see the caller's own writes."""

    def __init__(self, primary: str, replicas: list[str]) -> None:
        self.primary, self.replicas = primary, replicas
        self._turn = 0

    def for_write(self) -> str:
        return self.primary

    def for_read(self, needs_read_your_writes: bool = False) -> str:
        if needs_read_your_writes or not self.replicas:
            return self.primary  # replicas lag; a user who just saved a form must see it
        self._turn = (self._turn + 1) % len(self.replicas)  # simple round robin
        return self.replicas[self._turn]


# --8<-- [end:replicas]
