"""Acceptance check: answers are reused within their TTL, fetched again once it has passed (the shortest TTL
of a CNAME chain counts), never reused with TTL 0, and handed out with the TTL that remains.

The upstream is a fake DNS whose records the check changes, and the resolver's clock is the check's own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from examples.web_foundations.internet_basics.dns_message import Record
from exercises import load_module


class Clock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


class FakeDns:
    """The authoritative data, which the operators may change; counts the queries it gets."""

    def __init__(self, records: list[Record]) -> None:
        self.records = records
        self.queries = 0

    def __call__(self, name: str, record_type: str) -> list[Record]:
        self.queries += 1
        return list(self.records)


def a_record(address: str, ttl: int) -> Record:
    return Record("db.internal", "A", ttl, address)


def resolver(answer: Path, dns: FakeDns) -> tuple[Any, Clock]:
    clock = Clock()
    return load_module(answer).CachingResolver(dns, clock=clock), clock


def addresses(records: list[Record]) -> list[str]:
    return [record.value for record in records if record.type == "A"]


def test_a_changed_record_is_seen_once_its_ttl_has_passed(answer: Path) -> None:
    dns = FakeDns([a_record("10.0.0.1", 30)])
    cache, clock = resolver(answer, dns)
    assert addresses(cache.resolve("db.internal", "A")) == ["10.0.0.1"]
    dns.records = [a_record("10.0.0.2", 30)]  # the failover
    clock.now += 31
    got = addresses(cache.resolve("db.internal", "A"))
    assert got == ["10.0.0.2"], f"31 s after a 30 s record was cached, the service still connects to {got}"


def test_the_ttl_handed_out_counts_down(answer: Path) -> None:
    cache, clock = resolver(answer, FakeDns([a_record("10.0.0.1", 300)]))
    cache.resolve("db.internal", "A")
    clock.now += 100
    [record] = cache.resolve("db.internal", "A")
    assert record.ttl == 200, f"100 s after caching a 300 s record, callers must be told 200, not {record.ttl}"


def test_a_chain_expires_with_its_shortest_record(answer: Path) -> None:
    dns = FakeDns(
        [Record("db.internal", "CNAME", 3600, "pg-1.eu.internal"), Record("pg-1.eu.internal", "A", 60, "10.0.0.1")]
    )
    cache, clock = resolver(answer, dns)
    cache.resolve("db.internal", "A")
    clock.now += 61
    cache.resolve("db.internal", "A")
    assert dns.queries == 2, (
        "the A record at the end of the chain expired after 60 s, so the answer must be fetched again"
    )


def test_ttl_zero_is_never_reused(answer: Path) -> None:
    dns = FakeDns([a_record("10.0.0.1", 0)])
    cache, _ = resolver(answer, dns)
    cache.resolve("db.internal", "A")
    cache.resolve("db.internal", "A")
    assert dns.queries == 2, "a TTL of 0 means the answer may be used for this lookup only"


@pytest.mark.starter_passes
def test_an_answer_is_reused_within_its_ttl(answer: Path) -> None:
    dns = FakeDns([a_record("10.0.0.1", 30)])
    cache, clock = resolver(answer, dns)
    for _ in range(3):
        cache.resolve("db.internal", "A")
        clock.now += 5
    cache.resolve("DB.internal", "A")  # names are case-insensitive
    assert dns.queries == 1
