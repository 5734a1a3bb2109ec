"""End-to-end through HTTP: real app, real routing and validation, real database file; nothing mocked inside."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from examples.testing.integration.api import app, get_db
from examples.testing.integration.repository import connect


# --8<-- [start:client]
@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    db_path = str(tmp_path / "e2e.db")

    def test_db() -> Iterator[sqlite3.Connection]:
        conn = connect(db_path)
        try:
            yield conn
        finally:
            conn.close()

    app.dependency_overrides[get_db] = test_db  # swap only the database location, nothing else
    try:
        with TestClient(app) as c:
            yield c
    finally:
        app.dependency_overrides.clear()  # the app is shared by every test: leave it as found


# --8<-- [end:client]


# --8<-- [start:journey]
def test_open_two_accounts_and_move_money(client: TestClient) -> None:
    alice = client.post("/accounts", json={"email": "alice@example.com", "balance_cents": 1000}).json()
    bob = client.post("/accounts", json={"email": "bob@example.com"}).json()

    moved = client.post("/transfers", json={"source": alice["id"], "target": bob["id"], "amount_cents": 250})
    assert moved.status_code == 204

    assert client.get(f"/accounts/{alice['id']}").json()["balance_cents"] == 750
    assert client.get(f"/accounts/{bob['id']}").json()["balance_cents"] == 250


def test_overdraft_is_a_409_and_changes_nothing(client: TestClient) -> None:
    alice = client.post("/accounts", json={"email": "alice@example.com", "balance_cents": 100}).json()
    bob = client.post("/accounts", json={"email": "bob@example.com"}).json()
    response = client.post("/transfers", json={"source": alice["id"], "target": bob["id"], "amount_cents": 500})
    assert response.status_code == 409
    assert client.get(f"/accounts/{bob['id']}").json()["balance_cents"] == 0


# --8<-- [end:journey]


def test_duplicate_email_is_409(client: TestClient) -> None:
    assert client.post("/accounts", json={"email": "a@example.com"}).status_code == 201
    assert client.post("/accounts", json={"email": "a@example.com"}).status_code == 409


def test_validation_and_not_found(client: TestClient) -> None:
    assert client.post("/accounts", json={"balance_cents": 5}).status_code == 422
    assert client.get("/accounts/999").status_code == 404
    assert client.post("/transfers", json={"source": 1, "target": 2, "amount_cents": -1}).status_code == 422


def test_a_negative_opening_balance_is_a_422_not_a_duplicate(client: TestClient) -> None:
    response = client.post("/accounts", json={"email": "a@example.com", "balance_cents": -5})
    assert response.status_code == 422


def test_a_transfer_to_an_unknown_account_is_a_404_and_moves_nothing(client: TestClient) -> None:
    alice = client.post("/accounts", json={"email": "alice@example.com", "balance_cents": 1000}).json()
    response = client.post("/transfers", json={"source": alice["id"], "target": 999, "amount_cents": 300})
    assert response.status_code == 404
    assert client.get(f"/accounts/{alice['id']}").json()["balance_cents"] == 1000
