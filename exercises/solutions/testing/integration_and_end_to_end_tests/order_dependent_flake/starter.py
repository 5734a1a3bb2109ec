"""A reference solution: a database file per test (tmp_path), data each test arranges for itself, ids taken from
responses instead of assumed, and the shared app's override removed even when a test fails."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from exercises.testing.integration_and_end_to_end_tests.order_dependent_flake.bank import app, connect, get_db


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    db_path = str(tmp_path / "bank.db")  # a new file per test: nothing to inherit, nothing to leave behind

    def test_db() -> Iterator[sqlite3.Connection]:
        conn = connect(db_path)
        try:
            yield conn
        finally:
            conn.close()

    app.dependency_overrides[get_db] = test_db
    try:
        with TestClient(app) as c:
            yield c
    finally:
        app.dependency_overrides.clear()


def open_account(client: TestClient, email: str, balance_cents: int = 0) -> int:
    response = client.post("/accounts", json={"email": email, "balance_cents": balance_cents})
    assert response.status_code == 201
    return int(response.json()["id"])


def balance(client: TestClient, account_id: int) -> int:
    return int(client.get(f"/accounts/{account_id}").json()["balance_cents"])


def test_open_and_read_account(client: TestClient) -> None:
    alice = open_account(client, "alice@example.com", 1000)
    assert client.get(f"/accounts/{alice}").json() == {"id": alice, "email": "alice@example.com", "balance_cents": 1000}


def test_duplicate_email_is_409(client: TestClient) -> None:
    open_account(client, "alice@example.com")
    assert client.post("/accounts", json={"email": "alice@example.com"}).status_code == 409


def test_transfer_moves_money(client: TestClient) -> None:
    alice, bob = open_account(client, "alice@example.com", 1000), open_account(client, "bob@example.com")
    moved = client.post("/transfers", json={"source": alice, "target": bob, "amount_cents": 250})
    assert moved.status_code == 204
    assert (balance(client, alice), balance(client, bob)) == (750, 250)


def test_overdraft_is_409_and_changes_nothing(client: TestClient) -> None:
    alice, bob = open_account(client, "alice@example.com", 100), open_account(client, "bob@example.com", 250)
    response = client.post("/transfers", json={"source": bob, "target": alice, "amount_cents": 5000})
    assert response.status_code == 409
    assert (balance(client, alice), balance(client, bob)) == (100, 250)


def test_unknown_account_is_404(client: TestClient) -> None:
    alice = open_account(client, "alice@example.com", 1000)
    assert client.post("/transfers", json={"source": alice, "target": alice + 1, "amount_cents": 1}).status_code == 404
    assert balance(client, alice) == 1000
