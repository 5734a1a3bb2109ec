"""The per-client token bucket: headers on success, 429 with Retry-After when empty."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient


def test_success_carries_ratelimit_fields(client: TestClient, auth: dict) -> None:
    response = client.get("/v1/books", headers=auth)
    assert response.headers["ratelimit-policy"] == '"per-client";q=10;w=60'
    assert response.headers["ratelimit"] == '"per-client";r=9;t=60'


def test_eleventh_request_is_429_then_recovers(client: TestClient, auth: dict, clock) -> None:
    statuses = [client.get("/v1/books", headers=auth).status_code for _ in range(11)]
    assert statuses == [200] * 10 + [429]
    limited = client.get("/v1/books", headers=auth)
    assert limited.headers["content-type"] == "application/problem+json"
    assert limited.headers["retry-after"] == "6"  # 10 tokens per 60 s: one every 6 s
    assert limited.json()["type"] == "https://api.example.com/problems/rate-limited"
    clock.now += 6
    assert client.get("/v1/books", headers=auth).status_code == 200


def test_each_client_has_its_own_bucket(client: TestClient, auth: dict, token_for: Callable[..., str]) -> None:
    for _ in range(10):
        client.get("/v1/books", headers=auth)
    assert client.get("/v1/books", headers=auth).status_code == 429
    other = {"Authorization": f"Bearer {token_for('read-only')}"}
    assert client.get("/v1/books", headers=other).status_code == 200


def test_graphql_shares_the_same_budget(client: TestClient, auth: dict) -> None:
    for _ in range(10):
        client.post("/graphql", json={"query": "{ books { id } }"}, headers=auth)
    assert client.get("/v1/books", headers=auth).status_code == 429
