"""Acceptance check: each phase lasts from the curl moment before it to its own, the phases add up to the total,
none is negative (plain HTTP has no TLS phase), and the slowest phase is the one that really took longest.

The timings are recorded -w lines, so the check needs no network.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from exercises import load_module

# namelookup connect appconnect starttransfer total
COLD = "0.120412 0.161034 0.204998 0.611007 0.640113"  # first run: nothing cached, a slow query on the server
WARM = "0.002101 0.042370 0.086512 0.173290 0.181004"  # a minute later: the resolver answered from its cache
PLAIN_HTTP = "0.001822 0.041901 0.000000 0.090377 0.091002"  # http://: no TLS handshake, appconnect stays 0
SLOW_DNS = "1.503100 1.544020 1.590338 1.676250 1.684001"  # a resolver timing out once before answering


def module(answer: Path) -> ModuleType:
    return load_module(answer)


def spent(answer: Path, line: str) -> dict[str, float]:
    answer_module = module(answer)
    return answer_module.phases(answer_module.parse(line))


def test_each_phase_is_its_own_duration(answer: Path) -> None:
    cold = spent(answer, COLD)
    expected = {"dns": 0.120412, "tcp": 0.040622, "tls": 0.043964, "server": 0.406009, "download": 0.029106}
    for phase, seconds in expected.items():
        assert cold[phase] == pytest.approx(seconds, abs=1e-6), (
            f"{phase}: {cold[phase]:.6f} s, expected {seconds:.6f} s; curl's values are moments since the start"
        )


@pytest.mark.parametrize("line", [COLD, WARM, PLAIN_HTTP, SLOW_DNS])
def test_the_phases_add_up_to_the_total_and_none_is_negative(answer: Path, line: str) -> None:
    durations = spent(answer, line)
    assert min(durations.values()) >= 0, f"a negative phase: {durations}"
    assert sum(durations.values()) == pytest.approx(float(line.split()[-1]), abs=1e-6)


def test_plain_http_has_no_tls_phase(answer: Path) -> None:
    durations = spent(answer, PLAIN_HTTP)
    assert durations["tls"] == 0
    assert durations["server"] == pytest.approx(0.090377 - 0.041901, abs=1e-6)


def test_the_slowest_phase(answer: Path) -> None:
    answer_module = module(answer)
    assert answer_module.slowest(answer_module.parse(COLD)) == "server"
    assert answer_module.slowest(answer_module.parse(SLOW_DNS)) == "dns", "a 1.5 s DNS lookup is the problem"


@pytest.mark.starter_passes
def test_a_cached_answer_shrinks_dns(answer: Path) -> None:
    assert spent(answer, WARM)["dns"] < spent(answer, COLD)["dns"] / 10
