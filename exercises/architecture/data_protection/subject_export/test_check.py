"""Acceptance check: the export holds every row of the subject in every table that refers to them, including a
table added after the code was written, as machine-readable JSON, and nothing about anyone else."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from exercises import load_module

ADA, BOB = 1, 2


def shop(module: ModuleType) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.executescript(module.SCHEMA)
    conn.executescript(
        """
        INSERT INTO users VALUES (1, 'Ada Lovelace', 'ada@example.com', '2025-01-03T10:00:00Z'),
                                 (2, 'Bob Byron', 'bob@example.com', '2025-02-11T09:30:00Z');
        INSERT INTO orders VALUES (10, 1, 4999, '12 Example Road, London', '2025-03-01T12:00:00Z'),
                                  (11, 2, 1500, '1 Other Street, Leeds', '2025-03-02T12:00:00Z'),
                                  (12, 1, 2500, '12 Example Road, London', '2025-04-01T12:00:00Z');
        INSERT INTO tickets VALUES (20, 1, 'My lamp arrived broken', '2025-03-05T08:00:00Z'),
                                   (21, 2, 'Where is my parcel?', '2025-03-06T08:00:00Z');
        INSERT INTO newsletter_consents VALUES (1, '2025-01-03T10:01:00Z', 'privacy-notice-v4');
        INSERT INTO products VALUES (1, 'Desk lamp', 2500);
        """
    )
    return conn


def everything_held(conn: sqlite3.Connection, user_id: int) -> dict[str, list[dict[str, Any]]]:
    """What the check knows is there, found independently of the answer."""
    held = {}
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        columns = [col[1] for col in conn.execute(f'PRAGMA table_info("{table}")')]
        key = "id" if table == "users" else "user_id"
        if key in columns:
            cursor = conn.execute(f'SELECT * FROM "{table}" WHERE {key} = ?', (user_id,))  # noqa: S608
            held[table] = [dict(zip(columns, row, strict=True)) for row in cursor]
    return held


def exported(module: ModuleType, conn: sqlite3.Connection, user_id: int) -> dict[str, list[dict[str, Any]]]:
    text = module.export_subject(conn, user_id)
    assert isinstance(text, str), "return the export as JSON text"
    return json.loads(text)


def missing(export: dict[str, list[dict[str, Any]]], held: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    return {
        table: len([row for row in rows if row not in export.get(table, [])]) for table, rows in held.items() if rows
    }


def test_the_export_holds_every_row_about_the_subject(answer: Path) -> None:
    module = load_module(answer)
    conn = shop(module)
    gaps = {table: n for table, n in missing(exported(module, conn, ADA), everything_held(conn, ADA)).items() if n}
    assert not gaps, f"rows about the subject missing from the export, by table: {gaps}"


def test_a_table_added_after_the_code_was_written_is_exported(answer: Path) -> None:
    module = load_module(answer)
    conn = shop(module)
    # Next quarter's migration, which nobody will remember to add to the export.
    conn.executescript(
        """
        CREATE TABLE login_events (user_id INTEGER NOT NULL, ip TEXT NOT NULL, at TEXT NOT NULL);
        INSERT INTO login_events VALUES (1, '203.0.113.7', '2025-05-01T07:00:00Z'),
                                        (2, '198.51.100.4', '2025-05-01T07:05:00Z');
        """
    )
    export = exported(module, conn, ADA)
    assert export.get("login_events") == [{"user_id": 1, "ip": "203.0.113.7", "at": "2025-05-01T07:00:00Z"}], (
        "a table created after export_subject was written is missing: find the subject's tables from the "
        "schema instead of listing them by hand"
    )


@pytest.mark.starter_passes
def test_nothing_about_anyone_else(answer: Path) -> None:
    module = load_module(answer)
    conn = shop(module)
    text = module.export_subject(conn, ADA)
    for trace in ("Bob", "bob@example.com", "Leeds", "Where is my parcel", "Desk lamp"):
        assert trace not in text, f"the export for Ada contains {trace!r}, which is not about her"


@pytest.mark.starter_passes
def test_the_export_is_json_with_one_key_per_table(answer: Path) -> None:
    module = load_module(answer)
    export = exported(module, shop(module), ADA)
    assert export["users"] == [
        {"id": 1, "name": "Ada Lovelace", "email": "ada@example.com", "created_at": "2025-01-03T10:00:00Z"}
    ]
    assert all(isinstance(rows, list) for rows in export.values())
