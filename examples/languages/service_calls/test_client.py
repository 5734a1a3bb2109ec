"""The resilient client: retries what is retryable, never what is not, and gives up with a clear error."""

from __future__ import annotations

import httpx
import pytest

from examples.languages.service_calls.client import ItemServiceError, fetch_item


def _client(responses: list[httpx.Response | Exception]) -> tuple[httpx.Client, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        outcome = responses.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    return httpx.Client(base_url="http://items.internal", transport=httpx.MockTransport(handler)), seen


def test_success_needs_one_call() -> None:
    client, seen = _client([httpx.Response(200, json={"id": 1, "name": "Keyboard", "price_cents": 4999})])
    assert fetch_item(client, 1, sleep=lambda _: None) == {"id": 1, "name": "Keyboard", "price_cents": 4999}
    assert len(seen) == 1


def test_transient_failures_are_retried_then_succeed() -> None:
    client, seen = _client([httpx.ConnectTimeout("slow"), httpx.Response(503), httpx.Response(200, json={"id": 2})])
    delays: list[float] = []
    assert fetch_item(client, 2, sleep=delays.append) == {"id": 2}
    assert len(seen) == 3
    assert len(delays) == 2 and all(0 <= d <= 0.1 for d in delays)


def test_not_found_is_an_answer_not_a_failure() -> None:
    client, seen = _client([httpx.Response(404)])
    assert fetch_item(client, 9, sleep=lambda _: None) is None
    assert len(seen) == 1


def test_client_errors_are_not_retried() -> None:
    client, seen = _client([httpx.Response(400), httpx.Response(200, json={})])
    with pytest.raises(httpx.HTTPStatusError):
        fetch_item(client, 1, sleep=lambda _: None)
    assert len(seen) == 1


def test_gives_up_after_the_attempt_budget() -> None:
    client, seen = _client([httpx.Response(503)] * 3)
    with pytest.raises(ItemServiceError, match="failed 3 times, last error: HTTP 503"):
        fetch_item(client, 1, sleep=lambda _: None)
    assert len(seen) == 3


def test_a_server_error_that_is_not_transient_is_the_services_failure() -> None:
    # A 500 is a bug in the items service: not retried, and reported as ItemServiceError, the one exception
    # callers handle with a fallback, rather than as an httpx error from inside the client.
    client, seen = _client([httpx.Response(500), httpx.Response(200, json={})])
    with pytest.raises(ItemServiceError, match="HTTP 500"):
        fetch_item(client, 1, sleep=lambda _: None)
    assert len(seen) == 1


def test_each_attempt_bounds_connect_and_each_read_not_the_whole_call() -> None:
    # httpx timeouts apply per operation: 0.5 s to connect, 1 s for each wait on the socket. No setting bounds
    # the total, so a call with three attempts can take several seconds: a caller with a deadline tracks it.
    client, seen = _client([httpx.Response(200, json={"id": 1})])
    fetch_item(client, 1, sleep=lambda _: None)
    assert seen[0].extensions["timeout"] == {"connect": 0.5, "read": 1.0, "write": 1.0, "pool": 1.0}
