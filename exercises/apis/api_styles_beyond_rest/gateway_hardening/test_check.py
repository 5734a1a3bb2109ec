"""Acceptance check: a consumer without a route's scope gets 403 and a body over 1 MiB gets 413, with or without a
Content-Length, and in both cases nothing reaches the service; everything else still passes through."""

# No `from __future__ import annotations`: FastAPI must resolve the local upstream's Request annotation.
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from examples.apis.rate_limiting.algorithms import TokenBucket
from exercises import load_module

MIB = 1024 * 1024


class Upstream:
    """A service behind the gateway that counts the requests and body bytes it receives."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []
        self.app = FastAPI()

        @self.app.api_route("/{path:path}", methods=["GET", "POST"])
        async def anything(request: Request, path: str) -> dict[str, Any]:
            body = await request.body()
            self.calls.append((request.method, len(body)))
            return {"path": path, "consumer": request.headers.get("x-consumer-id"), "received": len(body)}


def setup(answer: Path) -> tuple[TestClient, Upstream, Upstream]:
    module = load_module(answer)
    orders, users = Upstream(), Upstream()
    routes = [
        module.Route("/v1/orders", orders.app, "/orders", scope="orders:read"),
        module.Route("/v1/users", users.app, "/users"),
    ]
    keys = {
        "key-alice": module.Consumer("alice", frozenset({"orders:read", "users:read"})),
        "key-partner": module.Consumer("partner", frozenset({"users:read"})),
    }
    limiter = TokenBucket(capacity=100, rate=0.001, clock=lambda: 0.0)
    return TestClient(module.create_gateway(routes, keys.get, limiter)), orders, users


ALICE = {"Authorization": "Bearer key-alice"}
PARTNER = {"Authorization": "Bearer key-partner"}


def test_a_consumer_without_the_routes_scope_gets_403(answer: Path) -> None:
    client, orders, _ = setup(answer)
    refused = client.get("/v1/orders", headers=PARTNER)
    assert refused.status_code == 403, "the partner's key has no orders:read scope"
    assert refused.headers["content-type"] == "application/problem+json"
    assert orders.calls == [], "a refused request must not reach the service"


def test_an_oversized_body_is_refused_before_forwarding(answer: Path) -> None:
    client, orders, _ = setup(answer)
    response = client.post("/v1/orders", headers=ALICE, content=b"x" * (MIB + 1))
    assert response.status_code == 413 and response.headers["content-type"] == "application/problem+json"
    assert orders.calls == []


def test_a_chunked_body_without_content_length_is_limited_too(answer: Path) -> None:
    client, orders, _ = setup(answer)

    def chunks() -> Any:
        for _ in range(32):
            yield b"y" * 65_536  # 2 MiB in all, and no Content-Length header

    response = client.post("/v1/orders", headers=ALICE, content=chunks())
    assert response.status_code == 413, "counting only the Content-Length header lets chunked bodies through"
    assert orders.calls == []


@pytest.mark.starter_passes
def test_allowed_requests_still_pass_through(answer: Path) -> None:
    client, orders, users = setup(answer)
    assert client.post("/v1/orders", headers=ALICE, content=b"z" * MIB).json()["received"] == MIB
    assert client.get("/v1/orders", headers=ALICE).json()["consumer"] == "alice"
    assert client.get("/v1/users/me", headers=PARTNER).status_code == 200, "no scope needed on /v1/users"
    assert client.get("/v1/orders").status_code == 401, "no key is still 401, not 403"
    assert [method for method, _ in orders.calls] == ["POST", "GET"] and len(users.calls) == 1
