"""Acceptance check: each customer's pages hold only their own invoices, full and in order; the accountant sees
all; and the database, not Python, does the filtering (the check counts the rows the app reads).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fastapi.testclient import TestClient

from exercises import load_module

ADA, BOB, CY = 1, 2, 3
TOKENS = {"tok-ada": ADA, "tok-bob": BOB, "tok-cy": CY}


class Counted:
    """Counts rows the app pulls out of SQLite, through the connection's row factory."""

    def __init__(self) -> None:
        self.rows = 0

    def __call__(self, cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> sqlite3.Row:
        self.rows += 1
        return sqlite3.Row(cursor, row)


def setup(answer: Path) -> tuple[TestClient, sqlite3.Connection, Counted]:
    module: ModuleType = load_module(answer)
    db = module.create_database()
    # 2,000 invoices of other customers (Bob owns every tenth), then Ada's seven at the end of the table.
    rows = [(n, BOB if n % 10 == 0 else 100 + n % 50, 1_000 + n) for n in range(1, 2_001)]
    rows += [(n, ADA, 5_000 + n) for n in range(2_001, 2_008)]
    db.executemany("INSERT INTO invoices (id, owner_id, amount_cents) VALUES (?, ?, ?)", rows)
    db.commit()
    counter = Counted()
    db.row_factory = counter
    users = {
        "tok-ada": module.User(ADA, frozenset({"customer"})),
        "tok-bob": module.User(BOB, frozenset({"customer"})),
        "tok-cy": module.User(CY, frozenset({"accountant"})),
    }
    return TestClient(module.create_app(db, users)), db, counter


def page(api: TestClient, token: str, limit: int, after: int = 0) -> list[dict[str, Any]]:
    response = api.get(
        "/invoices", params={"limit": limit, "after": after}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200, response.text
    return response.json()


def every_page(api: TestClient, token: str, limit: int) -> list[int]:
    seen: list[int] = []
    after = 0
    for _ in range(1_000):
        items = page(api, token, limit, after)
        if not items:
            return seen
        seen += [item["id"] for item in items]
        after = items[-1]["id"]
    raise AssertionError("paging never ended")


def test_a_customer_sees_only_their_own_invoices(answer: Path) -> None:
    api, _, _ = setup(answer)
    first = page(api, "tok-ada", limit=5)
    owners = {item["owner_id"] for item in first}
    assert owners <= {ADA}, f"Ada's list shows invoices of customers {sorted(owners - {ADA})[:5]}"
    assert [item["id"] for item in first] == [2001, 2002, 2003, 2004, 2005], (
        "Ada's first page of 5 holds her first five invoices: filtering a page after fetching it leaves it empty"
    )


def test_paging_through_gives_each_own_invoice_once(answer: Path) -> None:
    api, _, _ = setup(answer)
    assert every_page(api, "tok-ada", limit=3) == list(range(2001, 2008))
    assert every_page(api, "tok-bob", limit=50) == list(range(10, 2001, 10))


@pytest.mark.starter_passes
def test_the_accountant_sees_every_invoice(answer: Path) -> None:
    api, _, _ = setup(answer)
    assert every_page(api, "tok-cy", limit=100) == list(range(1, 2008))


def test_the_database_does_the_filtering(answer: Path) -> None:
    api, _, counter = setup(answer)
    counter.rows = 0
    items = page(api, "tok-ada", limit=5)
    assert [item["owner_id"] for item in items] == [ADA] * 5, "a full page of Ada's own invoices"
    assert counter.rows <= 6, (
        f"one page of 5 read {counter.rows} rows from the database: scope the query by owner "
        "(WHERE owner_id = ?) instead of filtering rows in Python"
    )


@pytest.mark.starter_passes
def test_single_invoices_still_check_the_owner(answer: Path) -> None:
    api, _, _ = setup(answer)
    assert api.get("/invoices/2001", headers={"Authorization": "Bearer tok-bob"}).status_code == 404
    assert api.get("/invoices/2001", headers={"Authorization": "Bearer tok-ada"}).status_code == 200
    assert api.get("/invoices").status_code == 401
