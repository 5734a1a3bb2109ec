"""Fixtures for the lab: an app with a controllable rate-limit clock and a helper to get tokens."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from labs.api_lab.main import Settings, create_app

CLIENTS = {
    "lab-client": ("s3cret-for-tests", "books:read books:write"),
    "read-only": ("another-s3cret", "books:read"),
}


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def client(clock: FakeClock) -> TestClient:
    return TestClient(create_app(Settings(clients=CLIENTS, rate_capacity=10, rate_per_seconds=60, rate_clock=clock)))


@pytest.fixture
def token_for(client: TestClient) -> Callable[..., str]:
    def get(client_id: str = "lab-client", scope: str = "") -> str:
        form = {
            "grant_type": "client_credentials",
            "client_id": client_id,
            "client_secret": CLIENTS[client_id][0],
            "scope": scope,
        }
        response = client.post("/oauth/token", data=form)
        assert response.status_code == 200, response.text
        return response.json()["access_token"]

    return get


@pytest.fixture
def auth(token_for: Callable[..., str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for()}"}
