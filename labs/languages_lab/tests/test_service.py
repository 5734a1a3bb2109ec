"""Behaviour of the lab service through its HTTP interface."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from labs.languages_lab.service.app import create_app
from labs.languages_lab.service.repository import InMemoryItemRepository


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app())


def test_health(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok"}


def test_get_item_and_missing_item(client: TestClient) -> None:
    assert client.get("/items/2").json() == {"id": 2, "name": "Mouse", "price_cents": 1999}
    missing = client.get("/items/42")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    assert missing.json()["detail"] == "No item with id 42"


def test_create_item_returns_201_with_location(client: TestClient) -> None:
    created = client.post("/items", json={"name": "Monitor", "price_cents": 15900})
    assert created.status_code == 201
    assert created.headers["location"] == "/items/3"
    assert client.get("/items/3").json()["name"] == "Monitor"


@pytest.mark.parametrize(
    "payload", [{"name": "", "price_cents": 1}, {"name": "Cable", "price_cents": -5}, {"name": "Cable"}]
)
def test_invalid_payloads_are_problem_documents(client: TestClient, payload: dict[str, object]) -> None:
    response = client.post("/items", json=payload)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"]


def test_listing_is_paginated(client: TestClient) -> None:
    assert [item["id"] for item in client.get("/items", params={"limit": 1, "offset": 1}).json()] == [2]
    assert client.get("/items", params={"limit": 0}).status_code == 422


def test_an_empty_repository_can_be_injected() -> None:
    client = TestClient(create_app(InMemoryItemRepository()))
    assert client.get("/items").json() == []
    assert client.get("/items/1").status_code == 404
