"""Acceptance check: PATCH changes exactly the fields sent, validates them, and never corrupts an item."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from exercises import load_module

KEYBOARD = {"id": 1, "name": "Keyboard", "price_cents": 4999}


def client(answer: Path) -> TestClient:
    # Server errors come back as 500 responses, as a partner would see them, rather than as exceptions.
    return TestClient(load_module(answer).create_app(), raise_server_exceptions=False)


def test_a_price_only_patch_keeps_the_name(answer: Path) -> None:
    api = client(answer)
    response = api.patch("/items/1", json={"price_cents": 1499})
    assert response.status_code == 200, f"a price-only PATCH answered {response.status_code}: {response.text}"
    assert response.json() == {"id": 1, "name": "Keyboard", "price_cents": 1499}
    assert api.get("/items/1").json() == response.json(), "GET must show what the PATCH answered"


def test_a_name_only_patch_keeps_the_price(answer: Path) -> None:
    api = client(answer)
    assert api.patch("/items/2", json={"name": "Trackball"}).status_code == 200
    assert api.get("/items/2").json() == {"id": 2, "name": "Trackball", "price_cents": 1999}


def test_an_empty_patch_changes_nothing(answer: Path) -> None:
    api = client(answer)
    response = api.patch("/items/1", json={})
    assert response.status_code == 200
    assert api.get("/items/1").json() == KEYBOARD


@pytest.mark.parametrize(
    ("body", "why"),
    [
        ({"price_cents": -100}, "a negative price"),
        ({"name": ""}, "an empty name"),
        ({"name": "x" * 101}, "a name longer than creation allows (100)"),
        ({"name": None}, "null for a field that cannot be removed"),
        ({"price_cents": None}, "null for a field that cannot be removed"),
        ({"price": 1499}, "a misspelt field, which would otherwise be a silent no-op"),
    ],
)
def test_an_invalid_patch_is_a_422_problem_and_changes_nothing(answer: Path, body: dict[str, object], why: str) -> None:
    api = client(answer)
    response = api.patch("/items/1", json=body)
    assert response.status_code == 422, f"{why} ({body}) answered {response.status_code}, expected 422"
    assert response.headers["content-type"] == "application/problem+json"
    assert api.get("/items/1").json() == KEYBOARD, f"{why} must leave the item as it was"


def test_an_unknown_item_is_a_404_problem(answer: Path) -> None:
    response = client(answer).patch("/items/999", json={"price_cents": 100})
    assert response.status_code == 404, f"PATCH on an unknown id answered {response.status_code}"
    assert response.headers["content-type"] == "application/problem+json"
    assert "999" in response.json()["detail"]


@pytest.mark.starter_passes
def test_a_full_patch_replaces_both_fields(answer: Path) -> None:
    api = client(answer)
    response = api.patch("/items/1", json={"name": "Split keyboard", "price_cents": 12900})
    assert response.json() == {"id": 1, "name": "Split keyboard", "price_cents": 12900}
