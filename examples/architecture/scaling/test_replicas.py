"""Asynchronous replicas lag, and a read routed to one can miss the caller's own write."""

from __future__ import annotations

from examples.architecture.scaling.replicas import Cluster, ReplicaRouter


def test_router_sends_writes_and_fresh_reads_to_primary():
    router = ReplicaRouter("primary", ["r1", "r2"])
    assert router.for_write() == "primary"
    assert router.for_read(needs_read_your_writes=True) == "primary"
    assert {router.for_read() for _ in range(4)} == {"r1", "r2"}


# --8<-- [start:lag]
def test_a_lagging_replica_hides_the_users_own_write():
    cluster, router = Cluster(["r1", "r2"]), ReplicaRouter("primary", ["r1", "r2"])
    cluster.write("user:7:email", "old@example.com")
    for name in ("r1", "r2"):
        cluster.replicate(name)  # both replicas are in sync
    position = cluster.write("user:7:email", "new@example.com")  # the user saves a new address
    assert cluster.replayed("r1") < position  # the change has not reached the replicas yet
    assert cluster.read(router.for_read(), "user:7:email") == "old@example.com"  # the edit seems lost
    assert cluster.read(router.for_read(needs_read_your_writes=True), "user:7:email") == "new@example.com"


# --8<-- [end:lag]


def test_a_replica_that_has_replayed_past_the_write_shows_it():
    cluster = Cluster(["r1"])
    position = cluster.write("k", "v")
    cluster.replicate("r1", upto=position)
    assert cluster.replayed("r1") >= position
    assert cluster.read("r1", "k") == "v"
