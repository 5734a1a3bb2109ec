"""Acceptance check: an export costs 5 units and a quote 1, out of 10 per minute (one unit back every 6 s); a
request the budget cannot pay for is refused without spending, with a Retry-After that is exactly long enough."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from exercises import load_module

EXPORT, QUOTE = "/v1/reports/export", "/v1/quotes/today"


class Clock:
    def __init__(self) -> None:
        self.now = 5_000.0

    def __call__(self) -> float:
        return self.now


def api(answer: Path) -> tuple[TestClient, Clock]:
    clock = Clock()
    return TestClient(load_module(answer).create_app(capacity=10, per_seconds=60, clock=clock)), clock


def remaining(response: Any) -> int:
    found = re.search(r";r=(\d+)", response.headers.get("ratelimit", ""))
    assert found, f"no RateLimit field with r= on a {response.status_code}"
    return int(found.group(1))


def test_two_exports_spend_the_whole_budget(answer: Path) -> None:
    client, _ = api(answer)
    first, second, third = (client.get(EXPORT) for _ in range(3))
    assert (first.status_code, second.status_code) == (200, 200)
    assert (remaining(first), remaining(second)) == (5, 0), "each export costs 5 of the 10 units"
    assert third.status_code == 429, "a third export in the same minute must be refused"


def test_retry_after_is_exactly_long_enough_for_an_export(answer: Path) -> None:
    client, clock = api(answer)
    client.get(EXPORT)
    client.get(EXPORT)
    refused = client.get(EXPORT)
    assert refused.status_code == 429, "two exports use up the 10 units, so the third is refused"
    wait = int(refused.headers["retry-after"])
    assert wait == 30, f"5 units at one unit per 6 s take 30 s, not {wait}"
    clock.now += wait - 1
    assert client.get(EXPORT).status_code == 429, "one second early is still too early"
    clock.now += 1
    assert client.get(EXPORT).status_code == 200, "at Retry-After the export must succeed"


def test_a_refused_export_spends_nothing(answer: Path) -> None:
    client, _ = api(answer)
    client.get(EXPORT)
    for _ in range(2):
        client.get(QUOTE)  # 3 units left
    refused = client.get(EXPORT)
    assert refused.status_code == 429, "an export (5 units) cannot be paid with 3 units"
    assert remaining(refused) == 3, "the refused export must not take the 3 units that are left"
    assert [client.get(QUOTE).status_code for _ in range(4)] == [200, 200, 200, 429]


@pytest.mark.starter_passes
def test_an_ordinary_request_still_costs_one(answer: Path) -> None:
    client, clock = api(answer)
    statuses = [client.get(QUOTE).status_code for _ in range(11)]
    assert statuses == [200] * 10 + [429]
    clock.now += 6
    assert client.get(QUOTE).status_code == 200
