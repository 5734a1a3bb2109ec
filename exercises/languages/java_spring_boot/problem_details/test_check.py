"""Acceptance check: every error the orders service gives is an RFC 9457 problem document, and a failure
inside a handler is answered (500) instead of a dropped connection, without leaking internals."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import httpx
import pytest

Server = Callable[[Path], AbstractContextManager[str]]


def request(base_url: str, method: str, path: str) -> httpx.Response:
    try:
        return httpx.request(method, base_url + path, timeout=10)
    except httpx.TransportError as error:
        pytest.fail(f"{method} {path}: no response at all ({error!r}); a handler that throws must still answer")


def assert_problem(response: httpx.Response, status: int) -> dict[str, object]:
    where = f"{response.request.method} {response.request.url.path}"
    assert response.status_code == status, f"{where} answered {response.status_code}, expected {status}"
    assert response.headers.get("content-type", "").startswith("application/problem+json"), (
        f"{where} answered {response.headers.get('content-type')!r}, not application/problem+json"
    )
    body = response.json()
    assert body.get("status") == status and body.get("title"), f"{where}: a problem needs status and title"
    return body


@pytest.mark.starter_passes
def test_a_known_order_is_served(answer: Path, java_server: Server) -> None:
    with java_server(answer) as base_url:
        response = request(base_url, "GET", "/orders/7")
    assert response.status_code == 200
    assert response.json() == {"id": 7, "status": "shipped"}


@pytest.mark.parametrize("path", ["/ordres/7", "/", "/orders/8", "/orders/abc"])
def test_no_such_resource_is_a_404_problem(answer: Path, java_server: Server, path: str) -> None:
    with java_server(answer) as base_url:
        assert_problem(request(base_url, "GET", path), 404)


def test_a_wrong_method_is_a_405_problem_with_allow(answer: Path, java_server: Server) -> None:
    with java_server(answer) as base_url:
        for path in ("/orders/7", "/health"):
            response = request(base_url, "POST", path)
            assert_problem(response, 405)
            assert "GET" in response.headers.get("allow", ""), f"POST {path}: a 405 must say what is allowed"


def test_a_failing_handler_is_a_500_problem_that_reveals_nothing(answer: Path, java_server: Server) -> None:
    with java_server(answer) as base_url:
        response = request(base_url, "GET", "/orders/13")
        body = assert_problem(response, 500)
        assert request(base_url, "GET", "/health").status_code == 200, "the server keeps serving after a failure"
    leaked = [word for word in ("checksum", "segment", "orders-eu-3", "Exception", "java.") if word in str(body)]
    assert not leaked, f"the 500 reveals internals to the client: {leaked}; log them, send a generic detail"
