"""The lesson's mesh policy passes its checks, and each check catches the mistake it is for."""

from __future__ import annotations

from pathlib import Path

import pytest

from examples.cloud_devops.twelve_factor.mesh_rules import load, problems, seconds

MESH = (Path(__file__).parent / "mesh.yaml").read_text(encoding="utf-8")


def test_the_lesson_policy_is_clean():
    assert problems(load(MESH)) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("mode: STRICT", "mode: PERMISSIVE"), "mTLS mode must be STRICT"),
        (("weight: 10 ", "weight: 20 "), "weights add up to 110"),
        (("subset: v2}", "subset: v3}"), "subset 'v3' is not defined"),
        (("perTryTimeout: 900ms", "perTryTimeout: 2s"), "3 tries can outlast the route timeout"),
        # attempts counts retries, not tries: 3 tries of 1.2 s do not fit in 3 s, though 2 of them would.
        (("perTryTimeout: 900ms", "perTryTimeout: 1200ms"), "3 tries can outlast the route timeout"),
        (("retryOn: connect-failure", "retryOn: 5xx,connect-failure"), "retrying on 5xx"),
    ],
    ids=["plaintext-allowed", "weights", "unknown-subset", "retry-budget", "retries-plus-first-try", "unsafe-retry"],
)
def test_each_rule_catches_its_mistake(change, expected):
    old, new = change
    assert old in MESH
    found = problems(load(MESH.replace(old, new)))
    assert len(found) == 1 and expected in found[0]


def test_durations():
    assert seconds("250ms") == 0.25 and seconds("3s") == 3 and seconds("1m") == 60
    with pytest.raises(ValueError, match="not an Istio duration"):
        seconds("3 seconds")
