"""Modulo reshuffles almost everything when a shard is added; the ring moves about 1/N of keys."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter

import pytest

from examples.architecture.scaling.hashing import HashRing, modulo_shard, stable_hash

KEYS = [f"user:{n}" for n in range(20_000)]


def moved_fraction(before: dict[str, str], after: dict[str, str]) -> float:
    return sum(before[k] != after[k] for k in KEYS) / len(KEYS)


def test_stable_hash_is_deterministic():
    assert stable_hash("user:1") == stable_hash("user:1")
    assert stable_hash("user:1") != stable_hash("user:2")


def placements_in_a_new_process(hash_seed: str) -> str:
    """Where three keys land on a ring, computed by a fresh interpreter with the given PYTHONHASHSEED."""
    code = (
        "from examples.architecture.scaling.hashing import HashRing;"
        "ring = HashRing(['a', 'b', 'c', 'd']);"
        "print([ring.node_for(f'user:{n}') for n in range(50)])"
    )
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)  # noqa: S603
    return done.stdout


def test_every_process_places_keys_the_same_way():
    """The lesson's point: app servers must agree on where a key lives, and Python's hash() is salted per process
    (PYTHONHASHSEED), so placement built on it would differ between servers."""
    assert placements_in_a_new_process("1") == placements_in_a_new_process("2") == placements_in_a_new_process("3")


# --8<-- [start:movement]
def test_adding_a_fifth_shard_with_modulo_moves_most_keys():
    four, five = ["a", "b", "c", "d"], ["a", "b", "c", "d", "e"]
    moved = moved_fraction({k: modulo_shard(k, four) for k in KEYS}, {k: modulo_shard(k, five) for k in KEYS})
    assert moved > 0.75  # theory: 4/5 of keys change shard


def test_adding_a_fifth_node_to_the_ring_moves_about_a_fifth():
    ring = HashRing(["a", "b", "c", "d"])
    before = {k: ring.node_for(k) for k in KEYS}
    ring.add("e")
    after = {k: ring.node_for(k) for k in KEYS}
    assert 0.12 < moved_fraction(before, after) < 0.28  # theory: 1/5
    assert all(after[k] == "e" for k in KEYS if before[k] != after[k])  # keys only move to the new node


# --8<-- [end:movement]


def test_virtual_nodes_spread_load_evenly():
    ring = HashRing(["a", "b", "c", "d"], vnodes=200)
    counts = Counter(ring.node_for(k) for k in KEYS)
    assert max(counts.values()) / min(counts.values()) < 1.35


def test_one_point_per_node_is_lumpy():
    one, many_ring = HashRing(["a", "b", "c", "d"], vnodes=1), HashRing(["a", "b", "c", "d"], vnodes=200)
    counts = Counter(one.node_for(k) for k in KEYS)
    many = Counter(many_ring.node_for(k) for k in KEYS)
    assert max(counts.values()) - min(counts.values()) > max(many.values()) - min(many.values())


def test_removing_a_node_only_moves_its_keys():
    ring = HashRing(["a", "b", "c", "d"])
    before = {k: ring.node_for(k) for k in KEYS}
    ring.remove("c")
    after = {k: ring.node_for(k) for k in KEYS}
    assert all(before[k] == after[k] for k in KEYS if before[k] != "c")
    assert "c" not in set(after.values())


def test_empty_ring_raises():
    with pytest.raises(LookupError):
        HashRing().node_for("x")
