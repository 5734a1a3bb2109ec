"""The gateway routes, offloads authentication, limits per consumer, aggregates and times out."""

from __future__ import annotations

import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from examples.apis.api_styles.gateway import Route, create_gateway, orders_service, users_service
from examples.apis.rate_limiting.algorithms import TokenBucket

KEYS = {"key-alice": "alice", "key-bob": "bob"}


def gateway(capacity: int = 10, orders_delay: float = 0.0, timeout: float = 2.0) -> TestClient:
    routes = [
        Route("/v1/users", users_service(), "/users"),
        Route("/v1/orders", orders_service(orders_delay), "/orders"),
    ]
    limiter = TokenBucket(capacity=capacity, rate=0.001, clock=lambda: 0.0)  # time frozen: no refill
    return TestClient(create_gateway(routes, KEYS.get, limiter, upstream_timeout=timeout))


ALICE = {"Authorization": "Bearer key-alice"}


# --8<-- [start:tests]
def test_routes_by_prefix_and_upstreams_see_the_consumer_not_the_key() -> None:
    client = gateway()
    response = client.get("/v1/orders?limit=2", headers=ALICE | {"X-Consumer-Id": "admin"})  # spoof attempt
    assert response.status_code == 200
    assert [item["customer"] for item in response.json()["items"]] == ["alice", "alice"]
    assert response.headers["x-request-id"] == response.json()["request_id"]
    assert client.get("/v1/users/me", headers=ALICE).json() == {"id": "alice", "plan": "pro"}


def test_no_key_no_entry_and_unknown_paths_are_404() -> None:
    client = gateway()
    missing = client.get("/v1/orders")
    assert missing.status_code == 401 and missing.headers["www-authenticate"].startswith("Bearer")
    assert client.get("/v1/orders", headers={"Authorization": "Bearer stolen?"}).status_code == 401
    assert client.get("/v2/anything", headers=ALICE).status_code == 404


def test_rate_limit_is_per_consumer() -> None:
    client = gateway(capacity=2)
    codes = [client.get("/v1/orders", headers=ALICE).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert client.get("/v1/orders", headers={"Authorization": "Bearer key-bob"}).status_code == 200


def test_aggregation_combines_two_services_in_one_response() -> None:
    body = gateway().get("/v1/me/dashboard", headers=ALICE).json()
    assert body["profile"]["id"] == "alice" and len(body["recent_orders"]) == 3


# --8<-- [end:tests]


@pytest.mark.parametrize("path", ["/v1/orders", "/v1/me/dashboard"])
def test_a_slow_upstream_becomes_504(path: str) -> None:
    response = gateway(orders_delay=0.5, timeout=0.1).get(path, headers=ALICE)
    assert response.status_code == 504
    assert response.headers["content-type"] == "application/problem+json"


def test_a_prefix_does_not_match_a_longer_segment() -> None:
    assert gateway().get("/v1/ordersx", headers=ALICE).status_code == 404


def test_hop_by_hop_fields_and_the_credential_stop_at_the_gateway() -> None:
    echo = FastAPI()

    @echo.get("/echo")
    def headers(request: Request) -> dict[str, str]:
        return dict(request.headers)

    routes = [Route("/v1/echo", echo, "/echo")]
    limiter = TokenBucket(capacity=10, rate=0.001, clock=lambda: 0.0)
    client = TestClient(create_gateway(routes, KEYS.get, limiter))
    sent = ALICE | {"Connection": "keep-alive, X-Debug-Token", "X-Debug-Token": "secret", "X-Kept": "yes"}
    seen = client.get("/v1/echo", headers=sent).json()
    assert "x-debug-token" not in seen, "a field named in Connection is hop-by-hop and must not be forwarded"
    assert "authorization" not in seen and seen["x-consumer-id"] == "alice" and seen["x-kept"] == "yes"
