"""The same stall looks harmless to a closed-loop tester and severe to an open-loop one."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from examples.testing.load_testing.omission import closed_loop, nearest_rank, open_loop


# --8<-- [start:compare]
def test_closed_loop_hides_the_stall_in_the_percentiles() -> None:
    latencies = closed_loop()
    assert len(latencies) == 801  # 1000 were planned: the 199 due during the stall were never sent
    assert nearest_rank(latencies, 99) == 1.0  # p99 says "1 ms", which is false for real users
    assert latencies[-1] > 1000  # only the single maximum shows the freeze


def test_open_loop_shows_what_users_felt() -> None:
    latencies = open_loop()
    assert len(latencies) == 1000  # every planned request was measured
    assert nearest_rank(latencies, 50) == 1.0
    assert sum(1 for latency in latencies if latency > 1.0) == 223  # the stall and its queue: over a fifth
    assert nearest_rank(latencies, 95) > 500
    assert nearest_rank(latencies, 99) > 1500


# --8<-- [end:compare]


def test_k6_script_parses_and_declares_thresholds() -> None:
    # k6 is not installed in CI; node can at least parse the module syntax.
    script = Path(__file__).with_name("steady.k6.mjs")
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    result = subprocess.run([node, "--check", str(script)], capture_output=True, text=True, check=False)  # noqa: S603
    assert result.returncode == 0, result.stderr
    text = script.read_text()
    assert '"constant-arrival-rate"' in text  # an open model
    assert '"http_req_duration{expected_response:true}": ["p(95)<200", "p(99)<500"]' in text  # successes only
    assert 'http_req_failed: ["rate<0.001"]' in text
    assert 'dropped_iterations: ["count<1"]' in text  # skipped iterations fail the run
