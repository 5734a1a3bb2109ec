"""Acceptance check: the answer's test passes for the parameterized lookup and fails for each broken one: the
string-built lookup, a string-built lookup that returns at most one row, one that double-escapes quotes before
binding, and one that finds nothing at all."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from examples.security.sql_injection import fixed, vulnerable
from exercises import load_module

Lookup = Callable[[sqlite3.Connection, str], list[tuple]]


def injectable_one_row(conn: sqlite3.Connection, email: str) -> list[tuple]:
    """String-built like the vulnerable lookup, but LIMIT 1: an always-true payload leaks one user, not all."""
    return conn.execute(f"SELECT id, email FROM users WHERE email = '{email}' LIMIT 1").fetchall()  # noqa: S608


def double_escaped(conn: sqlite3.Connection, email: str) -> list[tuple]:
    """Bound, but "hardened" by doubling quotes first: o'brien is searched for as o''brien."""
    return conn.execute("SELECT id, email FROM users WHERE email = ?", (email.replace("'", "''"),)).fetchall()


def finds_nothing(conn: sqlite3.Connection, email: str) -> list[tuple]:
    """Injection-proof in the laziest way: it never returns anyone."""
    return []


def verdict(answer: Path, find_user: Lookup) -> Exception | None:
    """What the answer's test did with this lookup: the exception it raised, or None if it passed."""
    try:
        load_module(answer).check_find_user(find_user)
    except Exception as failure:  # an assertion, or an error the broken lookup caused: both fail it
        return failure
    return None


@pytest.mark.starter_passes
def test_it_passes_for_the_parameterized_lookup(answer: Path) -> None:
    failure = verdict(answer, fixed.find_user)
    assert failure is None, f"the test fails a sound lookup: {failure!r}"


BROKEN: dict[str, tuple[Lookup, str]] = {
    "string-built": (vulnerable.find_user, "the lesson's vulnerable lookup, an f-string"),
    "string-built, LIMIT 1": (injectable_one_row, injectable_one_row.__doc__ or ""),
    "double-escaped": (double_escaped, double_escaped.__doc__ or ""),
}


@pytest.mark.parametrize("name", BROKEN)
def test_it_fails_for_a_broken_lookup(answer: Path, name: str) -> None:
    broken, why = BROKEN[name]
    assert verdict(answer, broken) is not None, f"your test passed a broken lookup ({name}): {why}"


@pytest.mark.starter_passes
def test_it_fails_for_a_lookup_that_finds_nobody(answer: Path) -> None:
    assert verdict(answer, finds_nothing) is not None, "a lookup that never returns a row is not a fix"
