"""Acceptance check: 5,000 events in one second are written without throttling; a day reads back complete, in
time order, with at most 20 queries, no scan, and no item of another day read."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from examples.databases.nosql_modelling.dynamo import Table, Throttled
from exercises import load_module

MAX_QUERIES = 20


def events(day: str, count: int, seed: int, start_ms: int = 0) -> list[dict[str, Any]]:
    rng = random.Random(seed)  # noqa: S311 - test data, not a secret
    return [
        {"id": f"{day}-e{n}", "day": day, "at": start_ms + rng.randrange(1_000), "kind": rng.choice(("view", "buy"))}
        for n in range(count)
    ]


def fields(event: dict[str, Any]) -> dict[str, Any]:
    return {key: event[key] for key in ("id", "day", "at", "kind")}


def in_time_order(evs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted((fields(e) for e in evs), key=lambda e: (e["at"], e["id"]))


class Counting(Table):
    """The lesson's table, counting Query and Scan calls."""

    queries = 0
    scans = 0

    def query(self, *args: Any, **kwargs: Any):
        self.queries += 1
        return super().query(*args, **kwargs)

    def scan(self, *args: Any, **kwargs: Any):
        self.scans += 1
        return super().scan(*args, **kwargs)


def test_a_peak_second_is_not_throttled(answer: Path) -> None:
    module = load_module(answer)
    table = Counting(partition_key="pk", sort_key="sk")
    peak = events("2026-11-27", 5_000, seed=1)
    for written, event in enumerate(peak):
        try:
            module.put_event(table, event)
        except Throttled as error:
            raise AssertionError(f"write {written + 1} of the peak second was throttled: {error}") from error
    assert len(table.items) == 5_000, "every event stored once"


@pytest.mark.starter_passes
def test_a_day_is_read_with_a_few_queries_and_nothing_else(answer: Path) -> None:
    module = load_module(answer)
    table = Counting(partition_key="pk", sort_key="sk")
    for second, day in enumerate(("2026-11-26", "2026-11-27", "2026-11-28")):
        table.second = second
        for event in events(day, 900, seed=second):
            module.put_event(table, event)
    table.queries = table.scans = table.items_read = 0
    found = module.events_on(table, "2026-11-27")
    assert table.scans == 0, "a Scan reads the whole table, every day of it"
    assert table.queries <= MAX_QUERIES, f"{table.queries} queries to read one day"
    assert table.items_read == len(found) == 900, "only the day's own items are read"


@pytest.mark.starter_passes
def test_a_day_comes_back_complete_and_in_time_order(answer: Path) -> None:
    module = load_module(answer)
    table = Counting(partition_key="pk", sort_key="sk")
    written = []
    for second, day in enumerate(("2026-11-26", "2026-11-27")):
        table.second = second
        batch = events(day, 300, seed=10 + second)
        written += batch
        for event in batch:
            module.put_event(table, event)
    found = [fields(e) for e in module.events_on(table, "2026-11-27")]
    assert found == in_time_order([e for e in written if e["day"] == "2026-11-27"])
    assert module.events_on(table, "2026-11-29") == []
