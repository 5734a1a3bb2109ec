"""Acceptance check: no read misses an acknowledged write, even in the worst placement; reads and writes work
with any one replica down; a read waits for at most the second fastest replica."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest

from examples.databases.nosql_modelling.replicas import Cluster, Replica, Unavailable
from exercises import load_module

LATENCIES_MS = [1, 3, 8, 20, 45]


def cluster() -> Cluster:
    return Cluster([Replica(latency_ms=ms) for ms in LATENCIES_MS])


def levels(answer: Path) -> tuple[int, int, int]:
    module = load_module(answer)
    assert len(LATENCIES_MS) == module.N, "the cluster keeps five replicas"
    return module.N, module.WRITE_REPLICAS, module.READ_REPLICAS


def test_no_read_misses_an_acknowledged_write(answer: Path) -> None:
    n, w, r = levels(answer)
    for received in combinations(range(n), w):  # every set of replicas the write may have reached first
        nodes = cluster()
        nodes.write("address:42", "old", w=n)  # every replica has the old address
        nodes.clock += 1
        for index in received:
            nodes.replicas[index].data["address:42"] = (nodes.clock, "new")
        value, _ = nodes.read("address:42", r=r)
        assert value == "new", (
            f"the write was acknowledged by replicas {received} only, and a read of {r} replicas returned the "
            "old address: read and write sets must overlap"
        )


@pytest.mark.starter_passes
@pytest.mark.parametrize("down", range(len(LATENCIES_MS)))
def test_reads_and_writes_work_with_one_replica_down(answer: Path, down: int) -> None:
    _, w, r = levels(answer)
    nodes = cluster()
    nodes.replicas[down].reachable = False
    try:
        nodes.write("address:42", "new", w=w)
        value, _ = nodes.read("address:42", r=r)
    except Unavailable as error:
        raise AssertionError(f"with replica {down} restarting: {error}") from error
    assert value == "new"


@pytest.mark.starter_passes
def test_a_read_waits_for_at_most_the_second_fastest_replica(answer: Path) -> None:
    _, w, r = levels(answer)
    nodes = cluster()
    nodes.write("address:42", "new", w=w)
    _, waited = nodes.read("address:42", r=r)
    assert waited <= sorted(LATENCIES_MS)[1], f"a read waits {waited} ms: the page's budget is the second replica"
