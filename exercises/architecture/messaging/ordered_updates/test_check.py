"""Acceptance check: whatever order the events of an order arrive in, and whichever projection process applies
them, the stored status is that of the highest version; duplicates and other orders are unaffected."""

from __future__ import annotations

from itertools import permutations
from pathlib import Path

import pytest

from exercises import load_module

EVENTS = [
    {"event_id": "e1", "order_id": "o1", "status": "placed", "version": 1},
    {"event_id": "e2", "order_id": "o1", "status": "paid", "version": 2},
    {"event_id": "e3", "order_id": "o1", "status": "shipped", "version": 3},
]


# Every arrival order in which an older event comes last (the others end on version 3 anyway).
LATE_ARRIVALS = [arrival for arrival in permutations(range(3)) if arrival[-1] != 2]


@pytest.mark.parametrize("arrival", LATE_ARRIVALS, ids=lambda a: "-".join(f"v{i + 1}" for i in a))
def test_the_newest_version_wins_in_any_arrival_order(answer: Path, arrival: tuple[int, ...]) -> None:
    projection = load_module(answer).OrderStatusProjection()
    for index in arrival:
        projection.handle(dict(EVENTS[index]))
    assert projection.status("o1") == ("shipped", 3), (
        f"events arrived as versions {[i + 1 for i in arrival]} and the order shows {projection.status('o1')}: an "
        "older event applied after a newer one turned the clock back. Apply an event only if its version is newer"
    )


def test_a_restarted_process_keeps_the_guard(answer: Path, tmp_path: Path) -> None:
    module, path = load_module(answer), str(tmp_path / "projection.db")
    module.OrderStatusProjection(path).handle(dict(EVENTS[2]))  # one process applies "shipped"
    module.OrderStatusProjection(path).handle(dict(EVENTS[1]))  # another, or the same after a restart, gets "paid"
    assert module.OrderStatusProjection(path).status("o1") == ("shipped", 3), (
        "the newest version must be checked in the database, not in one process's memory"
    )


@pytest.mark.starter_passes
def test_in_order_and_duplicate_delivery_still_work(answer: Path) -> None:
    projection = load_module(answer).OrderStatusProjection()
    assert [projection.handle(dict(event)) for event in EVENTS] == [True, True, True]
    assert projection.handle(dict(EVENTS[1])) is False, "a duplicate event id is reported as a duplicate"
    assert projection.status("o1") == ("shipped", 3)
    projection.handle({"event_id": "e9", "order_id": "o2", "status": "placed", "version": 1})
    assert projection.status("o2") == ("placed", 1), "each order has its own versions"
    assert projection.status("o1") == ("shipped", 3)
