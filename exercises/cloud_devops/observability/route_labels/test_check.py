"""Acceptance check: the number of time series depends on the endpoints, not on the ids in the URLs or on what
scanners request, and every request is still counted under its route and status."""

from __future__ import annotations

import functools
import random
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from exercises import load_module

SCANNER_PATHS = ["/wp-login.php", "/.env", "/admin/config.php", "/cgi-bin/test", "/phpmyadmin/index.php"]


@functools.cache
def traffic(answer: Path) -> TestClient:
    rng = random.Random(11)  # noqa: S311 - test data; a fixed seed gives the same traffic every run
    client = TestClient(load_module(answer).create_app())
    for _ in range(150):
        client.get(f"/items/{rng.randint(1, 1500)}")
    for _ in range(50):
        client.get(f"/users/{rng.randint(1, 10**6)}/orders/ord-{rng.randint(1, 10**9)}")
    for path in SCANNER_PATHS * 4:
        client.get(path)
    return client


def series(client: TestClient) -> dict[tuple[str, str, str], int]:
    return dict(client.app.state.requests.series)  # type: ignore[attr-defined]


def test_ids_in_urls_do_not_create_series(answer: Path) -> None:
    paths = {path for _, path, _ in series(traffic(answer))}
    assert "/items/{item_id}" in paths and "/users/{user_id}/orders/{order_id}" in paths
    assert len(paths) <= 3, f"{len(paths)} values of the path label after 220 requests: one per id requested"


def test_scanners_share_one_series(answer: Path) -> None:
    unmatched = {path for _, path, status in series(traffic(answer)) if status == "404" and "{" not in path}
    assert len(unmatched) == 1, f"each probed URL got its own series: {sorted(unmatched)[:5]}"


@pytest.mark.starter_passes
def test_every_request_is_counted(answer: Path) -> None:
    assert sum(series(traffic(answer)).values()) == 150 + 50 + len(SCANNER_PATHS) * 4


def test_requests_are_counted_per_route_and_status(answer: Path) -> None:
    counted = series(traffic(answer))
    items_ok = counted.get(("GET", "/items/{item_id}", "200"), 0)
    items_missing = counted.get(("GET", "/items/{item_id}", "404"), 0)
    assert items_ok + items_missing == 150 and items_missing > 0, "item requests by status, under their route"
    assert counted.get(("GET", "/users/{user_id}/orders/{order_id}", "200")) == 50
