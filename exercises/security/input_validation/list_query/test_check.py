"""Acceptance check: sort and limit are allow-listed (422 for anything else, before any SQL runs), and valid
requests still sort and page as asked.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from exercises import load_module


def setup(answer: Path) -> tuple[TestClient, list[str]]:
    module = load_module(answer)
    db: sqlite3.Connection = module.create_database()
    people = [(f"user{n:03}", f"2026-{1 + n % 12:02}-{1 + n % 28:02}", f"$argon2id${n:04}") for n in range(150)]
    db.executemany("INSERT INTO users (name, created, password_hash) VALUES (?, ?, ?)", people)
    statements: list[str] = []
    db.set_trace_callback(statements.append)  # every SQL statement the app runs from here on
    return TestClient(module.create_app(db)), statements


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=-1",
        "limit=101",
        "limit=5000000",
        "sort=password_hash",
        "sort=id",
        "sort=name%20DESC",
        "sort=(CASE%20WHEN%201=1%20THEN%20name%20ELSE%20created%20END)",
    ],
)
def test_values_outside_the_allow_list_are_422_before_any_query(answer: Path, query: str) -> None:
    api, statements = setup(answer)
    response = api.get(f"/users?{query}")
    assert response.status_code == 422, f"?{query} must be refused with 422, got {response.status_code}"
    assert statements == [], f"?{query} reached the database: {statements}"


@pytest.mark.starter_passes
def test_sort_by_created_and_limits_work(answer: Path) -> None:
    api, _ = setup(answer)
    rows = api.get("/users?sort=created&limit=100").json()
    assert len(rows) == 100
    assert [row["created"] for row in rows] == sorted(row["created"] for row in rows)
    assert len(api.get("/users?limit=1").json()) == 1
    assert all("password_hash" not in row for row in rows)


@pytest.mark.starter_passes
def test_the_defaults_are_name_and_20(answer: Path) -> None:
    api, _ = setup(answer)
    rows = api.get("/users").json()
    assert [row["name"] for row in rows] == [f"user{n:03}" for n in range(20)]
    assert api.get("/users?limit=ten").status_code == 422
