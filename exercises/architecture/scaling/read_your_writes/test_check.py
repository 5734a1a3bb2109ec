"""Acceptance check: a session always reads its own writes, however long the replicas lag, and reads from a
replica as soon as one has applied them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from examples.architecture.scaling.replicas import Cluster
from exercises import load_module


class Setup:
    def __init__(self, answer: Path) -> None:
        self.now = 0.0
        self.cluster = Cluster(["r1", "r2"])
        self.router = load_module(answer).ReplicaRouter(
            "primary", ["r1", "r2"], self.cluster.replayed, lambda: self.now
        )

    def save(self, session: str, key: str, value: str) -> int:
        assert self.router.for_write() == "primary"
        position = self.cluster.write(key, value)
        self.router.wrote(session, position)
        return position

    def load(self, session: str, key: str) -> tuple[str, str | None]:
        node = self.router.for_read(session)
        return node, self.cluster.read(node, key)


@pytest.mark.parametrize("seconds_later", [6.0, 40.0, 120.0])
def test_a_session_reads_its_own_write_however_long_the_lag(answer: Path, seconds_later: float) -> None:
    setup = Setup(answer)
    setup.save("bob", "user:7:email", "old@example.com")
    setup.cluster.replicate("r1")
    setup.cluster.replicate("r2")
    setup.save("alice", "user:7:email", "new@example.com")  # the nightly import: the replicas stop here
    setup.now = seconds_later
    for _ in range(4):
        node, value = setup.load("alice", "user:7:email")
        assert value == "new@example.com", (
            f"{seconds_later} s after saving, alice's read went to {node}, which has replayed up to position "
            f"{setup.cluster.replayed(node) if node != 'primary' else '-'} and still shows {value}. A time window "
            "cannot know how far behind the replicas are; compare positions instead"
        )


def test_a_replica_that_has_the_write_serves_the_read(answer: Path) -> None:
    setup = Setup(answer)
    position = setup.save("alice", "user:7:email", "new@example.com")
    setup.cluster.replicate("r2", upto=position)  # r2 has it, r1 lags
    setup.now = 0.1
    nodes = Counter(setup.load("alice", "user:7:email")[0] for _ in range(10))
    assert nodes == {"r2": 10}, (
        f"reads went to {dict(nodes)}: r2 has applied alice's write, so her reads can go there; the primary is "
        "the scarcest node in the cluster, and r1 would show stale data"
    )


def test_a_late_report_of_an_older_write_does_not_lower_the_bar(answer: Path) -> None:
    setup = Setup(answer)
    older = setup.cluster.write("user:7:name", "Al")  # two tabs: this request commits first...
    newer = setup.save("alice", "user:7:email", "new@example.com")
    setup.router.wrote("alice", older)  # ...but reports its position last
    setup.cluster.replicate("r1", upto=older)
    setup.cluster.replicate("r2", upto=older)
    setup.now = 60.0
    node, value = setup.load("alice", "user:7:email")
    assert value == "new@example.com", f"read from {node} missed the write at position {newer}"


@pytest.mark.starter_passes
def test_sessions_without_writes_use_the_replicas(answer: Path) -> None:
    setup = Setup(answer)
    setup.save("alice", "user:7:email", "new@example.com")
    nodes = Counter(setup.load("carol", "user:7:email")[0] for _ in range(10))
    assert nodes == {"r1": 5, "r2": 5}, f"a session that never wrote can read any replica, spread evenly: {nodes}"
