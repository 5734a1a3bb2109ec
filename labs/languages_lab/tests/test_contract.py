"""The cross-language contract. By default it runs against the Python service in-process; set LAB_BASE_URL
(for example http://127.0.0.1:8080) to run the same checks against your port in another language."""

from __future__ import annotations

import os
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from labs.languages_lab.service.app import create_app


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    base_url = os.environ.get("LAB_BASE_URL")
    if base_url:
        with httpx.Client(base_url=base_url, timeout=5.0) as client:
            yield client
    else:
        with TestClient(create_app()) as client:
            yield client


def test_contract_health(http: httpx.Client) -> None:
    response = http.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_contract_known_item(http: httpx.Client) -> None:
    response = http.get("/items/1")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {"id": 1, "name": "Keyboard", "price_cents": 4999}


def test_contract_unknown_item_is_problem_details(http: httpx.Client) -> None:
    response = http.get("/items/999")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert (body["status"], body["title"]) == (404, "Not Found")
    assert "999" in body["detail"]
