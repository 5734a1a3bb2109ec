"""Acceptance check: the bulk delete removes exactly the ticked products, an injected id removes nothing, and no
id the caller sends is ever part of the SQL text."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from exercises import load_module
from exercises.security.sql_injection.support import RecordingConnection, shop

# Ids with digits no SQL keyword or placeholder contains, so finding one in the SQL text means it was pasted in.
PRODUCTS = [(48213, "Desk lamp", 2500), (48219, "Desk", 19900), (90417, "Chair", 8900), (90433, "Shelf", 4900)]


def catalog() -> RecordingConnection:
    return RecordingConnection(shop(users=[], products=PRODUCTS))


def remaining(conn: RecordingConnection | sqlite3.Connection) -> set[int]:
    return {row[0] for row in conn.execute("SELECT id FROM products")}


def delete(answer: Path, conn: RecordingConnection, ids: list[str]) -> int | None:
    """Run the answer; rejecting a malformed id with ValueError is a fine answer too (None)."""
    try:
        return load_module(answer).delete_products(conn, ids)
    except ValueError:
        return None


@pytest.mark.starter_passes
def test_the_ticked_products_are_deleted(answer: Path) -> None:
    conn = catalog()
    assert delete(answer, conn, ["48219", "90417"]) == 2
    assert remaining(conn) == {48213, 90433}


@pytest.mark.parametrize(
    "payload", ["1) OR (1=1", "0) OR id IN (SELECT id FROM products", "48213, 48219, 90417, 90433"]
)
def test_an_injected_id_deletes_nothing_else(answer: Path, payload: str) -> None:
    conn = catalog()
    try:
        delete(answer, conn, [payload])
    except sqlite3.Error as error:
        pytest.fail(f"{payload!r} reached the SQL parser ({error}): it was pasted into the statement")
    assert remaining(conn) == {p[0] for p in PRODUCTS}, f"ids={payload!r} deleted {4 - len(remaining(conn))} rows"


def test_no_id_is_part_of_the_sql_text(answer: Path) -> None:
    conn = catalog()
    delete(answer, conn, ["48213", "90433"])
    pasted = conn.recorder.saw("48213") + conn.recorder.saw("90433")
    assert pasted == [], (
        f"the ids were formatted into {pasted}: checking that they are digits first still leaves the query "
        "built from input; send them as bound parameters, one generated placeholder each"
    )
    assert remaining(conn) == {48219, 90417}


@pytest.mark.starter_passes
def test_nothing_ticked_deletes_nothing(answer: Path) -> None:
    conn = catalog()
    assert delete(answer, conn, []) == 0
    assert len(remaining(conn)) == 4
