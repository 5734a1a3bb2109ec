"""Replication with tunable consistency, simulated: N replicas, W write acknowledgements, R read replies.

This is a model of Dynamo-style stores such as Cassandra, not a client for one. Replicas are dictionaries,
versions are timestamps (last write wins), and a network partition is a set of unreachable replicas.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class Unavailable(Exception):
    """Not enough replicas reachable to satisfy the requested consistency level."""


@dataclass
class Replica:
    latency_ms: float
    data: dict[str, tuple[int, str]] = field(default_factory=dict)  # key -> (timestamp, value)
    reachable: bool = True


# --8<-- [start:cluster]
@dataclass
class Cluster:
    replicas: list[Replica]
    clock: int = 0

    def write(self, key: str, value: str, w: int, deliver_to: int | None = None) -> float:
        """Send to every reachable replica; succeed once `w` acknowledge. `deliver_to` limits how many get
        the write before the call returns, modelling replicas that have not received it yet."""
        self.clock += 1
        up = sorted((r for r in self.replicas if r.reachable), key=lambda r: r.latency_ms)
        if len(up) < w:
            raise Unavailable(f"write needs {w} replicas, {len(up)} reachable")
        for replica in up[: deliver_to if deliver_to is not None else len(up)]:
            replica.data[key] = (self.clock, value)
        return up[w - 1].latency_ms  # the caller waits for the w-th fastest acknowledgement

    def read(self, key: str, r: int) -> tuple[str | None, float]:
        """Ask the `r` fastest reachable replicas and keep the newest version (last write wins)."""
        up = sorted((rep for rep in self.replicas if rep.reachable), key=lambda rep: rep.latency_ms)
        if len(up) < r:
            raise Unavailable(f"read needs {r} replicas, {len(up)} reachable")
        answers = [rep.data.get(key, (0, None)) for rep in up[:r]]
        newest = max(answers, key=lambda answer: answer[0])
        return newest[1], up[r - 1].latency_ms


def quorum(n: int) -> int:
    return n // 2 + 1


# --8<-- [end:cluster]


def three_replicas() -> Cluster:
    return Cluster([Replica(latency_ms=2), Replica(latency_ms=5), Replica(latency_ms=40)])
