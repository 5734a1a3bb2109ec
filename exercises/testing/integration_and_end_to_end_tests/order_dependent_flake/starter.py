"""Exercise: the suite that passes only in one order.

Symptom: these end-to-end tests pass on every laptop. CI turned on pytest-randomly (random test order) and
pytest-xdist (tests spread over workers), and now they fail a few runs in ten; re-running one failed test on its
own fails too. Someone proposes retrying failed tests three times.

Diagnose: run the check (`make exercise ID=testing/integration_and_end_to_end_tests/order_dependent_flake`). It
runs the file in its own order, reversed, shuffled, one test at a time, and twice in a row in the same folder.
Look for what one test leaves behind that another one needs. Fix: make every test arrange its own data, on a
database of its own, and leave the shared app as it found it, without losing what the tests check (the check
also plants bugs in bank.py that the suite must still catch). Run just this file with `pytest <path of this file>`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from exercises.testing.integration_and_end_to_end_tests.order_dependent_flake.bank import app, connect, get_db


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db_path = str(tmp_path_factory.mktemp("bank") / "bank.db")  # created once: fast

    def test_db() -> Iterator[object]:
        conn = connect(db_path)
        try:
            yield conn
        finally:
            conn.close()

    app.dependency_overrides[get_db] = test_db
    with TestClient(app) as c:
        yield c


def test_open_account(client: TestClient) -> None:
    response = client.post("/accounts", json={"email": "alice@example.com", "balance_cents": 1000})
    assert response.status_code == 201
    assert response.json()["id"] == 1


def test_read_account(client: TestClient) -> None:
    assert client.get("/accounts/1").json()["email"] == "alice@example.com"


def test_duplicate_email_is_409(client: TestClient) -> None:
    assert client.post("/accounts", json={"email": "alice@example.com"}).status_code == 409


def test_transfer_moves_money(client: TestClient) -> None:
    assert client.post("/accounts", json={"email": "bob@example.com"}).status_code == 201
    moved = client.post("/transfers", json={"source": 1, "target": 2, "amount_cents": 250})
    assert moved.status_code == 204
    assert client.get("/accounts/1").json()["balance_cents"] == 750
    assert client.get("/accounts/2").json()["balance_cents"] == 250


def test_overdraft_is_409_and_changes_nothing(client: TestClient) -> None:
    response = client.post("/transfers", json={"source": 2, "target": 1, "amount_cents": 5000})
    assert response.status_code == 409
    assert client.get("/accounts/2").json()["balance_cents"] == 250


def test_unknown_account_is_404(client: TestClient) -> None:
    assert client.post("/transfers", json={"source": 1, "target": 99, "amount_cents": 1}).status_code == 404
