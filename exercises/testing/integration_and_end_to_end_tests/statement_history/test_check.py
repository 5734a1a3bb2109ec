"""Acceptance check: statement lines and balances commit together, against a real SQLite file.

Through HTTP: a transfer that bounces (409, 404) leaves no line, a good one leaves one line on both statements.
Through the repository: when the line cannot be written (a trigger makes the insert fail), no money moves.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import ModuleType

import pytest
from fastapi.testclient import TestClient

from exercises import load_module


def bank(answer: Path, tmp_path: Path) -> tuple[ModuleType, TestClient, Path]:
    module = load_module(answer)
    db = tmp_path / "bank.db"
    return module, TestClient(module.create_app(str(db))), db


def open_account(client: TestClient, email: str, balance_cents: int) -> int:
    response = client.post("/accounts", json={"email": email, "balance_cents": balance_cents})
    assert response.status_code == 201
    return int(response.json()["id"])


def statement(client: TestClient, account_id: int) -> list[dict[str, int]]:
    response = client.get(f"/accounts/{account_id}/transfers")
    assert response.status_code == 200
    return list(response.json())


def balance(client: TestClient, account_id: int) -> int:
    return int(client.get(f"/accounts/{account_id}").json()["balance_cents"])


def test_a_bounced_transfer_leaves_no_statement_line(answer: Path, tmp_path: Path) -> None:
    _, client, _ = bank(answer, tmp_path)
    alice, bob = open_account(client, "alice@example.com", 100), open_account(client, "bob@example.com", 0)
    response = client.post("/transfers", json={"source": alice, "target": bob, "amount_cents": 500})
    assert response.status_code == 409
    assert (balance(client, alice), balance(client, bob)) == (100, 0)
    assert statement(client, alice) == [] and statement(client, bob) == [], (
        "a transfer that did not happen is on the statement: write the line in the transaction that moves the money"
    )


def test_a_transfer_to_an_unknown_account_leaves_no_statement_line(answer: Path, tmp_path: Path) -> None:
    _, client, _ = bank(answer, tmp_path)
    alice = open_account(client, "alice@example.com", 1000)
    response = client.post("/transfers", json={"source": alice, "target": 999, "amount_cents": 300})
    assert response.status_code == 404
    assert balance(client, alice) == 1000
    assert statement(client, alice) == [], "a transfer to no one is on the sender's statement"


@pytest.mark.starter_passes
def test_good_transfers_appear_once_on_both_statements_in_order(answer: Path, tmp_path: Path) -> None:
    _, client, db = bank(answer, tmp_path)
    alice, bob = open_account(client, "alice@example.com", 1000), open_account(client, "bob@example.com", 0)
    for amount in (250, 100):
        assert (
            client.post("/transfers", json={"source": alice, "target": bob, "amount_cents": amount}).status_code == 204
        )
    lines = [(line["source"], line["target"], line["amount_cents"]) for line in statement(client, alice)]
    assert lines == [(alice, bob, 250), (alice, bob, 100)]
    assert statement(client, bob) == statement(client, alice)
    with sqlite3.connect(db) as other:  # committed, not just visible to the connection that wrote it
        assert other.execute("SELECT count(*) FROM transfers").fetchone() == (2,)


@pytest.mark.starter_passes
def test_when_the_line_cannot_be_written_no_money_moves(answer: Path, tmp_path: Path) -> None:
    module, client, db = bank(answer, tmp_path)
    alice, bob = open_account(client, "alice@example.com", 1000), open_account(client, "bob@example.com", 0)
    with sqlite3.connect(db) as admin:  # a fault injected where the code cannot see it: the line's insert fails
        admin.execute(
            "CREATE TRIGGER no_thirteen BEFORE INSERT ON transfers WHEN NEW.amount_cents = 13 "
            "BEGIN SELECT RAISE(ABORT, 'statement line refused'); END"
        )
    repo = module.AccountRepository(module.connect(str(db)))
    with pytest.raises(Exception):  # noqa: B017 - which exception the fault surfaces as is the code's choice
        repo.transfer(alice, bob, 13)
    assert (balance(client, alice), balance(client, bob)) == (1000, 0), (
        "the line was refused but the money moved: the line and the balances must commit together"
    )
