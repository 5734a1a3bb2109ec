"""Acceptance check: the items client waits as long as Retry-After asks (either form), gives up at once when
that is longer than max_wait, and keeps its old behavior everywhere else. Sleeps are recorded, not slept."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from exercises import load_module

SENT = "Mon, 07 Dec 2026 10:00:00 GMT"


def items_service(outcomes: list[httpx.Response]) -> tuple[httpx.Client, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return outcomes.pop(0)

    return httpx.Client(base_url="http://items.internal", transport=httpx.MockTransport(handler)), seen


def fetch(answer: Path) -> Callable[..., object]:
    return load_module(answer).fetch_item


def unavailable(retry_after: str, status: int = 503) -> httpx.Response:
    return httpx.Response(status, headers={"retry-after": retry_after, "date": SENT})


OK = {"id": 1, "name": "Keyboard", "price_cents": 4999}


@pytest.mark.parametrize("status", [503, 429])
def test_retry_after_in_seconds_is_waited_for(answer: Path, status: int) -> None:
    client, seen = items_service([unavailable("2", status), httpx.Response(200, json=OK)])
    waits: list[float] = []
    assert fetch(answer)(client, 1, sleep=waits.append) == OK
    assert len(seen) == 2
    assert waits == [2.0], f"the service asked for 2 s and the client waited {waits}"


def test_retry_after_as_an_http_date_is_measured_from_the_date_header(answer: Path) -> None:
    client, _ = items_service([unavailable("Mon, 07 Dec 2026 10:00:03 GMT"), httpx.Response(200, json=OK)])
    waits: list[float] = []
    assert fetch(answer)(client, 1, sleep=waits.append) == OK
    assert waits == [3.0], f"the date is 3 s after the response's Date header; the client waited {waits}"


def test_a_wait_longer_than_max_wait_ends_the_call_at_once(answer: Path) -> None:
    client, seen = items_service([unavailable("3600", 429), httpx.Response(200, json=OK)])
    waits: list[float] = []
    module = load_module(answer)  # one load, so the raised class is the one caught
    with pytest.raises(module.ItemServiceError):
        module.fetch_item(client, 1, sleep=waits.append, max_wait=5.0)
    assert len(seen) == 1, "asked to come back in an hour, the client must not call again now"
    assert waits == [], "and it must not sleep for an hour inside a request either"


@pytest.mark.starter_passes
def test_an_unreadable_retry_after_falls_back_to_backoff(answer: Path) -> None:
    client, seen = items_service([unavailable("soon"), httpx.Response(200, json=OK)])
    waits: list[float] = []
    assert fetch(answer)(client, 1, sleep=waits.append, base_delay=0.05) == OK
    assert len(seen) == 2 and len(waits) == 1 and 0 <= waits[0] <= 0.05


@pytest.mark.starter_passes
def test_not_found_and_client_errors_are_unchanged(answer: Path) -> None:
    client, seen = items_service([httpx.Response(404), httpx.Response(400)])
    assert fetch(answer)(client, 9, sleep=lambda _: None) is None
    with pytest.raises(httpx.HTTPStatusError):
        fetch(answer)(client, 1, sleep=lambda _: None)
    assert len(seen) == 2
