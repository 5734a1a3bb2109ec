"""Acceptance check: one journey on both engines. A duplicate sign-up is a 409 on PostgreSQL as on SQLite, the
service keeps serving afterwards, no connection is left idle in a transaction, and both stores raise the same
exception of the application's own."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import psycopg
import pytest
from fastapi.testclient import TestClient

from exercises import load_module


def client_on_postgres(module: ModuleType, url: str) -> TestClient:
    # raise_server_exceptions=False: see the 500 a customer would see, not the traceback behind it
    return TestClient(module.create_app(module.open_postgres(url)), raise_server_exceptions=False)


def sign_up_twice(client: TestClient) -> tuple[int, int]:
    first = client.post("/accounts", json={"email": "ada@example.com"})
    assert first.status_code == 201
    second = client.post("/accounts", json={"email": "ADA@example.com"})  # the same email, other case
    return int(first.json()["id"]), second.status_code


@pytest.mark.postgres
def test_postgres_answers_a_duplicate_with_409(answer: Path, postgres_url: str) -> None:
    _, status = sign_up_twice(client_on_postgres(load_module(answer), postgres_url))
    assert status == 409, f"a duplicate sign-up on PostgreSQL got {status}: the API only knows SQLite's exception"


@pytest.mark.postgres
def test_postgres_keeps_serving_after_a_duplicate(answer: Path, postgres_url: str) -> None:
    client = client_on_postgres(load_module(answer), postgres_url)
    first, _ = sign_up_twice(client)
    read = client.get(f"/accounts/{first}")
    assert read.status_code == 200, "after the failed INSERT the connection is stuck in an aborted transaction"
    assert client.post("/accounts", json={"email": "grace@example.com"}).status_code == 201


@pytest.mark.postgres
def test_postgres_leaves_no_transaction_open(answer: Path, postgres_url: str) -> None:
    client = client_on_postgres(load_module(answer), postgres_url)
    first, _ = sign_up_twice(client)
    client.get(f"/accounts/{first}")
    with psycopg.connect(postgres_url, autocommit=True) as observer:
        states = observer.execute(
            "SELECT state FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    assert states, "the service's connection should be open"
    assert {state for (state,) in states} == {"idle"}, (
        f"the service's connection is {states}: a transaction left open holds locks and blocks vacuum"
    )


@pytest.mark.postgres
def test_both_stores_raise_duplicate_email(answer: Path, postgres_url: str, tmp_path: Path) -> None:
    module = load_module(answer)
    duplicate = getattr(module, "DuplicateEmail", None)
    assert isinstance(duplicate, type), "define DuplicateEmail, the exception both stores raise for a duplicate"
    for store in (module.open_sqlite(str(tmp_path / "accounts.db")), module.open_postgres(postgres_url)):
        store.open("ada@example.com")
        with pytest.raises(duplicate):
            store.open("Ada@Example.com")


@pytest.mark.starter_passes
def test_sqlite_still_answers_a_duplicate_with_409(answer: Path, tmp_path: Path) -> None:
    module = load_module(answer)
    client = TestClient(module.create_app(module.open_sqlite(str(tmp_path / "accounts.db"))))
    first, status = sign_up_twice(client)
    assert status == 409
    assert client.get(f"/accounts/{first}").status_code == 200
