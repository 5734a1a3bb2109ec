"""Acceptance check: a weighted ring gives shares in proportion to weight, is the same in every process, and a
weight change moves keys only to or from the node whose weight changed."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from exercises import ROOT, load_module

KEYS = [f"user:{n}" for n in range(20_000)]


def build(module: ModuleType, weights: dict[str, int]) -> object:
    ring = module.HashRing()
    for node, weight in weights.items():
        ring.add(node, weight=weight)
    return ring


def placement(ring: object) -> dict[str, str]:
    return {key: ring.node_for(key) for key in KEYS}  # type: ignore[attr-defined]


def test_two_app_servers_build_the_same_ring(answer: Path) -> None:
    module = load_module(answer)
    weights = {"cache-1": 1, "cache-2": 1, "cache-3": 2}
    first, second = placement(build(module, weights)), placement(build(module, weights))
    disagree = sum(first[key] != second[key] for key in KEYS)
    assert disagree == 0, (
        f"two rings built from the same nodes and weights disagree on {disagree} of {len(KEYS)} keys: every app "
        "server would look for a key on a different node. Derive each virtual node's position from the node's "
        "name and index, not from chance"
    )


def test_every_process_places_keys_the_same_way(answer: Path) -> None:
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from exercises import load_module; from pathlib import Path;"
        "m = load_module(Path(sys.argv[2])); ring = m.HashRing();"
        "[ring.add(n, weight=w) for n, w in (('a', 1), ('b', 2))];"
        "print([ring.node_for(f'user:{i}') for i in range(200)])"
    )
    runs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(  # noqa: S603 (our own interpreter, our own files)
            [sys.executable, "-c", code, str(ROOT.parent), str(answer)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        runs.add(done.stdout)
    assert len(runs) == 1, (
        "three processes (different PYTHONHASHSEED values) placed the same keys on different nodes: the ring "
        "must not depend on random numbers or on Python's salted hash()"
    )


def test_raising_a_weight_moves_keys_only_to_that_node(answer: Path) -> None:
    module = load_module(answer)
    ring = build(module, {"a": 1, "b": 1, "c": 2})
    before = placement(ring)
    ring.remove("c")  # type: ignore[attr-defined]
    ring.add("c", weight=3)  # type: ignore[attr-defined]
    after = placement(ring)
    moved = [key for key in KEYS if before[key] != after[key]]
    assert moved, "a heavier node must take over some keys"
    wrong = [key for key in moved if after[key] != "c"]
    assert not wrong, (
        f"raising c's weight moved {len(wrong)} keys between other nodes (for example {wrong[0]}: "
        f"{before[wrong[0]]} to {after[wrong[0]]}); only keys moving to c should change"
    )


@pytest.mark.starter_passes
def test_shares_follow_the_weights(answer: Path) -> None:
    shares = Counter(placement(build(load_module(answer), {"a": 2, "b": 1})).values())
    share_a = shares["a"] / len(KEYS)
    assert 0.60 <= share_a <= 0.73, (
        f"with weights 2 and 1, a should own about two thirds of the keys, not {share_a:.0%}"
    )


@pytest.mark.starter_passes
def test_equal_weights_give_roughly_equal_shares(answer: Path) -> None:
    shares = Counter(placement(build(load_module(answer), {"a": 1, "b": 1, "c": 1, "d": 1})).values())
    assert max(shares.values()) / min(shares.values()) < 1.5
