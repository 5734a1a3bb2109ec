"""Acceptance check: the view rebuilds the export exactly; every table is in BCNF under the business rules, has a
primary key, and references the tables whose keys it holds; a changed email is one row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from exercises import load_module
from exercises.databases.schema_design.support import COLUMNS, EXPORT, RULES, candidate_keys, normal_form


def built(answer: Path) -> sqlite3.Connection:
    module = load_module(answer)
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.executescript(module.SCHEMA)
    with conn:
        module.load(conn, EXPORT)
    return conn


def tables(conn: sqlite3.Connection) -> dict[str, dict[str, list]]:
    """Each table's columns, primary key columns and foreign keys (as column lists to the parent table)."""
    found: dict[str, dict[str, list]] = {}
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"):
        info = conn.execute(f'PRAGMA table_info("{name}")').fetchall()
        foreign: dict[tuple[str, int], list[str]] = {}
        for row in conn.execute(f'PRAGMA foreign_key_list("{name}")'):
            foreign.setdefault((row[2], row[0]), []).append(row[3])
        found[name] = {
            "columns": [row[1] for row in info],
            "key": [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5]],
            "references": [(parent, sorted(cols)) for (parent, _), cols in foreign.items()],
        }
    return found


def as_export(rows: list[tuple], columns: list[str]) -> list[dict[str, object]]:
    return sorted(
        (dict(zip(columns, row, strict=True)) for row in rows), key=lambda r: (r["order_id"], r["product_id"])
    )


@pytest.mark.starter_passes
def test_the_view_rebuilds_the_export_row_for_row(answer: Path) -> None:
    conn = built(answer)
    cursor = conn.execute("SELECT * FROM order_report")
    columns = [d[0] for d in cursor.description]
    assert set(columns) == COLUMNS, "order_report has the export's columns"
    expected = sorted(EXPORT, key=lambda r: (r["order_id"], r["product_id"]))
    assert as_export(cursor.fetchall(), columns) == expected


def test_every_table_is_in_bcnf(answer: Path) -> None:
    for name, table in tables(built(answer)).items():
        unknown = set(table["columns"]) - COLUMNS
        assert not unknown, f"{name}: keep the export's column names, so the check can follow them ({sorted(unknown)})"
        form = normal_form(frozenset(table["columns"]), RULES)
        assert form == "BCNF", f"{name} is only in {form}: a column depends on something that is not a key of {name}"


@pytest.mark.starter_passes
def test_every_table_has_a_primary_key_that_is_a_candidate_key(answer: Path) -> None:
    for name, table in tables(built(answer)).items():
        assert table["key"], f"{name} has no primary key"
        assert frozenset(table["key"]) in candidate_keys(frozenset(table["columns"]), RULES), (
            f"{name}'s primary key {table['key']} is not a minimal key of its columns"
        )


@pytest.mark.starter_passes
def test_a_table_that_holds_another_tables_key_references_it(answer: Path) -> None:
    found = tables(built(answer))
    for name, table in found.items():
        for parent, other in found.items():
            key = other["key"]
            if parent == name or not key or not set(key) <= set(table["columns"]) or set(key) == set(table["key"]):
                continue
            assert (parent, sorted(key)) in table["references"], f"{name}.{key} must be a foreign key to {parent}"


def test_a_new_email_address_is_one_row(answer: Path) -> None:
    conn = built(answer)
    holder = next(name for name, t in tables(conn).items() if "customer_email" in t["columns"])
    changed = conn.execute(
        f'UPDATE "{holder}" SET customer_email = ? WHERE customer_id = ?',  # noqa: S608 - a name from sqlite_master
        ("ada@example.org", 7),
    ).rowcount
    assert changed == 1, f"Ada's email is stored {changed} times: it is a fact about the customer, store it once"
    emails = {email for (email,) in conn.execute("SELECT customer_email FROM order_report WHERE customer_id = 7")}
    assert emails == {"ada@example.org"}
